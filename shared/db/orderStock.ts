// The transactions that move an order and its stock together. Each writes the order's transition
// (conditional on the status and version read) in the SAME transaction as the stock it moves, so a
// unit changes counter exactly once however often a webhook, a job or an admin retries.
//
// A change of status goes through `moveOrder` with the state machine's plan (shared/domain/orders.ts):
// the plan's `stock` effect picks the transaction, so what each transition does to stock is said in
// one place, the rule table.
//   placeOrder      the order is written, the cart freezes and its holds are stretched to the payment window;
//   commit-holds    held → sold (or, for a line whose hold lapsed, available → sold), the cart is closed;
//   retake          a late payment, no cart: available → sold, if the shelf still has the units;
//   release-holds   expired: held → available, the cart opens again;
//   none            the order alone; if the plan reopens the cart (cancelled before payment, or
//                   refunded: paid too late), the cart opens again with what it still holds;
//   return-sold,    cancelled or refunded after payment: sold units come back (returned, available).
//   return-requested
// A change that is no transition (a part refund, the admin's word on units after a dashboard refund)
// returns units with `returnUnits`.
// The counters keep available + held + sold − returned = received (shared/domain/inventory.ts).
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ttlFor } from '../domain/holds';
import { cartKey, lineKey, type CartHeader, type CartLine } from './carts';
import { dynamo, tableName } from './client';
import { RELEASED_HOLD_KEYS } from './holds';
import { getMinerals, stockKey } from './minerals';
import { couponKey, customerRedemptionKey, type CustomerRef } from './coupons';
import { applyTransition, newOrderPut, transitionItems, transitionUpdate, type Order, type TransactItem, type TransitionWrite } from './orders';
import type { TransitionPlan } from '../domain/orders';
import { recordPurchase } from './purchases';
import { INDEXES } from './table';
import { orderSearchPut } from './orderSearch';

/** A condition failed: something changed since it was read. Read again and decide again. */
export class OrderChangedError extends Error {
  override name = 'OrderChangedError';
}

/** The shelf no longer has the units a sale needs (a late payment, or holds released before the payment came). */
export class StockGoneError extends Error {
  override name = 'StockGoneError';
}

class StockConditionError extends Error {
  override name = 'StockConditionError';
}

async function send(items: TransactItem[], onConditionFailed: (reasons: Array<{ Code?: string | undefined }>) => Error): Promise<void> {
  if (items.length > 100) throw new Error(`transaction of ${items.length} actions exceeds DynamoDB's 100`);
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const failure = onConditionFailed(error.CancellationReasons ?? []);
      // Kept as the cause, so a caller can tell a transient conflict (isTransientConflict) from a change.
      failure.cause ??= error;
      throw failure;
    }
    throw error;
  }
}

const changed = () => new OrderChangedError('the order, its cart or its stock changed since they were read');

/** The cart is still frozen for this order's checkout: its holds are the order's. */
export const frozenFor = (order: Order, header: CartHeader) => header.status === 'checkout' && header.checkoutOrderId === order.orderId;

/**
 * Places an order: writes it, freezes the cart (status checkout) and stretches every line's hold to
 * `holdUntil`. Conditional on the cart being open with exactly the lines read, each holding all it wants.
 */
export interface CouponReservation {
  code: string;
  customer: CustomerRef | null;
  maxRedemptions: number | null;
  maxRedemptionsPerCustomer: number | null;
}

/**
 * Usage limits left no use for this order: `overall`, someone else's order took the coupon's last use
 * meanwhile; `per-customer`, this customer's own other order took their last one.
 */
export class CouponUsedUpError extends Error {
  override name = 'CouponUsedUpError';
  readonly limit: 'overall' | 'per-customer';
  constructor(limit: 'overall' | 'per-customer') {
    super(limit === 'overall' ? 'the coupon has no use left for this order' : 'the customer has no use of the coupon left for this order');
    this.limit = limit;
  }
}

