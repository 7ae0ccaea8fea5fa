// The local payment sandbox: Stripe, played on one machine. Two faces on 127.0.0.1:
//
//   /v1/…         the part of Stripe's REST API the shop's adapter (shared/payments/stripeGateway.ts)
//                 uses, spoken to the real Stripe SDK: form-encoded bodies, `Authorization: Bearer
//                 sk_test_…`, Stripe's error bodies, and `Idempotency-Key` honoured (same key and
//                 parameters → the same answer again; same key, other parameters → Stripe's 400).
//   /_sandbox/…   what Stripe.js does in the browser: `POST /_sandbox/confirm` takes a test card (or a
//                 saved one) for a payment and succeeds or declines it, like Stripe's test cards.
//
// Every confirmation, failed confirmation, cancel and refund sends a Stripe-shaped event, signed with
// the webhook secret exactly as Stripe signs (`Stripe-Signature: t=…,v1=…`), to the shop's webhook
// URL, asynchronously, retried with backoff until it is answered 2xx. The events are the ones the
// shop's Stripe endpoint subscribes to: payment_intent.succeeded, payment_intent.payment_failed,
// payment_intent.canceled and charge.refunded.
//
// State lives in memory: without `stateFile` a restart forgets every customer and payment (tests want
// exactly that). `npm start` passes a file under .local/ so payments outlive a restart like the
// orders that point at them. Events and their deliveries are never kept.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Stripe from 'stripe';
import * as z from 'zod';

/** The test cards the sandbox knows, as a shopper types them. Any other number is "incorrect". */
export const SANDBOX_TEST_CARDS = {
  succeeds: '4242 4242 4242 4242',
  declined: '4000 0000 0000 0002',
  insufficientFunds: '4000 0000 0000 9995',
  /** Succeeds, then the card holder disputes it as fraudulent (Stripe's test card of the same number). */
  disputed: '4000 0000 0000 0259',
} as const;

/** Where the browser side lives; the local API server forwards this prefix here (same origin as the site). */
export const SANDBOX_BROWSER_PREFIX = '/_sandbox/';
/** Must match SANDBOX_CONFIRM_PATH in shared/payments/gateway.ts, which the site is told to post to. */
const CONFIRM_PATH = `${SANDBOX_BROWSER_PREFIX}confirm`;

const MAX_BODY_BYTES = 64 * 1024;
const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;
/** Waits before the 2nd, 3rd… delivery attempt (Stripe's own back off over three days). */
const DEFAULT_RETRY_DELAYS_MS = [100, 500, 2_000, 8_000];
const DELIVERY_TIMEOUT_MS = 10_000;

type Metadata = Record<string, string>;

interface Customer {
  id: string;
  object: 'customer';
  created: number;
  email: string | null;
  name: string | null;
  description: string | null;
  metadata: Metadata;
  livemode: false;
  address: null;
  balance: 0;
  currency: null;
  default_source: null;
  delinquent: false;
  invoice_settings: { custom_fields: null; default_payment_method: null; footer: null; rendering_options: null };
  phone: null;
  preferred_locales: string[];
  shipping: null;
  tax_exempt: 'none';
  test_clock: null;
}

interface PaymentMethod {
  id: string;
  object: 'payment_method';
  type: 'card';
  created: number;
  customer: string | null;
  livemode: false;
  metadata: Metadata;
  allow_redisplay: 'unspecified' | 'always';
  billing_details: { address: null; email: null; name: null; phone: null };
  card: { brand: string; last4: string; exp_month: number; exp_year: number; funding: 'credit'; country: 'US'; display_brand: string };
}

interface LastPaymentError {
  type: 'card_error';
  code: string;
  decline_code?: string;
  message: string;
  payment_method: PaymentMethod | null;
}

type IntentStatus = 'requires_payment_method' | 'succeeded' | 'canceled';

/** A PaymentIntent as Stripe shows it. */
export interface PaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: 0;
  amount_received: number;
  automatic_payment_methods: { allow_redirects: 'always'; enabled: true } | null;
  canceled_at: number | null;
  cancellation_reason: string | null;
  capture_method: 'automatic_async';
  client_secret: string;
  confirmation_method: 'automatic';
  created: number;
  currency: string;
  customer: string | null;
  description: string | null;
  last_payment_error: LastPaymentError | null;
  latest_charge: string | null;
  livemode: false;
  metadata: Metadata;
  next_action: null;
  payment_method: string | null;
  payment_method_types: ['card'];
  receipt_email: string | null;
  setup_future_usage: 'off_session' | 'on_session' | null;
  status: IntentStatus;
}

interface Charge {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  captured: true;
  created: number;
  currency: string;
  customer: string | null;
  livemode: false;
  metadata: Metadata;
  paid: true;
  payment_intent: string;
  payment_method: string;
  receipt_email: string | null;
  refunded: boolean;
  disputed: boolean;
  status: 'succeeded';
}

