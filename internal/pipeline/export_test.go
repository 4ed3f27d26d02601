package pipeline

// Signer returns the signer c signs with.
var Signer = func(c *Client) any { return c.signer }

// ValidateStruct and Checked are the required-member checks (validate.go).
var (
	ValidateStruct = validateStruct
	Checked        = checked
)
