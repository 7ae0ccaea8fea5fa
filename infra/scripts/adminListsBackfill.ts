// The backfill that puts coupons, reviews, shoppers and flash sales made before the adminLists index
// existed into it (shared/db/table.ts): every coupon gets its COUPONS key, every review its REVIEWS key
// (the moderation queue), every shopper an entry under CUSTOMERS (the search by name) and, if they
// opted in to promotion mail, one under PROMO_OPTIN, every order its search item (by number, and by
// email under ORDEREMAIL#), every mineral
// with a flash sale its SALES key. Idempotent: an item that has its key is passed over, and each write is conditional on the item
// still lacking it (for a mineral, on the sale read being the sale still there). Coupons have no index
// to walk yet, nor have all reviews, so this one-off reads them with a Scan filtered to those items; minerals are walked
// through mineralsByName. How a deployed stage uses it: docs/migrations/2026-12-stock-items-and-card-projections.md.
import { PutCommand, QueryCommand, ScanCommand, UpdateCommand, type QueryCommandOutput, type ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../shared/db/client';
import { couponKey } from '../../shared/db/coupons';
import { ADMIN_MINERALS_PARTITION, mineralKey, saleIndexKeys, toMineral } from '../../shared/db/minerals';
import { REVIEWS_QUEUE_PARTITION } from '../../shared/db/reviews';
import { INDEXES } from '../../shared/db/table';
import { customerNameItem } from '../../shared/db/users';
import { promoOptInItem } from '../../shared/db/campaigns';
import { orderSearchItem } from '../../shared/db/orderSearch';

export interface AdminListsBackfillReport {
  coupons: number;
  reviews: number;
  customers: number;
  sales: number;
  /** Orders given their search item (by number and email). */
  orders: number;
  already: number;
}

const { pk: listPk, sk: listSk } = INDEXES.adminLists;

async function setKeys(key: Record<string, unknown>, keys: Record<string, string>, condition: string, values: Record<string, unknown> = {}): Promise<boolean> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: 'SET #p = :p, #s = :s',
        ConditionExpression: `attribute_exists(pk) AND attribute_not_exists(#p) AND ${condition}`,
        ExpressionAttributeNames: { '#p': listPk, '#s': listSk },
        ExpressionAttributeValues: { ':p': keys[listPk], ':s': keys[listSk], ...values },
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

async function putIfAbsent(item: Record<string, unknown>): Promise<boolean> {
  try {
    await dynamo.send(new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

export async function backfillAdminLists(): Promise<AdminListsBackfillReport> {
  const report: AdminListsBackfillReport = { coupons: 0, reviews: 0, customers: 0, sales: 0, orders: 0, already: 0 };
  let startKey: Record<string, unknown> | undefined;
  do {
    const page: ScanCommandOutput = await dynamo.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: '(entity = :coupon AND sk = :sk) OR entity = :review OR entity = :user OR entity = :order',
        ExpressionAttributeValues: { ':coupon': 'coupon', ':sk': 'COUPON', ':review': 'review', ':user': 'user', ':order': 'order' },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      if (item.entity === 'order') {
        const order = { orderId: String(item.orderId), number: String(item.number), email: String(item.email), createdAt: String(item.createdAt) };
        if (await putIfAbsent(orderSearchItem(order))) report.orders += 1;
        else report.already += 1;
      } else if (item.entity === 'user') {
        if (await putIfAbsent(customerNameItem({ userId: String(item.userId), name: String(item.name ?? '') }))) report.customers += 1;
        else report.already += 1;
        // The promotion list: whoever opted in before the list existed.
        const optedIn = (item.preferences as { promotionalEmail?: boolean } | undefined)?.promotionalEmail === true;
        if (optedIn) await putIfAbsent(promoOptInItem(String(item.userId)));
      } else if (item[listPk] !== undefined) report.already += 1;
      else if (item.entity === 'review') {
        const keys = { [listPk]: REVIEWS_QUEUE_PARTITION, [listSk]: `${String(item.updatedAt)}#${String(item.mineralId)}#${String(item.userId)}` };
        if (await setKeys({ pk: item.pk, sk: item.sk }, keys, 'updatedAt = :seen', { ':seen': item.updatedAt })) report.reviews += 1;
        else report.already += 1;
      } else if (await setKeys(couponKey(String(item.code)), { [listPk]: 'COUPONS', [listSk]: String(item.code) }, 'sk = :sk', { ':sk': 'COUPON' })) report.coupons += 1;
      else report.already += 1;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);

  do {
    const page: QueryCommandOutput = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'mineralsByName',
        KeyConditionExpression: '#p = :p',
        ExpressionAttributeNames: { '#p': INDEXES.mineralsByName.pk },
        ExpressionAttributeValues: { ':p': ADMIN_MINERALS_PARTITION },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      if (!item.flashSale) continue;
      if (item[listPk] !== undefined) {
        report.already += 1;
        continue;
      }
      const mineral = toMineral(item);
      if (await setKeys(mineralKey(mineral.id), saleIndexKeys(mineral), 'updatedAt = :seen', { ':seen': item.updatedAt })) report.sales += 1;
      else report.already += 1;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return report;
}