/** A dispute (chargeback) as Stripe shows it. */
export interface Dispute {
  id: string;
  object: 'dispute';
  amount: number;
  charge: string;
  created: number;
  currency: string;
  evidence_details: { due_by: number; has_evidence: false; past_due: false; submission_count: 0 };
  is_charge_refundable: false;
  livemode: false;
  metadata: Metadata;
  payment_intent: string;
  reason: string;
  status: 'needs_response';
}

/** A refund as Stripe shows it. */
export interface Refund {
  id: string;
  object: 'refund';
  amount: number;
  charge: string;
  created: number;
  currency: string;
  metadata: Metadata;
  payment_intent: string;
  reason: string | null;
  status: 'succeeded';
}

interface StoredResponse {
  fingerprint: string;
  status: number;
  body: string;
  at: number;
}

interface SandboxState {
  customers: Record<string, Customer>;
  paymentIntents: Record<string, PaymentIntent>;
  paymentMethods: Record<string, PaymentMethod>;
  charges: Record<string, Charge>;
  refunds: Record<string, Refund>;
  disputes?: Record<string, Dispute>;
  idempotency: Record<string, StoredResponse>;
}

/** An event as Stripe sends it. */
export interface SandboxEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

export interface DeliveryAttempt {
  at: Date;
  /** The shop's HTTP status; null when it could not be reached. */
  status: number | null;
  body: string;
  error?: string;
}

export interface EventDelivery {
  event: SandboxEvent;
  /** The exact bytes signed and sent. */
  payload: string;
  attempts: DeliveryAttempt[];
  /** `pending` while attempts remain; `failed` once retries ran out; `no-endpoint` when no webhook URL was set. */
  state: 'pending' | 'delivered' | 'failed' | 'no-endpoint';
}

export interface PaymentSandboxOptions {
  /** Signs every event (whsec_…), as the shop's webhook endpoint secret. */
  webhookSecret: string;
  /** Where events go (http://127.0.0.1:<port>/api/webhooks/stripe); settable later. */
  webhookUrl?: string | undefined;
  /** Keeps customers, payments and cards in this JSON file across restarts. */
  stateFile?: string | undefined;
  /** Waits between delivery attempts; its length is the number of retries. */
  retryDelaysMs?: readonly number[];
}

