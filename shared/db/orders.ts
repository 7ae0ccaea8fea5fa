// Orders. One item per order, `ORDER#<id>` / `ORDER`, holding everything the order is: the items at
// the prices charged, the whole pricing breakdown, the address, the payment reference, refunds and
// the timeline. Every change of status is an update conditional on the status (and version) read,
// built by `transitionUpdate`, so racing writers (webhook retries, the expiry job, an admin) can never
// apply two transitions from the same state.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { OrderActor, OrderStatus } from '../domain/orders';
import type { Quote } from '../domain/pricing';
import type { ShippingMethod } from '../domain/shipping';
import { dynamo, tableName } from './client';
import type { Address } from './users';
import { decodeCursor, encodeCursor, fingerprint, queryFromCursor } from './cursor';
import { INDEXES, ORDER_LISTING_ATTRIBUTES } from './table';
import { batchGet } from './batchGet';
import { auditPut, type AuditRecord } from './audit';
import { decodeItem } from './decode';
import * as z from 'zod';
import { ORDER_STATUSES } from '../domain/orders';
import { SHIPPING_METHODS } from '../domain/shipping';
import { DISPUTE_STATUSES, type DisputeDetails } from '../payments/port';
import { sumCents } from '../domain/money';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface OrderItem {
  mineralId: string;
  name: string;
  image: string;
  category: string;
  quantity: number;
  listUnitPriceCents: number;
  /** What each unit was sold at (list, flash-sale or bulk-tier price). */
  unitPriceCents: number;
  /** quantity × unitPriceCents, before the coupon. */
  subtotalCents: number;
  couponDiscountCents: number;
}

/** Where an order goes: a saved address without its id. */
export type OrderAddress = Omit<Address, 'id'>;

export interface TimelineEntry {
  status: OrderStatus;
  at: string;
  by: OrderActor;
  note: string | null;
}

export interface OrderRefund {
  refundId: string;
  amountCents: number;
  at: string;
  reason: string | null;
  /** Who made it: the shop (an admin, or a late payment sent back), or someone in the provider's dashboard. */
  by: 'shop' | 'provider';
}

/** A dispute (chargeback) the card holder opened with their bank, as the provider last described it. */
export interface OrderDispute {
  disputeId: string;
  status: DisputeDetails['status'];
  reason: string;
  amountCents: number;
  /** When evidence must reach the provider (ISO); null when none is due. */
  evidenceDueBy: string | null;
  openedAt: string;
  updatedAt: string;
}

/** A payment that succeeded for another amount or currency than the order's: not taken as payment. */
export interface PaymentMismatch {
  paymentId: string;
  amountCents: number;
  currency: string;
  at: string;
}

export type OrderOwner = { kind: 'guest' } | { kind: 'shopper'; userId: string };

export interface Order {
  orderId: string;
  number: string;
  status: OrderStatus;
  owner: OrderOwner;
  email: string;
  /** Name to greet the shopper with in mail. */
  customerName: string;
  cartId: string;
  items: OrderItem[];
  address: OrderAddress;
  shippingMethod: ShippingMethod;
  couponCode: string | null;
  /** Whether the coupon changed the price (only then is it redeemed when the order is paid). */
  couponEffective: boolean;
  /** The breakdown the shopper agreed to, as the server computed it. */
  quote: Quote;
  totalCents: number;
  refundedCents: number;
  refunds: OrderRefund[];
  /**
   * Refunds made in the provider's dashboard whose units the admin has not yet decided about (back on
   * the shelf or not): a task on the order's page. Empty when there is nothing to decide.
   */
  stockReview: string[];
  /** Disputes on the payment, newest last. */
  disputes: OrderDispute[];
  /** Set when the payment succeeded for the wrong amount or currency; the order then stays unpaid. */
  paymentMismatch: PaymentMismatch | null;
  /** Units given back to the shelf per mineral, after payment (cancellations and returns). */
  returnedUnits: Record<string, number>;
  payment: {
    provider: 'stripe' | 'sandbox';
    paymentId: string | null;
    status: 'open' | 'failed' | 'succeeded' | 'canceled';
    failureMessage: string | null;
  };
  /** After this the order expires unless paid. */
  paymentDeadline: string;
  timeline: TimelineEntry[];
  tracking: { carrier: string; trackingNumber: string; url: string | null } | null;
  /** Identifies the request that placed the order, so a repeat of it returns this order. */
  requestFingerprint: string;
  /** Payment events already applied (their ids): a redelivered event changes nothing. */
  eventIds: string[];
  /** Mails already queued (template#status): a retried step does not mail twice. */
  mailed: string[];
  version: number;
  /** The generation of the guest's tracking links: moving it on revokes every link issued before (shared/orders/trackingLinks.ts). */
  trackingVersion?: number;
  createdAt: string;
  updatedAt: string;
}

