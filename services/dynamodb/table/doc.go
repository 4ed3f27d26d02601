// Package table is a DynamoDB table in plain Go values: boto3's
// dynamodb.Table(name), over a *dynamodb.Client.
//
//	orders := table.New(client, "orders")
//	_, err := orders.PutItem(ctx, order, &table.PutOptions{Condition: expr.Attr("pk").NotExists()})
//	found, err := orders.GetItem(ctx, map[string]any{"pk": "customer#42", "sk": "order#1"}, &order, nil)
//	_, err = orders.UpdateItem(ctx, key, expr.Set("status", "SHIPPED").Add("version", 1), nil)
//	for o, err := range table.Query[Order](ctx, orders, expr.Key("pk").Eq("customer#42"), nil) { ... }
//
// Items and keys are structs or maps, converted with package
// attributevalue; conditions, filters, key conditions, projections and
// updates are package expr's, written with placeholders.
//
//	boto3                                      goto3
//	dynamodb.Table("orders")                   table.New(client, "orders")
//	table.put_item(Item=..., ConditionExpression=Attr(...)...)
//	                                           t.PutItem(ctx, item, &table.PutOptions{Condition: ...})
//	table.get_item(Key=...)["Item"]            t.GetItem(ctx, key, &out, nil) (found, err)
//	table.update_item(Key=..., UpdateExpression=..., ...)
//	                                           t.UpdateItem(ctx, key, expr.Set(...), nil)
//	table.delete_item(Key=...)                 t.DeleteItem(ctx, key, nil)
//	table.query(KeyConditionExpression=Key(...)...), page by page
//	                                           for item, err := range table.Query[T](ctx, t, expr.Key(...)..., opts)
//	table.scan(FilterExpression=...)           for item, err := range table.Scan[T](ctx, t, opts)
//	with table.batch_writer(overwrite_by_pkeys=[...]) as batch: batch.put_item(Item=...)
//	                                           w, _ := t.NewBatchWriter(ctx, &table.BatchWriterOptions{OverwriteByKeys: ...}); w.PutItem(item); w.Close()
//	dynamodb.batch_get_item(RequestItems=...)  table.BatchGet[T](ctx, t, keys, nil)
//
// # Errors
//
// Input that cannot be sent (a value that does not marshal, an expression
// that cannot be written, an option out of range) is an *Error before any
// request. DynamoDB's errors come as the client returns them: errors.As
// reaches *goto3.APIError and the modelled error, such as
// *dynamodb.ConditionalCheckFailedException for a condition that failed.
//
// # Query and Scan
//
// Query and Scan are iterators over items (iter.Seq2[T, error]); they
// make the requests as the loop asks for items, each page starting at the
// last one's LastEvaluatedKey, and stop when the loop does. QueryPages
// and ScanPages give the pages themselves.
//
// # Batch writes
//
// A BatchWriter buffers puts and deletes and sends them 25 at a time with
// BatchWriteItem. What DynamoDB leaves unprocessed, or refuses for
// throttling, it sends again after an exponential backoff with jitter
// (Backoff) until written or the writer's context ends. It never drops a
// write silently: what it could not write comes back in an
// *UnwrittenError, from the call that failed and from every later one,
// Close included.
//
// # Contracts
//
// A Table, and a BatchWriter, are safe for concurrent use. The option
// structs are read during the call and not kept (a BatchWriter copies its
// options). A nil options pointer means all defaults.
package table