export interface PaymentSandbox {
  /** Stripe's REST API (paths under /v1/). */
  handleStripeApi(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** What the site calls in place of Stripe.js (paths under /_sandbox/). */
  handleBrowser(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Serves both on 127.0.0.1 (port 0: any free port); resolves with the base URL. */
  listen(port?: number): Promise<string>;
  readonly webhookUrl: string | undefined;
  /** Where events go from now on; undefined drops the retries still waiting. */
  setWebhookUrl(url: string | undefined): void;
  /** Every payment (PaymentIntent) made so far, oldest first: copies, for tests to look at. */
  payments(): PaymentIntent[];
  /** Every refund made so far, oldest first (copies). */
  refunds(): Refund[];
  /** Every event made so far, oldest first, with its deliveries (for tests). */
  readonly events: readonly EventDelivery[];
  /** The first event matching `match` once its delivery settled (delivered, failed or no endpoint). */
  waitForEvent(match: (delivery: EventDelivery) => boolean, timeoutMs?: number): Promise<EventDelivery>;
  /** Sends an event once more, freshly signed, as Stripe does when a delivery is retried. */
  deliverAgain(eventId: string): Promise<DeliveryAttempt>;
  /** Resolves once no delivery is pending. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { type: string; message: string; code?: string; param?: string; decline_code?: string; payment_intent?: PaymentIntent },
  ) {
    super(body.message);
  }
}

const missing = (what: string, id: string, param = 'id') =>
  new ApiError(404, { type: 'invalid_request_error', code: 'resource_missing', param, message: `No such ${what}: '${id}'` });

const invalid = (message: string, param?: string, code = 'parameter_invalid') =>
  new ApiError(400, { type: 'invalid_request_error', code, message, ...(param ? { param } : {}) });

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function randomToken(length: number): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('');
}
const newId = (prefix: string) => `${prefix}_${randomToken(24)}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

// — form bodies as the SDK encodes them: a[b][c]=v, arrays as a[0]=v —

type Params = { [key: string]: string | Params };

export function parseStripeForm(text: string): Params {
  const params: Params = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const [head, ...rest] = key.split('[');
    const pathParts = [head!, ...rest.map((p) => p.replace(/\]$/, ''))];
    let node: Params = params;
    for (const [i, part] of pathParts.entries()) {
      if (i === pathParts.length - 1) node[part] = value;
      else {
        const next = node[part];
        node = typeof next === 'object' ? next : (node[part] = {});
      }
    }
  }
  return params;
}

function canonical(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

function onlyParams(params: Params, allowed: readonly string[]): void {
  for (const key of Object.keys(params)) {
    if (key !== 'expand' && !allowed.includes(key)) throw invalid(`Received unknown parameter: ${key}`, key, 'parameter_unknown');
  }
}

function stringParam(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw invalid(`Invalid string: ${name}`, name);
  return value;
}

function integerParam(params: Params, name: string): number | undefined {
  const value = stringParam(params, name);
  if (value === undefined) return undefined;
  if (!/^-?\d{1,15}$/.test(value)) throw invalid(`Invalid integer: ${value}`, name, 'parameter_invalid_integer');
  return Number(value);
}

function metadataParam(params: Params): Metadata {
  const value = params.metadata;
  if (value === undefined || value === '') return {};
  if (typeof value !== 'object') throw invalid('Invalid object', 'metadata');
  const metadata: Metadata = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw invalid(`Invalid metadata value for ${k}`, `metadata[${k}]`);
    if (v !== '') metadata[k] = v;
  }
  return metadata;
}

// — test cards —

type CardOutcome = { ok: true; disputed?: boolean } | { ok: false; code: string; declineCode?: string; message: string };

const CARD_ERRORS = {
  incorrectNumber: { ok: false, code: 'incorrect_number', message: 'Your card number is incorrect.' },
  invalidExpiryMonth: { ok: false, code: 'invalid_expiry_month', message: "Your card's expiration month is invalid." },
  expired: { ok: false, code: 'expired_card', message: 'Your card has expired.' },
  invalidCvc: { ok: false, code: 'incorrect_cvc', message: "Your card's security code is incorrect." },
  declined: { ok: false, code: 'card_declined', declineCode: 'generic_decline', message: 'Your card was declined.' },
  insufficientFunds: { ok: false, code: 'card_declined', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' },
} as const satisfies Record<string, CardOutcome>;

const TEST_CARD_OUTCOMES: Record<string, CardOutcome> = {
  '4242424242424242': { ok: true },
  '4000000000000259': { ok: true, disputed: true },
  '4000000000000002': CARD_ERRORS.declined,
  '4000000000009995': CARD_ERRORS.insufficientFunds,
};

function isExpired(expMonth: number, expYear: number, now = new Date()): boolean {
  const year = now.getUTCFullYear();
  return expYear < year || (expYear === year && expMonth < now.getUTCMonth() + 1);
}

const confirmBody = z.strictObject({
  paymentId: z.string().min(1).max(100),
  clientSecret: z.string().min(1).max(200),
  card: z
    .strictObject({
      number: z.string().max(40),
      expMonth: z.number().int(),
      expYear: z.number().int(),
      cvc: z.string().max(10),
    })
    .optional(),
  paymentMethodId: z.string().max(100).optional(),
  saveCard: z.boolean().optional(),
});

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => (size > MAX_BODY_BYTES ? reject(invalid('The request body is too large.')) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'request-id': `req_${randomToken(14)}`, ...headers });
  res.end(body);
}

const emptyState = (): SandboxState => ({ customers: {}, paymentIntents: {}, paymentMethods: {}, charges: {}, refunds: {}, idempotency: {} });

function loadState(file: string | undefined): SandboxState {
  if (!file || !existsSync(file)) return emptyState();
  return { ...emptyState(), ...(JSON.parse(readFileSync(file, 'utf8')) as Partial<SandboxState>) };
}

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function createPaymentSandbox(options: PaymentSandboxOptions): PaymentSandbox {
  const state = loadState(options.stateFile);
  const retryDelays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  let webhookUrl = options.webhookUrl;
  const deliveries: EventDelivery[] = [];
  /** Retries waiting for their turn, and the delivery each is for. */
  const timers = new Map<NodeJS.Timeout, EventDelivery>();
  const inFlight = new Set<Promise<unknown>>();
  let server: Server | undefined;
  let closed = false;

  function persist(): void {
    if (!options.stateFile) return;
    const cutoff = Date.now() - IDEMPOTENCY_KEY_TTL_MS;
    for (const [key, stored] of Object.entries(state.idempotency)) if (stored.at < cutoff) delete state.idempotency[key];
    mkdirSync(path.dirname(options.stateFile), { recursive: true });
    const temporary = `${options.stateFile}.tmp`;
    writeFileSync(temporary, JSON.stringify(state), { mode: 0o600 });
    renameSync(temporary, options.stateFile);
  }

  // — webhook events —

  async function attempt(delivery: EventDelivery): Promise<DeliveryAttempt> {
    const url = webhookUrl;
    if (!url) return { at: new Date(), status: null, body: '', error: 'no webhook URL' };
    const signature = Stripe.webhooks.generateTestHeaderString({ payload: delivery.payload, secret: options.webhookSecret });
    const at = new Date();
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signature, 'user-agent': 'mineral-shop-payment-sandbox' },
        body: delivery.payload,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      return { at, status: res.status, body: await res.text() };
    } catch (error) {
      return { at, status: null, body: '', error: error instanceof Error ? error.message : String(error) };
    }
  }

