// Bench section "catalog": the public catalog API against the raw DynamoDB calls it makes (latency as
// a ratio, measured interleaved in one run), where the API's extra time goes, consumed capacity of a
// page as the catalog grows from 1,000 to 10,000 minerals, and pages per second under 20 connections.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { createApiServer } from '../../infra/local/apiServer';
import { listMinerals } from '../../shared/catalog/catalog';
import { dynamo, tableName } from '../../shared/db/client';
import { CATALOG_PARTITION, mineralKey, putMinerals, queryCatalog, type CatalogQuery } from '../../shared/db/minerals';
import { INDEXES } from '../../shared/db/table';
import type { CategoryId, Mineral } from '../../shared/domain/catalog';
import { json } from '../../shared/http/respond';
import { listMineralsQuery } from '../../shared/http/schemas/catalog';
import { ROUTES } from '../../shared/http/routes';
import { handler as listCategoriesHandler } from '../../functions/catalog/listCategories';
import { handler as listMineralsHandler } from '../../functions/catalog/listMinerals';
import { aMineral } from '../support/builders';
import { atLeast, atMost, type BenchContext, type Row, type Section } from './report';
import { combineRuns, fmt, measureInterleaved, runConcurrent, summarize, type ConcurrencyResult, type Summary } from './stats';
import type { LoadWorkerInput } from './loadWorker';
import { startLoadDriver } from './loadDriver';
import { closeServer, listenOnLoopback } from './servers';

const CATEGORIES: CategoryId[] = ['silicates', 'oxides', 'carbonates', 'sulfides', 'halides'];
const SMALL = 1_000;
const LARGE = 10_000;
const LATENCY_ITERATIONS = 300;
const LATENCY_WARMUP = 50;
const THROUGHPUT_CONNECTIONS = 20;
/** API and raw load alternate in slices, so that drift in the machine's load hits both alike. */
const THROUGHPUT_ROUNDS = 5;
const API_SLICE_MS = 2_000;
const RAW_SLICE_MS = 1_000;
const TRACE_ITERATIONS = 200;
const FLOOR_ITERATIONS = 200;
const HANDLER_ITERATIONS = 500;

const LOCALITIES = [
  'Dalnegorsk, Primorsky Krai, Russia', 'Tsumeb Mine, Oshikoto, Namibia', 'Minas Gerais, Brazil',
  'Elmwood Mine, Tennessee, USA', 'Huanggang Mine, Inner Mongolia, China', 'Rogerley Mine, Weardale, England',
  'Navajún, La Rioja, Spain', 'Sweet Home Mine, Colorado, USA', 'Kombat Mine, Otavi, Namibia', 'Erongo, Namibia',
];
const HABITS = [
  'sharp, lustrous crystals with clean terminations rising from the matrix',
  'a tight cluster of interpenetrating crystals, each face bright under a loupe',
  'a single well-formed crystal, slightly tapered, with fine growth striations along its length',
  'a drusy crust of small, glittering crystals covering most of one face of the piece',
  'blocky crystals in parallel growth, the larger ones showing phantoms near their bases',
];
const COLOURS = [
  'The colour is a deep, even tone that holds in daylight and deepens under incandescent light',
  'Colour zoning runs from pale at the base to saturated at the tips',
  'Translucent throughout, with a glassy lustre and good transparency at the edges',
  'A metallic lustre with a faint iridescent tarnish on the larger faces',
];
const CONDITIONS = [
  'No repairs, no restoration; two tiny contact points on the back, invisible from the front.',
  'Minor edge wear on one crystal, otherwise pristine, and the matrix is stable and self-standing.',
  'Cleaned with water only; the specimen sits well on a desk and comes with its original label.',
];

/** A description of about 400 characters, as a dealer would write it. */
function descriptionFor(i: number, name: string): string {
  const text =
    `${name} from ${LOCALITIES[i % LOCALITIES.length]}: ${HABITS[i % HABITS.length]}. ` +
    `${COLOURS[(i >> 1) % COLOURS.length]}. ${CONDITIONS[(i >> 2) % CONDITIONS.length]} ` +
    'Collected in the last decade and kept since in a private collection, away from light.';
  return text.length > 420 ? `${text.slice(0, 417)}...` : text;
}

