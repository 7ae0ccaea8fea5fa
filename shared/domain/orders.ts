// The life of an order, as one state machine. Every change of status goes through `planTransition`,
// which says whether it is allowed, for whom, and what else must happen with it: stock, money and
// mail. `moveOrder` (shared/db/orderStock.ts) then writes the plan, with the stock moves its rule
// names, conditionally on the status it read, so two racing transitions can never both happen.
//
//   pending_payment ──paid──▶ paid ──▶ (packed ──▶) shipped ──▶ delivered
//        │   ▲  │                │         │          │            │
//        │   │  └─▶ payment_failed (another card may still succeed) │
//        │   └───────┘           └──cancelled (refund + stock back) └──▶ refunded
//        ├─▶ cancelled (shopper or admin, before payment: the cart opens again)
//        └─▶ expired (unpaid past its window: payment cancelled first, then the holds released)
//
// A payment that lands after its order expired (the cancel lost the race) takes the stock from the
// shelf again if it is still there (expired → paid); otherwise, and always for an order the shopper
// cancelled, the money goes straight back (→ refunded). See shared/orders/processPayment.ts.

export const ORDER_STATUSES = [
  'pending_payment',
  'payment_failed',
  'paid',
  'packed',
  'shipped',
  'delivered',
  'cancelled',
  'refunded',
  'expired',
] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Who asks for a transition. `system` is the payment pipeline and the scheduled jobs. */
export type OrderActor = 'system' | 'admin' | 'shopper';

/** Statuses an admin moves an order to through the transitions route. */
export const ADMIN_TRANSITIONS = ['packed', 'shipped', 'delivered', 'cancelled'] as const;
export type AdminTransition = (typeof ADMIN_TRANSITIONS)[number];

/**
 * What happens to stock with a transition. This is the one place that says it: `moveOrder`
 * (shared/db/orderStock.ts) picks the transaction by this value, and
 * test/integration/transitionEffects.test.ts drives every transition below and checks the counters
 * against it.
 */
export type StockEffect =
  /** Nothing moves. */
  | 'none'
  /** The cart's holds become sales (held → sold); units whose hold lapsed come off the shelf (available → sold). */
  | 'commit-holds'
  /** A late payment: units are taken from the shelf again (available → sold), if they are there. */
  | 'retake'
  /** The cart's holds go back on the shelf (held → available). */
  | 'release-holds'
  /** Every sold unit not yet returned comes back (returned, and available again). */
  | 'return-sold'
  /**
   * The sold units the admin names come back (returned, and available again): all, some or none. For a
   * refund made in the provider's dashboard none come back with it; the admin decides later.
   */
  | 'return-requested';

/**
 * What happens to money with a transition, at the payment provider, before the order is written:
 * `cancel-payment`, the open payment is cancelled (once cancelled it can no longer succeed);
 * `refund-in-full`, everything not yet refunded goes back (or went back already, in the provider's
 * dashboard, and is recorded).
 */
export type MoneyEffect = 'none' | 'cancel-payment' | 'refund-in-full';

export type OrderMail = 'orderConfirmation' | 'paymentFailed' | 'orderShipped' | 'orderDelivered' | 'orderCancelled' | 'orderRefunded';

export interface TransitionPlan {
  from: OrderStatus;
  to: OrderStatus;
  stock: StockEffect;
  money: MoneyEffect;
  /** The mail the shopper gets, if any. */
  mail: OrderMail | null;
  /** The cart the order came from opens again for changes (the order never got paid). */
  reopensCart: boolean;
}

interface Rule {
  by: readonly OrderActor[];
  stock: StockEffect;
  money: MoneyEffect;
  mail: OrderMail | null;
  reopensCart?: boolean;
}

const UNPAID_EXITS: Partial<Record<OrderStatus, Rule>> = {
  paid: { by: ['system'], stock: 'commit-holds', money: 'none', mail: 'orderConfirmation' },
  // No mail at the decline itself: most shoppers try another card at once. PAYMENT_FAILED_MAIL_AFTER_MINUTES
  // later, an order still unpaid gets one "didn't go through" mail (shared/orders/declinedPayments.ts).
  payment_failed: { by: ['system'], stock: 'none', money: 'none', mail: null },
  // Before payment nothing was charged: the payment is cancelled and the cart (with its holds) opens again.
  cancelled: { by: ['shopper', 'admin'], stock: 'none', money: 'cancel-payment', mail: null, reopensCart: true },
  expired: { by: ['system'], stock: 'release-holds', money: 'cancel-payment', mail: null, reopensCart: true },
  // Paid while open, but the holds had lapsed (the expiry job was late) and the units sold: money back.
  // Or paid the wrong amount or currency (never taken as payment): the admin sends it back.
  refunded: { by: ['system', 'admin'], stock: 'none', money: 'refund-in-full', mail: 'orderRefunded', reopensCart: true },
};

const PAID_CANCEL: Rule = { by: ['admin'], stock: 'return-sold', money: 'refund-in-full', mail: 'orderCancelled' };
/** By the admin here, or (system) in the provider's dashboard, which the payment pipeline then records. */
const FULL_REFUND: Rule = { by: ['admin', 'system'], stock: 'return-requested', money: 'refund-in-full', mail: 'orderRefunded' };
/** A payment that arrived for an order that no longer wants it goes straight back. */
const LATE_REFUND: Rule = { by: ['system'], stock: 'none', money: 'refund-in-full', mail: 'orderRefunded' };

