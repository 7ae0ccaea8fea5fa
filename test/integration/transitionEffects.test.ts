// Every transition of the order state machine (TRANSITIONS in shared/domain/orders.ts), for every
// actor allowed to make it, driven through the code that makes it in the shop (the API, the payment
// sandbox and its webhooks, the order queue, the jobs). After each, the stock counters and the money
// are checked against what the rule says: its `stock` effect, worked out here from the order's units,
// and its `money` effect, read back from the payment provider. A rule whose annotation the code does
// not follow fails here, and so does a rule nobody taught this file to drive.
import { randomUUID } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineKey, loadCart } from '../../shared/db/carts';
import { dynamo, tableName } from '../../shared/db/client';
import { getStockCounters, putMinerals, stockKey } from '../../shared/db/minerals';
import { getOrder } from '../../shared/db/orders';
import { moveOrder } from '../../shared/db/orderStock';
import { planTransition, TRANSITIONS, type OrderActor, type OrderStatus, type StockEffect } from '../../shared/domain/orders';
import { expireUnpaidOrders } from '../../shared/orders/unpaidOrders';
import { startAdminTestApi } from '../support/adminApi';
import { aGuestCart, DENVER_ADDRESS, type Json, type TestApi } from '../support/api';
import { aMineral } from '../support/builders';
import { deliverQueuedMail } from '../support/mail';
import { expireWhilePaying } from '../support/orderMoves';
import { providerDashboard as dashboard, settleProviderEvent as settle } from '../support/provider';
import { paymentSandbox, payWithCard, TEST_CARDS } from '../support/payments';

let setup: Awaited<ReturnType<typeof startAdminTestApi>>;
let api: TestApi;

beforeAll(async () => {
  setup = await startAdminTestApi();
  api = setup.api;
});
afterAll(() => setup?.close());

const admin = (method: string, path: string, body?: unknown) => setup.admin(method, path, body);

/** Each order buys this many units of its own mineral, with one more left on the shelf. */
const UNITS = 2;

interface Placed {
  mineralId: string;
  orderId: string;
  paymentId: string;
  payment: Json;
  cart: Awaited<ReturnType<typeof aGuestCart>>;
}

interface Counters {
  available: number;
  held: number;
  sold: number;
  returned: number;
}

async function counters(mineralId: string): Promise<Counters> {
  const c = (await getStockCounters(mineralId))!;
  return { available: c.available, held: c.held, sold: c.sold, returned: c.returned };
}

async function status(orderId: string): Promise<OrderStatus> {
  return (await getOrder(orderId))!.status;
}

// ---- Reaching each status the way the shop gets there -------------------------------------------

