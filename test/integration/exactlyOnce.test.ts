// Tests that decide: each passes only because the mechanism it names works, not because something
// else happens to catch the same case. The same payment event twice straight into the processor (no
// FIFO dedup in front of it); a checkout raced with one Idempotency-Key while the first is in flight;
// one key used by two callers; two holds on one mineral lapsing under racing sweeps.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getStockCounters, putMinerals } from '../../shared/db/minerals';
import { getOrder } from '../../shared/db/orders';
import { releaseExpiredHolds } from '../../shared/inventory/releaseHolds';
import { applyPaymentEvent } from '../../shared/orders/processPayment';
import { aGuestCart, startTestApi, type Json, type TestApi } from '../support/api';
import { aMineral } from '../support/builders';
import { deliverQueuedMail, mailTo } from '../support/mail';
import { payWithCard } from '../support/payments';

// The mail queue's client, passed through, except that a test can make the next enqueue never return:
// the worker "dies" after the order was written and before its mail was queued.
const queueing = vi.hoisted(() => ({ dieOnNext: false }));
vi.mock('../../shared/email/outbox', async (original) => {
  const real = await original<typeof import('../../shared/email/outbox')>();
  return {
    ...real,
    enqueueEmail: (message: Parameters<typeof real.enqueueEmail>[0]) => {
      if (!queueing.dieOnNext) return real.enqueueEmail(message);
      queueing.dieOnNext = false;
      return new Promise<never>(() => undefined);
    },
  };
});

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.close());

const denver = { name: 'Ada Stone', line1: '1 Quartz Way', city: 'Denver', region: 'CO', postalCode: '80202', country: 'US' };

async function cartHolding(mineralId: string, quantity = 1) {
  const cart = await aGuestCart(api);
  expect((await cart.set(mineralId, quantity)).status).toBe(200);
  return cart;
}

const checkout = (cart: { cartId: string; cartToken: string }, email: string, key?: string) =>
  api.request('POST', '/api/checkout', {
    headers: { 'x-cart-token': cart.cartToken, ...(key ? { 'idempotency-key': key } : {}) },
    body: { cartId: cart.cartId, email, address: denver, shippingMethod: 'standard' },
  });

/** A one-of-a-kind specimen checked out by a guest and paid at the provider; its success event, not yet applied. */
async function paidOneOfAKind() {
  const mineral = aMineral({ available: 1 });
  await putMinerals([mineral]);
  const email = `buyer-${randomUUID()}@example.com`;
  const placed = await checkout(await cartHolding(mineral.id), email);
  expect(placed.status).toBe(201);
  const orderId = placed.body.order.orderId as string;
  expect((await payWithCard(api, placed.body.payment)).status).toBe(200);
  const event = { eventId: `evt_${randomUUID()}`, type: 'payment_succeeded' as const, providerType: 'payment_intent.succeeded', created: 1, paymentId: placed.body.payment.paymentId as string, orderId, amountCents: placed.body.order.totals.totalCents as number };
  return { mineral, email, orderId, event };
}

describe('a payment event applied again and again, straight into the processor', () => {
  it('sells the unit once, records the event once and mails once: the order’s event record decides', async () => {
    // The provider is paid, but its event is handed to the processor by hand, five times at once:
    // no queue deduplication stands in front of it.
    const { mineral, email, orderId, event } = await paidOneOfAKind();
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => applyPaymentEvent(event)));
    expect(outcomes.sort()).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect(await applyPaymentEvent(event)).toBe('duplicate');
    const order = (await getOrder(orderId))!;
    expect(order.status).toBe('paid');
    expect(order.eventIds).toEqual([event.eventId]);
    expect(order.timeline.filter((t) => t.status === 'paid')).toHaveLength(1);
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 0, held: 0, sold: 1 });
    await deliverQueuedMail();
    const subjects = (await mailTo(email)).map((m) => m.subject);
    expect(subjects.filter((s) => s.includes(order.number)), subjects.join(" / ")).toHaveLength(1);
  });
});

