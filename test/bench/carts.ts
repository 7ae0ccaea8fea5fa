// Bench section "carts": PUT /api/carts/{cartId}/items/{mineralId} against the raw DynamoDB calls it
// makes (latency, interleaved in one run; also the handler invoked without HTTP), contention (many
// buyers racing for few units: outcomes checked; many units: adds/s against raw conditional
// TransactWriteItems/s at the same concurrency), and the DynamoDB requests and capacity of one add.
//
// The throughput load generator runs in a worker thread, as in the catalog section; this module is
// that worker's script too (see the end of the file), so the section stays one file.
import http from 'node:http';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { createApiServer } from '../../infra/local/apiServer';
import type * as CartUseCases from '../../shared/carts/carts';
import { cartKey, lineKey, loadCart, toLine, type CartLine } from '../../shared/db/carts';
import { dynamo, tableName } from '../../shared/db/client';
import { requestShape } from './requestShape';
import { holdIndexKeys } from '../../shared/db/holds';
import { mineralKey, putMinerals, stockKey } from '../../shared/db/minerals';
import { TTL_ATTRIBUTE } from '../../shared/db/table';
import { CART_LIMITS, holdExpiry, ttlFor } from '../../shared/domain/holds';
import { ROUTES } from '../../shared/http/routes';
import type * as SetCartItem from '../../functions/cart/setCartItem';
import { aMineral } from '../support/builders';
import { atLeast, atMost, type BenchContext, type ExtraTable, type Row, type Section } from './report';
import { combineRuns, fmt, measureInterleaved, runConcurrent, summarize, type ConcurrencyResult, type Summary } from './stats';
import { startLoadDriver, type LoadDriverMessage } from './loadDriver';
import { closeServer, listenOnLoopback } from './servers';

const LATENCY_ITERATIONS = 200;
const LATENCY_WARMUP = 30;
/** Carts per latency path, each with LINES_PER_CART lines on minerals of its own. */
const LATENCY_CARTS = 8;
const LINES_PER_CART = 3;
const BIG_STOCK = 1_000_000;
const FEW_UNITS_MINERALS = 20;
const FEW_UNITS_BUYERS = 50;
const MANY_UNITS_BUYERS = 200;
const MANY_UNITS_STOCK = 60;
const THROUGHPUT_MINERALS = 20;
const THROUGHPUT_CONNECTIONS = 20;
const THROUGHPUT_ROUNDS = 4;
const API_SLICE_MS = 2_500;
const RAW_SLICE_MS = 1_500;
const PREFIX = 'cartbench';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

// The cart use cases pull in the mail outbox, which wants a queue URL at import; loaded in run() after
// placeholders are set (guest carts never send mail).
let useCases: typeof CartUseCases;
let setCartItem: typeof SetCartItem;

async function loadCartModules(): Promise<string[]> {
  const placeholders: string[] = [];
  for (const [name, value] of [
    ['NOTIFICATIONS_QUEUE_URL', 'http://127.0.0.1:9/000000000000/bench-notifications-unused'],
    ['SQS_ENDPOINT', 'http://127.0.0.1:9'],
  ] as const) {
    if (process.env[name]) continue;
    process.env[name] = value;
    placeholders.push(name);
  }
  useCases = await import('../../shared/carts/carts');
  setCartItem = await import('../../functions/cart/setCartItem');
  return placeholders;
}

// ---------------------------------------------------------------------------------------------------
// A probe on the functions' document client: every call's command, duration, consumed capacity and
// (for cancelled transactions) the cancellation reasons, into whatever bucket is current.

interface CallRecord {
  command: string;
  ms: number;
  capacity: Array<{ table: number; indexes: number; read?: number; write?: number }>;
  error?: string;
  reasons?: string[];
}

interface ConsumedCapacityShape {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
  Table?: { CapacityUnits?: number };
  GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
  LocalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
}

function installProbe() {
  const state = { bucket: undefined as CallRecord[] | undefined, askCapacity: false };
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const bucket = state.bucket;
      if (!bucket) return next(args);
      const command = (context.commandName ?? '?').replace(/Command$/, '');
      const input = state.askCapacity ? { ...(args.input as object), ReturnConsumedCapacity: 'INDEXES' } : args.input;
      const t = performance.now();
      try {
        const out = await next({ ...args, input: input as typeof args.input });
        const consumed = (out.output as { ConsumedCapacity?: ConsumedCapacityShape | ConsumedCapacityShape[] }).ConsumedCapacity;
        const list = consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed];
        bucket.push({
          command,
          ms: performance.now() - t,
          capacity: list.map((c) => ({
            table: c.Table?.CapacityUnits ?? c.CapacityUnits ?? 0,
            indexes: Object.values({ ...c.GlobalSecondaryIndexes, ...c.LocalSecondaryIndexes }).reduce((n, i) => n + (i.CapacityUnits ?? 0), 0),
            ...(c.ReadCapacityUnits !== undefined ? { read: c.ReadCapacityUnits } : {}),
            ...(c.WriteCapacityUnits !== undefined ? { write: c.WriteCapacityUnits } : {}),
          })),
        });
        return out;
      } catch (error) {
        const e = error as { name?: string; CancellationReasons?: Array<{ Code?: string }> };
        bucket.push({
          command,
          ms: performance.now() - t,
          capacity: [],
          error: e.name ?? 'Error',
          ...(e.CancellationReasons ? { reasons: e.CancellationReasons.map((r) => r.Code ?? 'None') } : {}),
        });
        throw error;
      }
    },
    { step: 'initialize', priority: 'high', name: 'benchCartsProbe' },
  );
  /** Runs fn with its DynamoDB calls recorded into a fresh bucket. */
  const record = async <T>(fn: () => Promise<T>, askCapacity = false): Promise<{ result: T; calls: CallRecord[] }> => {
    const calls: CallRecord[] = [];
    const previous = state.bucket;
    state.bucket = calls;
    state.askCapacity = askCapacity;
    try {
      return { result: await fn(), calls };
    } finally {
      state.bucket = previous;
      state.askCapacity = false;
    }
  };
  /** Records every call made while it is on (for concurrent phases). */
  const collect = (calls: CallRecord[] | undefined) => (state.bucket = calls);
  return { record, collect, remove: () => dynamo.middlewareStack.remove('benchCartsProbe') };
}

