// Bench section "orders": what one order costs in DynamoDB, first add to `paid` — requests and
// consumed capacity per step (create cart, add ×N, quote, checkout, webhook, processor) for guest
// orders of 1 and 3 lines, with and without a coupon — and POST /api/checkout against the raw
// DynamoDB calls it makes (latency, interleaved in one run), with the payment call to the local
// sandbox timed on its own so the ratio reads with and without it.
//
// The whole pipeline runs for real in this process: the local HTTP API, the payment sandbox (card
// confirmed under /_sandbox/, signed webhook delivered to /api/webhooks/stripe), local-aws-sqs (the
// FIFO orders queue, started here for this section) and the processOrderEvents worker, drained.
import { createHash, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { createApiServer } from '../../infra/local/apiServer';
import { applyEnvironment, localEnvironment } from '../../infra/local/environment';
import { generateWebhookSecret } from '../../infra/local/localSecrets';
import { createPaymentSandbox, SANDBOX_TEST_CARDS, type PaymentSandbox } from '../../infra/local/paymentSandbox';
import { freePort } from '../../infra/local/ports';
import { drainQueues, startQueuePollers } from '../../infra/local/queuePoller';
import { demoCoupons } from '../../infra/local/seed/seedShop';
import { createQueues, startLocalSqs, type QueueUrls } from '../../infra/local/sqs';
import { generateKeySet } from '../../shared/auth/keySet';
import type * as CartUseCases from '../../shared/carts/carts';
import { cartKey, lineKey, loadCart, toLine, type CartLine } from '../../shared/db/carts';
import { dynamo, dynamoClient, tableName } from '../../shared/db/client';
import { requestShape } from './requestShape';
import { putCoupon } from '../../shared/db/coupons';
import { getMinerals, mineralKey, putMinerals, stockKey } from '../../shared/db/minerals';
import { getOrder, newOrderPut, type Order, type OrderAddress } from '../../shared/db/orders';
import { orderSearchPut } from '../../shared/db/orderSearch';
import { INDEXES, TTL_ATTRIBUTE } from '../../shared/db/table';
import { ttlFor } from '../../shared/domain/holds';
import { HOLD_GRACE_AFTER_PAYMENT_WINDOW_MINUTES, orderNumber, paymentDeadline } from '../../shared/domain/orders';
import type { Quote } from '../../shared/domain/pricing';
import { ROUTES } from '../../shared/http/routes';
import { paymentWindowMinutes } from '../../shared/orders/paymentWindow';
import type { PaymentGateway } from '../../shared/payments/port';
import { WORKERS } from '../../shared/workers';
import { aMineral } from '../support/builders';
import { awsPricer, indexEntry, itemSize, queryReadUnits, type AwsCharge } from './awsCapacity';
import { atMost, type BenchContext, type ExtraTable, type Row, type Section } from './report';
import { fmt, measureInterleaved, summarize } from './stats';
import { closeServer, listenOnLoopback } from './servers';

const REQUEST_TARGET = 20;
/** Card confirmed → the order reads `paid`, p50, with the local runtime's background queue poller. */
const CONFIRMED_TO_PAID_TARGET_MS = 100;
const PAID_JOURNEYS = 40;
const PAID_WARMUP = 3;
/** Pauses between journeys are drawn from 0 to this, so they do not fall into step with the poller. */
const PAID_MAX_PAUSE_MS = 1_000;
/** How often the journey reads the order while it waits for `paid` (one GetItem on DynamoDB Local). */
const PAID_READ_EVERY_MS = 5;
/** The traffic around one order, and on-demand prices, for the $ per 1,000 orders. */
const ECONOMICS = { abandonedPerOrder: 3, pagesPerOrder: 20, productViewsPerOrder: 10, dollarsPerMillionWru: 0.625, dollarsPerMillionRru: 0.125 };
const RATIO_TARGET = 1.15;
const LATENCY_ITERATIONS = 100;
const LATENCY_WARMUP = 10;
/** Lines of each latency cart (one unit each, on the same minerals: checkout writes no mineral). */
const LATENCY_LINES = 3;
/** Each cost scenario runs this often; the last run is reported, and every run must agree. */
const COST_RUNS = 2;
const BIG_STOCK = 1_000_000;
const PREFIX = 'orderbench';
const COUPON = 'WELCOME10';
const SHIPPING = 'standard' as const;
const ADDRESS: OrderAddress = { name: 'Ada Stone', line1: '1 Quartz Way', city: 'Denver', region: 'CO', postalCode: '80202', country: 'US' };
/** What Powertools names the checkout's idempotency records (shared/checkout/idempotentCheckout.ts). */
const IDEMPOTENCY_PK = 'IDEMPOTENCY#checkout';
const ORDER_WORKERS = WORKERS.filter((w) => w.id === 'processOrderEvents');

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

// ---------------------------------------------------------------------------------------------------
// A probe on the functions' DynamoDB client (`dynamoClient`; the document client `dynamo` shares its
// middleware stack, and Powertools idempotency sends through it directly): every command, in order,
// with its duration, SDK attempts and consumed capacity (ReturnConsumedCapacity=TOTAL when asked).

interface Call {
  command: string;
  /** Sent by Powertools idempotency (its record in the table), not by the shop's own code. */
  idempotency: boolean;
  ms: number;
  attempts: number;
  read: number;
  write: number;
  /** Returned no ConsumedCapacity (a failed call, or a command without it). */
  noCapacity: boolean;
  error?: string;
  /** The request's shape (when shapes are kept), for comparing the raw calls with the API's. */
  shape?: unknown;
  /** What AWS would charge, by its rules, from the item images (when capacity is asked). */
  aws?: AwsCharge;
}

interface CapacityShape {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

const CAPACITY_COMMANDS = new Set([
  'GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan', 'BatchGetItem', 'BatchWriteItem',
  'TransactGetItems', 'TransactWriteItems', 'ExecuteStatement', 'BatchExecuteStatement', 'ExecuteTransaction',
]);
const READ_COMMANDS = /^(GetItem|BatchGetItem|Query|Scan|TransactGetItems)$/;

function isIdempotencyRecord(input: unknown): boolean {
  const i = input as { Key?: { pk?: unknown }; Item?: { pk?: unknown } };
  return JSON.stringify(i.Key?.pk ?? i.Item?.pk ?? '').includes(IDEMPOTENCY_PK);
}


function installProbe(pricer: ReturnType<typeof awsPricer>) {
  const state = { calls: undefined as Call[] | undefined, askCapacity: false, keepShapes: false };
  dynamoClient.middlewareStack.add(
    (next, context) => async (args) => {
      const calls = state.calls;
      if (!calls) return next(args);
      const command = (context.commandName ?? '?').replace(/Command$/, '');
      const ask = state.askCapacity && CAPACITY_COMMANDS.has(command);
      const call: Call = {
        command,
        idempotency: isIdempotencyRecord(args.input),
        ms: 0,
        attempts: 0,
        read: 0,
        write: 0,
        noCapacity: true,
        ...(state.keepShapes ? { shape: requestShape(args.input) } : {}),
      };
      calls.push(call);
      const input = ask ? { ...(args.input as object), ReturnConsumedCapacity: 'TOTAL' } : args.input;
      const priced = ask ? await pricer.before(command, args.input as Record<string, unknown>) : undefined;
      const t = performance.now();
      try {
        const out = await next({ ...args, input: input as typeof args.input });
        call.ms = performance.now() - t;
        if (priced) call.aws = await pricer.charge(command, args.input as Record<string, unknown>, out.output as unknown as Record<string, unknown>, priced);
        const output = out.output as { ConsumedCapacity?: CapacityShape | CapacityShape[]; $metadata?: { attempts?: number } };
        call.attempts = output.$metadata?.attempts ?? 1;
        const consumed = output.ConsumedCapacity;
        // One object, or (TransactWriteItems, BatchGetItem…) one per table.
        for (const c of consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed]) {
          call.noCapacity = false;
          if (c.ReadCapacityUnits !== undefined || c.WriteCapacityUnits !== undefined) {
            call.read += c.ReadCapacityUnits ?? 0;
            call.write += c.WriteCapacityUnits ?? 0;
          } else if (READ_COMMANDS.test(command)) call.read += c.CapacityUnits ?? 0;
          else call.write += c.CapacityUnits ?? 0;
        }
        return out;
      } catch (error) {
        const e = error as { name?: string; $metadata?: { attempts?: number } };
        call.ms = performance.now() - t;
        call.attempts = e.$metadata?.attempts ?? 1;
        call.error = e.name ?? 'Error';
        if (priced) call.aws = await pricer.charge(command, args.input as Record<string, unknown>, undefined, priced);
        throw error;
      }
    },
    { step: 'initialize', priority: 'high', name: 'benchOrdersProbe' },
  );
  /** Runs fn with every DynamoDB call it makes (and anything else running meanwhile) recorded. */
  const record = async <T>(fn: () => Promise<T>, options: { capacity?: boolean; shapes?: boolean } = {}): Promise<{ result: T; calls: Call[] }> => {
    const calls: Call[] = [];
    const previous = { ...state };
    Object.assign(state, { calls, askCapacity: options.capacity ?? false, keepShapes: options.shapes ?? false });
    try {
      return { result: await fn(), calls };
    } finally {
      Object.assign(state, previous);
    }
  };
  return { record, remove: () => dynamoClient.middlewareStack.remove('benchOrdersProbe') };
}

type Probe = ReturnType<typeof installProbe>;

const sum = (calls: readonly Call[], f: (c: Call) => number) => calls.reduce((n, c) => n + f(c), 0);
const callName = (c: Call) => `${c.command}${c.idempotency ? ' (idempotency)' : ''}${c.error ? ` ✗ ${c.error}` : ''}`;

/** "Query → TransactWriteItems → BatchGetItem", runs of the same sequence folded as "(…) ×3". */
function sequence(calls: readonly Call[], repeatOf?: number): string {
  if (calls.length === 0) return 'none';
  const names = calls.map(callName);
  if (repeatOf && repeatOf > 1 && names.length % repeatOf === 0) {
    const size = names.length / repeatOf;
    const first = names.slice(0, size).join(' → ');
    if (Array.from({ length: repeatOf }, (_, i) => names.slice(i * size, (i + 1) * size).join(' → ')).every((s) => s === first)) {
      return `(${first}) ×${repeatOf}`;
    }
  }
  return names.join(' → ');
}

// ---------------------------------------------------------------------------------------------------
// The local services this section needs besides DynamoDB Local: SQS, the payment sandbox, the secrets.

interface Services {
  sqsEndpoint: string;
  queueUrls: QueueUrls;
  sandbox: PaymentSandbox;
  stop: () => Promise<void>;
}

/**
 * Starts local SQS (the orders and notifications queues) and the payment sandbox, and sets what the
 * functions read at import (queue URLs, PAYMENT_SANDBOX_URL, STAGE=local, STRIPE_WEBHOOK_SECRET, the
 * shopper token keys); `stop` puts the environment back as it was.
 */
async function startServices(ctx: BenchContext): Promise<Services> {
  const sqs = await startLocalSqs({ port: await freePort() });
  const webhookSecret = generateWebhookSecret();
  const sandbox = createPaymentSandbox({ webhookSecret });
  try {
    const [queueUrls, shopperTokenKeys, paymentSandboxUrl] = await Promise.all([
      createQueues(sqs.endpoint, `${ctx.tableName}-`),
      generateKeySet(),
      sandbox.listen(),
    ]);
    const env = localEnvironment({
      tableName: ctx.tableName,
      dynamoEndpoint: ctx.dynamoEndpoint,
      sqsEndpoint: sqs.endpoint,
      queueUrls,
      paymentSandboxUrl,
      secrets: { shopperTokenKeys, stripeWebhookSecret: webhookSecret },
    });
    const previous = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    applyEnvironment(env);
    return {
      sqsEndpoint: sqs.endpoint,
      queueUrls,
      sandbox,
      stop: async () => {
        for (const [k, v] of Object.entries(previous)) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
        sandbox.setWebhookUrl(undefined);
        await sandbox.close();
        await sqs.stop();
      },
    };
  } catch (error) {
    await sandbox.close();
    await sqs.stop();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------
// Part 1: one whole guest order through HTTP, each step's DynamoDB calls recorded.

const STEPS = ['cart', 'add', 'quote', 'checkout', 'webhook', 'processor'] as const;
type Step = (typeof STEPS)[number];
const STEP_TITLES: Record<Step, string> = {
  cart: 'Create the guest cart (POST /api/carts)',
  add: 'Add to cart (PUT …/items/{id}, once per line)',
  quote: 'Quote (POST /api/checkout/quote)',
  checkout: 'Checkout (POST /api/checkout, Idempotency-Key)',
  webhook: 'Webhook (card 4242 confirmed in the sandbox → signed event → /api/webhooks/stripe → orders queue)',
  processor: 'Processor (processOrderEvents drains the FIFO queue: paid, stock sold, mail queued)',
};

interface Scenario {
  name: string;
  lines: number;
  coupon: boolean;
}

const SCENARIOS: Scenario[] = [
  { name: '1 line', lines: 1, coupon: false },
  { name: '1 line + coupon', lines: 1, coupon: true },
  { name: '3 lines', lines: 3, coupon: false },
  { name: '3 lines + coupon', lines: 3, coupon: true },
];

type OrderCost = Record<Step, Call[]>;

async function get(base: string, path: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, body: await res.text() };
}

async function send(
  base: string,
  method: 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

function expectStatus(what: string, res: { status: number; body: unknown }, status: number): void {
  if (res.status !== status) throw new Error(`${what} answered ${res.status}, expected ${status}: ${JSON.stringify(res.body).slice(0, 400)}`);
}

/** One guest order from an empty cart to `paid`, through HTTP, the sandbox, the queue and the worker. */
async function oneOrder(base: string, services: Services, probe: Probe, minerals: readonly string[], scenario: Scenario): Promise<OrderCost> {
  const cost = {} as OrderCost;
  const step = async <T>(name: Step, fn: () => Promise<T>): Promise<T> => {
    const { result, calls } = await probe.record(fn, { capacity: true });
    cost[name] = calls;
    return result;
  };
  const email = `bench-${randomUUID()}@example.com`;
  const created = await step('cart', () => send(base, 'POST', '/api/carts'));
  expectStatus('POST /api/carts', created, 201);
  const { cartId, cartToken } = created.body as { cartId: string; cartToken: string };
  const token = { 'x-cart-token': cartToken };
  await step('add', async () => {
    for (const m of minerals.slice(0, scenario.lines)) expectStatus('PUT item', await send(base, 'PUT', `/api/carts/${cartId}/items/${m}`, { quantity: 1 }, token), 200);
  });
  const order = { cartId, email, address: ADDRESS, shippingMethod: SHIPPING, ...(scenario.coupon ? { couponCode: COUPON } : {}) };
  const quote = await step('quote', () => send(base, 'POST', '/api/checkout/quote', order, token));
  expectStatus('POST /api/checkout/quote', quote, 200);
  const placed = await step('checkout', () => send(base, 'POST', '/api/checkout', order, { ...token, 'idempotency-key': randomUUID() }));
  expectStatus('POST /api/checkout', placed, 201);
  const { order: placedOrder, payment } = placed.body as { order: { orderId: string }; payment: { paymentId: string; clientSecret: string } };
  if (scenario.coupon && (quote.body as { coupon?: unknown }).coupon == null) throw new Error(`the quote did not apply ${COUPON}`);
  await step('webhook', async () => {
    const confirmed = await send(base, 'POST', '/_sandbox/confirm', {
      paymentId: payment.paymentId,
      clientSecret: payment.clientSecret,
      card: { number: SANDBOX_TEST_CARDS.succeeds, expMonth: 12, expYear: new Date().getUTCFullYear() + 1, cvc: '123' },
    });
    expectStatus('POST /_sandbox/confirm', confirmed, 200);
    const delivery = await services.sandbox.waitForEvent(
      (d) => d.event.type === 'payment_intent.succeeded' && (d.event.data.object as { id?: string }).id === payment.paymentId,
    );
    if (delivery.state !== 'delivered') throw new Error(`the webhook was not delivered: ${delivery.state} ${JSON.stringify(delivery.attempts.at(-1))}`);
  });
  const drained = await step('processor', () => drainQueues(ORDER_WORKERS, services.queueUrls, services.sqsEndpoint));
  if (drained.deleted !== 1 || drained.failed !== 0) throw new Error(
      `the order processor handled ${JSON.stringify(drained)} (expected one message, deleted); the mail outbox reads its queue URL once, at import: did a section that runs before this one load it with other settings?`,
    );
  const paid = await getOrder(placedOrder.orderId);
  if (paid?.status !== 'paid') throw new Error(`order ${placedOrder.orderId} is ${paid?.status ?? 'missing'} after the processor, not paid`);
  if (scenario.coupon && !paid.couponEffective) throw new Error(`order ${paid.orderId} did not apply ${COUPON}`);
  return cost;
}

const fingerprintOf = (cost: OrderCost) => STEPS.map((s) => cost[s].map(callName).join(',')).join('|');

// ---------------------------------------------------------------------------------------------------
// Part 3: how soon a paid order reads `paid`, with the queue polled in the background as `npm start` does.

interface PaidJourney {
  /** POST /api/carts → the order reads `paid`. */
  cartToPaid: number;
  /** POST /api/carts → POST /api/checkout answered (the order placed, `pending_payment`). */
  cartToPlaced: number;
  /** The sandbox answered the card's confirmation → the order reads `paid`. */
  confirmedToPaid: number;
}

/**
 * One guest journey of one line, as a shopper's browser makes it (no quote: the checkout prices the
 * cart), then reading the order until it is `paid`; the webhook and the processor run on their own.
 */
async function paidJourney(base: string, mineralId: string): Promise<PaidJourney> {
  const t0 = performance.now();
  const created = await send(base, 'POST', '/api/carts');
  expectStatus('POST /api/carts', created, 201);
  const { cartId, cartToken } = created.body as { cartId: string; cartToken: string };
  const token = { 'x-cart-token': cartToken };
  expectStatus('PUT item', await send(base, 'PUT', `/api/carts/${cartId}/items/${mineralId}`, { quantity: 1 }, token), 200);
  const order = { cartId, email: `bench-${randomUUID()}@example.com`, address: ADDRESS, shippingMethod: SHIPPING };
  const placed = await send(base, 'POST', '/api/checkout', order, { ...token, 'idempotency-key': randomUUID() });
  expectStatus('POST /api/checkout', placed, 201);
  const tPlaced = performance.now();
  const { order: placedOrder, payment } = placed.body as { order: { orderId: string }; payment: { paymentId: string; clientSecret: string } };
  const confirmed = await send(base, 'POST', '/_sandbox/confirm', {
    paymentId: payment.paymentId,
    clientSecret: payment.clientSecret,
    card: { number: SANDBOX_TEST_CARDS.succeeds, expMonth: 12, expYear: new Date().getUTCFullYear() + 1, cvc: '123' },
  });
  expectStatus('POST /_sandbox/confirm', confirmed, 200);
  const tConfirmed = performance.now();
  const deadline = tConfirmed + 10_000;
  for (;;) {
    if ((await getOrder(placedOrder.orderId))?.status === 'paid') break;
    if (performance.now() > deadline) throw new Error(`order ${placedOrder.orderId} was not paid 10 s after its card was confirmed`);
    await new Promise((r) => setTimeout(r, PAID_READ_EVERY_MS));
  }
  const tPaid = performance.now();
  return { cartToPaid: tPaid - t0, cartToPlaced: tPlaced - t0, confirmedToPaid: tPaid - tConfirmed };
}

/** PAID_JOURNEYS journeys one after another, random pauses between, the orders queue polled in the background. */
async function measurePaidJourneys(base: string, services: Services, mineralId: string, log: (line: string) => void): Promise<PaidJourney[]> {
  const problems: string[] = [];
  const stop = await startQueuePollers(ORDER_WORKERS, services.queueUrls, services.sqsEndpoint, (line) => problems.push(line));
  const journeys: PaidJourney[] = [];
  try {
    for (let i = 0; i < PAID_WARMUP + PAID_JOURNEYS; i++) {
      await new Promise((r) => setTimeout(r, Math.random() * PAID_MAX_PAUSE_MS));
      const journey = await paidJourney(base, mineralId);
      if (i >= PAID_WARMUP) journeys.push(journey);
    }
  } finally {
    await stop();
  }
  for (const p of problems) log(`orders: queue poller: ${p}`);
  if (problems.length) throw new Error(`the background queue poller reported ${problems.length} problem(s): ${problems[0]}`);
  return journeys;
}

// ---------------------------------------------------------------------------------------------------
// Part 2: POST /api/checkout against the raw calls it makes.

interface BenchCart {
  cartId: string;
  token: string;
}

/** Guest carts made through the use cases, each holding one unit of each of `minerals`. */
async function makeCarts(useCases: typeof CartUseCases, count: number, minerals: readonly string[]): Promise<BenchCart[]> {
  const out: BenchCart[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const { cartId, cartToken } = await useCases.createGuestCart();
      for (const m of minerals) await useCases.setLineQuantity(cartId, m, 1, { cartToken });
      out.push({ cartId, token: cartToken });
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return out;
}

/** The record Powertools writes first (INPROGRESS), conditional on no live record under the key. */
function rawIdempotencyPut(sk: string, validation: string, now: number): PutItemCommand {
  return new PutItemCommand({
    TableName: tableName,
    Item: {
      ...marshall({ pk: IDEMPOTENCY_PK, sk }),
      ...marshall({ [TTL_ATTRIBUTE]: Math.floor(now / 1000) + 24 * 60 * 60, status: 'INPROGRESS', in_progress_expiration: now + 10_000 }),
      validation: { S: validation },
    },
    ExpressionAttributeNames: { '#id': 'pk', '#expiry': TTL_ATTRIBUTE, '#in_progress_expiry': 'in_progress_expiration', '#status': 'status' },
    ExpressionAttributeValues: marshall({ ':now': now / 1000, ':now_in_millis': now, ':inprogress': 'INPROGRESS' }),
    ConditionExpression: 'attribute_not_exists(#id) OR #expiry < :now OR (#status = :inprogress AND attribute_exists(#in_progress_expiry) AND #in_progress_expiry < :now_in_millis)',
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  });
}

/** …and then COMPLETED, with the answer (the order id). */
function rawIdempotencyComplete(sk: string, validation: string, orderId: string, now: number): UpdateItemCommand {
  return new UpdateItemCommand({
    TableName: tableName,
    Key: marshall({ pk: IDEMPOTENCY_PK, sk }),
    UpdateExpression: 'SET #expiry = :expiry, #status = :status, #response_data = :response_data, #validation_key = :validation_key',
    ExpressionAttributeNames: { '#expiry': TTL_ATTRIBUTE, '#status': 'status', '#response_data': 'data', '#validation_key': 'validation' },
    ExpressionAttributeValues: marshall({
      ':expiry': Math.floor(now / 1000) + 24 * 60 * 60,
      ':status': 'COMPLETED',
      ':response_data': { orderId },
      ':validation_key': validation,
    }),
  });
}

/** The order placeOrder writes, from a quote made beforehand (pricing is the API's work, not a DynamoDB call). */
function rawOrder(cartId: string, email: string, quote: Quote, minerals: Map<string, { name: string; image: string }>, now: Date): Order {
  const orderId = randomUUID();
  return {
    orderId,
    number: orderNumber(orderId),
    status: 'pending_payment',
    owner: { kind: 'guest' },
    email,
    customerName: ADDRESS.name,
    cartId,
    items: quote.lines.map((l) => ({
      mineralId: l.mineralId,
      name: minerals.get(l.mineralId)!.name,
      image: minerals.get(l.mineralId)!.image,
      category: l.category,
      quantity: l.quantity,
      listUnitPriceCents: l.listUnitPriceCents,
      unitPriceCents: l.unitPriceCents,
      subtotalCents: l.subtotalCents,
      couponDiscountCents: l.couponDiscountCents,
    })),
    address: ADDRESS,
    shippingMethod: SHIPPING,
    couponCode: null,
    couponEffective: false,
    quote,
    totalCents: quote.totalCents,
    refundedCents: 0,
    refunds: [],
    stockReview: [],
    disputes: [],
    paymentMismatch: null,
    returnedUnits: {},
    payment: { provider: 'sandbox', paymentId: null, status: 'open', failureMessage: null },
    paymentDeadline: paymentDeadline(now, paymentWindowMinutes).toISOString(),
    timeline: [{ status: 'pending_payment', at: now.toISOString(), by: 'shopper', note: null }],
    tracking: null,
    requestFingerprint: randomUUID(),
    eventIds: [],
    mailed: [],
    version: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

/** The checkout transaction: the order, the cart frozen (conditional on its line count), each line's hold stretched. */
function rawPlaceTransaction(order: Order, headerUpdatedAt: string, lines: readonly CartLine[], now: Date): TransactItem[] {
  const holdUntil = new Date(new Date(order.paymentDeadline).getTime() + HOLD_GRACE_AFTER_PAYMENT_WINDOW_MINUTES * 60_000).toISOString();
  return [
    newOrderPut(order),
    {
      Update: {
        TableName: tableName,
        Key: cartKey(order.cartId),
        UpdateExpression: 'SET #status = :checkout, checkoutOrderId = :order, updatedAt = :now',
        ConditionExpression: '#status = :active AND updatedAt = :seen',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':checkout': 'checkout', ':order': order.orderId, ':now': now.toISOString(), ':active': 'active', ':seen': headerUpdatedAt },
      },
    },
    ...lines.map(
      (line): TransactItem => ({
        Update: {
          TableName: tableName,
          Key: lineKey(line.cartId, line.mineralId),
          UpdateExpression: 'SET holdExpiresAt = :e, #ttl = :ttl, #gsk = :gsk, version = :next, updatedAt = :now',
          ConditionExpression: 'version = :v AND held = :q AND quantity = :q',
          ExpressionAttributeNames: { '#ttl': 'ttl', '#gsk': INDEXES.holdsByExpiry.sk },
          ExpressionAttributeValues: {
            ':e': holdUntil,
            ':ttl': ttlFor(new Date(holdUntil)),
            ':gsk': `${holdUntil}#${line.cartId}#${line.mineralId}`,
            ':next': line.version + 1,
            ':now': now.toISOString(),
            ':v': line.version,
            ':q': line.quantity,
          },
        },
      }),
    ),
    orderSearchPut(order),
  ];
}

/**
 * The raw calls of one checkout, in the API's order: Powertools' INPROGRESS record, the cart Query,
 * the minerals' BatchGetItem, the payment (the same gateway call, timed by the caller's wrapper), the
 * transaction writing the order with its payment, Powertools' COMPLETED record.
 */
async function rawCheckout(cart: BenchCart, quote: Quote, gateway: PaymentGateway): Promise<void> {
  const now = new Date();
  const sk = `bench#${randomUUID()}`;
  const validation = createHash('md5').update(cart.cartId).digest('hex');
  await dynamoClient.send(rawIdempotencyPut(sk, validation, now.getTime()));
  const res = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `CART#${cart.cartId}` },
      ConsistentRead: true,
      ExclusiveStartKey: undefined,
    }),
  );
  const lines = (res.Items ?? []).filter((i) => String(i.sk).startsWith('LINE#')).map(toLine);
  const headerUpdatedAt = String((res.Items ?? []).find((i) => i.sk === 'CART')?.updatedAt);
  const got = await dynamo.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: lines.flatMap((l) => [mineralKey(l.mineralId), stockKey(l.mineralId)]) } } }));
  const minerals = new Map((got.Responses?.[tableName] ?? []).filter((m) => m.sk === 'MINERAL').map((m) => [String(m.id), { name: String(m.name), image: String(m.image) }]));
  const order = rawOrder(cart.cartId, `bench-${randomUUID()}@example.com`, quote, minerals, now);
  const payment = await gateway.createPayment({
    orderId: order.orderId,
    amountCents: order.totalCents,
    currency: 'usd',
    email: order.email,
    customerId: undefined,
    savePaymentMethod: false,
    idempotencyKey: `order-${order.orderId}-payment`,
  });
  order.payment.paymentId = payment.paymentId;
  await dynamo.send(new TransactWriteCommand({ TransactItems: rawPlaceTransaction(order, headerUpdatedAt, lines, now) }));
  await dynamoClient.send(rawIdempotencyComplete(sk, validation, order.orderId, Date.now()));
}