export const orderKey = (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'ORDER' });

const customerPartition = (userId: string) => `CUSTOMER#${userId}`;
const statusPartition = (status: OrderStatus) => `ORDERS#${status}`;

function indexKeys(order: Pick<Order, 'owner' | 'status' | 'createdAt' | 'orderId'>) {
  const sortKey = `${order.createdAt}#${order.orderId}`;
  return {
    ...(order.owner.kind === 'shopper'
      ? { [INDEXES.ordersByCustomer.pk]: customerPartition(order.owner.userId), [INDEXES.ordersByCustomer.sk]: sortKey }
      : {}),
    [INDEXES.ordersByStatus.pk]: statusPartition(order.status),
    [INDEXES.ordersByStatus.sk]: sortKey,
  };
}

/** An order as the order indexes list it (shared/db/table.ts, ORDER_LISTING_ATTRIBUTES). */
export interface OrderListing {
  orderId: string;
  number: string;
  status: OrderStatus;
  createdAt: string;
  updatedAt: string;
  email: string;
  customerName: string;
  itemCount: number;
  subtotalCents: number;
  discountCents: number;
  shippingCents: number;
  taxCents: number;
  totalCents: number;
  refundedCents: number;
  /** What the packing queue shows without opening the order: the method, where it goes, the first lines. */
  shippingMethod: ShippingMethod | null;
  shipTo: { name: string; city: string; region: string | null; country: string } | null;
  lines: Array<{ name: string; image: string; quantity: number }>;
  /** Lines beyond those listed. */
  moreLines: number;
}

/** Lines an order's listing carries: enough to pack from at a glance, while an index entry stays within one write unit. */
export const LISTED_LINES = 3;

type FixedListing = Omit<OrderListing, 'status' | 'updatedAt' | 'refundedCents'>;

/** The `listing` map an order item carries: what never changes once the order is placed. */
export function listingOf(order: Order): FixedListing {
  return {
    orderId: order.orderId,
    number: order.number,
    createdAt: order.createdAt,
    email: order.email,
    customerName: order.customerName,
    itemCount: order.items.reduce((n, item) => n + item.quantity, 0),
    subtotalCents: order.quote.subtotalCents,
    discountCents: sumCents(order.quote.discounts.map((d) => d.amountCents)),
    shippingCents: order.quote.shipping.rateCents,
    taxCents: order.quote.tax.cents,
    totalCents: order.totalCents,
    shippingMethod: order.shippingMethod,
    shipTo: { name: order.address.name, city: order.address.city, region: order.address.region ?? null, country: order.address.country },
    lines: order.items.slice(0, LISTED_LINES).map((item) => ({ name: item.name, image: item.image, quantity: item.quantity })),
    moreLines: Math.max(0, order.items.length - LISTED_LINES),
  };
}

/** The listing of a whole order (what an index entry of it reads as). */
export const orderListing = (order: Order): OrderListing => ({ ...listingOf(order), status: order.status, updatedAt: order.updatedAt, refundedCents: order.refundedCents });