/** What a set of calls says about transactions: attempts, and why the cancelled ones were cancelled. */
function transactStats(calls: readonly CallRecord[]) {
  const tx = calls.filter((c) => c.command === 'TransactWriteItems');
  const cancelled = tx.filter((c) => c.error);
  const withCode = (code: string, at?: number) => cancelled.filter((c) => (at === undefined ? c.reasons?.includes(code) : c.reasons?.[at] === code)).length;
  return {
    attempts: tx.length,
    committed: tx.length - cancelled.length,
    cancelled: cancelled.length,
    conflicts: withCode('TransactionConflict'),
    /** The mineral's stock condition failed (first item when stock moves). */
    stockConditionFailed: withCode('ConditionalCheckFailed', 0),
    /** The line's version condition failed (second item): a stale read, retried by the use case. */
    lineConditionFailed: withCode('ConditionalCheckFailed', 1),
    otherErrors: cancelled.filter((c) => c.error !== 'TransactionCanceledException').length,
    queries: calls.filter((c) => c.command === 'Query').length,
    batchGets: calls.filter((c) => c.command === 'BatchGetItem').length,
    total: calls.length,
  };
}

// ---------------------------------------------------------------------------------------------------
// Carts, and the three ways of setting a quantity: HTTP, the handler directly, raw DynamoDB calls.

interface BenchCart {
  cartId: string;
  token: string;
  minerals: string[];
  /** The quantity each line has now (this bench is the only writer of its carts). */
  quantities: number[];
  next: number;
}

/** The next (mineral, quantity) for a cart: its lines in turn, each flipping 1 ↔ 2 so every call writes. */
function nextSet(cart: BenchCart): { index: number; mineralId: string; quantity: number } {
  const index = cart.next % cart.minerals.length;
  cart.next++;
  return { index, mineralId: cart.minerals[index]!, quantity: cart.quantities[index] === 1 ? 2 : 1 };
}

async function inParallel<T, R>(items: readonly T[], concurrency: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return out;
}

/** Guest carts made through the use case, each with its lines set to 1 through the use case. */
async function makeCarts(lineSets: readonly string[][]): Promise<BenchCart[]> {
  return inParallel(lineSets, 8, async (minerals) => {
    const { cartId, cartToken } = await useCases.createGuestCart();
    for (const m of minerals) await useCases.setLineQuantity(cartId, m, 1, { cartToken });
    return { cartId, token: cartToken, minerals: [...minerals], quantities: minerals.map(() => 1), next: 0 };
  });
}

interface PutOutcome {
  status: number;
  code?: string;
}

/**
 * Each buyer is a client of its own: its requests come from a loopback address of its own, derived from
 * its cart (the per-client hold limits, HOLD_LIMITS, would otherwise count every buyer as one).
 */
const buyerAddress = (cartId: string) => {
  const h = createHash('sha256').update(cartId).digest();
  return `127.${1 + (h[0]! % 254)}.${1 + (h[1]! % 254)}.${1 + (h[2]! % 254)}`;
};

async function httpPut(base: string, cartId: string, token: string, mineralId: string, quantity: number): Promise<PutOutcome> {
  const url = new URL(`${base}/api/carts/${cartId}/items/${mineralId}`);
  const payload = JSON.stringify({ quantity });
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'PUT',
        localAddress: buyerAddress(cartId),
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'x-cart-token': token },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
  const body = JSON.parse(text) as { error?: { code?: string } };
  return status === 200 ? { status: 200 } : { status, code: body.error?.code ?? 'unknown' };
}

const outcomeName = (o: PutOutcome) => (o.status === 200 ? '200' : `${o.status} ${o.code ?? ''}`.trim());

function putEvent(cart: BenchCart, mineralId: string, quantity: number): APIGatewayProxyEventV2 {
  const now = new Date();
  const path = `/api/carts/${cart.cartId}/items/${mineralId}`;
  const routeKey = 'PUT /api/carts/{cartId}/items/{mineralId}';
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: { host: '127.0.0.1', accept: '*/*', 'content-type': 'application/json', 'user-agent': 'bench', 'x-cart-token': cart.token },
    pathParameters: { cartId: cart.cartId, mineralId },
    requestContext: {
      accountId: '000000000000', apiId: 'local', domainName: '127.0.0.1', domainPrefix: 'local',
      http: { method: 'PUT', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: 'bench', routeKey, stage: '$default', time: now.toUTCString(), timeEpoch: now.getTime(),
    },
    body: JSON.stringify({ quantity }),
    isBase64Encoded: false,
  };
}

function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: false, functionName: 'setCartItem', functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:setCartItem', memoryLimitInMB: '512',
    awsRequestId: 'bench', logGroupName: '/aws/lambda/setCartItem', logStreamName: 'local',
    getRemainingTimeInMillis: () => 29_000, done: () => undefined, fail: () => undefined, succeed: () => undefined,
  };
}

async function handlerPut(cart: BenchCart, mineralId: string, quantity: number): Promise<number> {
  const result = (await setCartItem.handler(putEvent(cart, mineralId, quantity), lambdaContext())) as APIGatewayProxyStructuredResultV2;
  // What API Gateway does with the result before answering: the body is a string already.
  JSON.parse(String(result.body ?? 'null'));
  return result.statusCode ?? 0;
}

/** The strongly consistent Query of the cart partition, exactly as loadCart sends it (no paging: a few lines). */
async function rawQueryCart(cartId: string): Promise<Record<string, unknown>[]> {
  const res = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `CART#${cartId}` },
      ConsistentRead: true,
      ExclusiveStartKey: undefined,
    }),
  );
  return res.Items ?? [];
}