function benchMinerals(from: number, to: number): Mineral[] {
  return Array.from({ length: to - from }, (_, k) => {
    const i = from + k;
    const name = `Bench specimen ${i}`;
    return aMineral({
      id: `bench-${i}`,
      name,
      category: CATEGORIES[i % CATEGORIES.length]!,
      description: descriptionFor(i, name),
      origin: LOCALITIES[i % LOCALITIES.length]!,
      priceCents: 1_500 + ((i * 7_919) % 150_000),
      popularity: (i * 31) % 997,
      available: i % 10 === 0 ? 0 : 1 + (i % 4),
      weightGrams: 40 + ((i * 13) % 900),
      ratingCount: i % 7,
      ratingSum: (i % 7) * (3 + (i % 3)),
    });
  });
}

/** Seeds in a few parallel streams of batch writes; returns the seconds it took. */
async function seed(from: number, to: number, streams = 4): Promise<number> {
  const t = performance.now();
  const all = benchMinerals(from, to);
  const size = Math.ceil(all.length / streams);
  await Promise.all(Array.from({ length: streams }, (_, s) => putMinerals(all.slice(s * size, (s + 1) * size))));
  return (performance.now() - t) / 1000;
}

/** The exact Query the listing route sends for the default page (sort popular, no category, no cursor). */
function rawListingInput(limit: number): QueryCommandInput {
  const index = INDEXES.allByPopularity;
  return {
    TableName: tableName,
    IndexName: 'allByPopularity',
    KeyConditionExpression: '#p = :p',
    ExpressionAttributeNames: { '#p': index.pk },
    ExpressionAttributeValues: { ':p': CATALOG_PARTITION },
    ScanIndexForward: false,
    Limit: limit + 1,
    ReturnConsumedCapacity: 'TOTAL',
  };
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** An API Gateway v2 event as the local server builds it for GET /api/minerals?limit=24. */
function listingEvent(): APIGatewayProxyEventV2 {
  const now = new Date();
  return {
    version: '2.0',
    routeKey: 'GET /api/minerals',
    rawPath: '/api/minerals',
    rawQueryString: 'limit=24',
    headers: { host: '127.0.0.1', accept: '*/*', 'user-agent': 'bench' },
    queryStringParameters: { limit: '24' },
    requestContext: {
      accountId: '000000000000', apiId: 'local', domainName: '127.0.0.1', domainPrefix: 'local',
      http: { method: 'GET', path: '/api/minerals', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: 'bench', routeKey: 'GET /api/minerals', stage: '$default', time: now.toUTCString(), timeEpoch: now.getTime(),
    },
    isBase64Encoded: false,
  };
}

function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: false, functionName: 'listMinerals', functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:listMinerals', memoryLimitInMB: '512',
    awsRequestId: 'bench', logGroupName: '/aws/lambda/listMinerals', logStreamName: 'local',
    getRemainingTimeInMillis: () => 29_000, done: () => undefined, fail: () => undefined, succeed: () => undefined,
  };
}

/** Mean microseconds per call of a synchronous function (after a warm-up). */
function microseconds(n: number, fn: () => unknown): number {
  for (let i = 0; i < Math.min(500, n); i++) fn();
  const t = performance.now();
  for (let i = 0; i < n; i++) fn();
  return ((performance.now() - t) * 1000) / n;
}

async function microsecondsAsync(n: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(500, n); i++) await fn();
  const t = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return ((performance.now() - t) * 1000) / n;
}

type Summaries<K extends string> = Record<K, Summary>;
const summarizeAll = <K extends string>(samples: Record<K, number[]>) =>
  Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarize(v as number[])])) as Summaries<K>;

/** Starts the load generator thread; `run` asks it for one timed run over its kept connections. */
function startLoadWorker(input: LoadWorkerInput) {
  return startLoadDriver<ConcurrencyResult>(new URL('./loadWorker.ts', import.meta.url), input);
}

/** Notes when the shared document client's last call entered and left its middleware stack. */
function installSdkProbe() {
  const last = { start: 0, end: 0 };
  dynamo.middlewareStack.add(
    (next) => async (args) => {
      last.start = performance.now();
      try {
        return await next(args);
      } finally {
        last.end = performance.now();
      }
    },
    { step: 'initialize', priority: 'high', name: 'benchSdkProbe' },
  );
  return { last, remove: () => dynamo.middlewareStack.remove('benchSdkProbe') };
}