async function pendingPayment(): Promise<Placed> {
  const mineral = aMineral({ available: UNITS + 1, priceCents: 4_500 });
  await putMinerals([mineral]);
  const cart = await aGuestCart(api);
  expect((await cart.set(mineral.id, UNITS)).status).toBe(200);
  const res = await api.request('POST', '/api/checkout', {
    headers: { 'x-cart-token': cart.cartToken },
    body: { cartId: cart.cartId, email: `effects-${randomUUID()}@example.com`, address: DENVER_ADDRESS, shippingMethod: 'standard' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const payment = res.body.payment as Json;
  return { mineralId: mineral.id, orderId: res.body.order.orderId, paymentId: payment.paymentId, payment, cart };
}

async function declined(order: Placed) {
  await payWithCard(api, order.payment, TEST_CARDS.declined);
  await settle('payment_intent.payment_failed', order.paymentId);
}

async function paysOk(order: Placed) {
  expect((await payWithCard(api, order.payment, TEST_CARDS.succeeds)).status).toBe(200);
  await settle('payment_intent.succeeded', order.paymentId);
}

async function adminMoves(order: Placed, to: string, body: Record<string, unknown> = {}) {
  const res = await admin('POST', `/api/admin/orders/${order.orderId}/transitions`, { to, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

const SHIPPING = { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' };

/** A paid order moved along by the admin to `to`. */
async function paidThen(...steps: Array<'packed' | 'shipped' | 'delivered'>): Promise<Placed> {
  const order = await pendingPayment();
  await paysOk(order);
  for (const to of steps) await adminMoves(order, to, to === 'shipped' ? SHIPPING : {});
  return order;
}

/** The shopper's card goes through while the order is being ended: its success webhook is held back until `arrives`. */
async function payingWhile(end: (order: Placed) => Promise<void>) {
  const order = await pendingPayment();
  const sandbox = paymentSandbox();
  sandbox.setWebhookUrl(undefined);
  try {
    expect((await payWithCard(api, order.payment, TEST_CARDS.succeeds)).status).toBe(200);
  } finally {
    sandbox.setWebhookUrl(api.url('/api/webhooks/stripe'));
  }
  await end(order);
  const arrives = async () => {
    const event = sandbox.events.find((d) => d.event.type === 'payment_intent.succeeded' && (d.event.data.object as Json).id === order.paymentId)!;
    expect((await sandbox.deliverAgain(event.event.id)).status).toBe(200);
    await deliverQueuedMail();
  };
  return { order, arrives };
}

/** A rival shopper takes every unit left on the shelf. */
async function rivalTakesTheShelf(mineralId: string) {
  const left = (await counters(mineralId)).available;
  const rival = await aGuestCart(api);
  expect((await rival.set(mineralId, left)).status).toBe(200);
}

/**
 * The order's hold lapses and its units go back on the shelf behind the shop's back (as a hold whose
 * line DynamoDB's TTL deleted once could), so its payment finds them gone after a rival buys them.
 */
async function holdLapses(order: Placed) {
  const line = (await loadCart(order.cart.cartId))!.lines[0]!;
  await dynamo.send(
    new TransactWriteCommand({
      TransactItems: [
        { Update: { TableName: tableName, Key: lineKey(line.cartId, line.mineralId), UpdateExpression: 'SET held = :zero', ExpressionAttributeValues: { ':zero': 0 } } },
        {
          Update: {
            TableName: tableName,
            Key: stockKey(line.mineralId),
            UpdateExpression: 'SET available = available + :h, held = held - :h',
            ExpressionAttributeValues: { ':h': line.held },
          },
        },
      ],
    }),
  );
  await rivalTakesTheShelf(order.mineralId);
}

/** The shopper's cancel went through while the card was being charged (the provider's cancel lost the race). */
async function cancelWhilePaying(order: Placed) {
  const read = (await getOrder(order.orderId))!;
  const plan = planTransition(read.status, 'cancelled', 'shopper');
  if (!plan.ok) throw new Error(plan.message);
  const now = new Date();
  await moveOrder(plan, { order: read, to: 'cancelled', entry: { status: 'cancelled', at: now.toISOString(), by: 'shopper', note: null } }, { cart: (await loadCart(read.cartId)) ?? null }, now);
}

const DAY_LATER = () => new Date(Date.now() + 24 * 60 * 60_000);

// ---- The drivers: one per transition and actor ----------------------------------------------------

interface Drive {
  /** The order in the transition's `from` status. */
  reach: () => Promise<Placed & { arrives?: () => Promise<void> }>;
  /** Makes the transition; returns the units the admin asked back, when the rule returns what is asked. */
  move: (order: Placed & { arrives?: () => Promise<void> }) => Promise<Map<string, number> | void>;
}

const unpaid = {
  pending_payment: pendingPayment,
  payment_failed: async () => {
    const order = await pendingPayment();
    await declined(order);
    return order;
  },
};

const paidStates = {
  paid: () => paidThen(),
  packed: () => paidThen('packed'),
  shipped: () => paidThen('shipped'),
  delivered: () => paidThen('shipped', 'delivered'),
};

const refundOneUnit = async (order: Placed) => {
  const res = await admin('POST', `/api/admin/orders/${order.orderId}/refund`, { returnStock: [{ mineralId: order.mineralId, quantity: 1 }] });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return new Map([[order.mineralId, 1]]);
};

const refundInDashboard = async (order: Placed) => {
  const total = (await getOrder(order.orderId))!.totalCents;
  await (await dashboard()).refunds.create({ payment_intent: order.paymentId, amount: total });
  await settle('charge.refunded', order.paymentId);
  return new Map<string, number>();
};

const DRIVES: Record<string, Drive> = {};
const key = (from: OrderStatus, to: OrderStatus, by: OrderActor) => `${from} → ${to} by ${by}`;

for (const from of ['pending_payment', 'payment_failed'] as const) {
  DRIVES[key(from, 'paid', 'system')] = { reach: unpaid[from], move: paysOk };
  DRIVES[key(from, 'payment_failed', 'system')] = { reach: unpaid[from], move: declined };
  DRIVES[key(from, 'cancelled', 'shopper')] = {
    reach: unpaid[from],
    move: async (order) => {
      const res = await api.request('POST', `/api/orders/${order.orderId}/cancel`, { headers: { 'x-cart-token': order.cart.cartToken } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    },
  };
  DRIVES[key(from, 'cancelled', 'admin')] = { reach: unpaid[from], move: (order) => adminMoves(order, 'cancelled') };
  DRIVES[key(from, 'expired', 'system')] = {
    reach: unpaid[from],
    move: async () => {
      await expireUnpaidOrders(DAY_LATER());
    },
  };
  // Paid while open, but its hold had lapsed and the units sold: the money goes straight back.
  DRIVES[key(from, 'refunded', 'system')] = {
    reach: async () => {
      const order = await unpaid[from]();
      await holdLapses(order);
      return order;
    },
    move: paysOk,
  };
  // Paid the wrong amount (changed at the provider): never taken as payment; the admin's cancel sends it back.
  DRIVES[key(from, 'refunded', 'admin')] = {
    reach: async () => {
      const order = await unpaid[from]();
      const total = (await getOrder(order.orderId))!.totalCents;
      await (await dashboard()).paymentIntents.update(order.paymentId, { amount: total - 1_000 });
      await paysOk(order);
      expect((await getOrder(order.orderId))!.paymentMismatch).not.toBeNull();
      return order;
    },
    move: (order) => adminMoves(order, 'cancelled'),
  };
}
for (const from of ['paid', 'packed'] as const) {
  DRIVES[key(from, 'cancelled', 'admin')] = { reach: paidStates[from], move: (order) => adminMoves(order, 'cancelled') };
}
DRIVES[key('paid', 'packed', 'admin')] = { reach: paidStates.paid, move: (order) => adminMoves(order, 'packed') };
DRIVES[key('paid', 'shipped', 'admin')] = { reach: paidStates.paid, move: (order) => adminMoves(order, 'shipped', SHIPPING) };
DRIVES[key('packed', 'shipped', 'admin')] = { reach: paidStates.packed, move: (order) => adminMoves(order, 'shipped', SHIPPING) };
DRIVES[key('shipped', 'delivered', 'admin')] = { reach: paidStates.shipped, move: (order) => adminMoves(order, 'delivered') };
for (const from of ['paid', 'packed', 'shipped', 'delivered'] as const) {
  DRIVES[key(from, 'refunded', 'admin')] = { reach: paidStates[from], move: refundOneUnit };
  DRIVES[key(from, 'refunded', 'system')] = { reach: paidStates[from], move: refundInDashboard };
}
// A payment that lands after its order expired (the job's cancel lost the race with the card)…
DRIVES[key('expired', 'paid', 'system')] = {
  reach: async () => {
    const { order, arrives } = await payingWhile((o) => expireWhilePaying(o.orderId));
    return { ...order, arrives };
  },
  move: (order) => order.arrives!(),
};
// …and whose units sold meanwhile; or after the shopper cancelled.
DRIVES[key('expired', 'refunded', 'system')] = {
  reach: async () => {
    const { order, arrives } = await payingWhile(async (o) => {
      await expireWhilePaying(o.orderId);
      await rivalTakesTheShelf(o.mineralId);
    });
    return { ...order, arrives };
  },
  move: (order) => order.arrives!(),
};
DRIVES[key('cancelled', 'refunded', 'system')] = {
  reach: async () => {
    const { order, arrives } = await payingWhile(cancelWhilePaying);
    return { ...order, arrives };
  },
  move: (order) => order.arrives!(),
};

/** Every transition the rule table allows, with each actor allowed to make it. */
const RULES = Object.entries(TRANSITIONS).flatMap(([from, targets]) =>
  Object.entries(targets).flatMap(([to, rule]) => rule!.by.map((by) => ({ from: from as OrderStatus, to: to as OrderStatus, by, rule: rule! }))),
);

/** The counters a stock effect leaves, from those before it and the order's units. */
function expected(effect: StockEffect, before: Counters, soldBefore: number, asked: Map<string, number> | void, mineralId: string): Counters {
  const n = UNITS;
  switch (effect) {
    case 'none':
      return before;
    case 'commit-holds':
      return { ...before, held: before.held - n, sold: before.sold + n };
    case 'retake':
      return { ...before, available: before.available - n, sold: before.sold + n };
    case 'release-holds':
      return { ...before, held: before.held - n, available: before.available + n };
    case 'return-sold':
      return { ...before, available: before.available + soldBefore, returned: before.returned + soldBefore };
    case 'return-requested': {
      const back = asked ? (asked.get(mineralId) ?? 0) : 0;
      return { ...before, available: before.available + back, returned: before.returned + back };
    }
  }
}

describe('every transition of the order state machine does to stock and money what its rule says', () => {
  it('has a driver here for each rule and actor, and none for a transition the table does not allow', () => {
    expect(Object.keys(DRIVES).sort()).toEqual(RULES.map((r) => key(r.from, r.to, r.by)).sort());
  });

  it.each(RULES.map((r) => [key(r.from, r.to, r.by), r] as const))('%s', async (name, { from, to, rule }) => {
    const drive = DRIVES[name];
    expect(drive, `no driver for ${name}`).toBeDefined();
    const order = await drive!.reach();
    expect(await status(order.orderId)).toBe(from);
    const orderBefore = (await getOrder(order.orderId))!;
    const before = await counters(order.mineralId);
    const asked = await drive!.move(order);

    const after = (await getOrder(order.orderId))!;
    expect(after.status).toBe(to);
    // Stock: exactly the rule's effect on this order's units, nothing more.
    const soldBefore = UNITS - (orderBefore.returnedUnits[order.mineralId] ?? 0);
    expect(await counters(order.mineralId)).toEqual(expected(rule.stock, before, soldBefore, asked, order.mineralId));

    // Money, as the payment provider has it.
    const intent = await (await dashboard()).paymentIntents.retrieve(order.paymentId);
    const refunded = paymentSandbox()
      .refunds()
      .filter((r) => r.payment_intent === order.paymentId && r.status === 'succeeded')
      .reduce((sum, r) => sum + r.amount, 0);
    if (rule.money === 'refund-in-full') {
      expect(intent.status).toBe('succeeded');
      expect(refunded).toBe(intent.amount);
      expect(after.refundedCents).toBe(after.totalCents);
    } else if (rule.money === 'cancel-payment') {
      expect(intent.status).toBe('canceled');
      expect(refunded).toBe(0);
      expect(after.refundedCents).toBe(0);
    } else {
      expect(intent.status).not.toBe('canceled');
      expect(refunded).toBe(0);
      expect(after.refundedCents).toBe(orderBefore.refundedCents);
    }
  });
});
