// The dashboard's aggregates (rules in shared/domain/dashboard.ts):
//
//   counters  pk DASHBOARD#SHARD#<n>, sk DAY#<YYYY-MM-DD>   revenueCents, paidOrders, units, failedPayments
//   gauges    pk DASHBOARD#SHARD#<n>, sk GAUGE              toPack, toShip, heldUnits, heldValueCents
//   markers   pk DASHBOARD#LOW_STOCK | DASHBOARD#SOLD_OUT, sk MINERAL#<id>   one per mineral in that state
//   applied   pk DASHBOARD#APPLIED#<stream event id>        written with each change: a record replayed
//                                                           by the stream is applied once (TTL cleans up)
//
// Every read is a Query on a partition whose size does not grow with the number of orders.
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  COUNTER_SHARDS,
  DAYS_READ,
  NO_GAUGES,
  periodDays,
  type CounterChange,
  type DayCounters,
  type Gauges,
  type StockState,
} from '../domain/dashboard';
import { dynamo, tableName } from './client';
import { mineralKey } from './minerals';
import { toOrderListing, type TransactItem } from './orders';
import { CONFIRMED_WATCH_FILTER, WATCH_PREFIX } from './restockWatches';
import { INDEXES, TTL_ATTRIBUTE } from './table';

const shardPartition = (shard: number) => `DASHBOARD#SHARD#${shard}`;
const GAUGE_SK = 'GAUGE';
const markerPartition = (state: Exclude<StockState, 'ok'>) => (state === 'low' ? 'DASHBOARD#LOW_STOCK' : 'DASHBOARD#SOLD_OUT');
const markerSk = (mineralId: string) => `MINERAL#${mineralId}`;
/** Stream records are kept 24 hours; an applied-marker outlives any replay of its record. */
const APPLIED_KEEP_SECONDS = 3 * 24 * 3600;

/** `ADD a :a, b :b` over the non-zero deltas, or undefined when there are none. */
function addExpression(deltas: Record<string, number | undefined>) {
  const entries = Object.entries(deltas).filter((e): e is [string, number] => e[1] !== undefined && e[1] !== 0);
  if (entries.length === 0) return undefined;
  return {
    UpdateExpression: `ADD ${entries.map(([name]) => `#${name} :${name}`).join(', ')}`,
    ExpressionAttributeNames: Object.fromEntries(entries.map(([name]) => [`#${name}`, name])),
    ExpressionAttributeValues: Object.fromEntries(entries.map(([name, value]) => [`:${name}`, value])),
  };
}

export interface StockMarker {
  mineralId: string;
  name: string;
  available: number;
  lowStockThreshold: number;
}

/** What one stream record changes; applied together, or not at all. */
export interface DashboardChange {
  counters?: CounterChange | undefined;
  /** Held units and value in carts (stock records): on the shard of the mineral. */
  held?: { shard: number; units: number; valueCents: number } | undefined;
  /** The mineral's marker as it should be now; `ok` removes it from both lists. */
  marker?: { state: StockState; marker: StockMarker } | undefined;
}

function changeItems(change: DashboardChange): TransactItem[] {
  const items: TransactItem[] = [];
  const update = (pk: string, sk: string, deltas: Record<string, number | undefined>) => {
    const expression = addExpression(deltas);
    if (expression) items.push({ Update: { TableName: tableName, Key: { pk, sk }, ...expression } });
  };
  if (change.counters) {
    const { day, shard, counts, gauges } = change.counters;
    update(shardPartition(shard), `DAY#${day}`, { ...counts });
    update(shardPartition(shard), GAUGE_SK, { ...gauges });
  }
  if (change.held) update(shardPartition(change.held.shard), GAUGE_SK, { heldUnits: change.held.units, heldValueCents: change.held.valueCents });
  if (change.marker) {
    const { state, marker } = change.marker;
    for (const listed of ['low', 'soldOut'] as const) {
      const key = { pk: markerPartition(listed), sk: markerSk(marker.mineralId) };
      if (listed === state) items.push({ Put: { TableName: tableName, Item: { ...key, entity: 'stockMarker', ...marker } } });
      else items.push({ Delete: { TableName: tableName, Key: key } });
    }
  }
  return items;
}

/**
 * Applies one stream record's change exactly once: with it, in the same transaction, a marker keyed by
 * the record's id that must not exist yet. Returns false when the record had been applied already.
 */
export async function applyDashboardChange(eventId: string, change: DashboardChange, now: Date = new Date()): Promise<boolean> {
  const items = changeItems(change);
  if (items.length === 0) return false;
  const applied: TransactItem = {
    Put: {
      TableName: tableName,
      Item: { pk: `DASHBOARD#APPLIED#${eventId}`, sk: 'APPLIED', [TTL_ATTRIBUTE]: Math.floor(now.getTime() / 1000) + APPLIED_KEEP_SECONDS },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: [applied, ...items] }));
    return true;
  } catch (error) {
    const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
    if (reasons[0]?.Code === 'ConditionalCheckFailed') return false;
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** The name, price and low-stock threshold of a mineral (for a stock record that does not carry them). */
export async function getMineralFacts(mineralId: string): Promise<{ name: string; priceCents: number; lowStockThreshold?: number } | undefined> {
  const res = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: mineralKey(mineralId), ProjectionExpression: '#n, priceCents, lowStockThreshold', ExpressionAttributeNames: { '#n': 'name' } }),
  );
  if (!res.Item) return undefined;
  const threshold = res.Item.lowStockThreshold;
  return { name: String(res.Item.name), priceCents: Number(res.Item.priceCents), ...(typeof threshold === 'number' ? { lowStockThreshold: threshold } : {}) };
}

/** Queries that report what they consumed, so the dashboard can say what it cost. */
class MeteredReads {
  capacity = 0;