/**
 * Counts one use of a coupon for an order awaiting payment, conditional on the limits: two orders
 * racing for a coupon's last use cannot both get it. Given back if the order is never paid.
 */
function reserveCoupon(r: CouponReservation, orderId: string, now: Date): TransactItem[] {
  const items: TransactItem[] = [
    {
      Update: {
        TableName: tableName,
        Key: couponKey(r.code),
        UpdateExpression: 'SET redemptions = if_not_exists(redemptions, :zero) + :one, updatedAt = :now',
        ConditionExpression: r.maxRedemptions === null ? 'attribute_exists(pk)' : 'attribute_exists(pk) AND (attribute_not_exists(redemptions) OR redemptions < :max)',
        ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':now': now.toISOString(), ...(r.maxRedemptions === null ? {} : { ':max': r.maxRedemptions }) },
      },
    },
  ];
  if (r.customer) {
    const limited = r.maxRedemptionsPerCustomer !== null;
    items.push({
      Update: {
        TableName: tableName,
        Key: customerRedemptionKey(r.code, r.customer),
        // orderIds (a string set, so a late payment's redeemCoupon adds the same id once): the orders
        // the console lists under the coupon.
        UpdateExpression: 'SET entity = :entity, redemptions = if_not_exists(redemptions, :zero) + :one, lastRedeemedAt = :now ADD orderIds :order',
        ...(limited ? { ConditionExpression: 'attribute_not_exists(redemptions) OR redemptions < :max' } : {}),
        ExpressionAttributeValues: {
          ':entity': 'couponRedemption', ':zero': 0, ':one': 1, ':now': now.toISOString(), ':order': new Set([orderId]),
          ...(limited ? { ':max': r.maxRedemptionsPerCustomer } : {}),
        },
      },
    });
  }
  return items;
}

/** Gives back the use an unpaid order reserved (it was cancelled, expired or refunded before being paid). */
function releaseCoupon(order: Order, now: Date): TransactItem[] {
  if (!order.couponCode || !order.couponEffective) return [];
  const customer = couponCustomerOf(order);
  return [
    {
      Update: {
        TableName: tableName,
        Key: couponKey(order.couponCode),
        UpdateExpression: 'SET redemptions = redemptions - :one, updatedAt = :now',
        ConditionExpression: 'redemptions >= :one',
        ExpressionAttributeValues: { ':one': 1, ':now': now.toISOString() },
      },
    },
    {
      Update: {
        TableName: tableName,
        Key: customerRedemptionKey(order.couponCode, customer),
        UpdateExpression: 'SET redemptions = redemptions - :one',
        ConditionExpression: 'redemptions >= :one',
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
  ];
}

/** Who an order's coupon use counts for: the shopper, or a guest by email. */
export function couponCustomerOf(order: Pick<Order, 'owner' | 'email'>): CustomerRef {
  return order.owner.kind === 'shopper' ? { userId: order.owner.userId } : { email: order.email };
}

export async function placeOrderTransaction(
  order: Order,
  header: CartHeader,
  lines: readonly CartLine[],
  holdUntil: string,
  coupon: CouponReservation | null,
  now: Date,
): Promise<void> {
  const items: TransactItem[] = [newOrderPut(order)];
  items.push({
    Update: {
      TableName: tableName,
      Key: cartKey(header.cartId),
      UpdateExpression: 'SET #status = :checkout, checkoutOrderId = :order, updatedAt = :now',
      // Every line change stamps the header's updatedAt: unchanged means no line was added meanwhile.
      // (Not lineCount: lines TTL deletes long after their release leave it higher than the lines there are.)
      ConditionExpression: '#status = :active AND updatedAt = :seen',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':checkout': 'checkout', ':order': order.orderId, ':now': now.toISOString(), ':active': 'active', ':seen': header.updatedAt },
    },
  });
  // Each line still holds all it wants, as read: its hold now lasts through the payment window.
  for (const line of lines) items.push(holdUntilUpdate(line, holdUntil, now, true));
  // The admin finds it by number or email (shared/db/orderSearch.ts).
  items.push(orderSearchPut(order));
  const couponAt = items.length;
  if (coupon) items.push(...reserveCoupon(coupon, order.orderId, now));
  await send(items, (reasons) => {
    if (!coupon || !reasons.slice(0, couponAt).every((r) => !r.Code || r.Code === 'None')) return changed();
    // reserveCoupon's items: the coupon's overall count, then this customer's count.
    const [overall, perCustomer] = reasons.slice(couponAt).map((r) => r.Code === 'ConditionalCheckFailed');
    // The customer's own limit is the one to name: even with uses left overall, this customer gets none.
    if (perCustomer) return new CouponUsedUpError('per-customer');
    return overall ? new CouponUsedUpError('overall') : changed();
  });
}

/**
 * One mineral's counters for a sale of `quantity`, `fromHold` of which were held (the rest come off
 * the shelf). Popularity is not touched here: the refreshPopularity job folds sold − returned into it
 * (shared/catalog/popularity.ts), so a payment never moves catalog sort keys.
 */
function sell(mineralId: string, quantity: number, fromHold: number): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: stockKey(mineralId),
      UpdateExpression: 'SET available = available - :shelf, held = held - :hold, sold = if_not_exists(sold, :zero) + :q',
      ConditionExpression: 'attribute_exists(pk) AND available >= :shelf AND held >= :hold',
      ExpressionAttributeValues: { ':shelf': quantity - fromHold, ':hold': fromHold, ':zero': 0, ':q': quantity },
    },
  };
}