/** The stock item update writeLine sends: take units off the shelf, or give them back. */
function rawStockItem(mineralId: string, delta: number): TransactItem {
  return delta > 0
    ? {
        Update: {
          TableName: tableName,
          Key: stockKey(mineralId),
          UpdateExpression: 'SET available = available - :d, held = held + :d',
          // A guest's add leaves the last unit first (taking it claims a client slot: shared/carts/carts.ts writeHold).
          ConditionExpression: 'attribute_exists(pk) AND available > :d AND (attribute_not_exists(#status) OR #status = :published)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':d': delta, ':published': 'published' },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      }
    : {
        Update: {
          TableName: tableName,
          Key: stockKey(mineralId),
          UpdateExpression: 'SET available = available + :r, held = held - :r',
          ConditionExpression: 'attribute_exists(pk) AND held >= :r',
          ExpressionAttributeValues: { ':r': -delta },
        },
      };
}

/** The three items of the set-quantity transaction: mineral update, line Put (conditional on its version), cart header. */
function rawLineTransaction(cartId: string, mineralId: string, current: CartLine | undefined, quantity: number, now: Date): TransactItem[] {
  const expiresAt = holdExpiry(now, 'guest').toISOString();
  const next: CartLine = {
    cartId, mineralId, quantity, held: quantity, holdExpiresAt: expiresAt, heldSince: current?.heldSince ?? now.toISOString(), version: (current?.version ?? 0) + 1,
    addedAt: current?.addedAt ?? now.toISOString(), updatedAt: now.toISOString(),
  };
  const delta = quantity - (current?.held ?? 0);
  const items: TransactItem[] = delta !== 0 ? [rawStockItem(mineralId, delta)] : [];
  items.push({
    Put: {
      TableName: tableName,
      Item: {
        ...lineKey(cartId, mineralId), entity: 'cartLine', ...next,
        ...holdIndexKeys(expiresAt, cartId, mineralId),
        [TTL_ATTRIBUTE]: ttlFor(new Date(expiresAt)),
      },
      ...(current
        ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': current.version } }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
  });
  // The header counts lines (the per-cart limit); this bench only writes lines that exist or new ones.
  const lineDelta = current ? 0 : 1;
  items.push({
    Update: {
      TableName: tableName,
      Key: cartKey(cartId),
      UpdateExpression: 'SET updatedAt = :now, lineCount = if_not_exists(lineCount, :zero) + :delta',
      ConditionExpression:
        lineDelta > 0 ? '#status = :active AND (attribute_not_exists(lineCount) OR lineCount < :max)' : '#status = :active',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':now': new Date().toISOString(),
        ':active': 'active',
        ':zero': 0,
        ':delta': lineDelta,
        ...(lineDelta > 0 ? { ':max': CART_LIMITS.linesPerCart } : {}),
      },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  });
  return items;
}

/**
 * The raw DynamoDB calls of one set-quantity that writes (every latency call does: it flips 1 ↔ 2):
 * Query the cart, the transaction, then the BatchGetItem of the minerals of the lines read (less the
 * one written) plus the line written, as the use case's view does without reading the cart again.
 */
async function rawSet(cart: BenchCart, mineralId: string, quantity: number): Promise<void> {
  const now = new Date();
  const items = await rawQueryCart(cart.cartId);
  const found = items.find((i) => i.sk === `LINE#${mineralId}`);
  await dynamo.send(new TransactWriteCommand({ TransactItems: rawLineTransaction(cart.cartId, mineralId, found ? toLine(found) : undefined, quantity, now) }));
  const others = items.filter((i) => String(i.sk).startsWith('LINE#') && i.mineralId !== mineralId).map((i) => String(i.mineralId));
  const ids = quantity > 0 ? [...others, mineralId] : others;
  await dynamo.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: ids.flatMap((id) => [mineralKey(id), stockKey(id)]) } } }));
}


function shapeProbe() {
  const seen: unknown[] = [];
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      seen.push({ command: context.commandName, input: requestShape(args.input) });
      return next(args);
    },
    { step: 'initialize', priority: 'low', name: 'benchCartsShape' },
  );
  return { seen, remove: () => dynamo.middlewareStack.remove('benchCartsShape') };
}

// ---------------------------------------------------------------------------------------------------
// Throughput load generator (worker thread).

interface LoadInput {
  kind: 'cartsLoad';
  base: string;
  connections: number;
  carts: BenchCart[];
}

type LoadMessage = LoadDriverMessage;
type LoadResult = ConcurrencyResult & { outcomes: Record<string, number> };