/** Every allowed transition. Anything not listed is refused. */
export const TRANSITIONS: Record<OrderStatus, Partial<Record<OrderStatus, Rule>>> = {
  pending_payment: UNPAID_EXITS,
  payment_failed: UNPAID_EXITS,
  paid: {
    packed: { by: ['admin'], stock: 'none', money: 'none', mail: null },
    // A small shop packs and ships in one go: marking packed first is not required.
    shipped: { by: ['admin'], stock: 'none', money: 'none', mail: 'orderShipped' },
    cancelled: PAID_CANCEL,
    refunded: FULL_REFUND,
  },
  packed: {
    shipped: { by: ['admin'], stock: 'none', money: 'none', mail: 'orderShipped' },
    cancelled: PAID_CANCEL,
    refunded: FULL_REFUND,
  },
  shipped: {
    delivered: { by: ['admin'], stock: 'none', money: 'none', mail: 'orderDelivered' },
    refunded: FULL_REFUND,
  },
  delivered: { refunded: FULL_REFUND },
  expired: {
    paid: { by: ['system'], stock: 'retake', money: 'none', mail: 'orderConfirmation' },
    refunded: LATE_REFUND,
  },
  cancelled: { refunded: LATE_REFUND },
  refunded: {},
};

export type TransitionRefusal = { ok: false; reason: 'not-allowed' | 'not-permitted'; message: string };

const label = (s: OrderStatus) => s.replace('_', ' ');

/** Whether `actor` may move an order from `from` to `to`, and what comes with it. */
export function planTransition(from: OrderStatus, to: OrderStatus, actor: OrderActor): ({ ok: true } & TransitionPlan) | TransitionRefusal {
  const rule = TRANSITIONS[from][to];
  if (!rule) return { ok: false, reason: 'not-allowed', message: `An order that is ${label(from)} cannot become ${label(to)}.` };
  if (!rule.by.includes(actor)) return { ok: false, reason: 'not-permitted', message: `Only the shop can mark an order ${label(to)}.` };
  return { ok: true, from, to, stock: rule.stock, money: rule.money, mail: rule.mail, reopensCart: rule.reopensCart ?? false };
}

/** Statuses from which `to` can be reached: the condition of the conditional write. */
export function statusesLeadingTo(to: OrderStatus, actor: OrderActor): OrderStatus[] {
  return ORDER_STATUSES.filter((from) => TRANSITIONS[from][to]?.by.includes(actor));
}

/** An order whose payment is still open: the shopper may pay (again), cancel, or let it expire. */
export function isAwaitingPayment(status: OrderStatus): boolean {
  return status === 'pending_payment' || status === 'payment_failed';
}

/** An order the shop has been paid for and not (yet) fully refunded. */
export function isPaid(status: OrderStatus): boolean {
  return status === 'paid' || status === 'packed' || status === 'shipped' || status === 'delivered';
}

/** How long a shopper has to pay after placing an order. */
export const PAYMENT_WINDOW_MINUTES = 30;

/**
 * A declined payment is mailed about only if the order is still unpaid this long after the decline
 * (one mail per order, however many cards were declined), well inside the payment window.
 */
export const PAYMENT_FAILED_MAIL_AFTER_MINUTES = 10;

/** The timeline steps a shopper is shown: what happened to the order, not each declined card. */
export function isShopperVisibleStep(status: OrderStatus): boolean {
  return status !== 'payment_failed';
}

/**
 * Cart holds of an order in payment outlive the payment window by this much, so the unpaid-order job
 * (which cancels the payment first) reaches an expired order before the hold sweep does.
 */
export const HOLD_GRACE_AFTER_PAYMENT_WINDOW_MINUTES = 10;

export function paymentDeadline(placedAt: Date, windowMinutes = PAYMENT_WINDOW_MINUTES): Date {
  return new Date(placedAt.getTime() + windowMinutes * 60_000);
}

/**
 * A refund of `amountCents` on an order that has been refunded `alreadyRefundedCents` of `totalCents`:
 * positive, whole, and never more than what is left.
 */
export function checkRefund(totalCents: number, alreadyRefundedCents: number, amountCents: number): { ok: true; completes: boolean } | { ok: false; message: string } {
  const left = totalCents - alreadyRefundedCents;
  if (!Number.isInteger(amountCents) || amountCents <= 0) return { ok: false, message: 'A refund must be a positive whole number of cents.' };
  if (left <= 0) return { ok: false, message: 'This order has been refunded in full already.' };
  if (amountCents > left) return { ok: false, message: `At most ${left} cents are left to refund on this order.` };
  return { ok: true, completes: amountCents === left };
}

/** A short number shoppers can read out on the phone, derived from the order id. */
export function orderNumber(orderId: string): string {
  return `MS-${orderId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

/** The statuses of an order whose payment the shop kept (some or all of it): what a customer has spent. */
export const SPENDING_STATUSES = ['paid', 'packed', 'shipped', 'delivered', 'refunded'] as const satisfies readonly OrderStatus[];

/**
 * What a customer has spent: the totals of their paid orders less what was refunded. Orders never
 * paid (awaiting payment, failed, expired, cancelled before paying) count nothing; a paid order
 * cancelled later was refunded in full, so it counts nothing either.
 */
export function lifetimeValueCents(orders: ReadonlyArray<{ status: OrderStatus; totalCents: number; refundedCents: number }>): number {
  const spending: readonly OrderStatus[] = SPENDING_STATUSES;
  return orders.filter((o) => spending.includes(o.status)).reduce((sum, o) => sum + Math.max(0, o.totalCents - o.refundedCents), 0);
}
