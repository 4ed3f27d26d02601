package attributevalue

// A StringSet is a DynamoDB string set (SS): Marshal writes it as one, and
// Unmarshal into an interface gives one for an SS value, as boto3 gives a
// Python set. Order carries no meaning; DynamoDB refuses an empty set and
// duplicates, and so does Marshal (a nil StringSet is NULL).
type StringSet []string

// A NumberSet is a DynamoDB number set (NS), as StringSet is a string set.
type NumberSet []Number

// A BinarySet is a DynamoDB binary set (BS), as StringSet is a string set.
type BinarySet [][]byte