  function track<T>(promise: Promise<T>): Promise<T> {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise));
    return promise;
  }

  async function deliver(delivery: EventDelivery, attemptNumber: number): Promise<void> {
    if (closed) return;
    if (!webhookUrl) {
      delivery.state = 'no-endpoint';
      return;
    }
    const result = await attempt(delivery);
    delivery.attempts.push(result);
    if (result.status !== null && result.status >= 200 && result.status < 300) {
      delivery.state = 'delivered';
      return;
    }
    const wait = retryDelays[attemptNumber];
    if (!webhookUrl) {
      delivery.state = 'no-endpoint';
      return;
    }
    if (wait === undefined || closed) {
      delivery.state = 'failed';
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      void track(deliver(delivery, attemptNumber + 1));
    }, wait);
    timers.set(timer, delivery);
  }

  function emit(type: string, object: PaymentIntent | Charge | Refund | Dispute): void {
    const event: SandboxEvent = {
      id: newId('evt'),
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: nowSeconds(),
      data: { object: structuredClone(object) as unknown as Record<string, unknown> },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    // Pretty-printed, as Stripe sends it: a shop that verified re-serialized JSON would fail here too.
    const delivery: EventDelivery = { event, payload: JSON.stringify(event, null, 2), attempts: [], state: 'pending' };
    deliveries.push(delivery);
    // Asynchronous, as with Stripe: the call that caused the event answers without waiting for the shop.
    setImmediate(() => void track(deliver(delivery, 0)));
  }

  // — the REST API —

  function customer(id: string, param = 'id'): Customer {
    const found = state.customers[id];
    if (!found) throw missing('customer', id, param);
    return found;
  }

  function paymentIntent(id: string, param = 'id'): PaymentIntent {
    const found = state.paymentIntents[id];
    if (!found) throw missing('payment_intent', id, param);
    return found;
  }

  function paymentMethod(id: string): PaymentMethod {
    const found = state.paymentMethods[id];
    if (!found) throw missing('PaymentMethod', id);
    return found;
  }

  function createCustomer(params: Params): Customer {
    onlyParams(params, ['email', 'name', 'description', 'metadata']);
    const created: Customer = {
      id: newId('cus'),
      object: 'customer',
      created: nowSeconds(),
      email: stringParam(params, 'email') ?? null,
      name: stringParam(params, 'name') ?? null,
      description: stringParam(params, 'description') ?? null,
      metadata: metadataParam(params),
      livemode: false,
      address: null,
      balance: 0,
      currency: null,
      default_source: null,
      delinquent: false,
      invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
      phone: null,
      preferred_locales: [],
      shipping: null,
      tax_exempt: 'none',
      test_clock: null,
    };
    state.customers[created.id] = created;
    return created;
  }

  function createPaymentIntent(params: Params): PaymentIntent {
    onlyParams(params, ['amount', 'currency', 'customer', 'metadata', 'receipt_email', 'setup_future_usage', 'automatic_payment_methods', 'description']);
    const amount = integerParam(params, 'amount');
    if (amount === undefined) throw invalid('Missing required param: amount.', 'amount', 'parameter_missing');
    const currency = stringParam(params, 'currency');
    if (!currency) throw invalid('Missing required param: currency.', 'currency', 'parameter_missing');
    if (!/^[a-z]{3}$/.test(currency)) throw invalid(`Invalid currency: ${currency}.`, 'currency');
    // Stripe's smallest charge in dollars is 50 cents; its largest is $999,999.99.
    if (amount < 50) throw invalid('Amount must be at least $0.50 usd', 'amount', 'amount_too_small');
    if (amount > 99_999_999) throw invalid('Amount must be no more than $999,999.99', 'amount', 'amount_too_large');
    const customerId = stringParam(params, 'customer');
    if (customerId) customer(customerId, 'customer');
    const sfu = stringParam(params, 'setup_future_usage');
    if (sfu !== undefined && sfu !== 'off_session' && sfu !== 'on_session') throw invalid(`Invalid setup_future_usage: ${sfu}`, 'setup_future_usage');
    const apm = params.automatic_payment_methods;
    const id = newId('pi');
    const intent: PaymentIntent = {
      id,
      object: 'payment_intent',
      amount,
      amount_capturable: 0,
      amount_received: 0,
      automatic_payment_methods: typeof apm === 'object' && apm.enabled === 'true' ? { allow_redirects: 'always', enabled: true } : null,
      canceled_at: null,
      cancellation_reason: null,
      capture_method: 'automatic_async',
      client_secret: `${id}_secret_${randomToken(25)}`,
      confirmation_method: 'automatic',
      created: nowSeconds(),
      currency,
      customer: customerId ?? null,
      description: stringParam(params, 'description') ?? null,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      metadata: metadataParam(params),
      next_action: null,
      payment_method: null,
      payment_method_types: ['card'],
      receipt_email: stringParam(params, 'receipt_email') ?? null,
      setup_future_usage: sfu ?? null,
      status: 'requires_payment_method',
    };
    state.paymentIntents[id] = intent;
    return intent;
  }

  function cancelPaymentIntent(id: string, params: Params): PaymentIntent {
    onlyParams(params, ['cancellation_reason']);
    const intent = paymentIntent(id);
    if (intent.status === 'succeeded' || intent.status === 'canceled') {
      throw new ApiError(400, {
        type: 'invalid_request_error',
        code: 'payment_intent_unexpected_state',
        message:
          `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the ` +
          'following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.',
        payment_intent: intent,
      });
    }
    intent.status = 'canceled';
    intent.canceled_at = nowSeconds();
    intent.cancellation_reason = stringParam(params, 'cancellation_reason') ?? null;
    emit('payment_intent.canceled', intent);
    return intent;
  }

  function createRefund(params: Params): Refund {
    onlyParams(params, ['payment_intent', 'charge', 'amount', 'metadata', 'reason']);
    const intentId = stringParam(params, 'payment_intent');
    const chargeId = stringParam(params, 'charge');
    if (!intentId && !chargeId) throw invalid('One of the following params should be provided for this request: payment_intent or charge.', undefined, 'parameter_missing');
    const charge = chargeId ? state.charges[chargeId] : state.charges[paymentIntent(intentId!, 'payment_intent').latest_charge ?? ''];
    if (!charge) {
      if (chargeId) throw missing('charge', chargeId, 'charge');
      throw invalid(`This PaymentIntent (${intentId}) does not have a successful charge to refund.`, 'payment_intent', 'payment_intent_unexpected_state');
    }
    if (charge.disputed) throw invalid(`Charge ${charge.id} has been charged back; refunds are not possible on disputed charges.`, undefined, 'charge_disputed');
    const left = charge.amount_captured - charge.amount_refunded;
    if (left === 0) throw invalid(`Charge ${charge.id} has already been refunded.`, undefined, 'charge_already_refunded');
    const amount = integerParam(params, 'amount') ?? left;
    if (amount <= 0) throw invalid('Refund amount must be positive.', 'amount', 'parameter_invalid_integer');
    if (amount > left) {
      const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;
      throw invalid(`Refund amount (${dollars(amount)}) is greater than unrefunded amount on charge (${dollars(left)})`, 'amount', 'amount_too_large');
    }
    const reason = stringParam(params, 'reason');
    if (reason !== undefined && !['duplicate', 'fraudulent', 'requested_by_customer'].includes(reason)) throw invalid(`Invalid reason: ${reason}`, 'reason');
    const refund: Refund = {
      id: newId('re'),
      object: 'refund',
      amount,
      charge: charge.id,
      created: nowSeconds(),
      currency: charge.currency,
      metadata: metadataParam(params),
      payment_intent: charge.payment_intent,
      reason: reason ?? null,
      status: 'succeeded',
    };
    state.refunds[refund.id] = refund;
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount_captured;
    emit('charge.refunded', charge);
    return refund;
  }

  function listRefunds(params: Params) {
    onlyParams(params, ['payment_intent', 'charge', 'limit', 'starting_after', 'ending_before']);
    const intentId = stringParam(params, 'payment_intent');
    const chargeId = stringParam(params, 'charge');
    const limit = Math.min(Math.max(integerParam(params, 'limit') ?? 10, 1), 100);
    // Newest first, as Stripe lists.
    const all = Object.values(state.refunds)
      .filter((r) => (!intentId || r.payment_intent === intentId) && (!chargeId || r.charge === chargeId))
      .sort((a, b) => b.created - a.created || b.id.localeCompare(a.id));
    const after = stringParam(params, 'starting_after');
    const from = after ? all.findIndex((r) => r.id === after) + 1 : 0;
    return { object: 'list', data: all.slice(from, from + limit), has_more: from + limit < all.length, url: '/v1/refunds' };
  }

  /** Changes a payment not yet made (what another integration, or a person in the dashboard, could do). */
  function updatePaymentIntent(id: string, params: Params): PaymentIntent {
    onlyParams(params, ['amount', 'currency', 'metadata', 'description', 'receipt_email']);
    const intent = paymentIntent(id);
    if (intent.status === 'succeeded' || intent.status === 'canceled') {
      throw invalid(`This PaymentIntent's amount could not be updated because it has a status of ${intent.status}.`, undefined, 'payment_intent_unexpected_state');
    }
    const amount = integerParam(params, 'amount');
    if (amount !== undefined) {
      if (amount < 50) throw invalid('Amount must be at least $0.50 usd', 'amount', 'amount_too_small');
      intent.amount = amount;
    }
    const currency = stringParam(params, 'currency');
    if (currency !== undefined) {
      if (!/^[a-z]{3}$/.test(currency)) throw invalid(`Invalid currency: ${currency}.`, 'currency');
      intent.currency = currency;
    }
    if (params.metadata !== undefined) intent.metadata = { ...intent.metadata, ...metadataParam(params) };
    const description = stringParam(params, 'description');
    if (description !== undefined) intent.description = description;
    const email = stringParam(params, 'receipt_email');
    if (email !== undefined) intent.receipt_email = email;
    persist();
    return intent;
  }

  /** The card holder disputes a charge (Stripe's disputed test card does this right after the payment). */
  function openDispute(charge: Charge): void {
    const created = nowSeconds();
    const dispute: Dispute = {
      id: newId('dp'),
      object: 'dispute',
      amount: charge.amount,
      charge: charge.id,
      created,
      currency: charge.currency,
      evidence_details: { due_by: created + 7 * 24 * 60 * 60, has_evidence: false, past_due: false, submission_count: 0 },
      is_charge_refundable: false,
      livemode: false,
      metadata: {},
      payment_intent: charge.payment_intent,
      reason: 'fraudulent',
      status: 'needs_response',
    };
    state.disputes = { ...(state.disputes ?? {}), [dispute.id]: dispute };
    charge.disputed = true;
    persist();
    emit('charge.dispute.created', dispute);
  }

  function listCustomerPaymentMethods(customerId: string, params: Params) {
    onlyParams(params, ['type', 'limit', 'starting_after', 'ending_before']);
    customer(customerId);
    const type = stringParam(params, 'type');
    const limit = Math.min(Math.max(integerParam(params, 'limit') ?? 10, 1), 100);
    const all = Object.values(state.paymentMethods)
      .filter((pm) => pm.customer === customerId && (!type || pm.type === type))
      .sort((a, b) => b.created - a.created || b.id.localeCompare(a.id));
    const after = stringParam(params, 'starting_after');
    const from = after ? all.findIndex((pm) => pm.id === after) + 1 : 0;
    const page = all.slice(from, from + limit);
    return { object: 'list', data: page, has_more: from + limit < all.length, url: `/v1/customers/${customerId}/payment_methods` };
  }

  function detachPaymentMethod(id: string, params: Params): PaymentMethod {
    onlyParams(params, []);
    const pm = paymentMethod(id);
    if (!pm.customer) {
      throw invalid('The payment method you provided is not attached to a customer so detachment is impossible.', undefined, 'payment_method_unexpected_state');
    }
    pm.customer = null;
    return pm;
  }

  /** One API call: answers the object, or throws an ApiError. */
  function route(method: string, segments: string[], params: Params): unknown {
    const [resource, id, action, ...rest] = segments;
    if (rest.length === 0) {
      if (resource === 'customers') {
        if (method === 'POST' && !id) return createCustomer(params);
        if (method === 'GET' && id && !action) return customer(id);
        if (method === 'GET' && id && action === 'payment_methods') return listCustomerPaymentMethods(id, params);
      }
      if (resource === 'payment_intents') {
        if (method === 'POST' && !id) return createPaymentIntent(params);
        if (method === 'GET' && id && !action) return paymentIntent(id);
        if (method === 'POST' && id && action === 'cancel') return cancelPaymentIntent(id, params);
        if (method === 'POST' && id && !action) return updatePaymentIntent(id, params);
      }
      if (resource === 'refunds' && method === 'POST' && !id) return createRefund(params);
      if (resource === 'refunds' && method === 'GET' && !id) return listRefunds(params);
      if (resource === 'payment_methods' && id) {
        if (method === 'GET' && !action) return paymentMethod(id);
        if (method === 'POST' && action === 'detach') return detachPaymentMethod(id, params);
      }
    }
    throw new ApiError(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: /v1/${segments.join('/')}).` });
  }

  async function handleStripeApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      // Like Stripe, any test-mode secret key will do; the sandbox has only one account.
      if (!/^Bearer sk_test_\w+$/.test(req.headers.authorization ?? '')) {
        throw new ApiError(401, { type: 'invalid_request_error', message: 'Invalid API Key provided: the sandbox takes any sk_test_ key.' });
      }
      const body = method === 'POST' ? await readBody(req) : '';
      const params = parseStripeForm(method === 'POST' ? body : url.search.slice(1));
      const segments = url.pathname.replace(/^\/v1\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
      const key = method === 'POST' ? req.headers['idempotency-key'] : undefined;
      const idempotencyKey = Array.isArray(key) ? key[0] : key;
      const fingerprint = `${method} ${url.pathname} ${canonical(params)}`;
      if (idempotencyKey) {
        const stored = state.idempotency[idempotencyKey];
        if (stored && stored.fingerprint !== fingerprint) {
          throw new ApiError(400, {
            type: 'idempotency_error',
            message:
              `Keys for idempotent requests can only be used with the same parameters they were first used with. ` +
              `Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
          });
        }
        if (stored) return send(res, stored.status, stored.body, { 'idempotent-replayed': 'true', 'idempotency-key': idempotencyKey });
      }
      let status = 200;
      let answer: string;
      try {
        answer = JSON.stringify(route(method, segments, params));
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        status = error.status;
        answer = JSON.stringify({ error: error.body });
      }
      // Like Stripe, remember what executed (successes and card errors), not requests refused outright.
      if (idempotencyKey && (status === 200 || status === 402)) state.idempotency[idempotencyKey] = { fingerprint, status, body: answer, at: Date.now() };
      if (method === 'POST') persist();
      send(res, status, answer, idempotencyKey ? { 'idempotency-key': idempotencyKey } : {});
    } catch (error) {
      if (error instanceof ApiError) return send(res, error.status, JSON.stringify({ error: error.body }));
      console.error('payment sandbox: API request crashed', error);
      send(res, 500, JSON.stringify({ error: { type: 'api_error', message: 'The payment sandbox failed.' } }));
    }
  }

  // — the browser: Stripe.js's part —

  function newCardPaymentMethod(number: string, expMonth: number, expYear: number): PaymentMethod {
    const pm: PaymentMethod = {
      id: newId('pm'),
      object: 'payment_method',
      type: 'card',
      created: nowSeconds(),
      customer: null,
      livemode: false,
      metadata: {},
      allow_redisplay: 'unspecified',
      billing_details: { address: null, email: null, name: null, phone: null },
      card: { brand: 'visa', last4: number.slice(-4), exp_month: expMonth, exp_year: expYear, funding: 'credit', country: 'US', display_brand: 'visa' },
    };
    state.paymentMethods[pm.id] = pm;
    return pm;
  }

  type BrowserAnswer = { status: number; body: unknown };
  const browserError = (status: number, code: string, message: string, declineCode?: string): BrowserAnswer => ({
    status,
    body: { error: { code, ...(declineCode ? { declineCode } : {}), message } },
  });

  function confirm(input: z.infer<typeof confirmBody>): BrowserAnswer {
    const intent = state.paymentIntents[input.paymentId];
    if (!intent || !sameSecret(intent.client_secret, input.clientSecret)) return browserError(404, 'resource_missing', 'No such payment.');
    if (intent.status === 'succeeded') return browserError(400, 'payment_intent_unexpected_state', 'This payment has already been made.');
    if (intent.status === 'canceled') return browserError(400, 'payment_intent_unexpected_state', 'This payment was cancelled. Please check out again.');
    if (!input.card === !input.paymentMethodId) return browserError(400, 'invalid_request', 'Send either a card or the id of a saved card.');

    let pm: PaymentMethod | null = null;
    let outcome: CardOutcome;
    if (input.paymentMethodId) {
      const saved = state.paymentMethods[input.paymentMethodId];
      if (!saved || !intent.customer || saved.customer !== intent.customer) return browserError(404, 'resource_missing', 'No such saved card.');
      pm = saved;
      outcome = isExpired(saved.card.exp_month, saved.card.exp_year) ? CARD_ERRORS.expired : { ok: true };
    } else {
      const card = input.card!;
      const number = card.number.replace(/[\s-]/g, '');
      const expYear = card.expYear < 100 ? 2000 + card.expYear : card.expYear;
      const known = TEST_CARD_OUTCOMES[number];
      if (!known) outcome = CARD_ERRORS.incorrectNumber;
      else if (card.expMonth < 1 || card.expMonth > 12) outcome = CARD_ERRORS.invalidExpiryMonth;
      else if (isExpired(card.expMonth, expYear)) outcome = CARD_ERRORS.expired;
      else if (!/^\d{3,4}$/.test(card.cvc)) outcome = CARD_ERRORS.invalidCvc;
      else {
        outcome = known;
        pm = newCardPaymentMethod(number, card.expMonth, expYear);
      }
    }

    if (!outcome.ok) {
      intent.status = 'requires_payment_method';
      intent.payment_method = null;
      intent.last_payment_error = {
        type: 'card_error',
        code: outcome.code,
        ...(outcome.declineCode ? { decline_code: outcome.declineCode } : {}),
        message: outcome.message,
        payment_method: pm,
      };
      persist();
      emit('payment_intent.payment_failed', intent);
      return browserError(402, outcome.code, outcome.message, outcome.declineCode);
    }

    const usedPm = pm!;
    const keep = intent.customer !== null && (intent.setup_future_usage !== null || input.saveCard === true);
    if (keep && usedPm.customer === null) {
      usedPm.customer = intent.customer;
      usedPm.allow_redisplay = 'always';
    }
    const charge: Charge = {
      id: newId('ch'),
      object: 'charge',
      amount: intent.amount,
      amount_captured: intent.amount,
      amount_refunded: 0,
      captured: true,
      created: nowSeconds(),
      currency: intent.currency,
      customer: intent.customer,
      livemode: false,
      // Stripe copies the payment's metadata onto its charge.
      metadata: { ...intent.metadata },
      paid: true,
      payment_intent: intent.id,
      payment_method: usedPm.id,
      receipt_email: intent.receipt_email,
      refunded: false,
      disputed: false,
      status: 'succeeded',
    };
    state.charges[charge.id] = charge;
    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
    intent.payment_method = usedPm.id;
    intent.latest_charge = charge.id;
    intent.last_payment_error = null;
    persist();
    emit('payment_intent.succeeded', intent);
    if (outcome.disputed) openDispute(charge);
    return { status: 200, body: { status: 'succeeded' } };
  }

  async function handleBrowser(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const reply = ({ status, body }: BrowserAnswer) => send(res, status, JSON.stringify(body));
    try {
      if (url.pathname !== CONFIRM_PATH) return reply(browserError(404, 'not_found', `Nothing at ${url.pathname}.`));
      if (req.method !== 'POST') return reply(browserError(405, 'method_not_allowed', 'POST the card to confirm the payment.'));
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return reply(browserError(415, 'unsupported_media_type', 'Send JSON.'));
      let json: unknown;
      try {
        json = JSON.parse(await readBody(req));
      } catch {
        return reply(browserError(400, 'invalid_json', 'The request body is not valid JSON.'));
      }
      const parsed = confirmBody.safeParse(json);
      if (!parsed.success) return reply(browserError(400, 'invalid_request', 'Send { paymentId, clientSecret, card: { number, expMonth, expYear, cvc } } or a paymentMethodId.'));
      reply(confirm(parsed.data));
    } catch (error) {
      if (error instanceof ApiError) return reply(browserError(error.status, 'invalid_request', error.message));
      console.error('payment sandbox: confirmation crashed', error);
      reply(browserError(500, 'internal_error', 'The payment sandbox failed.'));
    }
  }

  return {
    handleStripeApi,
    handleBrowser,

    listen(port = 0) {
      server = createServer((req, res) => {
        const pathname = (req.url ?? '/').split('?')[0] ?? '/';
        if (pathname.startsWith('/v1/')) return void handleStripeApi(req, res);
        if (pathname.startsWith(SANDBOX_BROWSER_PREFIX)) return void handleBrowser(req, res);
        send(res, 404, JSON.stringify({ error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${pathname}).` } }));
      });
      const listening = server;
      return new Promise<string>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(port, '127.0.0.1', () => resolve(`http://127.0.0.1:${(listening.address() as AddressInfo).port}`));
      });
    },

    get webhookUrl() {
      return webhookUrl;
    },

    setWebhookUrl(url) {
      webhookUrl = url;
      if (url) return;
      // No endpoint any more: retries waiting for their turn have nowhere to go.
      for (const [timer, delivery] of timers) {
        clearTimeout(timer);
        delivery.state = 'no-endpoint';
      }
      timers.clear();
    },

    payments: () => structuredClone(Object.values(state.paymentIntents)),

    refunds: () => structuredClone(Object.values(state.refunds)),

    get events() {
      return deliveries;
    },

    async waitForEvent(match, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = deliveries.find((d) => match(d) && d.state !== 'pending');
        if (found) return found;
        if (Date.now() > deadline) {
          const seen = deliveries.map((d) => `${d.event.type} (${d.state})`).join(', ') || 'none';
          throw new Error(`No matching payment event was delivered within ${timeoutMs} ms; events so far: ${seen}`);
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    },

    async deliverAgain(eventId) {
      const delivery = deliveries.find((d) => d.event.id === eventId);
      if (!delivery) throw new Error(`No event ${eventId}`);
      const result = await track(attempt(delivery));
      delivery.attempts.push(result);
      if (result.status !== null && result.status >= 200 && result.status < 300) delivery.state = 'delivered';
      return result;
    },

    async idle() {
      while (inFlight.size > 0 || timers.size > 0 || deliveries.some((d) => d.state === 'pending')) {
        await Promise.race([...inFlight, new Promise((r) => setTimeout(r, 10))]);
      }
    },

    async close() {
      closed = true;
      for (const timer of timers.keys()) clearTimeout(timer);
      timers.clear();
      for (const d of deliveries) if (d.state === 'pending') d.state = 'failed';
      await Promise.allSettled([...inFlight]);
      const listening = server;
      if (listening) {
        await new Promise<void>((resolve) => {
          listening.closeAllConnections();
          listening.close(() => resolve());
        });
      }
    },
  };
}