const listingSchema = z.object({
  orderId: z.string(), number: z.string(), createdAt: z.string(), email: z.string(), customerName: z.string(),
  itemCount: z.number().int().min(0), subtotalCents: z.number().int(), discountCents: z.number().int(), shippingCents: z.number().int(),
  taxCents: z.number().int(), totalCents: z.number().int(),
  status: z.enum(ORDER_STATUSES), updatedAt: z.string(), refundedCents: z.number().int().min(0),
  // Listings written before these were listed have none: the queue shows what it has.
  shippingMethod: z.enum(SHIPPING_METHODS).nullable().default(null),
  shipTo: z.object({ name: z.string(), city: z.string(), region: z.string().nullable(), country: z.string() }).nullable().default(null),
  lines: z.array(z.object({ name: z.string(), image: z.string(), quantity: z.number().int() })).default([]),
  moreLines: z.number().int().min(0).default(0),
}) satisfies z.ZodType<OrderListing>;

/** An order index entry as its listing; a malformed one is a CorruptItemError. */
export function toOrderListing(entry: Record<string, unknown>): OrderListing {
  const fixed = (entry.listing ?? {}) as Record<string, unknown>;
  return decodeItem(listingSchema, { pk: entry.pk, sk: entry.sk, ...fixed, status: entry.status, updatedAt: entry.updatedAt ?? fixed.createdAt, refundedCents: entry.refundedCents ?? 0 }, 'order listing');
}

/** The listings of these orders (one BatchGetItem per hundred, reading only what an index entry holds); unknown ids are left out. */
export async function getOrderListings(orderIds: readonly string[]): Promise<OrderListing[]> {
  const names = Object.fromEntries(['pk', 'sk', ...ORDER_LISTING_ATTRIBUTES].map((a) => [`#${a}`, a]));
  const items = await batchGet([...new Set(orderIds)].map(orderKey), { consistent: false, projection: { expression: Object.keys(names).join(', '), names } });
  return items.map(toOrderListing);
}