function loadWorkerMain(input: LoadInput): void {
  const agent = new http.Agent({ keepAlive: true, maxSockets: input.connections });
  const free = [...input.carts];
  const putOnce = (cart: BenchCart, mineralId: string, quantity: number) =>
    new Promise<PutOutcome>((resolve, reject) => {
      const body = JSON.stringify({ quantity });
      const req = http.request(
        `${input.base}/api/carts/${cart.cartId}/items/${mineralId}`,
        { method: 'PUT', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-cart-token': cart.token } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            if (status === 200) return resolve({ status });
            try {
              const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error?: { code?: string } };
              resolve({ status, code: parsed.error?.code ?? 'unknown' });
            } catch {
              resolve({ status, code: 'unparsable' });
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  parentPort?.on('message', (message: LoadMessage) => {
    if (message === 'stop') {
      agent.destroy();
      parentPort?.close();
      return;
    }
    const outcomes: Record<string, number> = {};
    void runConcurrent(input.connections, { durationMs: message.durationMs }, async () => {
      const cart = free.pop()!;
      try {
        const { index, mineralId, quantity } = nextSet(cart);
        const outcome = await putOnce(cart, mineralId, quantity);
        const name = outcomeName(outcome);
        outcomes[name] = (outcomes[name] ?? 0) + 1;
        if (outcome.status !== 200) return false;
        cart.quantities[index] = quantity;
        return true;
      } finally {
        free.push(cart);
      }
    }).then((result) => parentPort?.postMessage({ ...result, outcomes } satisfies LoadResult));
  });
}

function startLoadWorker(input: Omit<LoadInput, 'kind'>) {
  return startLoadDriver<LoadResult>(new URL(import.meta.url), { kind: 'cartsLoad', ...input } satisfies LoadInput);
}

// ---------------------------------------------------------------------------------------------------

const ms = (v: number) => `${fmt(v)} ms`;
const countBy = <T>(items: readonly T[], key: (t: T) => string) => {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
};
const describeCounts = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${n} × ${k}`)
    .join(', ');

async function mineralCounters(id: string): Promise<{ available: number; held: number }> {
  const res = await dynamo.send(new GetCommand({ TableName: tableName, Key: stockKey(id), ConsistentRead: true }));
  return { available: Number(res.Item?.available ?? Number.NaN), held: Number(res.Item?.held ?? Number.NaN) };
}

async function seedMinerals(ids: readonly string[], available: number): Promise<void> {
  const minerals = ids.map((id, i) => aMineral({ id, name: `Cart bench ${id}`, available, priceCents: 2_000 + i, popularity: 0 }));
  const size = Math.ceil(minerals.length / 4);
  await Promise.all(Array.from({ length: 4 }, (_, s) => putMinerals(minerals.slice(s * size, (s + 1) * size))));
}

const ids = (kind: string, n: number) => Array.from({ length: n }, (_, i) => `${PREFIX}-${kind}-${i}`);

/** Lines of `carts` carts, LINES_PER_CART each, on consecutive minerals of `pool`. */
const lineSets = (pool: readonly string[], carts: number) =>
  Array.from({ length: carts }, (_, c) => Array.from({ length: LINES_PER_CART }, (_, l) => pool[(c * LINES_PER_CART + l) % pool.length]!));

export async function run(ctx: BenchContext): Promise<Section> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const tables: ExtraTable[] = [];
  const raw: Record<string, unknown> = {};
  const correctness: string[] = [];
  const placeholders = await loadCartModules();

  // Minerals: one pool per latency path (no two paths write the same items), the contention ones.
  const latencyPools = { api: ids('lat-api', 24), handler: ids('lat-handler', 24), raw: ids('lat-raw', 24) };
  const fewUnits = ids('few', FEW_UNITS_MINERALS + 1);
  const manyUnits = `${PREFIX}-many-0`;
  const throughputMinerals = ids('tput', THROUGHPUT_MINERALS);
  const requestMinerals = ids('req', 3);
  const soldOut = `${PREFIX}-soldout-0`;
  const tSeed = performance.now();
  await seedMinerals([...Object.values(latencyPools).flat(), ...throughputMinerals, ...requestMinerals], BIG_STOCK);
  await seedMinerals(fewUnits, 1);
  await seedMinerals([manyUnits], MANY_UNITS_STOCK);
  await seedMinerals([soldOut], 0);

  ctx.log('making carts…');
  const latencyCarts = {
    api: await makeCarts(lineSets(latencyPools.api, LATENCY_CARTS)),
    handler: await makeCarts(lineSets(latencyPools.handler, LATENCY_CARTS)),
    raw: await makeCarts(lineSets(latencyPools.raw, LATENCY_CARTS)),
  };
  // Throughput carts: each connection owns one cart whose lines are spread so every mineral is in several carts.
  const tputLines = Array.from({ length: THROUGHPUT_CONNECTIONS }, (_, w) =>
    [0, 7, 13].map((k) => throughputMinerals[(w + k) % THROUGHPUT_MINERALS]!),
  );
  const tputApiCarts = await makeCarts(tputLines);
  const tputRawCarts = await makeCarts(tputLines);
  raw.setupSeconds = (performance.now() - tSeed) / 1000;

  const api = createApiServer({ routes: ROUTES });
  const base = await listenOnLoopback(api);
  const probe = installProbe();
  try {
    // ---- The raw calls must be the calls the API makes, shape for shape, or the ratio means nothing.
    {
      const apiCart = latencyCarts.api[0]!;
      const rawCart = latencyCarts.raw[0]!;
      const shapes = shapeProbe();
      let apiShapes: unknown[];
      let rawShapes: unknown[];
      try {
        const a = nextSet(apiCart);
        const res = await httpPut(base, apiCart.cartId, apiCart.token, a.mineralId, a.quantity);
        if (res.status !== 200) throw new Error(`PUT answered ${outcomeName(res)}`);
        apiCart.quantities[a.index] = a.quantity;
        apiShapes = shapes.seen.splice(0);
        const r = nextSet(rawCart);
        await rawSet(rawCart, r.mineralId, r.quantity);
        rawCart.quantities[r.index] = r.quantity;
        rawShapes = shapes.seen.splice(0);
      } finally {
        shapes.remove();
      }
      if (JSON.stringify(apiShapes) !== JSON.stringify(rawShapes)) {
        throw new Error(`The raw calls differ from the API's.\nAPI: ${JSON.stringify(apiShapes)}\nraw: ${JSON.stringify(rawShapes)}`);
      }
      raw.callShapes = apiShapes;
    }

    // ---- 3. DynamoDB requests and consumed capacity of one set-quantity (and its neighbours), via HTTP.
    ctx.log('requests per call…');
    {
      const created = await probe.record(async () => {
        const res = await fetch(`${base}/api/carts`, { method: 'POST' });
        if (res.status !== 201) throw new Error(`POST /api/carts answered ${res.status}`);
        return (await res.json()) as { cartId: string; cartToken: string };
      }, true);
      const { cartId, cartToken } = created.result;
      const [m1, m2] = requestMinerals as [string, string];
      const put = (mineralId: string, quantity: number) => probe.record(() => httpPut(base, cartId, cartToken, mineralId, quantity), true);
      // What each call is expected to send (the holds are all fresh here, so no view extends one).
      const WRITE = ['Query', 'TransactWriteItems', 'BatchGetItem'];
      const scenarios: Array<[string, { result: unknown; calls: CallRecord[] }, string[]]> = [
        ['POST /api/carts (new guest cart)', created, ['PutItem']],
        ['PUT first add: quantity 1 into the empty cart', await put(m1, 1), WRITE],
        ['PUT change: 1 → 2 on that line', await put(m1, 2), WRITE],
        ['PUT add a second mineral (cart has 1 line)', await put(m2, 1), WRITE],
        ['PUT same quantity again (2 → 2, already held: nothing written)', await put(m1, 2), ['Query', 'BatchGetItem']],
        ['PUT a sold-out mineral (409 insufficient_stock)', await put(soldOut, 1), ['Query', 'TransactWriteItems']],
        ['PUT quantity 0 (remove the line)', await put(m2, 0), WRITE],
        [
          'GET /api/carts/{id} (view, holds fresh)',
          await probe.record(async () => {
            const res = await fetch(`${base}/api/carts/${cartId}`, { headers: { 'x-cart-token': cartToken } });
            await res.arrayBuffer();
            return res.status;
          }, true),
          ['Query', 'BatchGetItem'],
        ],
      ];
      const asExpected = (calls: CallRecord[], expected: string[]) => calls.map((c) => c.command).join(' → ') === expected.join(' → ');
      const units = (calls: CallRecord[], kind: 'read' | 'write') =>
        calls
          .filter((c) => (kind === 'read' ? /^(Query|BatchGetItem|GetItem|Scan)$/ : /^(TransactWriteItems|PutItem|UpdateItem|DeleteItem|BatchWriteItem)$/).test(c.command))
          .flatMap((c) => c.capacity)
          .reduce((n, c) => n + c.table + c.indexes, 0);
      const anyCapacity = scenarios.some(([, s]) => s.calls.some((c) => c.capacity.length > 0));
      tables.push({
        title: 'DynamoDB requests per call (through HTTP, counted by a middleware on the functions\' document client; capacity asked with ReturnConsumedCapacity=INDEXES, table + indexes)',
        headers: ['Call', 'Outcome', 'Requests', 'Expected', 'Sequence', 'RCU', 'WCU'],
        rows: scenarios.map(([what, s, expected]) => {
          const outcome = typeof s.result === 'number' ? String(s.result) : s.result && typeof s.result === 'object' && 'status' in s.result ? outcomeName(s.result as PutOutcome) : '201';
          const seq = s.calls.map((c) => `${c.command}${c.error ? ` (${c.reasons?.join('/') ?? c.error})` : ''}`).join(' → ');
          const expectedCell = asExpected(s.calls, expected) ? String(expected.length) : `${expected.length} ❌ (${expected.join(' → ')})`;
          return [what, outcome, String(s.calls.length), expectedCell, seq, anyCapacity ? fmt(units(s.calls, 'read'), 1) : 'n/a', anyCapacity ? fmt(units(s.calls, 'write'), 1) : 'n/a'];
        }),
      });
      const [, { calls: change }, changeExpected] = scenarios[2]!;
      const offScript = scenarios.filter(([, s, expected]) => !asExpected(s.calls, expected)).map(([what]) => what);
      rows.push({
        measure: 'DynamoDB requests for one set-quantity (change 1 → 2 on a cart line), through the API',
        value: `${change.length}: ${change.map((c) => c.command).join(' → ')}`,
        target: `${changeExpected.length}: ${changeExpected.join(' → ')}`,
        verdict: asExpected(change, changeExpected) ? 'met' : 'missed',
      });
      rows.push({
        measure: '… its consumed capacity (DynamoDB Local, ReturnConsumedCapacity=INDEXES)',
        value: anyCapacity
          ? `${fmt(units(change, 'read'), 1)} RCU + ${fmt(units(change, 'write'), 1)} WCU, of which ${fmt(change.flatMap((c) => c.capacity).reduce((n, c) => n + c.indexes, 0), 1)} on indexes`
          : 'not returned by DynamoDB Local',
        target: '',
        verdict: 'info',
      });
      rows.push({
        measure: '… every call in the requests table below sends the expected requests (a same-quantity PUT: Query → BatchGetItem, nothing written)',
        value: offScript.length === 0 ? `all ${scenarios.length} as expected` : `off: ${offScript.join('; ')}`,
        target: `all ${scenarios.length}`,
        verdict: offScript.length === 0 ? 'met' : 'missed',
      });
      raw.requestsPerCall = Object.fromEntries(scenarios.map(([what, s, expected]) => [what, { expected, calls: s.calls }]));
    }

    // ---- 1. Latency: API vs handler vs raw, interleaved.
    ctx.log(`latency: ${LATENCY_ITERATIONS} interleaved iterations after ${LATENCY_WARMUP} warm-up…`);
    type Path = 'api' | 'handler' | 'raw';
    const sdkTime: Record<Path, number[]> = { api: [], handler: [], raw: [] };
    const callTimes: Record<Path, Record<string, number[]>> = { api: {}, handler: {}, raw: {} };
    const step = (path: Path, fn: (cart: BenchCart, mineralId: string, quantity: number) => Promise<void>) => {
      let i = 0;
      return async () => {
        const cart = latencyCarts[path][i++ % LATENCY_CARTS]!;
        const s = nextSet(cart);
        const { calls } = await probe.record(() => fn(cart, s.mineralId, s.quantity));
        cart.quantities[s.index] = s.quantity;
        sdkTime[path].push(calls.reduce((n, c) => n + c.ms, 0));
        for (const [k, c] of calls.entries()) (callTimes[path][`${k + 1}. ${c.command}`] ??= []).push(c.ms);
      };
    };
    const lat = await measureInterleaved(
      LATENCY_ITERATIONS,
      {
        api: step('api', async (cart, m, q) => {
          const res = await httpPut(base, cart.cartId, cart.token, m, q);
          if (res.status !== 200) throw new Error(`PUT answered ${outcomeName(res)}`);
        }),
        handler: step('handler', async (cart, m, q) => {
          const status = await handlerPut(cart, m, q);
          if (status !== 200) throw new Error(`handler answered ${status}`);
        }),
        raw: step('raw', (cart, m, q) => rawSet(cart, m, q)),
      },
      { warmup: LATENCY_WARMUP },
    );
    const s = { api: summarize(lat.api), handler: summarize(lat.handler), raw: summarize(lat.raw) };
    // The probe's samples include the warm-up: keep the measured ones (the last LATENCY_ITERATIONS).
    const measured = (xs: number[]) => xs.slice(-LATENCY_ITERATIONS);
    const outside: Record<Path, Summary> = {
      api: summarize(lat.api.map((t, i) => t - measured(sdkTime.api)[i]!)),
      handler: summarize(lat.handler.map((t, i) => t - measured(sdkTime.handler)[i]!)),
      raw: summarize(lat.raw.map((t, i) => t - measured(sdkTime.raw)[i]!)),
    };
    raw.latency = { ...s, outsideSdk: outside };
    const r = (a: number, b: number) => a / b;
    rows.push(
      {
        measure: 'PUT /api/carts/{id}/items/{mineralId} (HTTP) vs the same raw calls (Query → TransactWriteItems → BatchGetItem): p50 API / raw',
        value: `${ms(s.api.p50)} / ${ms(s.raw.p50)}`,
        target: '',
        verdict: 'info',
      },
      { measure: '… p50 ratio', value: fmt(r(s.api.p50, s.raw.p50)), target: '≤ 1.15', verdict: atMost(r(s.api.p50, s.raw.p50), 1.15) },
      { measure: '… p95 API / raw (ratio)', value: `${ms(s.api.p95)} / ${ms(s.raw.p95)} (${fmt(r(s.api.p95, s.raw.p95))})`, target: '', verdict: 'info' },
      {
        measure: 'Handler invoked directly (no HTTP) vs raw: p50 (ratio); p95 (ratio)',
        value: `${ms(s.handler.p50)} / ${ms(s.raw.p50)} (${fmt(r(s.handler.p50, s.raw.p50))}); ${ms(s.handler.p95)} / ${ms(s.raw.p95)} (${fmt(r(s.handler.p95, s.raw.p95))})`,
        target: '',
        verdict: 'info',
      },
    );
    const callKeys = [...new Set([...Object.keys(callTimes.api), ...Object.keys(callTimes.raw)])].sort();
    const callP50 = (path: Path, k: string) => {
      const xs = callTimes[path][k];
      return xs ? ms(summarize(measured(xs)).p50) : '';
    };
    tables.push({
      title: `Where the time of one set-quantity goes (${LATENCY_ITERATIONS} interleaved iterations; p50 of each DynamoDB call as seen by the SDK middleware, and of the time outside the SDK calls)`,
      headers: ['Part', 'API (HTTP)', 'Handler direct', 'Raw'],
      rows: [
        ...callKeys.map((k) => [k, callP50('api', k), callP50('handler', k), callP50('raw', k)]),
        ['Sum of the DynamoDB calls', ...(['api', 'handler', 'raw'] as const).map((p) => ms(summarize(measured(sdkTime[p])).p50))],
        ['Outside the DynamoDB calls (HTTP, routing, middy, zod, use case, view; raw: building the requests)', ...(['api', 'handler', 'raw'] as const).map((p) => ms(outside[p].p50))],
        ['Whole call p50', ...(['api', 'handler', 'raw'] as const).map((p) => ms(s[p].p50))],
        ['Whole call p95', ...(['api', 'handler', 'raw'] as const).map((p) => ms(s[p].p95))],
      ],
    });

    // ---- 2a. Many buyers, few units: FEW_UNITS_BUYERS buyers race for the one unit of each mineral.
    ctx.log(`contention: ${FEW_UNITS_BUYERS} buyers × ${FEW_UNITS_MINERALS} single units…`);
    {
      const buyers = await makeCarts(Array.from({ length: FEW_UNITS_BUYERS }, () => []));
      const roundMs: number[] = [];
      const requestMs: number[] = [];
      const outcomes: PutOutcome[] = [];
      const calls: CallRecord[] = [];
      const winners = new Map<string, string>();
      let deviations = 0;
      for (const [round, mineralId] of fewUnits.entries()) {
        const warmup = round === 0;
        const bucket: CallRecord[] = [];
        probe.collect(bucket);
        const t = performance.now();
        const results = await Promise.all(
          buyers.map(async (b) => {
            const t0 = performance.now();
            const o = await httpPut(base, b.cartId, b.token, mineralId, 1);
            if (!warmup) requestMs.push(performance.now() - t0);
            return { buyer: b, o };
          }),
        );
        const took = performance.now() - t;
        probe.collect(undefined);
        const ok = results.filter((x) => x.o.status === 200);
        const others = results.filter((x) => x.o.status !== 200 && !(x.o.status === 409 && x.o.code === 'insufficient_stock'));
        if (ok.length !== 1 || others.length > 0) {
          deviations++;
          correctness.push(`${mineralId}: ${describeCounts(countBy(results, (x) => outcomeName(x.o)))} (expected 1 × 200, ${FEW_UNITS_BUYERS - 1} × 409 insufficient_stock)`);
        }
        if (ok[0]) winners.set(mineralId, ok[0].buyer.cartId);
        if (!warmup) {
          roundMs.push(took);
          outcomes.push(...results.map((x) => x.o));
          calls.push(...bucket);
        }
      }
      // Stock and lines afterwards: each mineral 0 available, 1 held, one line in one cart.
      const lines = new Map<string, CartLine[]>();
      for (const b of buyers) for (const l of (await loadCart(b.cartId))?.lines ?? []) lines.set(l.mineralId, [...(lines.get(l.mineralId) ?? []), l]);
      for (const m of fewUnits) {
        const c = await mineralCounters(m);
        const ls = lines.get(m) ?? [];
        if (c.available !== 0 || c.held !== 1 || ls.length !== 1 || ls[0]!.held !== 1 || ls[0]!.cartId !== winners.get(m)) {
          deviations++;
          correctness.push(`${m}: available ${c.available}, held ${c.held}, ${ls.length} line(s) holding ${ls.map((l) => l.held).join('+') || 0} (expected 0, 1, one line of 1 in the winner's cart)`);
        }
      }
      const tx = transactStats(calls);
      const byOutcome = countBy(outcomes, outcomeName);
      const totalMs = roundMs.reduce((a, b) => a + b, 0);
      const rounds = summarize(roundMs);
      raw.fewUnits = { byOutcome, rounds, request: summarize(requestMs), transactions: tx, deviations };
      rows.push(
        {
          measure: `Few units: ${FEW_UNITS_BUYERS} buyers (own carts, concurrent PUT quantity 1) for 1 unit, × ${FEW_UNITS_MINERALS} minerals (+1 warm-up round, checked too): outcomes`,
          value: describeCounts(byOutcome),
          target: `${FEW_UNITS_MINERALS} × 200, ${FEW_UNITS_MINERALS * (FEW_UNITS_BUYERS - 1)} × 409 insufficient_stock`,
          verdict: 'info',
        },
        {
          measure: '… correctness: exactly one winner per mineral, others 409, stock 0 available / 1 held, one line in the winner\'s cart',
          value: deviations === 0 ? `all ${fewUnits.length} minerals as expected` : `${deviations} deviation(s)`,
          target: '0 deviations',
          verdict: deviations === 0 ? 'met' : 'missed',
        },
        {
          measure: '… time per round of 50 (p50 / max); attempts/s over all rounds; per-request p50 / p95',
          value: `${ms(rounds.p50)} / ${ms(rounds.max)}; ${fmt((outcomes.length * 1000) / totalMs, 0)}/s; ${ms(summarize(requestMs).p50)} / ${ms(summarize(requestMs).p95)}`,
          target: '',
          verdict: 'info',
        },
        {
          measure: '… transactions sent: committed / stock condition failed / line version failed (stale read, retried) / TransactionConflict (retried)',
          value: `${tx.committed} / ${tx.stockConditionFailed} / ${tx.lineConditionFailed} / ${tx.conflicts} (of ${tx.attempts}; ${tx.queries} Queries, ${tx.batchGets} BatchGets, ${tx.total} requests for ${outcomes.length} PUTs)`,
          target: '',
          verdict: 'info',
        },
      );
    }

    // ---- 2b. Many buyers, many units: MANY_UNITS_BUYERS buyers for MANY_UNITS_STOCK units of one mineral.
    ctx.log(`contention: ${MANY_UNITS_BUYERS} buyers for ${MANY_UNITS_STOCK} units…`);
    {
      const buyers = await makeCarts(Array.from({ length: MANY_UNITS_BUYERS }, () => []));
      const bucket: CallRecord[] = [];
      probe.collect(bucket);
      const t = performance.now();
      const results = await Promise.all(buyers.map(async (b) => ({ buyer: b, o: await httpPut(base, b.cartId, b.token, manyUnits, 1) })));
      const took = performance.now() - t;
      probe.collect(undefined);
      const byOutcome = countBy(results, (x) => outcomeName(x.o));
      const ok = results.filter((x) => x.o.status === 200).length;
      const insufficient = results.filter((x) => x.o.status === 409 && x.o.code === 'insufficient_stock').length;
      const c = await mineralCounters(manyUnits);
      let lines = 0;
      for (const b of buyers) lines += (await loadCart(b.cartId))?.lines.filter((l) => l.mineralId === manyUnits && l.held === 1).length ?? 0;
      const expectedOk = Math.min(MANY_UNITS_STOCK, MANY_UNITS_BUYERS);
      const good = ok === expectedOk && insufficient === MANY_UNITS_BUYERS - expectedOk && c.available === 0 && c.held === expectedOk && lines === expectedOk;
      if (!good) correctness.push(`${manyUnits}: ${describeCounts(byOutcome)}; available ${c.available}, held ${c.held}, ${lines} held lines (expected ${expectedOk} × 200, the rest 409 insufficient_stock, 0 / ${expectedOk} / ${expectedOk})`);
      const tx = transactStats(bucket);
      raw.manyUnits = { byOutcome, tookMs: took, counters: c, lines, transactions: tx };
      rows.push(
        {
          measure: `Many units: ${MANY_UNITS_BUYERS} buyers at once for ${MANY_UNITS_STOCK} units of one mineral: outcomes; stock after`,
          value: `${describeCounts(byOutcome)}; ${c.available} available, ${c.held} held, ${lines} lines`,
          target: `${expectedOk} × 200, the rest 409 insufficient_stock; 0 / ${expectedOk} / ${expectedOk}`,
          verdict: good ? 'met' : 'missed',
        },
        {
          measure: '… whole burst; attempts/s; transactions committed / stock failed / line failed / conflict',
          value: `${ms(took)}; ${fmt((MANY_UNITS_BUYERS * 1000) / took, 0)}/s; ${tx.committed} / ${tx.stockConditionFailed} / ${tx.lineConditionFailed} / ${tx.conflicts} of ${tx.attempts} (${tx.total} requests)`,
          target: '',
          verdict: 'info',
        },
      );
    }

    // ---- 2c. Throughput: adds through the API (load from a worker thread) vs raw conditional transactions.
    ctx.log(`throughput: ${THROUGHPUT_CONNECTIONS} connections over ${THROUGHPUT_MINERALS} minerals, ${THROUGHPUT_ROUNDS} × (${API_SLICE_MS / 1000} s API, ${RAW_SLICE_MS / 1000} s raw)…`);
    {
      // Raw: the same transaction (mineral update + line Put conditional on version + cart header), no reads.
      const rawVersions = new Map<string, CartLine>();
      for (const c of tputRawCarts) for (const l of (await loadCart(c.cartId))!.lines) rawVersions.set(`${c.cartId}|${l.mineralId}`, l);
      const freeRaw = [...tputRawCarts];
      const rawOutcomes: Record<string, number> = {};
      const rawOnce = async () => {
        const cart = freeRaw.pop()!;
        try {
          const { index, mineralId, quantity } = nextSet(cart);
          const key = `${cart.cartId}|${mineralId}`;
          const current = rawVersions.get(key)!;
          const now = new Date();
          try {
            await dynamo.send(new TransactWriteCommand({ TransactItems: rawLineTransaction(cart.cartId, mineralId, current, quantity, now) }));
          } catch (error) {
            const e = error as { name?: string; CancellationReasons?: Array<{ Code?: string }> };
            const why = e.CancellationReasons?.map((x) => x.Code ?? 'None').join('/') ?? e.name ?? 'error';
            rawOutcomes[why] = (rawOutcomes[why] ?? 0) + 1;
            return false;
          }
          rawOutcomes.committed = (rawOutcomes.committed ?? 0) + 1;
          cart.quantities[index] = quantity;
          const expiresAt = holdExpiry(now, 'guest').toISOString();
          rawVersions.set(key, { ...current, quantity, held: quantity, holdExpiresAt: expiresAt, version: current.version + 1, updatedAt: now.toISOString() });
          return true;
        } finally {
          freeRaw.push(cart);
        }
      };
      const loader = startLoadWorker({ base, connections: THROUGHPUT_CONNECTIONS, carts: tputApiCarts });
      const apiSlices: LoadResult[] = [];
      const rawSlices: ConcurrencyResult[] = [];
      const apiCalls: CallRecord[] = [];
      const rawCalls: CallRecord[] = [];
      const cpu = { apiMs: 0, apiWallMs: 0, rawMs: 0, rawWallMs: 0 };
      const timedCpu = async <T>(fn: () => Promise<T>, kind: 'api' | 'raw'): Promise<T> => {
        const before = process.cpuUsage();
        const wall = performance.now();
        try {
          return await fn();
        } finally {
          const used = process.cpuUsage(before);
          cpu[`${kind}Ms`] += (used.user + used.system) / 1000;
          cpu[`${kind}WallMs`] += performance.now() - wall;
        }
      };
      try {
        await loader.run(1_000);
        await runConcurrent(THROUGHPUT_CONNECTIONS, { durationMs: 500 }, rawOnce);
        for (const k of Object.keys(rawOutcomes)) delete rawOutcomes[k];
        for (let round = 0; round < THROUGHPUT_ROUNDS; round++) {
          probe.collect(apiCalls);
          apiSlices.push(await timedCpu(() => loader.run(API_SLICE_MS), 'api'));
          probe.collect(rawCalls);
          rawSlices.push(await timedCpu(() => runConcurrent(THROUGHPUT_CONNECTIONS, { durationMs: RAW_SLICE_MS }, rawOnce), 'raw'));
          probe.collect(undefined);
        }
      } finally {
        probe.collect(undefined);
        await loader.stop();
      }
      const apiLoad = combineRuns(apiSlices);
      const rawLoad = combineRuns(rawSlices);
      const apiOutcomes: Record<string, number> = {};
      for (const sl of apiSlices) for (const [k, n] of Object.entries(sl.outcomes)) apiOutcomes[k] = (apiOutcomes[k] ?? 0) + n;
      const apiTx = transactStats(apiCalls);
      const rawTx = transactStats(rawCalls);
      const ratio = apiLoad.requestsPerSecond / rawLoad.requestsPerSecond;
      const perSlice = (runs: ConcurrencyResult[]) => runs.map((x) => Math.round(x.requestsPerSecond));
      const { samples: _a, ...apiTotals } = apiLoad;
      const { samples: _r, ...rawTotals } = rawLoad;
      const nodeCores = { api: cpu.apiMs / cpu.apiWallMs, raw: cpu.rawMs / cpu.rawWallMs };
      raw.throughput = { nodeCores, api: apiTotals, apiPerSlice: perSlice(apiSlices), apiOutcomes, apiTransactions: apiTx, raw: rawTotals, rawPerSlice: perSlice(rawSlices), rawOutcomes, rawTransactions: rawTx };
      const unexpected = Object.entries(apiOutcomes).filter(([k]) => k !== '200');
      if (unexpected.length > 0) correctness.push(`throughput (plenty of stock): ${describeCounts(Object.fromEntries(unexpected))} among the API's answers`);
      rows.push(
        {
          measure: `Adds/s through the API (PUT, 1 ↔ 2 units), ${THROUGHPUT_CONNECTIONS} keep-alive connections over ${THROUGHPUT_MINERALS} minerals, ${fmt(apiLoad.elapsedMs / 1000, 1)} s in ${THROUGHPUT_ROUNDS} slices`,
          value: `${fmt(apiLoad.requestsPerSecond, 0)} (slices ${perSlice(apiSlices).join(', ')}); p50 / p95 ${ms(apiLoad.latency.p50)} / ${ms(apiLoad.latency.p95)}; ${describeCounts(apiOutcomes)}`,
          target: '',
          verdict: 'info',
        },
        {
          measure: `Raw conditional TransactWriteItems/s (same 3 items, same carts pattern, ${THROUGHPUT_CONNECTIONS} concurrent, slices between the API's)`,
          value: `${fmt(rawLoad.requestsPerSecond, 0)} (slices ${perSlice(rawSlices).join(', ')}); p50 / p95 ${ms(rawLoad.latency.p50)} / ${ms(rawLoad.latency.p95)}; ${describeCounts(rawOutcomes)}`,
          target: '',
          verdict: 'info',
        },
        { measure: 'Contended add-to-cart throughput ÷ raw conditional TransactWriteItems throughput', value: fmt(ratio), target: '≥ 0.7', verdict: atLeast(ratio, 0.7) },
        {
          measure: '… API internals under that load: DynamoDB requests per PUT; transactions committed / line version failed / TransactionConflict',
          value: `${fmt(apiTx.total / Math.max(1, apiLoad.requests), 2)} (${apiTx.queries} Query, ${apiTx.attempts} TransactWriteItems, ${apiTx.batchGets} BatchGetItem for ${apiLoad.requests} PUTs); ${apiTx.committed} / ${apiTx.lineConditionFailed} / ${apiTx.conflicts}`,
          target: '',
          verdict: 'info',
        },
        {
          // Counted the same way as the API's: the raw path does not retry, so a failed transaction is an add that did not happen (not in its adds/s).
          measure: '… raw path under that load: DynamoDB requests per add attempted; transactions committed / line version failed / TransactionConflict (not retried: not counted as adds)',
          value: `${fmt(rawTx.total / Math.max(1, rawLoad.requests), 2)} (${rawTx.attempts} TransactWriteItems for ${rawLoad.requests} attempts); ${rawTx.committed} / ${rawTx.lineConditionFailed} / ${rawTx.conflicts}`,
          target: '',
          verdict: 'info',
        },
        {
          measure: '… cores the Node process kept busy (server + load worker; raw: the client alone), the rest of the machine being DynamoDB Local and other work',
          value: `API slices ${fmt(nodeCores.api)}; raw slices ${fmt(nodeCores.raw)}`,
          target: '',
          verdict: 'info',
        },
      );
    }

    tables.push({
      title: 'Correctness deviations (contention)',
      headers: ['What'],
      rows: correctness.length ? correctness.map((c) => [c]) : [['none: every race ended with exactly the units there were, no oversell, no negative stock, no stray line']],
    });
    notes.push(
      `Latency: ${LATENCY_ITERATIONS} iterations after ${LATENCY_WARMUP} warm-up, the three paths interleaved in rotating order; each path has ${LATENCY_CARTS} guest carts of ${LINES_PER_CART} lines on minerals of its own (stock ${BIG_STOCK.toLocaleString('en')}), and each call flips one line between 1 and 2 units, so every call moves stock and writes: Query → TransactWriteItems → BatchGetItem, the view built from the lines read plus the line written (the raw path does the same). Before timing, the raw calls were checked to be the API's calls, shape for shape (commands, expressions, item attributes).`,
      'Contention bursts fire all PUTs at once from the main thread, each buyer from a loopback address of its own (node:http, one connection a request: the per-client hold limits count addresses); the throughput load comes from a worker thread over keep-alive node:http connections, alternating in slices with the raw transactions from the main thread. Transaction outcomes are counted by a middleware on the functions\' document client (the server runs in this process).',
      ...(placeholders.length ? [`${placeholders.join(' and ')} set to an unused loopback placeholder for this section (the cart code imports the mail outbox; guest carts never send mail).`] : []),
      'Capacity as DynamoDB Local reports it: transactional writes count double, and a stock change writes the mineral’s stock item, which has no index keys; the index WCU are the cart line’s, in holdsByExpiry (moved, when the expiry changes) and holdsByMineral. DynamoDB Local counts index writes its own way; the AWS-rule figures are in the orders section. A cancelled transaction shows no capacity: the error carries none.',
      'DynamoDB Local is not DynamoDB: it serializes work differently (and reports capacity as it sees fit); absolute times and conflict rates here say little about AWS. The ratios are what the targets judge.',
    );
    return { name: 'carts', title: 'Carts: set quantity vs raw DynamoDB, contention, requests per add', rows, tables, notes, raw: { ...raw, correctness } };
  } finally {
    probe.remove();
    await closeServer(api);
  }
}

// When this module is the throughput load generator's script (a worker thread), run that.
if (!isMainThread && (workerData as Partial<LoadInput> | null)?.kind === 'cartsLoad') loadWorkerMain(workerData as LoadInput);
