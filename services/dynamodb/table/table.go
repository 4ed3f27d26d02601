package table

import (
	"context"
	"errors"
	"fmt"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/services/dynamodb/attributevalue"
	"github.com/goto3/goto3/services/dynamodb/expr"
)

// A Table is one DynamoDB table, reached through a client: boto3's
// dynamodb.Table(name). It holds no state of the table; every method is a
// call. A Table is safe for concurrent use.
type Table struct {
	client *dynamodb.Client
	name   string
	optFns []func(*dynamodb.Options)
}

// New returns the table name (a name or an ARN) reached through client;
// optFns apply to every call it makes, after the client's options.
func New(client *dynamodb.Client, name string, optFns ...func(*dynamodb.Options)) *Table {
	return &Table{client: client, name: name, optFns: optFns}
}

// Name returns the table's name, as given to New.
func (t *Table) Name() string { return t.name }

// Client returns the client the table's calls go through.
func (t *Table) Client() *dynamodb.Client { return t.client }

// An Error is a call of a Table refused before anything was sent: a value
// that does not marshal, an expression that cannot be written, an option
// out of range.
type Error struct {
	Op  string // "PutItem", "Query", ...
	Err error
}

func (e *Error) Error() string { return "table: " + e.Op + ": " + e.Err.Error() }

// Unwrap returns Err.
func (e *Error) Unwrap() error { return e.Err }

// stubbed reports whether the table's calls go to a stubber (which sees
// the inputs: they must hold the items).
func (t *Table) stubbed() bool {
	o := t.client.Options()
	for _, f := range t.optFns {
		f(&o)
	}
	return o.Stubber != nil
}

// check refuses a Table that cannot make a call.
func (t *Table) check(op string) error {
	if t == nil || t.client == nil {
		return &Error{op, errors.New("a Table without a client (use New)")}
	}
	if t.name == "" {
		return &Error{op, errors.New("a Table without a name")}
	}
	return nil
}

// PutOptions are the optional parts of PutItem.
type PutOptions struct {
	// Condition must hold for the put to happen (ConditionExpression); a
	// failed one is a *dynamodb.ConditionalCheckFailedException.
	Condition expr.Condition
	// ReturnValues is NONE (the default) or ALL_OLD: the item the put
	// replaced, in the output's Attributes.
	ReturnValues dynamodb.ReturnValue
	// ReturnValuesOnConditionCheckFailure ALL_OLD puts the item into a
	// ConditionalCheckFailedException's Item.
	ReturnValuesOnConditionCheckFailure dynamodb.ReturnValuesOnConditionCheckFailure
	ReturnConsumedCapacity              dynamodb.ReturnConsumedCapacity
	ReturnItemCollectionMetrics         dynamodb.ReturnItemCollectionMetrics
}

// PutItem writes item, a struct or a map marshalled with
// attributevalue.MarshalMap, replacing any item with its key (boto3's
// put_item). The output's Attributes hold what ReturnValues asked for;
// attributevalue.UnmarshalMap reads them.
func (t *Table) PutItem(ctx context.Context, item any, opts *PutOptions) (*dynamodb.PutItemOutput, error) {
	const op = "PutItem"
	if err := t.check(op); err != nil {
		return nil, err
	}
	if opts == nil {
		opts = &PutOptions{}
	}
	av, err := marshalItem(item, "item")
	if err != nil {
		return nil, &Error{op, err}
	}
	in := &dynamodb.PutItemInput{
		TableName:                           t.name,
		Item:                                av,
		ReturnValues:                        optEnum(opts.ReturnValues),
		ReturnValuesOnConditionCheckFailure: optEnum(opts.ReturnValuesOnConditionCheckFailure),
		ReturnConsumedCapacity:              optEnum(opts.ReturnConsumedCapacity),
		ReturnItemCollectionMetrics:         optEnum(opts.ReturnItemCollectionMetrics),
	}
	var b expr.Builder
	if in.ConditionExpression, err = optCondition(&b, opts.Condition); err != nil {
		return nil, &Error{op, err}
	}
	in.ExpressionAttributeNames, in.ExpressionAttributeValues = b.Names(), b.Values()
	return t.client.PutItem(ctx, in, t.optFns...)
}

// GetOptions are the optional parts of GetItem.
type GetOptions struct {
	// Projection names the attributes to read (document paths such as
	// "address.city"); none reads them all.
	Projection []string
	// ConsistentRead asks for a strongly consistent read.
	ConsistentRead         bool
	ReturnConsumedCapacity dynamodb.ReturnConsumedCapacity
}

// GetItem reads the item with key (a struct or a map holding the key
// attributes, such as map[string]any{"pk": "a", "sk": 1}) into out, a
// pointer given to attributevalue.UnmarshalMap, and reports whether the
// item exists (boto3's get_item, whose answer has no "Item" then). When
// there is no item, out is left alone. out may be nil to only learn
// whether the item exists.
func (t *Table) GetItem(ctx context.Context, key, out any, opts *GetOptions) (found bool, err error) {
	const op = "GetItem"
	if err := t.check(op); err != nil {
		return false, err
	}
	if opts == nil {
		opts = &GetOptions{}
	}
	k, err := marshalItem(key, "key")
	if err != nil {
		return false, &Error{op, err}
	}
	in := &dynamodb.GetItemInput{
		TableName:              t.name,
		Key:                    k,
		ConsistentRead:         optTrue(opts.ConsistentRead),
		ReturnConsumedCapacity: optEnum(opts.ReturnConsumedCapacity),
	}
	var b expr.Builder
	if in.ProjectionExpression, err = optProjection(&b, opts.Projection); err != nil {
		return false, &Error{op, err}
	}
	in.ExpressionAttributeNames = b.Names()
	res, err := t.client.GetItem(ctx, in, t.optFns...)
	if err != nil {
		return false, err
	}
	if res.Item == nil {
		return false, nil
	}
	if out != nil {
		if err := attributevalue.UnmarshalMap(res.Item, out); err != nil {
			return true, fmt.Errorf("table: GetItem: %w", err)
		}
	}
	return true, nil
}