  async query(input: Omit<QueryCommandInput, 'TableName' | 'ReturnConsumedCapacity'>): Promise<Record<string, unknown>[]> {
    const res = await dynamo.send(new QueryCommand({ TableName: tableName, ReturnConsumedCapacity: 'TOTAL', ...input }));
    this.capacity += res.ConsumedCapacity?.CapacityUnits ?? 0;
    return res.Items ?? [];
  }

  async count(input: Omit<QueryCommandInput, 'TableName' | 'ReturnConsumedCapacity' | 'Select'>): Promise<number> {
    const res = await dynamo.send(new QueryCommand({ TableName: tableName, ReturnConsumedCapacity: 'TOTAL', Select: 'COUNT', ...input }));
    this.capacity += res.ConsumedCapacity?.CapacityUnits ?? 0;
    return res.Count ?? 0;
  }
}

export interface WaitingOrder {
  orderId: string;
  number: string;
  status: 'paid' | 'packed' | 'payment_failed';
  email: string;
  totalCents: number;
  createdAt: string;
  updatedAt: string;
}

export interface DashboardAggregates {
  countersByDay: Map<string, DayCounters>;
  gauges: Gauges;
  toPack: WaitingOrder[];
  toShip: WaitingOrder[];
  failedPayments: WaitingOrder[];
  lowStock: StockMarker[];
  soldOut: Array<StockMarker & { watchers: number }>;
  /** Read capacity the whole read consumed. */
  consumedCapacity: number;
}

/** How many orders, low-stock and sold-out minerals the dashboard lists (the counts are exact). */
export const DASHBOARD_LIST_LIMIT = 20;

/** An ordersByStatus entry, read through its listing (shared/db/orders.ts). */
function toWaitingOrder(item: Record<string, unknown>): WaitingOrder {
  const { orderId, number, status, email, totalCents, createdAt, updatedAt } = toOrderListing(item);
  return { orderId, number, status: status as WaitingOrder['status'], email, totalCents, createdAt, updatedAt };
}

const toMarker = (item: Record<string, unknown>): StockMarker => ({
  mineralId: String(item.mineralId),
  name: String(item.name),
  available: Number(item.available),
  lowStockThreshold: Number(item.lowStockThreshold),
});

/** Everything the dashboard shows, from aggregates and index Queries; never a Scan. */
export async function readDashboardAggregates(now: Date): Promise<DashboardAggregates> {
  const reads = new MeteredReads();
  const today = now.toISOString().slice(0, 10);
  const firstDay = periodDays(today, DAYS_READ)[0]!;
  const ordersIn = (status: WaitingOrder['status'], after?: string) =>
    reads.query({
      IndexName: 'ordersByStatus',
      KeyConditionExpression: after ? '#p = :p AND #s > :after' : '#p = :p',
      ExpressionAttributeNames: { '#p': INDEXES.ordersByStatus.pk, ...(after ? { '#s': INDEXES.ordersByStatus.sk } : {}) },
      ExpressionAttributeValues: { ':p': `ORDERS#${status}`, ...(after ? { ':after': after } : {}) },
      // The queue to work through: oldest first. Failed payments: the latest first.
      ScanIndexForward: status !== 'payment_failed',
      Limit: DASHBOARD_LIST_LIMIT,
    });
  const markers = (state: 'low' | 'soldOut') =>
    reads.query({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': markerPartition(state) }, Limit: DASHBOARD_LIST_LIMIT });

  const [shards, toPack, toShip, failed, low, soldOut] = await Promise.all([
    Promise.all(
      Array.from({ length: COUNTER_SHARDS }, (_, shard) =>
        // DAY#<first day> … DAY#<today>, then GAUGE (G sorts after D): one Query a shard.
        reads.query({ KeyConditionExpression: 'pk = :p AND sk >= :from', ExpressionAttributeValues: { ':p': shardPartition(shard), ':from': `DAY#${firstDay}` } }),
      ),
    ),
    ordersIn('paid'),
    ordersIn('packed'),
    ordersIn('payment_failed', new Date(now.getTime() - 24 * 3600_000).toISOString()),
    markers('low'),
    markers('soldOut'),
  ]);

  const countersByDay = new Map<string, DayCounters>();
  const gauges = { ...NO_GAUGES };
  for (const item of shards.flat()) {
    const sk = String(item.sk);
    if (sk === GAUGE_SK) {
      for (const name of Object.keys(gauges) as (keyof Gauges)[]) gauges[name] += Number(item[name] ?? 0);
      continue;
    }
    const day = sk.slice('DAY#'.length);
    const sum = countersByDay.get(day) ?? { revenueCents: 0, paidOrders: 0, units: 0, failedPayments: 0 };
    for (const name of Object.keys(sum) as (keyof DayCounters)[]) sum[name] += Number(item[name] ?? 0);
    countersByDay.set(day, sum);
  }

  const soldOutWithWatchers = await Promise.all(
    soldOut.map(async (item) => {
      const marker = toMarker(item);
      const watchers = await reads.count({
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :w)',
        // An address that never confirmed its watch waits for nothing.
        ...CONFIRMED_WATCH_FILTER,
        ExpressionAttributeValues: { ':p': mineralKey(marker.mineralId).pk, ':w': WATCH_PREFIX, ...CONFIRMED_WATCH_FILTER.ExpressionAttributeValues },
      });
      return { ...marker, watchers };
    }),
  );

  return {
    countersByDay,
    gauges,
    toPack: toPack.map(toWaitingOrder),
    toShip: toShip.map(toWaitingOrder),
    failedPayments: failed.map(toWaitingOrder),
    lowStock: low.map(toMarker),
    soldOut: soldOutWithWatchers,
    consumedCapacity: reads.capacity,
  };
}