function redeemCoupon(code: string, customer: CustomerRef | null, orderId: string, now: Date): TransactItem[] {
  const items: TransactItem[] = [
    {
      Update: {
        TableName: tableName,
        Key: couponKey(code),
        UpdateExpression: 'SET redemptions = if_not_exists(redemptions, :zero) + :one, updatedAt = :now',
        ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':now': now.toISOString() },
      },
    },
  ];
  if (customer) {
    items.push({
      Update: {
        TableName: tableName,
        Key: customerRedemptionKey(code, customer),
        UpdateExpression: 'SET entity = :entity, redemptions = if_not_exists(redemptions, :zero) + :one, lastRedeemedAt = :now ADD orderIds :order',
        ExpressionAttributeValues: { ':entity': 'couponRedemption', ':zero': 0, ':one': 1, ':now': now.toISOString(), ':order': new Set([orderId]) },
      },
    });
  }
  return items;
}

/** An order's cart as read, with its lines. */
export interface OrderCart {
  header: CartHeader;
  lines: CartLine[];
}

interface PaidWrite {
  transition: TransitionWrite;
  /** The order's cart and its lines as read (still frozen for this order), or null for a late payment. */
  cart: OrderCart | null;
}

/**
 * Marks an order paid and turns its units into sales, in one transaction. With the cart: each line's
 * hold becomes the sale (a lapsed hold's units come off the shelf instead) and the cart closes as
 * ordered. Without (a late payment): every unit comes off the shelf, or StockGoneError.
 */
