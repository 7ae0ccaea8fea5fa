// The payment provider from the outside, for tests: its own API under the shop's key (what its
// dashboard does on the dealer's behalf), and waiting for the events it sends.
import { expect } from 'vitest';
import { SANDBOX_API_KEY } from '../../shared/payments/gateway';
import { createStripeClient } from '../../shared/payments/stripeGateway';
import type { Json } from './api';
import { deliverQueuedMail } from './mail';
import { paymentSandbox } from './payments';

/** The provider's own API with the shop's key: what its dashboard does on the dealer's behalf. */
export const providerDashboard = () => createStripeClient(SANDBOX_API_KEY, process.env.PAYMENT_SANDBOX_URL);

/** Waits for the provider's event of `type` about `objectId` (or its payment) to be delivered, then runs the queues (orders, mail). */
export async function settleProviderEvent(type: string, objectId: string) {
  const delivery = await paymentSandbox().waitForEvent(
    (d) => d.event.type === type && [(d.event.data.object as Json).id, (d.event.data.object as Json).payment_intent].includes(objectId),
  );
  expect(delivery.state).toBe('delivered');
  await deliverQueuedMail();
  return delivery;
}