describe('a processor that dies between marking the order paid and queueing its mail', () => {
  it('leaves the mail to the event’s redelivery once the claim has lapsed: one mail, never none, never two', async () => {
    const { email, orderId, event } = await paidOneOfAKind();

    queueing.dieOnNext = true;
    void applyPaymentEvent(event); // never settles: the worker is gone
    // It died on queueing the mail, after the order was written.
    await expect.poll(() => queueing.dieOnNext).toBe(false);
    expect((await getOrder(orderId))?.status).toBe('paid');
    // Redelivered at once (another worker, the same message): the dead worker's claim still stands.
    expect(await applyPaymentEvent(event)).toBe('duplicate');
    expect((await getOrder(orderId))!.mailed).toEqual([]);

    // Redelivered after the queue's visibility timeout: the claim has lapsed, the mail goes, once.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61_000 });
    try {
      expect(await applyPaymentEvent(event)).toBe('duplicate');
      expect(await applyPaymentEvent(event)).toBe('duplicate');
    } finally {
      vi.useRealTimers();
    }
    expect((await getOrder(orderId))!.mailed).toEqual(['orderConfirmation:paid']);
    await deliverQueuedMail();
    const order = (await getOrder(orderId))!;
    expect((await mailTo(email)).filter((m) => m.subject.includes(order.number))).toHaveLength(1);
  });
});

describe('a checkout with an Idempotency-Key', () => {
  it('raced while the first is still running: one order, the others told it is in progress or given the same order', async () => {
    const mineral = aMineral({ available: 2 });
    await putMinerals([mineral]);
    const cart = await cartHolding(mineral.id);
    const key = randomUUID();
    const email = `buyer-${randomUUID()}@example.com`;
    const answers = await Promise.all(Array.from({ length: 4 }, () => checkout(cart, email, key)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    const created = answers.find((a) => a.status === 201)!;
    const inProgress = answers.filter((a) => a.status === 409);
    // The first request was still running when the others arrived: the in-progress branch answered.
    expect(inProgress.length).toBeGreaterThan(0);
    for (const res of inProgress) expect(res.body.error.code).toBe('request_in_progress');
    for (const res of answers.filter((a) => a.status === 200)) expect(res.body.order.orderId).toBe(created.body.order.orderId);
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 1, held: 1, sold: 0 });
  });

  it('is the caller’s own: another caller using the same key gets an order of its own, never the first caller’s', async () => {
    const mineral = aMineral({ available: 2 });
    await putMinerals([mineral]);
    const key = randomUUID();
    const [a, b] = [await cartHolding(mineral.id), await cartHolding(mineral.id)];
    const first = await checkout(a, `a-${randomUUID()}@example.com`, key);
    const second = await checkout(b, `b-${randomUUID()}@example.com`, key);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.order.orderId).not.toBe(first.body.order.orderId);
    expect(second.body).not.toHaveProperty('order.email', first.body.order.email);
  });
});

describe('several holds on one mineral lapsing at once', () => {
  it('are each released exactly once under racing sweeps: the per-line release decides, whatever the mineral’s held count says', async () => {
    const mineral = aMineral({ available: 6 });
    await putMinerals([mineral]);
    await Promise.all([cartHolding(mineral.id, 1), cartHolding(mineral.id, 2), cartHolding(mineral.id, 3)]);
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 0, held: 6 });
    // Long after every hold lapsed, three sweeps run at once, then another.
    const later = new Date(Date.now() + 3 * 60 * 60_000);
    const runs = await Promise.all([releaseExpiredHolds(later), releaseExpiredHolds(later), releaseExpiredHolds(later)]);
    await releaseExpiredHolds(later);
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 6, held: 0 });
    // Other files' holds share the index; ours are the three lines released once between them.
    expect(runs.reduce((n, r) => n + r.released, 0)).toBeGreaterThanOrEqual(3);
  });
});

export type { Json };
