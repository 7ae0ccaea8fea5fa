// The order processor does not read an order again after changing it: it works out the order as the
// change left it (orderAfter in shared/db/orders.ts) and sends the mail from that. This holds the two
// together: for each kind of change the processor makes, the order read back from DynamoDB is exactly
// what orderAfter said it would be.
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamo } from '../../shared/db/client';
import { applyTransition, getOrder, newOrderPut, orderAfter, type Order, type TransitionWrite } from '../../shared/db/orders';
import { anOrder } from '../support/builders';

async function stored(order: Order): Promise<Order> {
  await dynamo.send(new TransactWriteCommand({ TransactItems: [newOrderPut(order)] }));
  return (await getOrder(order.orderId))!;
}

const sorted = (o: Order) => ({ ...o, eventIds: [...o.eventIds].sort() });

describe('orderAfter', () => {
  const now = new Date('2026-12-05T12:00:00.000Z');
  const at = now.toISOString();
  const cases: Array<[string, (o: Order) => TransitionWrite]> = [
    ['paid, with the payment and the event', (o) => ({ order: o, to: 'paid', entry: { status: 'paid', at, by: 'system', note: null }, eventId: 'evt_paid_1', set: { payment: { ...o.payment, paymentId: 'pi_1', status: 'succeeded', failureMessage: null }, paidAt: at } })],
    ['a failed payment', (o) => ({ order: o, to: 'payment_failed', entry: { status: 'payment_failed', at, by: 'system', note: 'Declined' }, eventId: 'evt_failed_2', set: { payment: { ...o.payment, paymentId: 'pi_1', status: 'failed', failureMessage: 'Declined' } } })],
    ['refunded in full, with a mail recorded', (o) => ({ order: o, to: 'refunded', entry: { status: 'refunded', at, by: 'system', note: 'Late' }, eventId: 'evt_late_3', mails: ['orderRefunded:late-refund'], set: { refundedCents: o.totalCents, refunds: [{ refundId: 're_1', amountCents: o.totalCents, at, reason: 'Late' }] } })],
  ];

  for (const [name, change] of cases) {
    it(`predicts the order as stored after ${name}`, async () => {
      const before = await stored(anOrder({ status: 'pending_payment' }));
      const write = change(before);
      expect(await applyTransition(write, now)).toBe(true);
      expect(sorted(orderAfter(write, now))).toEqual(sorted((await getOrder(before.orderId))!));
    });
  }
});