/**
 * Times the stages of GET /api/minerals one request at a time: when the server sees the request,
 * when the SDK call starts and ends, when the response head is written and finished, when the client
 * has the parsed body. Each request is followed by the raw Query, timed the same way.
 */
async function traceListing(api: Server, listUrl: string, rawList: QueryCommandInput) {
  let requestAt = 0;
  let writeHeadAt = 0;
  let finishAt = 0;
  const onRequest = (_req: IncomingMessage, res: ServerResponse) => {
    requestAt = performance.now();
    const writeHead = res.writeHead;
    res.writeHead = ((...args: Parameters<ServerResponse['writeHead']>) => {
      writeHeadAt = performance.now();
      return writeHead.apply(res, args);
    }) as ServerResponse['writeHead'];
    res.once('finish', () => (finishAt = performance.now()));
  };
  api.prependListener('request', onRequest);
  const probe = installSdkProbe();
  const keys = ['clientToServer', 'serverToSdk', 'sdk', 'sdkToWriteHead', 'writeHeadToFinish', 'finishToClient', 'total', 'rawSetup', 'rawSdk', 'rawTotal'] as const;
  const samples = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<(typeof keys)[number], number[]>;
  try {
    for (let i = 0; i < 30 + TRACE_ITERATIONS; i++) {
      const t0 = performance.now();
      await getJson(listUrl);
      const done = performance.now();
      const apiSdk = { ...probe.last };
      const r0 = performance.now();
      await dynamo.send(new QueryCommand(rawList));
      const r1 = performance.now();
      if (i < 30) continue;
      samples.clientToServer.push(requestAt - t0);
      samples.serverToSdk.push(apiSdk.start - requestAt);
      samples.sdk.push(apiSdk.end - apiSdk.start);
      samples.sdkToWriteHead.push(writeHeadAt - apiSdk.end);
      samples.writeHeadToFinish.push(finishAt - writeHeadAt);
      samples.finishToClient.push(done - finishAt);
      samples.total.push(done - t0);
      samples.rawSetup.push(probe.last.start - r0);
      samples.rawSdk.push(probe.last.end - probe.last.start);
      samples.rawTotal.push(r1 - r0);
    }
  } finally {
    api.removeListener('request', onRequest);
    probe.remove();
  }
  return summarizeAll(samples);
}

/**
 * The listing handler invoked directly (no HTTP), interleaved with the raw Query, each timed before,
 * during and after its DynamoDB call: what the Lambda itself adds, apart from the network.
 */
async function traceHandler(rawList: QueryCommandInput) {
  const event = listingEvent();
  const calls = {
    raw: () => dynamo.send(new QueryCommand(rawList)),
    handler: () => listMineralsHandler(event, lambdaContext()),
  };
  const { queryStringParameters: _query, ...withoutQuery } = event;
  const categoriesEvent: APIGatewayProxyEventV2 = { ...withoutQuery, rawPath: '/api/categories', rawQueryString: '', routeKey: 'GET /api/categories' };
  const probe = installSdkProbe();
  const samples = {
    rawBefore: [] as number[], rawAfter: [] as number[], rawTotal: [] as number[],
    handlerBefore: [] as number[], handlerAfter: [] as number[], handlerTotal: [] as number[],
    noTableTotal: [] as number[],
  };
  try {
    for (let i = 0; i < 50 + HANDLER_ITERATIONS; i++) {
      for (const kind of i % 2 ? (['raw', 'handler'] as const) : (['handler', 'raw'] as const)) {
        const t0 = performance.now();
        await calls[kind]();
        const t1 = performance.now();
        if (i < 50) continue;
        samples[`${kind}Before`].push(probe.last.start - t0);
        samples[`${kind}After`].push(t1 - probe.last.end);
        samples[`${kind}Total`].push(t1 - t0);
      }
      // A handler with no I/O, run between DynamoDB calls as it would be in real traffic (not in a hot loop).
      const t0 = performance.now();
      await listCategoriesHandler(categoriesEvent, lambdaContext());
      if (i >= 50) samples.noTableTotal.push(performance.now() - t0);
    }
  } finally {
    probe.remove();
  }
  return summarizeAll(samples);
}