async function commitPaidOrder(write: PaidWrite, now: Date): Promise<void> {
  const { order } = write.transition;
  const items: TransactItem[] = [transitionUpdate(write.transition, now)];
  const stockAt: number[] = [];
  for (const item of order.items) {
    const line = write.cart?.lines.find((l) => l.mineralId === item.mineralId);
    const fromHold = line ? Math.min(line.held, item.quantity) : 0;
    stockAt.push(items.length);
    items.push(sell(item.mineralId, item.quantity, fromHold));
    if (line) {
      items.push({
        Delete: {
          TableName: tableName,
          Key: lineKey(line.cartId, line.mineralId),
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': line.version },
        },
      });
    }
  }
  if (write.cart) {
    // Lines the order does not cover (none while the cart is frozen) would keep their holds: close only this order's cart.
    items.push({
      Update: {
        TableName: tableName,
        Key: cartKey(write.cart.header.cartId),
        UpdateExpression: 'SET #status = :ordered, updatedAt = :now, lineCount = :zero REMOVE checkoutOrderId',
        ConditionExpression: '#status = :checkout AND checkoutOrderId = :order',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':ordered': 'ordered', ':now': now.toISOString(), ':zero': 0, ':checkout': 'checkout', ':order': order.orderId },
      },
    });
  }
  // Checkout reserved the coupon's use; a late payment (its reservation given back) uses it again, limits or not: it is paid.
  if (!write.cart && order.couponCode && order.couponEffective) items.push(...redeemCoupon(order.couponCode, couponCustomerOf(order), order.orderId, now));
  // A shopper's purchase markers, so their reviews show "verified purchase" (shared/db/purchases.ts).
  // Action count: 1 transition + per item (sell + line delete + marker) 3 × 30 (CART_LIMITS.linesPerCart)
  // + 1 cart close + 2 coupon = 94 at most, within DynamoDB's 100 (`send` checks).
  const { owner } = order;
  if (owner.kind === 'shopper') for (const item of order.items) items.push(recordPurchase(owner.userId, item.mineralId, order.orderId, now));
  await send(items, (reasons) => {
    // Only a stock condition failed: the shelf lacks what the sale needs (a late payment, or holds the
    // sweep released before the expiry job ran) — or the counters moved meanwhile. Tell them apart by
    // reading again: the caller retries on OrderChangedError, and is told StockGoneError only when
    // the units are really gone.
    const stockFailed = stockAt.some((i) => reasons[i]?.Code === 'ConditionalCheckFailed');
    const othersFailed = reasons.some((r, i) => r.Code && r.Code !== 'None' && !stockAt.includes(i));
    if (stockFailed && !othersFailed) return new StockConditionError('a stock condition failed');
    return changed();
  }).catch(async (error: unknown) => {
    if (!(error instanceof StockConditionError)) throw error;
    const now = await getMinerals(order.items.map((i) => i.mineralId));
    // A mineral that no longer exists is gone however its units were held.
    const short = order.items.some((item) => {
      const line = write.cart?.lines.find((l) => l.mineralId === item.mineralId);
      const fromHold = line ? Math.min(line.held, item.quantity) : 0;
      const mineral = now.get(item.mineralId);
      return !mineral || mineral.available < item.quantity - fromHold;
    });
    throw short ? new StockGoneError('the shelf lacks units for this sale') : changed();
  });
}

/**
 * An unpaid order expires: its status changes and the cart's holds go back on the shelf, and the cart
 * opens again for the shopper (lines whose hold is gone are re-acquired when next viewed).
 */
async function releaseOrderHolds(transition: TransitionWrite, cart: OrderCart | null, now: Date): Promise<void> {
  const items: TransactItem[] = [transitionUpdate(transition, now), ...releaseCoupon(transition.order, now)];
  if (cart && frozenFor(transition.order, cart.header)) {
    for (const line of cart.lines) {
      if (line.held <= 0) continue;
      items.push({
        Update: {
          TableName: tableName,
          Key: lineKey(line.cartId, line.mineralId),
          UpdateExpression: 'SET held = :zero, version = :next, updatedAt = :now REMOVE holdExpiresAt, #gpk, #gsk, #mpk',
          ConditionExpression: 'version = :v AND held = :h',
          ExpressionAttributeNames: RELEASED_HOLD_KEYS,
          ExpressionAttributeValues: { ':zero': 0, ':next': line.version + 1, ':now': now.toISOString(), ':v': line.version, ':h': line.held },
        },
      });
      items.push({
        Update: {
          TableName: tableName,
          Key: stockKey(line.mineralId),
          UpdateExpression: 'SET available = available + :h, held = held - :h',
          ConditionExpression: 'attribute_exists(pk) AND held >= :h',
          ExpressionAttributeValues: { ':h': line.held },
        },
      });
    }
    items.push(reopen(cart.header, now));
  }
  await send(items, changed);
}