/** A new order's item, for the checkout transaction: fails if the id is taken. */
export function newOrderPut(order: Order): TransactItem {
  // A new order has no events, refund tasks, disputes or mismatch: left out (decoding gives them back), so
  // every checkout writes fewer bytes.
  const { eventIds: _none, stockReview: _review, disputes: _disputes, paymentMismatch: _mismatch, ...rest } = order;
  return {
    Put: {
      TableName: tableName,
      Item: { ...orderKey(order.orderId), entity: 'order', ...indexKeys(order), ...rest, listing: listingOf(order) },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

const text = z.string();
const count = z.number().int().min(0);
const orderItemSchema = z.object({
  mineralId: text,
  name: text,
  image: text,
  category: text,
  quantity: z.number().int().min(1),
  listUnitPriceCents: count,
  unitPriceCents: count,
  subtotalCents: count,
  couponDiscountCents: count,
});
// The quote is the pricing engine's own record of what was agreed; its shape is checked where it is made.
const quoteSchema = z.custom<Quote>((v) => typeof v === 'object' && v !== null && Array.isArray((v as { lines?: unknown }).lines), 'expected the quote the order was placed with');
const orderSchema: z.ZodType<Order> = z.object({
  orderId: text,
  number: text,
  status: z.enum(ORDER_STATUSES),
  owner: z.discriminatedUnion('kind', [z.object({ kind: z.literal('guest') }), z.object({ kind: z.literal('shopper'), userId: text })]),
  email: text,
  customerName: text,
  cartId: text,
  items: z.array(orderItemSchema).min(1),
  address: z.object({
    name: text,
    line1: text,
    line2: text.optional(),
    city: text,
    region: text.optional(),
    postalCode: text,
    country: text,
    phone: text.optional(),
  }),
  shippingMethod: z.enum(SHIPPING_METHODS),
  couponCode: text.nullable(),
  couponEffective: z.boolean(),
  quote: quoteSchema,
  totalCents: count,
  refundedCents: count,
  refunds: z.array(z.object({ refundId: text, amountCents: count, at: text, reason: text.nullable(), by: z.enum(['shop', 'provider']).default('shop') })).default([]),
  stockReview: z.array(text).default([]),
  disputes: z
    .array(
      z.object({
        disputeId: text,
        status: z.enum(DISPUTE_STATUSES),
        reason: text,
        amountCents: count,
        evidenceDueBy: text.nullable(),
        openedAt: text,
        updatedAt: text,
      }),
    )
    .default([]),
  paymentMismatch: z.object({ paymentId: text, amountCents: count, currency: text, at: text }).nullable().default(null),
  returnedUnits: z.record(text, count).default({}),
  payment: z.object({
    provider: z.enum(['stripe', 'sandbox']),
    paymentId: text.nullable(),
    status: z.enum(['open', 'failed', 'succeeded', 'canceled']),
    failureMessage: text.nullable(),
  }),
  paymentDeadline: text,
  timeline: z.array(z.object({ status: z.enum(ORDER_STATUSES), at: text, by: z.enum(['system', 'admin', 'shopper']), note: text.nullable() })),
  tracking: z.object({ carrier: text, trackingNumber: text, url: text.nullable() }).nullable().default(null),
  requestFingerprint: text,
  // A string set in the table (absent until the first event).
  eventIds: z.preprocess((v) => (v instanceof Set ? [...(v as Set<string>)] : (v ?? [])), z.array(text)),
  mailed: z.array(text).default([]),
  version: z.number().int(),
  trackingVersion: z.number().int().min(0).default(0),
  createdAt: text,
  updatedAt: text,
});

/** An order item as the use cases see it (index keys and the like left out); a malformed one is a CorruptItemError. */
export function toOrder(item: Record<string, unknown>): Order {
  return decodeItem(orderSchema, item, 'order');
}

/** Reads one order (strongly consistent); undefined when there is none. */
export async function getOrder(orderId: string): Promise<Order | undefined> {
  const res = await dynamo.send(new GetCommand({ TableName: tableName, Key: orderKey(orderId), ConsistentRead: true }));
  return res.Item ? toOrder(res.Item) : undefined;
}

export interface TransitionWrite {
  /** The order as read: the write is conditional on its status and version. */
  order: Order;
  to: OrderStatus;
  /** The timeline's new step; null for a change that is no step of the order's life (a dispute's news). */
  entry: TimelineEntry | null;
  /** More attributes to set, e.g. tracking or payment. Paths are top-level attribute names. */
  set?: Record<string, unknown>;
  /** A payment event applied with this change: recorded so a redelivery changes nothing. */
  eventId?: string | undefined;
  /** Mails this change queues (recorded so a retry does not mail twice). */
  mails?: string[];
  /**
   * Mails this change claims for sending, as claimMail would, in the same write (one request less):
   * the caller queues them next and records them with recordMailed (shared/orders/mailing.ts).
   */
  claimMails?: string[];
  /** An admin's change: its audit record, written in the same transaction (shared/db/audit.ts). */
  audit?: Omit<AuditRecord, 'id'> | undefined;
}

/** The transaction items of a change: the order's update, and its audit record when an admin made it. */
export function transitionItems(write: TransitionWrite, now: Date): TransactItem[] {
  return [transitionUpdate(write, now), ...(write.audit ? [auditPut(write.audit)] : [])];
}

/**
 * The order as `transitionUpdate` leaves it, worked out without reading it again: the same fields the
 * update sets, the same way. test/integration/orderAfter.test.ts holds the two together.
 */
export function orderAfter(write: TransitionWrite, now: Date): Order {
  const { order, to, entry } = write;
  // Decoded like an item read back, so fields the order does not keep (paidAt) are left out as a read leaves them.
  return toOrder({
    ...order,
    ...(write.set as Partial<Order> | undefined),
    status: to,
    timeline: entry ? [...order.timeline, entry] : order.timeline,
    updatedAt: now.toISOString(),
    version: order.version + 1,
    mailed: write.mails && write.mails.length > 0 ? [...order.mailed, ...write.mails] : order.mailed,
    eventIds: write.eventId && !order.eventIds.includes(write.eventId) ? [...order.eventIds, write.eventId] : order.eventIds,
  });
}

/** The conditional update of one order's status (or, with to === status, a timeline note). */
export function transitionUpdate(write: TransitionWrite, now: Date): TransactItem & { Update: NonNullable<TransactItem['Update']> } {
  const { order, to, entry } = write;
  const names: Record<string, string> = { '#status': 'status', '#gpk': INDEXES.ordersByStatus.pk };
  const values: Record<string, unknown> = {
    ':to': to,
    ':gpk': statusPartition(to),
    ':now': now.toISOString(),
    ':from': order.status,
    ':v': order.version,
    ':one': 1,
  };
  const sets = ['#status = :to', '#gpk = :gpk', 'updatedAt = :now', 'version = version + :one'];
  if (entry) {
    names['#timeline'] = 'timeline';
    values[':entry'] = [entry];
    sets.push('#timeline = list_append(#timeline, :entry)');
  }
  let i = 0;
  for (const [field, value] of Object.entries(write.set ?? {})) {
    names[`#f${i}`] = field;
    values[`:f${i}`] = value;
    sets.push(`#f${i} = :f${i}`);
    i += 1;
  }
  if (write.mails && write.mails.length > 0) {
    names['#mailed'] = 'mailed';
    values[':mails'] = write.mails;
    values[':empty'] = [];
    sets.push('#mailed = list_append(if_not_exists(#mailed, :empty), :mails)');
  }
  (write.claimMails ?? []).forEach((mark, n) => {
    names[`#claim${n}`] = mailClaimAttribute(mark);
    values[':claimedAt'] = now.getTime();
    sets.push(`#claim${n} = :claimedAt`);
  });
  let update = `SET ${sets.join(', ')}`;
  let condition = '#status = :from AND version = :v';
  if (write.eventId) {
    names['#events'] = 'eventIds';
    values[':event'] = new Set([write.eventId]);
    values[':eventId'] = write.eventId;
    update += ' ADD #events :event';
    condition += ' AND (attribute_not_exists(#events) OR NOT contains(#events, :eventId))';
  }
  return {
    Update: {
      TableName: tableName,
      Key: orderKey(order.orderId),
      UpdateExpression: update,
      ConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** Sends a single transition (no other items). False when the order changed since it was read. */
export async function applyTransition(write: TransitionWrite, now: Date): Promise<boolean> {
  if (write.audit) {
    try {
      await dynamo.send(new TransactWriteCommand({ TransactItems: transitionItems(write, now) }));
      return true;
    } catch (error) {
      const e = error as { name?: string; CancellationReasons?: Array<{ Code?: string }> };
      if (e.name === 'TransactionCanceledException' && e.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
      throw error;
    }
  }
  const { Update } = transitionUpdate(write, now);
  try {
    await dynamo.send(new UpdateCommand(Update));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** Records the payment created for an order (once; a retry finds the same id). */
export async function setOrderPayment(orderId: string, paymentId: string): Promise<void> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: orderKey(orderId),
        UpdateExpression: 'SET payment.paymentId = :id',
        ConditionExpression: 'attribute_exists(pk) AND (payment.paymentId = :none OR payment.paymentId = :id)',
        ExpressionAttributeValues: { ':id': paymentId, ':none': null },
      }),
    );
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') {
      throw new Error(`order ${orderId} already has a different payment`, { cause: error });
    }
    throw error;
  }
}

/** Records that mails were queued for an order outside a transition (a retry after a failed enqueue). */
export async function recordMailed(orderId: string, mails: string[]): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: orderKey(orderId),
      UpdateExpression: 'SET mailed = list_append(if_not_exists(mailed, :empty), :mails)',
      ExpressionAttributeValues: { ':mails': mails, ':empty': [] },
    }),
  );
}

