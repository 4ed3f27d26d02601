package pipeline

// Signer returns the signer c signs with.
var Signer = func(c *Client) any { return c.signer }