function reopen(header: CartHeader, now: Date): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: cartKey(header.cartId),
      UpdateExpression: 'SET #status = :active, updatedAt = :now REMOVE checkoutOrderId',
      ConditionExpression: '#status = :checkout AND checkoutOrderId = :order',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':active': 'active', ':now': now.toISOString(), ':checkout': 'checkout', ':order': header.checkoutOrderId ?? '' },
    },
  };
}

/**
 * An unpaid order ends (cancelled; or refunded, paid too late): its cart opens again, with whatever it
 * still holds, each hold shortened to `holdCaps` where given (a cancelled checkout never lengthens a hold).
 */
async function closeUnpaidOrder(
  transition: TransitionWrite,
  header: CartHeader | undefined,
  now: Date,
  holdCaps: ReadonlyArray<{ line: CartLine; holdExpiresAt: string }> = [],
): Promise<void> {
  // Only an order still awaiting payment holds a coupon reservation (a cancelled one gave it back).
  const awaiting = transition.order.status === 'pending_payment' || transition.order.status === 'payment_failed';
  const items: TransactItem[] = [...transitionItems(transition, now), ...(awaiting ? releaseCoupon(transition.order, now) : [])];
  if (header && frozenFor(transition.order, header)) {
    items.push(reopen(header, now));
    for (const { line, holdExpiresAt } of holdCaps) items.push(holdUntilUpdate(line, holdExpiresAt, now));
  }
  await send(items, changed);
}

/**
 * A held line's new expiry (and its place in the expiry index), conditional on the line as read and,
 * when `fullyHeld`, on it holding every unit it wants.
 */
function holdUntilUpdate(line: CartLine, holdExpiresAt: string, now: Date, fullyHeld = false): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: lineKey(line.cartId, line.mineralId),
      UpdateExpression: 'SET holdExpiresAt = :e, #ttl = :ttl, #gsk = :gsk, version = :next, updatedAt = :now',
      ConditionExpression: fullyHeld ? 'version = :v AND held = :q AND quantity = :q' : 'version = :v',
      ExpressionAttributeNames: { '#ttl': 'ttl', '#gsk': INDEXES.holdsByExpiry.sk },
      ExpressionAttributeValues: {
        ':e': holdExpiresAt,
        ':ttl': ttlFor(new Date(holdExpiresAt)),
        ':gsk': `${holdExpiresAt}#${line.cartId}#${line.mineralId}`,
        ':next': line.version + 1,
        ':now': now.toISOString(),
        ':v': line.version,
        ...(fullyHeld ? { ':q': line.quantity } : {}),
      },
    },
  };
}

/**
 * Records a change of a paid order (a transition, a refund) and gives `units` of sold stock back to
 * the shelf (returned and available again), per mineral, in one transaction; the order's
 * `returnedUnits` count them.
 */
async function returnStock(transition: TransitionWrite, units: ReadonlyMap<string, number>, now: Date): Promise<void> {
  const write = { ...transition, set: { ...transition.set, returnedUnits: returnedAfter(transition.order, units) } };
  // No unit back (a refund made in the provider's dashboard, units decided later): the order alone.
  if (![...units.values()].some((q) => q > 0)) {
    if (!(await applyTransition(write, now))) throw changed();
    return;
  }
  const items: TransactItem[] = [...transitionItems(write, now)];
  for (const [mineralId, quantity] of units) {
    if (quantity <= 0) continue;
    items.push({
      Update: {
        TableName: tableName,
        Key: stockKey(mineralId),
        UpdateExpression: 'SET available = available + :q, returned = if_not_exists(returned, :zero) + :q',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':q': quantity, ':zero': 0 },
      },
    });
  }
  await send(items, changed);
}