const mailClaimAttribute = (mark: string) => `mailClaim:${mark}`;

/**
 * Claims the sending of one mail of an order (`mark`), so two workers finishing the same step at
 * once (a redelivered event racing the first) do not both queue it. A claim older than `staleSeconds`
 * can be taken again: a worker that died between claiming and queueing leaves the mail to the next
 * delivery of its message, which comes after the queue's visibility timeout. False: someone else has it.
 */
export async function claimMail(orderId: string, mark: string, now: Date, staleSeconds: number): Promise<boolean> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: orderKey(orderId),
        UpdateExpression: 'SET #claim = :now',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#claim) OR #claim < :stale)',
        ExpressionAttributeNames: { '#claim': mailClaimAttribute(mark) },
        ExpressionAttributeValues: { ':now': now.getTime(), ':stale': now.getTime() - staleSeconds * 1000 },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Gives a mail's claim back (queueing it failed), so the step's retry can send it at once. */
export async function releaseMailClaim(orderId: string, mark: string): Promise<void> {
  await dynamo.send(
    new UpdateCommand({ TableName: tableName, Key: orderKey(orderId), UpdateExpression: 'REMOVE #claim', ExpressionAttributeNames: { '#claim': mailClaimAttribute(mark) } }),
  );
}

/**
 * Records a payment event the order took note of without changing status (a refund's news), so a
 * redelivery is known as a duplicate. False when the order already has it.
 */