// UpdateOptions are the optional parts of UpdateItem.
type UpdateOptions struct {
	// Condition must hold for the update to happen.
	Condition expr.Condition
	// ReturnValues is NONE (the default), ALL_OLD, UPDATED_OLD, ALL_NEW
	// or UPDATED_NEW.
	ReturnValues                        dynamodb.ReturnValue
	ReturnValuesOnConditionCheckFailure dynamodb.ReturnValuesOnConditionCheckFailure
	ReturnConsumedCapacity              dynamodb.ReturnConsumedCapacity
	ReturnItemCollectionMetrics         dynamodb.ReturnItemCollectionMetrics
}

// UpdateItem applies update to the item with key, creating the item when
// there is none (boto3's update_item with an UpdateExpression).
func (t *Table) UpdateItem(ctx context.Context, key any, update expr.Update, opts *UpdateOptions) (*dynamodb.UpdateItemOutput, error) {
	const op = "UpdateItem"
	if err := t.check(op); err != nil {
		return nil, err
	}
	if opts == nil {
		opts = &UpdateOptions{}
	}
	k, err := marshalItem(key, "key")
	if err != nil {
		return nil, &Error{op, err}
	}
	var b expr.Builder
	u, err := b.Update(update)
	if err != nil {
		return nil, &Error{op, err}
	}
	in := &dynamodb.UpdateItemInput{
		TableName:                           t.name,
		Key:                                 k,
		UpdateExpression:                    &u,
		ReturnValues:                        optEnum(opts.ReturnValues),
		ReturnValuesOnConditionCheckFailure: optEnum(opts.ReturnValuesOnConditionCheckFailure),
		ReturnConsumedCapacity:              optEnum(opts.ReturnConsumedCapacity),
		ReturnItemCollectionMetrics:         optEnum(opts.ReturnItemCollectionMetrics),
	}
	if in.ConditionExpression, err = optCondition(&b, opts.Condition); err != nil {
		return nil, &Error{op, err}
	}
	in.ExpressionAttributeNames, in.ExpressionAttributeValues = b.Names(), b.Values()
	return t.client.UpdateItem(ctx, in, t.optFns...)
}

// DeleteOptions are the optional parts of DeleteItem.
type DeleteOptions struct {
	// Condition must hold for the delete to happen.
	Condition expr.Condition
	// ReturnValues is NONE (the default) or ALL_OLD: the deleted item.
	ReturnValues                        dynamodb.ReturnValue
	ReturnValuesOnConditionCheckFailure dynamodb.ReturnValuesOnConditionCheckFailure
	ReturnConsumedCapacity              dynamodb.ReturnConsumedCapacity
	ReturnItemCollectionMetrics         dynamodb.ReturnItemCollectionMetrics
}

// DeleteItem deletes the item with key (boto3's delete_item); deleting an
// item that does not exist is no error.
func (t *Table) DeleteItem(ctx context.Context, key any, opts *DeleteOptions) (*dynamodb.DeleteItemOutput, error) {
	const op = "DeleteItem"
	if err := t.check(op); err != nil {
		return nil, err
	}
	if opts == nil {
		opts = &DeleteOptions{}
	}
	k, err := marshalItem(key, "key")
	if err != nil {
		return nil, &Error{op, err}
	}
	in := &dynamodb.DeleteItemInput{
		TableName:                           t.name,
		Key:                                 k,
		ReturnValues:                        optEnum(opts.ReturnValues),
		ReturnValuesOnConditionCheckFailure: optEnum(opts.ReturnValuesOnConditionCheckFailure),
		ReturnConsumedCapacity:              optEnum(opts.ReturnConsumedCapacity),
		ReturnItemCollectionMetrics:         optEnum(opts.ReturnItemCollectionMetrics),
	}
	var b expr.Builder
	if in.ConditionExpression, err = optCondition(&b, opts.Condition); err != nil {
		return nil, &Error{op, err}
	}
	in.ExpressionAttributeNames, in.ExpressionAttributeValues = b.Names(), b.Values()
	return t.client.DeleteItem(ctx, in, t.optFns...)
}

// marshalItem marshals an item or a key, which must be a map.
func marshalItem(v any, what string) (map[string]dynamodb.AttributeValue, error) {
	if v == nil {
		return nil, fmt.Errorf("a nil %s", what)
	}
	m, err := attributevalue.MarshalMap(v)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("%s %T has no attribute", what, v)
	}
	return m, nil
}

// optEnum is nil for the empty value, else a pointer to it.
func optEnum[E ~string](e E) *E {
	if e == "" {
		return nil
	}
	return &e
}

func optTrue(b bool) *bool {
	if !b {
		return nil
	}
	return goto3.Ptr(true)
}

func optCondition(b *expr.Builder, c expr.Condition) (*string, error) {
	if c.IsZero() {
		return nil, nil
	}
	s, err := b.Condition(c)
	if err != nil {
		return nil, err
	}
	return &s, nil
}

func optProjection(b *expr.Builder, paths []string) (*string, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	s, err := b.Projection(paths...)
	if err != nil {
		return nil, err
	}
	return &s, nil
}
