// Paid orders in bulk for the dashboard's capacity checks (the integration test and the bench): the
// first orders fill every (day, shard) counter item, the rest land on items that exist already, and
// the stream consumer is handed each payment as it would be, so the aggregates are the real ones.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { applyStreamChange } from '../../shared/admin/dashboard';
import { dynamo, tableName } from '../../shared/db/client';
import { orderKey } from '../../shared/db/orders';
import { INDEXES } from '../../shared/db/table';
import { COUNTER_SHARDS, shardOf } from '../../shared/domain/dashboard';

export const NOW = new Date('2026-06-30T12:00:00.000Z');
const DAYS = 10;
export const SMALL = 100;
export const LARGE = 2_000;

/** Same-length ids, so every order and counter item is the same size at both counts. */
function idOnShard(prefix: string, shard: number): string {
  for (let k = 0; ; k++) {
    const id = `${prefix}-${String(k).padStart(4, '0')}`;
    if (shardOf(id) === shard) return id;
  }
}

export interface TestOrder {
  orderId: string;
  day: number;
  createdAt: string;
}

/** The first orders fill every (day, shard) counter item; the rest land on items that exist already. */
export function ordersFrom(from: number, to: number): TestOrder[] {
  return Array.from({ length: to - from }, (_, k) => {
    const i = from + k;
    const day = i % DAYS;
    const cell = i < DAYS * COUNTER_SHARDS ? Math.floor(i / DAYS) : undefined;
    // 17 characters either way.
    const orderId = cell === undefined ? `cap-order-${String(i).padStart(7, '0')}` : idOnShard(`cap-cell-${day}-${cell}`, cell);
    // Later orders are placed later: the oldest waiting orders are the same at both counts.
    const createdAt = new Date(NOW.getTime() - (DAYS - day) * 86_400_000 + i * 1000).toISOString();
    return { orderId, day, createdAt };
  });
}

export async function paid(orders: TestOrder[]): Promise<void> {
  const items = orders.map((o) => ({
    ...orderKey(o.orderId),
    entity: 'order',
    orderId: o.orderId,
    number: `MS-${o.orderId.slice(-8)}`,
    status: 'paid',
    email: 'capacity@example.com',
    totalCents: 25_000,
    items: [{ mineralId: 'cap-mineral', quantity: 2 }],
    createdAt: o.createdAt,
    updatedAt: o.createdAt,
    [INDEXES.ordersByStatus.pk]: 'ORDERS#paid',
    [INDEXES.ordersByStatus.sk]: `${o.createdAt}#${o.orderId}`,
    // What the order indexes carry of an order (shared/db/orders.ts, listingOf).
    listing: {
      orderId: o.orderId, number: `MS-${o.orderId.slice(-8)}`, createdAt: o.createdAt, email: 'capacity@example.com', customerName: 'Capacity Test',
      itemCount: 2, subtotalCents: 25_000, discountCents: 0, shippingCents: 0, taxCents: 0, totalCents: 25_000,
    },
    refundedCents: 0,
  }));
  for (let i = 0; i < items.length; i += 25) {
    await dynamo.send(new BatchWriteCommand({ RequestItems: { [tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
  // What the stream consumer is handed for each payment: the order before and after it was paid.
  for (const item of items) {
    await applyStreamChange({ eventId: `paid-${item.orderId}`, before: { ...item, status: 'pending_payment' }, after: item });
  }
}
