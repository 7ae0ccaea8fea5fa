// The payment sandbox of the current integration test file (started by integrationSetup.ts, one per
// file, its webhook pointed at the test API by startTestApi), and helpers that pay the way the site
// does: by posting a test card to /_sandbox/confirm through the test API.
import { SANDBOX_TEST_CARDS, type PaymentSandbox } from '../../infra/local/paymentSandbox';
import type { Json, TestApi } from './api';

export { SANDBOX_TEST_CARDS as TEST_CARDS };

// On globalThis: the setup file and the test file must see the same sandbox whatever the module graph.
const slot = Symbol.for('mineral-shop.test.paymentSandbox');
type Holder = { [slot]?: PaymentSandbox };

export function setPaymentSandbox(sandbox: PaymentSandbox | undefined): void {
  (globalThis as Holder)[slot] = sandbox;
}

/** The sandbox, if this test file has one (integration tests do). */
export function currentPaymentSandbox(): PaymentSandbox | undefined {
  return (globalThis as Holder)[slot];
}

export function paymentSandbox(): PaymentSandbox {
  const sandbox = currentPaymentSandbox();
  if (!sandbox) throw new Error('No payment sandbox: it is started by test/support/integrationSetup.ts for integration tests');
  return sandbox;
}

export interface PaymentToConfirm {
  paymentId: string;
  clientSecret: string;
}

export interface CardOptions {
  expMonth?: number;
  expYear?: number;
  cvc?: string;
  /** Keep the card for next time (the payment must belong to a shopper's customer). */
  saveCard?: boolean;
}

/** Pays as the site's card form does; 200 `{ status: 'succeeded' }` or 402 with the decline. */
export function payWithCard(api: TestApi, payment: PaymentToConfirm, cardNumber: string = SANDBOX_TEST_CARDS.succeeds, options: CardOptions = {}) {
  const nextYear = new Date().getUTCFullYear() + 1;
  return api.request('POST', '/_sandbox/confirm', {
    body: {
      paymentId: payment.paymentId,
      clientSecret: payment.clientSecret,
      card: { number: cardNumber, expMonth: options.expMonth ?? 12, expYear: options.expYear ?? nextYear, cvc: options.cvc ?? '123' },
      ...(options.saveCard !== undefined ? { saveCard: options.saveCard } : {}),
    },
  }) as Promise<{ status: number; body: Json; headers: Headers }>;
}

/** Pays with a card the shopper saved earlier. */
export function payWithSavedCard(api: TestApi, payment: PaymentToConfirm, paymentMethodId: string) {
  return api.request('POST', '/_sandbox/confirm', { body: { paymentId: payment.paymentId, clientSecret: payment.clientSecret, paymentMethodId } });
}