async function apiCheckout(base: string, cart: BenchCart): Promise<void> {
  const res = await send(
    base,
    'POST',
    '/api/checkout',
    { cartId: cart.cartId, email: `bench-${randomUUID()}@example.com`, address: ADDRESS, shippingMethod: SHIPPING },
    { 'x-cart-token': cart.token, 'idempotency-key': randomUUID() },
  );
  expectStatus('POST /api/checkout', res, 201);
}

// ---------------------------------------------------------------------------------------------------

const ms = (v: number) => `${fmt(v)} ms`;
const units = (v: number) => fmt(v, 1);
const ids = (kind: string, n: number) => Array.from({ length: n }, (_, i) => `${PREFIX}-${kind}-${i}`);

async function seedMinerals(list: readonly string[]): Promise<void> {
  await putMinerals(list.map((id, i) => aMineral({ id, name: `Order bench ${id}`, available: BIG_STOCK, priceCents: 4_500 + 100 * i, popularity: 0 })));
}

export async function run(ctx: BenchContext): Promise<Section> {
  const rows: Row[] = [];
  const tables: ExtraTable[] = [];
  const notes: string[] = [];
  const raw: Record<string, unknown> = {};

  ctx.log('orders: starting local SQS and the payment sandbox…');
  const services = await startServices(ctx);
  let api: ReturnType<typeof createApiServer> | undefined;
  let probe: Probe | undefined;
  let restoreGateway: (() => void) | undefined;
  try {
    // Modules that read the queue URLs, the sandbox URL or the token keys at import (the last through
    // cartAccess): after the environment.
    const useCases = await import('../../shared/carts/carts');
    const { priceCart } = await import('../../shared/checkout/quote');
    const { paymentGateway } = await import('../../shared/payments/gateway');

    const costMinerals = ids('cost', 3);
    const latencyMinerals = ids('latency', LATENCY_LINES);
    await seedMinerals([...costMinerals, ...latencyMinerals]);
    const coupon = demoCoupons(new Date()).find((c) => c.code === COUPON);
    if (!coupon) throw new Error(`no demo coupon ${COUPON}`);
    await putCoupon(coupon, { ifAbsent: true });

    api = createApiServer({ routes: ROUTES, paymentSandbox: services.sandbox });
    const base = await listenOnLoopback(api);
    services.sandbox.setWebhookUrl(`${base}/api/webhooks/stripe`);
    const rawDocuments = DynamoDBDocumentClient.from(ctx.admin);
    probe = installProbe(awsPricer(rawDocuments, ctx.tableName, INDEXES));

    // The payment call, timed wherever it is made from (the API's checkout or the raw sequence).
    const gateway = await paymentGateway();
    const createPayment = gateway.createPayment;
    let gatewayTimes: number[] | undefined;
    gateway.createPayment = async (input) => {
      const t = performance.now();
      try {
        return await createPayment.call(gateway, input);
      } finally {
        gatewayTimes?.push(performance.now() - t);
      }
    };
    restoreGateway = () => {
      gateway.createPayment = createPayment;
    };

    // ---- 1. Requests and capacity of one order, per step.
    ctx.log(`orders: ${SCENARIOS.length} order scenarios × ${COST_RUNS} runs, first add to paid…`);
    const costs = new Map<string, OrderCost>();
    const unstable: string[] = [];
    for (const scenario of SCENARIOS) {
      let last: OrderCost | undefined;
      for (let i = 0; i < COST_RUNS; i++) {
        const cost = await oneOrder(base, services, probe, costMinerals, scenario);
        if (last && fingerprintOf(last) !== fingerprintOf(cost)) unstable.push(`${scenario.name}: run ${i} sent ${fingerprintOf(cost)}, run ${i - 1} ${fingerprintOf(last)}`);
        last = cost;
      }
      costs.set(scenario.name, last!);
    }
    const total = (cost: OrderCost, steps: readonly Step[] = STEPS) => steps.flatMap((s) => cost[s]);
    const withoutCart = STEPS.filter((s) => s !== 'cart');
    const cell = (calls: readonly Call[]) => `${calls.length} · ${units(sum(calls, (c) => c.read))} · ${units(sum(calls, (c) => c.write))}`;
    tables.push({
      title: 'DynamoDB requests of one guest order, per step: requests · RCU · WCU (ReturnConsumedCapacity=TOTAL, as DynamoDB Local reports it)',
      headers: ['Step', ...SCENARIOS.map((s) => s.name)],
      rows: [
        ...STEPS.map((s) => [STEP_TITLES[s], ...SCENARIOS.map((sc) => cell(costs.get(sc.name)![s]))]),
        ['**Total, first add → paid**', ...SCENARIOS.map((sc) => `**${cell(total(costs.get(sc.name)!, withoutCart))}**`)],
        ['Total with the cart\'s creation', ...SCENARIOS.map((sc) => cell(total(costs.get(sc.name)!)))],
        ['… of which Powertools idempotency (checkout)', ...SCENARIOS.map((sc) => cell(total(costs.get(sc.name)!).filter((c) => c.idempotency)))],
      ],
    });
    const richest = costs.get(SCENARIOS.at(-1)!.name)!;
    const simplest = costs.get(SCENARIOS[0]!.name)!;
    tables.push({
      title: 'The requests of each step, in order',
      headers: ['Step', SCENARIOS[0]!.name, SCENARIOS.at(-1)!.name],
      rows: STEPS.map((s) => [STEP_TITLES[s], sequence(simplest[s], s === 'add' ? SCENARIOS[0]!.lines : undefined), sequence(richest[s], s === 'add' ? SCENARIOS.at(-1)!.lines : undefined)]),
    });
    for (const sc of SCENARIOS) {
      const cost = costs.get(sc.name)!;
      const n = total(cost, withoutCart).length;
      rows.push({
        measure: `DynamoDB requests for one guest order, first add → paid: ${sc.name}${sc.coupon ? ` (${COUPON})` : ''}`,
        value: `${n} (${total(cost).length} with POST /api/carts); ${units(sum(total(cost, withoutCart), (c) => c.read))} RCU + ${units(sum(total(cost, withoutCart), (c) => c.write))} WCU`,
        target: `≤ ${REQUEST_TARGET}`,
        verdict: atMost(n, REQUEST_TARGET),
      });
    }
    // Which steps dominate, in the largest order.
    const richTotal = total(richest, withoutCart).length;
    const byStep = withoutCart
      .map((s) => ({ s, n: richest[s].length }))
      .sort((a, b) => b.n - a.n)
      .map(({ s, n }) => `${s} ${n} (${fmt((100 * n) / richTotal, 0)} %)`);
    const perLine = (cost: OrderCost, lines: number) => cost.add.length / lines;
    rows.push({
      measure: `Where the requests go (${SCENARIOS.at(-1)!.name}, first add → paid), largest first; each line added costs`,
      value: `${byStep.join(', ')}; ${fmt(perLine(richest, SCENARIOS.at(-1)!.lines), 0)} per line added`,
      target: '',
      verdict: 'info',
    });
    const retried = [...costs.values()].flatMap((c) => total(c)).filter((c) => c.attempts > 1 || c.error).length;
    const missingCapacity = [...costs.values()].flatMap((c) => total(c)).filter((c) => c.noCapacity && CAPACITY_COMMANDS.has(c.command)).length;
    rows.push({
      measure: `… the counts are the same in each of the ${COST_RUNS} runs of every scenario; SDK retries or failed calls among them; calls that reported no capacity`,
      value: `${unstable.length === 0 ? 'same' : `${unstable.length} scenario(s) differ`}; ${retried} retried or failed; ${missingCapacity}`,
      target: 'same; 0; 0',
      verdict: unstable.length === 0 && retried === 0 && missingCapacity === 0 ? 'met' : 'missed',
    });
    raw.cost = Object.fromEntries(
      [...costs].map(([name, cost]) => [name, Object.fromEntries(STEPS.map((s) => [s, cost[s].map(({ shape: _s, ...c }) => c)]))]),
    );
    raw.costUnstable = unstable;

    // ---- 1b. The same orders priced by AWS's rules, and what 1,000 orders cost with browsing and abandoned carts.
    const aws = (calls: readonly Call[]) => ({
      read: sum(calls, (c) => c.aws?.read ?? 0),
      write: sum(calls, (c) => c.aws?.write ?? 0),
      index: sum(calls, (c) => c.aws?.indexWrite ?? 0),
    });
    const awsCell = (calls: readonly Call[]) => {
      const a = aws(calls);
      return `${units(a.read)} · ${units(a.write)} (${units(a.index)})`;
    };
    tables.push({
      title: 'AWS-rule capacity of one guest order, per step: RRU · WRU (of which index WRU), priced from the item images before and after each request and the index projections in shared/db/table.ts',
      headers: ['Step', ...SCENARIOS.map((s) => s.name)],
      rows: [
        ...STEPS.map((s) => [STEP_TITLES[s], ...SCENARIOS.map((sc) => awsCell(costs.get(sc.name)![s]))]),
        ['**Total, first add → paid**', ...SCENARIOS.map((sc) => `**${awsCell(total(costs.get(sc.name)!, withoutCart))}**`)],
      ],
    });
    const oneLine = costs.get('1 line')!;
    const threeCoupon = costs.get('3 lines + coupon')!;
    const addOne = aws(oneLine.add);
    rows.push({
      measure: 'Add to cart, deep-stock mineral (AWS-rule WRU; DynamoDB Local WCU beside)',
      value: `${units(addOne.write)} WRU (${units(addOne.index)} on indexes); Local ${units(sum(oneLine.add, (c) => c.write))} WCU`,
      target: '≤ 8 WRU',
      verdict: atMost(addOne.write, 8),
    });
    const whole1 = aws(total(oneLine, withoutCart));
    rows.push({
      measure: 'Whole 1-line order, first add → paid (AWS-rule WRU / RRU; DynamoDB Local beside)',
      value: `${units(whole1.write)} WRU / ${units(whole1.read)} RRU; Local ${units(sum(total(oneLine, withoutCart), (c) => c.write))} WCU / ${units(sum(total(oneLine, withoutCart), (c) => c.read))} RCU`,
      target: '≤ 50 WRU / 12 RRU',
      verdict: whole1.write <= 50 && whole1.read <= 12 ? 'met' : 'missed',
    });
    const whole3 = aws(total(threeCoupon, withoutCart));
    const requests3 = total(threeCoupon, withoutCart).length;
    rows.push({
      measure: `Whole 3-line order with ${COUPON}, first add → paid (AWS-rule WRU, requests; DynamoDB Local beside)`,
      value: `${units(whole3.write)} WRU / ${units(whole3.read)} RRU, ${requests3} requests; Local ${units(sum(total(threeCoupon, withoutCart), (c) => c.write))} WCU`,
      target: '≤ 100 WRU, ≤ 20 requests',
      verdict: whole3.write <= 100 && requests3 <= 20 ? 'met' : 'missed',
    });

    // Browsing and an abandoned cart, priced the same way through HTTP.
    const browse = await probe.record(
      async () => {
        expectStatus('GET product', await get(base, `/api/minerals/${costMinerals[0]}`), 200);
      },
      { capacity: true },
    );
    const abandoned = await probe.record(
      async () => {
        const c = await send(base, 'POST', '/api/carts');
        const { cartId, cartToken } = c.body as { cartId: string; cartToken: string };
        expectStatus('PUT item', await send(base, 'PUT', `/api/carts/${cartId}/items/${costMinerals[0]}`, { quantity: 1 }, { 'x-cart-token': cartToken }), 200);
        expectStatus('DELETE item', await send(base, 'DELETE', `/api/carts/${cartId}/items/${costMinerals[0]}`, undefined, { 'x-cart-token': cartToken }), 200);
      },
      { capacity: true },
    );
    // A listing page of 24 cards, priced from the index entry of a bench mineral as the catalog index projects it.
    const stored = (await rawDocuments.send(new GetCommand({ TableName: ctx.tableName, Key: mineralKey(costMinerals[0]!) }))).Item;
    const entry = indexEntry(stored, INDEXES.allByPrice);
    const pageRru = queryReadUnits(Array.from({ length: 24 }, () => entry!));
    const productRru = aws(browse.calls).read;
    const abandonedCost = aws(abandoned.calls);
    const perOrder = {
      write: (whole1.write + whole3.write) / 2 + aws(oneLine.cart).write + ECONOMICS.abandonedPerOrder * abandonedCost.write,
      read: (whole1.read + whole3.read) / 2 + aws(oneLine.cart).read + ECONOMICS.abandonedPerOrder * abandonedCost.read + ECONOMICS.pagesPerOrder * pageRru + ECONOMICS.productViewsPerOrder * productRru,
    };
    const dollarsPer1000 = (1000 * (perOrder.write * ECONOMICS.dollarsPerMillionWru + perOrder.read * ECONOMICS.dollarsPerMillionRru)) / 1_000_000;
    rows.push({
      measure: 'Catalog page, 24 cards (AWS-rule RRU, eventually consistent, from the projected index entry of a bench mineral)',
      value: `${units(pageRru)} RRU (entry ${itemSize(entry)} B)`,
      target: '≤ 2 RCU',
      verdict: atMost(pageRru, 2),
    });
    rows.push({
      measure: 'DynamoDB $ per 1,000 orders incl. abandoned carts and browsing (assumptions below)',
      value: `$${dollarsPer1000.toFixed(3)} (${units(perOrder.write)} WRU + ${units(perOrder.read)} RRU per order; product page ${units(productRru)} RRU, abandoned cart ${units(abandonedCost.write)} WRU / ${units(abandonedCost.read)} RRU)`,
      target: '≤ $0.18',
      verdict: atMost(dollarsPer1000, 0.18),
    });
    notes.push(
      `AWS-rule capacity (test/bench/awsCapacity.ts, rules pinned by test/unit/awsCapacity.test.ts): write ⌈size/1 KB⌉ of the larger of the before and after images, ×2 in a transaction, plus, for each index whose entry appears, leaves, moves or changes a projected attribute, ⌈projected size/1 KB⌉ (not doubled); read ⌈size/4 KB⌉, ½ eventually consistent, ×2 transactional, a Query summed then rounded. Images are read strongly consistent just before and after each request on a client the probe does not see.`,
      `Cost model per order: the mean of the 1-line and the 3-line-with-coupon orders, its cart's creation, ${ECONOMICS.abandonedPerOrder} abandoned carts (create, add one, remove it: the release a hold sweep makes costs the same stock move), ${ECONOMICS.pagesPerOrder} listing pages of 24 cards and ${ECONOMICS.productViewsPerOrder} product pages. On-demand prices (us-east-1, since Nov 2024): $${ECONOMICS.dollarsPerMillionWru} per million WRU, $${ECONOMICS.dollarsPerMillionRru} per million RRU; storage, streams and backups not counted.`,
    );
    raw.aws = { perStep: Object.fromEntries([...costs].map(([name, cost]) => [name, Object.fromEntries(STEPS.map((s) => [s, aws(cost[s])]))])), pageRru, productRru, abandoned: abandonedCost, perOrder, dollarsPer1000 };

    // ---- 3 (before 2, which leaves thousands of held carts behind). Card confirmed → paid, as `npm start` delivers it.
    ctx.log(`orders: ${PAID_JOURNEYS} journeys cart → paid (after ${PAID_WARMUP} warm-up), the orders queue polled in the background…`);
    const journeys = await measurePaidJourneys(base, services, costMinerals[0]!, ctx.log);
    const paid = {
      confirmedToPaid: summarize(journeys.map((j) => j.confirmedToPaid)),
      cartToPaid: summarize(journeys.map((j) => j.cartToPaid)),
      cartToPlaced: summarize(journeys.map((j) => j.cartToPlaced)),
    };
    raw.paidJourneys = paid;
    rows.push(
      {
        measure: `Card confirmed (the sandbox answered) → the order reads \`paid\` (signed webhook → FIFO queue → the local runtime's background poller → processOrderEvents), p50 / p95 of ${PAID_JOURNEYS} journeys`,
        value: `${ms(paid.confirmedToPaid.p50)} / ${ms(paid.confirmedToPaid.p95)}`,
        target: `p50 ≤ ${CONFIRMED_TO_PAID_TARGET_MS} ms`,
        verdict: atMost(paid.confirmedToPaid.p50, CONFIRMED_TO_PAID_TARGET_MS),
      },
      {
        measure: '… the whole journey, new cart → `paid` (cart, add, checkout, card confirmed, paid), p50 / p95; of which new cart → order placed',
        value: `${ms(paid.cartToPaid.p50)} / ${ms(paid.cartToPaid.p95)}; ${ms(paid.cartToPlaced.p50)} / ${ms(paid.cartToPlaced.p95)}`,
        target: '',
        verdict: 'info',
      },
    );
    notes.push(
      `Cart → paid: ${PAID_JOURNEYS} guest journeys of one line (after ${PAID_WARMUP} warm-up), one after another with a random pause of 0–${PAID_MAX_PAUSE_MS} ms before each so they do not fall into step with the poller; the orders queue is read by infra/local/queuePoller.ts's background loop, as \`npm start\` runs it, and the journey reads its order every ${PAID_READ_EVERY_MS} ms until it is \`paid\` (so figures are up to ${PAID_READ_EVERY_MS} ms late).`,
    );

    // ---- 2. POST /api/checkout vs the raw calls it makes.
    const cartsPerPath = LATENCY_ITERATIONS + LATENCY_WARMUP + 1;
    ctx.log(`orders: ${cartsPerPath * 2} carts of ${LATENCY_LINES} lines for the checkout latency…`);
    const carts = {
      api: await makeCarts(useCases, cartsPerPath, latencyMinerals),
      raw: await makeCarts(useCases, cartsPerPath, latencyMinerals),
    };
    // The quote every latency cart gets (same minerals and quantities), priced once, before timing.
    const sample = (await loadCart(carts.raw[0]!.cartId))!;
    const quote = priceCart(sample.header, sample.lines, { minerals: await getMinerals(sample.lines.map((l) => l.mineralId)), coupon: undefined }, { address: ADDRESS, shippingMethod: SHIPPING }, new Date());

    // The raw calls must be the API's, shape for shape, or the ratio means nothing.
    {
      const apiShapes = await probe.record(() => apiCheckout(base, carts.api.pop()!), { shapes: true });
      const rawShapes = await probe.record(() => rawCheckout(carts.raw.pop()!, quote, gateway), { shapes: true });
      const a = JSON.stringify(apiShapes.calls.map((c) => [c.command, c.shape]));
      const r = JSON.stringify(rawShapes.calls.map((c) => [c.command, c.shape]));
      if (a !== r) throw new Error(`The raw calls differ from the API's.\nAPI: ${a}\nraw: ${r}`);
      raw.checkoutCalls = apiShapes.calls.map(callName);
    }
    const checkoutSequence = (raw.checkoutCalls as string[]).join(' → ');

    ctx.log(`orders: checkout latency, ${LATENCY_ITERATIONS} interleaved iterations after ${LATENCY_WARMUP} warm-up…`);
    type Path = 'api' | 'raw';
    const dbTime: Record<Path, number[]> = { api: [], raw: [] };
    const payTime: Record<Path, number[]> = { api: [], raw: [] };
    const callTimes: Record<Path, Record<string, number[]>> = { api: {}, raw: {} };
    const timed = (path: Path, fn: (cart: BenchCart) => Promise<void>) => {
      let i = 0;
      return async () => {
        const cart = carts[path][i++]!;
        const payments: number[] = [];
        gatewayTimes = payments;
        try {
          const { calls } = await probe!.record(() => fn(cart));
          dbTime[path].push(sum(calls, (c) => c.ms));
          payTime[path].push(payments.reduce((a, b) => a + b, 0));
          for (const [k, c] of calls.entries()) (callTimes[path][`${k + 1}. ${callName(c)}`] ??= []).push(c.ms);
        } finally {
          gatewayTimes = undefined;
        }
      };
    };
    const lat = await measureInterleaved(
      LATENCY_ITERATIONS,
      { api: timed('api', (cart) => apiCheckout(base, cart)), raw: timed('raw', (cart) => rawCheckout(cart, quote, gateway)) },
      { warmup: LATENCY_WARMUP },
    );
    const measured = (xs: readonly number[]) => xs.slice(-LATENCY_ITERATIONS);
    const minus = (a: readonly number[], b: readonly number[]) => a.map((x, i) => x - b[i]!);
    const s = {
      api: summarize(lat.api),
      raw: summarize(lat.raw),
      apiWithoutPayment: summarize(minus(lat.api, measured(payTime.api))),
      rawWithoutPayment: summarize(minus(lat.raw, measured(payTime.raw))),
      paymentApi: summarize(measured(payTime.api)),
      paymentRaw: summarize(measured(payTime.raw)),
      dbApi: summarize(measured(dbTime.api)),
      dbRaw: summarize(measured(dbTime.raw)),
    };
    raw.latency = s;
    const ratio = (a: number, b: number) => a / b;
    const withPay = ratio(s.api.p50, s.raw.p50);
    const withoutPay = ratio(s.apiWithoutPayment.p50, s.rawWithoutPayment.p50);
    rows.push(
      {
        measure: `POST /api/checkout (HTTP, guest cart of ${LATENCY_LINES} lines, Idempotency-Key) vs the same raw calls (${checkoutSequence}, and the payment before the transaction): p50 API / raw`,
        value: `${ms(s.api.p50)} / ${ms(s.raw.p50)}`,
        target: '',
        verdict: 'info',
      },
      { measure: '… p50 ratio, the payment call (to the sandbox over loopback HTTP) on both sides', value: fmt(withPay), target: `≤ ${RATIO_TARGET}`, verdict: atMost(withPay, RATIO_TARGET) },
      {
        measure: '… p50 ratio without the payment call: API less its own payment call ÷ the raw DynamoDB calls alone',
        value: `${fmt(withoutPay)} (${ms(s.apiWithoutPayment.p50)} / ${ms(s.rawWithoutPayment.p50)})`,
        target: `≤ ${RATIO_TARGET}`,
        verdict: atMost(withoutPay, RATIO_TARGET),
      },
      {
        measure: '… p95 API / raw (ratio), with the payment call; without it',
        value: `${ms(s.api.p95)} / ${ms(s.raw.p95)} (${fmt(ratio(s.api.p95, s.raw.p95))}); ${ms(s.apiWithoutPayment.p95)} / ${ms(s.rawWithoutPayment.p95)} (${fmt(ratio(s.apiWithoutPayment.p95, s.rawWithoutPayment.p95))})`,
        target: '',
        verdict: 'info',
      },
      {
        measure: '… the payment call alone (gateway.createPayment: Stripe SDK → sandbox on 127.0.0.1, in this process), p50 / p95 in the API path; in the raw path',
        value: `${ms(s.paymentApi.p50)} / ${ms(s.paymentApi.p95)}; ${ms(s.paymentRaw.p50)} / ${ms(s.paymentRaw.p95)} (${fmt((100 * s.paymentApi.p50) / s.api.p50, 0)} % of the API's p50)`,
        target: '',
        verdict: 'info',
      },
      {
        measure: '… the API whole ÷ the raw DynamoDB calls alone (the payment counted against the API)',
        value: fmt(ratio(s.api.p50, s.rawWithoutPayment.p50)),
        target: '',
        verdict: 'info',
      },
    );
    const callKeys = [...new Set([...Object.keys(callTimes.api), ...Object.keys(callTimes.raw)])].sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
    const callP50 = (path: Path, k: string) => {
      const xs = callTimes[path][k];
      return xs ? ms(summarize(measured(xs)).p50) : '';
    };
    const outside = (path: Path) => summarize(minus(minus(lat[path], measured(dbTime[path])), measured(payTime[path]))).p50;
    tables.push({
      title: `Where the time of one checkout goes (${LATENCY_ITERATIONS} interleaved iterations; p50 of each DynamoDB call as the SDK middleware saw it)`,
      headers: ['Part', 'API (HTTP)', 'Raw'],
      rows: [
        ...callKeys.map((k) => [k, callP50('api', k), callP50('raw', k)]),
        ['Sum of the DynamoDB calls', ms(s.dbApi.p50), ms(s.dbRaw.p50)],
        ['The payment call (sandbox over loopback HTTP)', ms(s.paymentApi.p50), ms(s.paymentRaw.p50)],
        ['Outside both (HTTP, routing, middy, zod, Powertools hashing, pricing, tracking token JWT; raw: building the requests)', ms(outside('api')), ms(outside('raw'))],
        ['Whole call p50', ms(s.api.p50), ms(s.raw.p50)],
        ['Whole call p95', ms(s.api.p95), ms(s.raw.p95)],
      ],
    });

    notes.push(
      `Requests are counted by a middleware added to the functions' DynamoDB client (shared/db/client.ts: \`dynamoClient\`, whose middleware stack the document client \`dynamo\` shares, and which Powertools idempotency uses directly), set to ask every command for ReturnConsumedCapacity=TOTAL; the server, the sandbox, the webhook and the worker all run in this process, so every request of the order is seen. SQS requests (the webhook's SendMessage, the worker's receive/delete, the queued mail) are not DynamoDB requests and are not counted.`,
      `Each order: a new guest cart, one unit of each line, quote and checkout to Denver by ${SHIPPING} shipping (with ${COUPON} where named), card ${SANDBOX_TEST_CARDS.succeeds} confirmed in the sandbox, the signed webhook delivered, the FIFO queue drained by processOrderEvents; the order was checked to be \`paid\` (coupon applied) afterwards. The target counts from the first add; POST /api/carts (one PutItem) is shown apart.`,
      'Capacity as DynamoDB Local reports it (transactional writes count double; a conditional failure reports none). Real DynamoDB rounds reads up per 4 KB and writes per 1 KB of each item, so the order item (the whole quote and timeline) weighs on the checkout\'s and the processor\'s WCU.',
      `Latency: ${LATENCY_ITERATIONS} iterations after ${LATENCY_WARMUP} warm-up, API and raw interleaved in rotating order, each call on a fresh guest cart of ${LATENCY_LINES} lines made beforehand. The raw path sends the API's DynamoDB calls (checked to match shape for shape before timing: commands, expressions, item attributes, Powertools' records), and makes the same gateway call; the quote it writes into the order is priced once beforehand. The payment call is timed by wrapping the gateway's createPayment, in both paths; "without the payment call" subtracts each call's own payment time.`,
      'The payment sandbox runs in this process, so its HTTP handling shares the event loop (and the 2 cores, with DynamoDB Local and local SQS) with the API; against real Stripe the payment call is a network round trip of its own, typically far longer than the DynamoDB calls.',
    );
    return { name: 'orders', title: 'Orders: DynamoDB requests per order (first add → paid), checkout vs raw DynamoDB', rows, tables, notes, raw };
  } finally {
    restoreGateway?.();
    probe?.remove();
    if (api) await closeServer(api);
    await services.stop();
  }
}