export async function recordOrderEvent(orderId: string, eventId: string): Promise<boolean> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: orderKey(orderId),
        // A string set, as the transitions keep it (transitionUpdate).
        UpdateExpression: 'ADD eventIds :ids',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(eventIds) OR NOT contains(eventIds, :id))',
        ExpressionAttributeValues: { ':ids': new Set([eventId]), ':id': eventId },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export interface OrderPage {
  orders: OrderListing[];
  nextCursor: string | null;
}

async function queryOrders(
  index: 'ordersByCustomer' | 'ordersByStatus',
  partition: string,
  options: { limit: number; cursor?: string | undefined; newestFirst: boolean; before?: string; placed?: { from: string; to: string } | undefined },
): Promise<OrderPage> {
  const { pk, sk } = INDEXES[index];
  const print = fingerprint({ index, partition, newestFirst: options.newestFirst, before: options.before ?? null, placed: options.placed ?? null });
  // Sort keys are `<createdAt>#<orderId>`: a window of placing times is a range of them.
  const range = options.before
    ? { condition: ' AND #s < :before', values: { ':before': options.before } }
    : options.placed
      ? { condition: ' AND #s BETWEEN :from AND :to', values: { ':from': options.placed.from, ':to': `${options.placed.to}#\uffff` } }
      : undefined;
  const startKey = options.cursor ? decodeCursor(options.cursor, { index, fingerprint: print }) : undefined;
  const res = await queryFromCursor(startKey, () =>
    dynamo.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: index,
        KeyConditionExpression: `#p = :p${range?.condition ?? ''}`,
        ExpressionAttributeNames: { '#p': pk, ...(range ? { '#s': sk } : {}) },
        ExpressionAttributeValues: { ':p': partition, ...(range?.values ?? {}) },
        ScanIndexForward: !options.newestFirst,
        Limit: options.limit,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    ),
  );
  const last = res.LastEvaluatedKey as Record<string, string> | undefined;
  return {
    orders: (res.Items ?? []).map(toOrderListing),
    nextCursor: last
      ? encodeCursor({ v: 1, i: index, f: print, k: Object.fromEntries(Object.entries(last).map(([k, v]) => [k, String(v)])) })
      : null,
  };
}

/** A shopper's orders, newest first. */
export function listCustomerOrders(userId: string, options: { limit: number; cursor?: string | undefined }): Promise<OrderPage> {
  return queryOrders('ordersByCustomer', customerPartition(userId), { ...options, newestFirst: true });
}

/** Orders in one status, oldest first (the order an admin works through them); `placed` narrows them to a window of placing times (ISO, both ends in). */
export function listOrdersByStatus(status: OrderStatus, options: { limit: number; cursor?: string | undefined; placed?: { from: string; to: string } | undefined }): Promise<OrderPage> {
  return queryOrders('ordersByStatus', statusPartition(status), { ...options, newestFirst: false });
}

/** Orders in `status` placed before `placedBefore`, oldest first: the unpaid-order job's work list. */
export function listOrdersPlacedBefore(status: OrderStatus, placedBefore: Date, limit: number, cursor?: string): Promise<OrderPage> {
  return queryOrders('ordersByStatus', statusPartition(status), { limit, cursor, newestFirst: false, before: placedBefore.toISOString() });
}
