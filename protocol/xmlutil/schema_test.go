package xmlutil_test

import (
	"reflect"
	"time"

	"github.com/goto3/goto3/protocol"
)

// Hand-built shapes shaped like S3's ListObjectsV2Output.

type owner struct {
	DisplayName *string
	ID          *string
}

type storageClass string

type object struct {
	Key          *string
	LastModified *time.Time
	ETag         *string
	Size         *int64
	StorageClass *storageClass
	Owner        *owner
}

type commonPrefix struct {
	Prefix *string
}

type listOutput struct {
	IsTruncated    *bool
	Contents       []object
	Name           *string
	Prefix         *string
	MaxKeys        *int32
	CommonPrefixes []commonPrefix
	KeyCount       *int32
	Tags           map[string]string
	Flat           map[string]string
	Wrapped        []string
	Data           []byte
	Ratio          *float64
	ResultMetadata protocol.ResponseMetadata
}

var (
	strShape  = &protocol.Shape{Name: "String", Type: protocol.TypeString}
	tsShape   = &protocol.Shape{Name: "Timestamp", Type: protocol.TypeTimestamp}
	longShape = &protocol.Shape{Name: "Long", Type: protocol.TypeLong}
	intShape  = &protocol.Shape{Name: "Integer", Type: protocol.TypeInteger}
	boolShape = &protocol.Shape{Name: "Boolean", Type: protocol.TypeBoolean}
	blobShape = &protocol.Shape{Name: "Blob", Type: protocol.TypeBlob}
	dblShape  = &protocol.Shape{Name: "Double", Type: protocol.TypeDouble}

	ownerShape = &protocol.Shape{Name: "Owner", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeOf(owner{}),
		Members: []protocol.Member{
			{Name: "DisplayName", Field: 0, Shape: strShape},
			{Name: "ID", Field: 1, Shape: strShape},
		}}
	objectShape = &protocol.Shape{Name: "Object", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeOf(object{}),
		Members: []protocol.Member{
			{Name: "Key", Field: 0, Shape: strShape},
			{Name: "LastModified", Field: 1, Shape: tsShape},
			{Name: "ETag", Field: 2, Shape: strShape},
			{Name: "Size", Field: 3, Shape: longShape},
			{Name: "StorageClass", Field: 4, Shape: strShape},
			{Name: "Owner", Field: 5, Shape: ownerShape},
		}}
	objectList = &protocol.Shape{Name: "ObjectList", Type: protocol.TypeList, Flattened: true,
		Member: &protocol.Member{Field: -1, Shape: objectShape}}
	cpShape = &protocol.Shape{Name: "CommonPrefix", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeOf(commonPrefix{}),
		Members: []protocol.Member{{Name: "Prefix", Field: 0, Shape: strShape}}}
	cpList = &protocol.Shape{Name: "CommonPrefixList", Type: protocol.TypeList, Flattened: true,
		Member: &protocol.Member{Field: -1, Shape: cpShape}}
	tagMap = &protocol.Shape{Name: "TagMap", Type: protocol.TypeMap,
		Key:   &protocol.Member{Field: -1, Shape: strShape, LocationName: "K"},
		Value: &protocol.Member{Field: -1, Shape: strShape, LocationName: "V"}}
	flatMap = &protocol.Shape{Name: "FlatMap", Type: protocol.TypeMap, Flattened: true,
		Key:   &protocol.Member{Field: -1, Shape: strShape},
		Value: &protocol.Member{Field: -1, Shape: strShape}}
	wrappedList = &protocol.Shape{Name: "Wrapped", Type: protocol.TypeList,
		Member: &protocol.Member{Field: -1, Shape: strShape, LocationName: "Item"}}

	listOutputShape = &protocol.Shape{Name: "ListObjectsV2Output", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeOf(listOutput{}),
		Members: []protocol.Member{
			{Name: "IsTruncated", Field: 0, Shape: boolShape},
			{Name: "Contents", Field: 1, Shape: objectList},
			{Name: "Name", Field: 2, Shape: strShape},
			{Name: "Prefix", Field: 3, Shape: strShape},
			{Name: "MaxKeys", Field: 4, Shape: intShape},
			{Name: "CommonPrefixes", Field: 5, Shape: cpList},
			{Name: "KeyCount", Field: 6, Shape: intShape},
			{Name: "Tags", Field: 7, Shape: tagMap},
			{Name: "Flat", Field: 8, Shape: flatMap},
			{Name: "Wrapped", Field: 9, Shape: wrappedList},
			{Name: "Data", Field: 10, Shape: blobShape},
			{Name: "Ratio", Field: 11, Shape: dblShape},
		}}
)