/** The HTTP path without DynamoDB, and the handler's parts on their own. */
async function httpFloors(base: string, page: unknown) {
  const body = JSON.stringify(page);
  const bare = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body);
  });
  const bareBase = await listenOnLoopback(bare);
  const { queryStringParameters: _query, ...withoutQuery } = listingEvent();
  const categoriesEvent: APIGatewayProxyEventV2 = { ...withoutQuery, rawPath: '/api/categories', rawQueryString: '', routeKey: 'GET /api/categories' };
  try {
    const timed = await measureInterleaved(
      FLOOR_ITERATIONS,
      { bareHttp: () => getJson(`${bareBase}/`), apiNoTable: () => getJson(`${base}/api/categories`) },
      { warmup: 30 },
    );
    const cards = await listMinerals(listMineralsQuery.parse({ limit: '24' }));
    return {
      ...summarizeAll(timed),
      handlerNoTableMicros: await microsecondsAsync(5_000, () => listCategoriesHandler(categoriesEvent, lambdaContext())),
      zodMicros: microseconds(20_000, () => listMineralsQuery.parse({ limit: '24' })),
      stringifyMicros: microseconds(5_000, () => json(200, cards)),
    };
  } finally {
    await closeServer(bare);
  }
}

const ms = (v: number) => `${fmt(v)} ms`;
const ratio = (a: number, b: number) => a / b;