/** The order's `returnedUnits` once `units` more have come back. */
export function returnedAfter(order: Pick<Order, 'returnedUnits'>, units: ReadonlyMap<string, number>): Record<string, number> {
  const returned = { ...order.returnedUnits };
  for (const [mineralId, quantity] of units) if (quantity > 0) returned[mineralId] = (returned[mineralId] ?? 0) + quantity;
  return returned;
}

/** What a transition's stock moves need besides the order (see `StockEffect` in shared/domain/orders.ts). */
export interface StockInput {
  /**
   * The order's cart as read, or null when it is gone: commit-holds sells its holds and release-holds
   * releases them (each only while the cart is still frozen for this order); a plan that reopens the
   * cart opens it.
   */
  cart?: OrderCart | null | undefined;
  /** return-sold and return-requested: the units that come back, per mineral (shared/orders/returns.ts). */
  units?: ReadonlyMap<string, number> | undefined;
  /** A reopened cart's holds, shortened where given (a cancelled checkout never lengthens a hold). */
  holdCaps?: ReadonlyArray<{ line: CartLine; holdExpiresAt: string }> | undefined;
}

/**
 * Writes a transition the state machine planned, with the stock moves its plan names, in one
 * transaction: the stock effect (`plan.stock`) picks the transaction. OrderChangedError when the
 * order, its cart or the stock changed since they were read; StockGoneError when a late payment's
 * units are no longer on the shelf.
 */
export async function moveOrder(plan: TransitionPlan, write: TransitionWrite, input: StockInput, now: Date): Promise<void> {
  // A plan for another change is a bug in the caller, not a race.
  if (write.order.status !== plan.from || write.to !== plan.to) {
    throw new Error(`a plan for ${plan.from} → ${plan.to} cannot write ${write.order.status} → ${write.to}`);
  }
  const cart = input.cart ?? null;
  const units = input.units ?? new Map<string, number>();
  const returning = plan.stock === 'return-sold' || plan.stock === 'return-requested';
  if (!returning && [...units.values()].some((q) => q > 0)) throw new Error(`${plan.from} → ${plan.to} returns no units, yet units were asked back`);
  switch (plan.stock) {
    case 'none':
      if (plan.reopensCart) return closeUnpaidOrder(write, cart?.header, now, input.holdCaps);
      if (!(await applyTransition(write, now))) throw changed();
      return;
    case 'commit-holds':
      // A cart no longer frozen for this order holds nothing for it: every unit comes off the shelf.
      return commitPaidOrder({ transition: write, cart: cart && frozenFor(write.order, cart.header) ? cart : null }, now);
    case 'retake':
      return commitPaidOrder({ transition: write, cart: null }, now);
    case 'release-holds':
      return releaseOrderHolds(write, cart, now);
    case 'return-sold': {
      const short = write.order.items.filter((item) => units.get(item.mineralId) !== item.quantity - (write.order.returnedUnits[item.mineralId] ?? 0));
      if (short.length > 0) throw new Error(`${plan.from} → ${plan.to} returns every sold unit; not so for ${short.map((i) => i.mineralId).join(', ')}`);
      return returnStock(write, units, now);
    }
    case 'return-requested':
      return returnStock(write, units, now);
    default: {
      const unknown: never = plan.stock;
      throw new Error(`no stock move for ${String(unknown)}`);
    }
  }
}

/**
 * A change of a paid order that is no change of status (a part refund; the admin's word on units after
 * a refund made in the provider's dashboard), with `units` of sold stock back on the shelf.
 */
export async function returnUnits(write: TransitionWrite, units: ReadonlyMap<string, number>, now: Date): Promise<void> {
  if (write.to !== write.order.status) throw new Error(`a change of status (${write.order.status} → ${write.to}) goes through moveOrder`);
  return returnStock(write, units, now);
}

