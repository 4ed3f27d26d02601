package bedrock

// AuthSchemes are the auth schemes the customizations know the model lists.
var AuthSchemes = authSchemes