export async function run(ctx: BenchContext): Promise<Section> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const raw: Record<string, unknown> = {};

  // Seed the first 1,000 and measure a page's capacity before anything else touches the table.
  ctx.log(`seeding ${SMALL} minerals…`);
  raw.seedSmallSeconds = await seed(0, SMALL);
  const defaultPage: CatalogQuery = { sort: 'popular', limit: 24 };
  const categoryPage: CatalogQuery = { sort: 'popular', category: 'oxides', limit: 24 };
  const capacity = async () => ({
    listing: (await queryCatalog(defaultPage)).consumedCapacity,
    category: (await queryCatalog(categoryPage)).consumedCapacity,
  });
  const capacitySmall = await capacity();

  const api = createApiServer({ routes: ROUTES });
  const base = await listenOnLoopback(api);
  const listUrl = `${base}/api/minerals?limit=24`;
  const detailId = 'bench-42';
  const detailUrl = `${base}/api/minerals/${detailId}`;
  const rawList = rawListingInput(24);
  // The product page reads the mineral and its stock item in one Query (their sort keys both begin MINERAL).
  const rawGet = { TableName: tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': mineralKey(detailId).pk, ':sk': 'MINERAL' } };

  try {
    // The API and the raw call must see the same data, or the comparison means nothing.
    const page = (await getJson(listUrl)) as { items: Array<{ id: string }> };
    const rawPage = await dynamo.send(new QueryCommand(rawList));
    if (page.items.length !== 24 || page.items[0]?.id !== (rawPage.Items?.[0]?.card as { id?: string } | undefined)?.id) {
      throw new Error(`The API page and the raw Query disagree; the bench would compare different work (API: ${JSON.stringify(page).slice(0, 300)}; raw first: ${JSON.stringify(rawPage.Items?.[0]?.pk)}).`);
    }

    // Latency: API vs raw, interleaved in one loop.
    ctx.log(`latency: ${LATENCY_ITERATIONS} interleaved iterations after ${LATENCY_WARMUP} warm-up…`);
    const lat = await measureInterleaved(
      LATENCY_ITERATIONS,
      {
        apiList: () => getJson(listUrl),
        rawList: () => dynamo.send(new QueryCommand(rawList)),
        apiDetail: () => getJson(detailUrl),
        rawDetail: () => dynamo.send(new QueryCommand(rawGet)),
      },
      { warmup: LATENCY_WARMUP },
    );
    const s = {
      apiList: summarize(lat.apiList), rawList: summarize(lat.rawList),
      apiDetail: summarize(lat.apiDetail), rawDetail: summarize(lat.rawDetail),
    };
    raw.latency = s;
    for (const [what, a, r] of [
      ['GET /api/minerals?limit=24 vs raw Query', s.apiList, s.rawList],
      ['GET /api/minerals/{id} vs raw Query (the mineral and its stock item)', s.apiDetail, s.rawDetail],
    ] as const) {
      rows.push(
        { measure: `${what}: API p50 / raw p50`, value: `${ms(a.p50)} / ${ms(r.p50)}`, target: '', verdict: 'info' },
        { measure: `${what}: p50 ratio`, value: fmt(ratio(a.p50, r.p50)), target: '≤ 1.15', verdict: atMost(ratio(a.p50, r.p50), 1.15) },
        { measure: `${what}: API p95 / raw p95`, value: `${ms(a.p95)} / ${ms(r.p95)}`, target: '', verdict: 'info' },
        { measure: `${what}: p95 ratio`, value: fmt(ratio(a.p95, r.p95)), target: '', verdict: 'info' },
      );
    }

    // Where the listing's extra time goes: one request traced through its stages, next to the raw call.
    ctx.log(`tracing ${TRACE_ITERATIONS} listing requests…`);
    const trace = await traceListing(api, listUrl, rawList);
    raw.trace = trace;
    const t = (k: keyof typeof trace) => trace[k].p50;
    const overhead = t('total') - t('rawTotal');
    const direct = await traceHandler(rawList);
    raw.handlerDirect = direct;
    const floors = await httpFloors(base, page);
    raw.floors = floors;
    const us = (v: number) => `${fmt(v * 1000, 0)} µs`;
    const tables = [
      {
        title: `Where the time of GET /api/minerals?limit=24 goes (one request traced through its stages, ${TRACE_ITERATIONS} requests, each followed by the raw Query; p50 of each stage)`,
        headers: ['Stage', 'API p50', 'API p95', 'raw Query p50'],
        rows: [
          ['fetch() → server sees the request (undici client, loopback TCP, HTTP parse)', ms(t('clientToServer')), ms(trace.clientToServer.p95), ''],
          ['request → SDK middleware reached (routing, API Gateway event, middy, logger, zod, use case, and the SDK\'s own command setup)', ms(t('serverToSdk')), ms(trace.serverToSdk.p95), `${ms(t('rawSetup'))} (SDK command setup alone)`],
          ['DynamoDB call (SDK middleware → response unmarshalled)', ms(t('sdk')), ms(trace.sdk.p95), ms(t('rawSdk'))],
          ['SDK done → writeHead (items → cards, JSON.stringify, middy after-chain, headers)', ms(t('sdkToWriteHead')), ms(trace.sdkToWriteHead.p95), ''],
          ['writeHead → response finished', ms(t('writeHeadToFinish')), ms(trace.writeHeadToFinish.p95), ''],
          ['response finished → body parsed by the client (loopback, undici, JSON.parse)', ms(t('finishToClient')), ms(trace.finishToClient.p95), ''],
          ['whole request', ms(t('total')), ms(trace.total.p95), ms(t('rawTotal'))],
          ['API − raw (difference of medians)', ms(overhead), '', ''],
        ],
      },
      {
        title: 'Floors: the same HTTP path without DynamoDB, and the handler\'s parts in isolation',
        headers: ['Path', 'p50', 'p95'],
        rows: [
          ['fetch → bare node:http server answering the same page bytes (HTTP transport only)', ms(floors.bareHttp.p50), ms(floors.bareHttp.p95)],
          ['fetch → local API server → GET /api/categories (full path, no table)', ms(floors.apiNoTable.p50), ms(floors.apiNoTable.p95)],
          ['GET /api/categories handler invoked directly (middy + Powertools logger + zod + respond): in a hot loop; and between DynamoDB calls', `${fmt(floors.handlerNoTableMicros, 1)} µs; ${us(direct.noTableTotal.p50)}`, `(mean); ${us(direct.noTableTotal.p95)}`],
          [
            `GET /api/minerals handler invoked directly (no HTTP), ${HANDLER_ITERATIONS}× interleaved with the raw Query: work before the DynamoDB call (middy, logger, zod, use case, SDK command setup) vs the raw call's setup`,
            `${us(direct.handlerBefore.p50)} vs ${us(direct.rawBefore.p50)}`,
            `${us(direct.handlerBefore.p95)} vs ${us(direct.rawBefore.p95)}`,
          ],
          [
            '… work after the DynamoDB call (items → minerals → cards, JSON.stringify, middy after-chain) vs the raw call',
            `${us(direct.handlerAfter.p50)} vs ${us(direct.rawAfter.p50)}`,
            `${us(direct.handlerAfter.p95)} vs ${us(direct.rawAfter.p95)}`,
          ],
          ['… whole call, handler vs raw Query', `${ms(direct.handlerTotal.p50)} vs ${ms(direct.rawTotal.p50)}`, `${ms(direct.handlerTotal.p95)} vs ${ms(direct.rawTotal.p95)}`],
          ['zod parse of ?limit=24', `${fmt(floors.zodMicros, 1)} µs`, ''],
          ['JSON.stringify of a 24-card page', `${fmt(floors.stringifyMicros, 1)} µs`, ''],
        ],
      },
    ];
    const handlerOwn = direct.handlerBefore.p50 - direct.rawBefore.p50 + direct.handlerAfter.p50 - direct.rawAfter.p50;
    const httpLegs = t('clientToServer') + t('finishToClient');
    notes.push(
      `API overhead on the listing, p50: ${ms(overhead)} over a raw Query of ${ms(t('rawTotal'))} (ratio ${fmt(t('total') / t('rawTotal'))} in the trace). ` +
        `The two loopback legs (request in; response out and parsed by fetch) take ${ms(httpLegs)}; a bare node:http server answering the same bytes costs ${ms(floors.bareHttp.p50)} a round trip. ` +
        `The handler's own work around its DynamoDB call is ${us(handlerOwn)} (${fmt((handlerOwn / direct.rawTotal.p50) * 100, 0)}% of the raw call), of which middy + logger + zod + respond on a route with no I/O take ${us(direct.noTableTotal.p50)} between DynamoDB calls (${fmt(floors.handlerNoTableMicros, 0)} µs in a hot loop: code run between I/O waits is several times slower here, its caches cooled by DynamoDB Local on the same cores).` +
        (httpLegs + floors.bareHttp.p50 / 2 >= overhead / 2 && handlerOwn < overhead / 3
          ? ' So the ratio is set mostly by the loopback HTTP round trip (fetch client, node:http server, event mapping) against a few-millisecond DynamoDB Local call, not by the handler stack.'
          : ''),
    );

    // Throughput: 20 keep-alive connections from a worker thread, in slices alternating with the raw Query
    // under the same concurrency from the main thread (what DynamoDB Local can serve at most).
    ctx.log(`throughput: ${THROUGHPUT_CONNECTIONS} connections, ${THROUGHPUT_ROUNDS} × (${API_SLICE_MS / 1000} s API, ${RAW_SLICE_MS / 1000} s raw)…`);
    const loader = startLoadWorker({ url: listUrl, connections: THROUGHPUT_CONNECTIONS });
    const rawOnce = async () => {
      await dynamo.send(new QueryCommand(rawList));
    };
    const apiSlices: ConcurrencyResult[] = [];
    const rawSlices: ConcurrencyResult[] = [];
    let nodeCpuMs = 0;
    let apiWallMs = 0;
    try {
      await loader.run(1_000);
      await runConcurrent(THROUGHPUT_CONNECTIONS, { durationMs: 500 }, rawOnce);
      for (let r = 0; r < THROUGHPUT_ROUNDS; r++) {
        const cpuBefore = process.cpuUsage();
        const wallBefore = performance.now();
        apiSlices.push(await loader.run(API_SLICE_MS));
        const cpu = process.cpuUsage(cpuBefore);
        nodeCpuMs += (cpu.user + cpu.system) / 1000;
        apiWallMs += performance.now() - wallBefore;
        rawSlices.push(await runConcurrent(THROUGHPUT_CONNECTIONS, { durationMs: RAW_SLICE_MS }, rawOnce));
      }
    } finally {
      await loader.stop();
    }
    const load = combineRuns(apiSlices);
    const rawLoad = combineRuns(rawSlices);
    const nodeCores = nodeCpuMs / apiWallMs;
    const perSlice = (runs: ConcurrencyResult[]) => runs.map((x) => Math.round(x.requestsPerSecond));
    const { samples: _apiSamples, ...apiTotals } = load;
    const { samples: _rawSamples, ...rawTotals } = rawLoad;
    raw.throughput = { api: apiTotals, apiPerSlice: perSlice(apiSlices), raw: rawTotals, rawPerSlice: perSlice(rawSlices), nodeProcessCoresBusy: nodeCores };
    const range = (runs: ConcurrencyResult[]) => `${Math.min(...perSlice(runs))}–${Math.max(...perSlice(runs))}`;
    rows.push(
      {
        measure: `Catalog pages/s, ${THROUGHPUT_CONNECTIONS} keep-alive connections, ${fmt(load.elapsedMs / 1000, 1)} s in ${THROUGHPUT_ROUNDS} slices`,
        value: `${fmt(load.requestsPerSecond, 0)} (slices ${range(apiSlices)})`,
        target: '≥ 300',
        verdict: atLeast(load.requestsPerSecond, 300),
      },
      {
        measure: 'Under that load: latency p50 / p95, errors',
        value: `${ms(load.latency.p50)} / ${ms(load.latency.p95)}, ${load.errors} errors of ${load.requests}`,
        target: '0 errors',
        verdict: load.errors === 0 ? 'met' : 'missed',
      },
      {
        measure: `Raw Query/s for the same page, ${THROUGHPUT_CONNECTIONS} concurrent from one Node thread, in slices between the API's (DynamoDB Local's ceiling); API ÷ raw`,
        value: `${fmt(rawLoad.requestsPerSecond, 0)} (slices ${range(rawSlices)}); ${fmt(load.requestsPerSecond / rawLoad.requestsPerSecond)}`,
        target: '',
        verdict: 'info',
      },
    );
    notes.push(
      `Throughput: the API server (main thread), the load generator (a worker thread of the same Node process) and DynamoDB Local (Java) all share this machine's cores; the Node process (server and load generator) kept ${fmt(nodeCores, 2)} cores busy during the API slices, DynamoDB Local and whatever else ran on the machine the rest.`,
    );

    // Consumed capacity at 10,000 minerals.
    ctx.log(`seeding ${LARGE - SMALL} more minerals…`);
    raw.seedLargeSeconds = await seed(SMALL, LARGE);
    const capacityLarge = await capacity();
    raw.capacity = { [SMALL]: capacitySmall, [LARGE]: capacityLarge };
    for (const [label, key] of [['default listing (popular, 24)', 'listing'], ['category page (oxides, popular, 24)', 'category']] as const) {
      const r = capacityLarge[key] / capacitySmall[key];
      rows.push({
        measure: `Consumed RCU of one ${label}: ${SMALL.toLocaleString('en')} → ${LARGE.toLocaleString('en')} minerals`,
        value: `${capacitySmall[key]} → ${capacityLarge[key]} (ratio ${fmt(r)})`,
        target: '1.00',
        verdict: capacitySmall[key] > 0 && r === 1 ? 'met' : 'missed',
      });
    }
    notes.push(
      `Seeding (batch writes, 4 streams): ${SMALL.toLocaleString('en')} minerals in ${fmt(raw.seedSmallSeconds as number, 1)} s, ${(LARGE - SMALL).toLocaleString('en')} more in ${fmt(raw.seedLargeSeconds as number, 1)} s; descriptions ≈ ${descriptionFor(7, 'Bench specimen 7').length} characters, ${CATEGORIES.length} categories.`,
      `Latency: ${LATENCY_ITERATIONS} iterations after ${LATENCY_WARMUP} warm-up, the four calls interleaved in rotating order; API calls go through fetch (keep-alive) to the in-process local API server (HTTP → API Gateway v2 event → the Lambda handler), raw calls through the same DynamoDB document client with the same parameters. POWERTOOLS_LOG_LEVEL=${process.env.POWERTOOLS_LOG_LEVEL ?? 'unset'}.`,
      'DynamoDB Local is not DynamoDB: absolute times here are far from AWS, and in AWS the API adds API Gateway and Lambda invoke on top. The ratios are what the targets judge.',
    );
    return { name: 'catalog', title: 'Catalog: API vs raw DynamoDB, capacity, throughput', rows, tables, notes, raw };
  } finally {
    await closeServer(api);
  }
}
