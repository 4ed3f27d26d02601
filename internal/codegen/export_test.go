package codegen

// Internal helpers reached by the external tests.
var (
	ExportedName  = exportedName
	EnumValueName = enumValueName
	StripBucket   = stripBucket
)
