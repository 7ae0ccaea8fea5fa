// The admin's order search: one small item per order, written with the order (placeOrderTransaction)
// and never changed. Its key finds an order by number (ORDERNUMBER#<number> / ORDER#<id>: numbers are
// short, so two orders may share one); its adminLists entry finds a customer's orders by email
// (ORDEREMAIL#<lower-cased email>, newest first). Orders placed before it existed get it from the
// backfill (infra/scripts/adminListsBackfill.ts).
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import type { TransactItem } from './orders';
import { INDEXES } from './table';

const { pk: listPk, sk: listSk } = INDEXES.adminLists;

export const orderNumberPartition = (number: string) => `ORDERNUMBER#${number.toUpperCase()}`;
export const orderEmailPartition = (email: string) => `ORDEREMAIL#${email.trim().toLowerCase()}`;

export function orderSearchItem(order: { orderId: string; number: string; email: string; createdAt: string }): Record<string, unknown> {
  return {
    pk: orderNumberPartition(order.number),
    sk: `ORDER#${order.orderId}`,
    entity: 'orderSearch',
    orderId: order.orderId,
    [listPk]: orderEmailPartition(order.email),
    [listSk]: `${order.createdAt}#${order.orderId}`,
  };
}

export function orderSearchPut(order: { orderId: string; number: string; email: string; createdAt: string }): TransactItem {
  return { Put: { TableName: tableName, Item: orderSearchItem(order), ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** The ids of the orders with this number (usually one). */
export async function orderIdsByNumber(number: string): Promise<string[]> {
  const res = await dynamo.send(
    new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': orderNumberPartition(number) }, Limit: 25 }),
  );
  return (res.Items ?? []).map((i) => String(i.orderId));
}

/** The ids of the orders placed with this email address, newest first. */
export async function orderIdsByEmail(email: string, limit: number): Promise<string[]> {
  const res = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'adminLists',
      KeyConditionExpression: '#p = :p',
      ExpressionAttributeNames: { '#p': listPk },
      ExpressionAttributeValues: { ':p': orderEmailPartition(email) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (res.Items ?? []).map((i) => String(i.orderId));
}
