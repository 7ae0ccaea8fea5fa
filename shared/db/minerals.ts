// Mineral items: key builders, the catalog indexes' keys, and the catalog's access patterns.
import { BatchGetCommand, BatchWriteCommand, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { CATEGORY_IDS, isPublished, MINERAL_STATUSES, type CategoryId, type Mineral, type Sort } from '../domain/catalog';
import { decodeItem } from './decode';
import type { StockCounters } from '../domain/inventory';
import * as z from 'zod';
import { logger } from '../logger';
import { dynamo, tableName } from './client';
import { decodeCursor, encodeCursor, fingerprint, invalidCursorError, queryFromCursor } from './cursor';
import { queryPage } from './query';
import { ledgerEntryItem } from './ledger';
import { INDEXES, type IndexName } from './table';

export const CATALOG_PARTITION = 'MINERALS';
const MINERAL_SK = 'MINERAL';

/** Primary key of a mineral. */
export function mineralKey(id: string) {
  return { pk: `MINERAL#${id}`, sk: MINERAL_SK };
}

export function categoryPartition(category: CategoryId): string {
  return `CATEGORY#${category}`;
}

const pad = (n: number, width: number) => String(Math.max(0, Math.trunc(n))).padStart(width, '0');

/** A mineral's sort-key value in the two popularity indexes. */
export const popularitySortKey = (id: string, popularity: number) => `${pad(popularity, 12)}#${id}`;

/** Sort-key values of one mineral in each catalog index. Recompute whenever price, popularity or rating change. */
export function catalogSortKeys(m: Pick<Mineral, 'id' | 'priceCents' | 'popularity' | 'createdAt' | 'ratingCount' | 'ratingSum'>) {
  const ratingHundredths = m.ratingCount > 0 ? Math.floor((m.ratingSum * 100) / m.ratingCount) : 0;
  return {
    price: `${pad(m.priceCents, 12)}#${m.id}`,
    popularity: popularitySortKey(m.id, m.popularity),
    newest: `${m.createdAt}#${m.id}`,
    rating: `${pad(ratingHundredths, 3)}#${pad(m.ratingCount, 9)}#${m.id}`,
  };
}

/** Every catalog index key attribute of a mineral item; none unless it is published (shoppers never list the others). */
export function catalogIndexKeys(m: Mineral): Record<string, string> {
  if (!isPublished(m)) return {};
  const s = catalogSortKeys(m);
  const cat = categoryPartition(m.category);
  const { allByPrice, allByPopularity, allByNewest, allByRating, categoryByPrice, categoryByPopularity, categoryByNewest, categoryByRating } = INDEXES;
  return {
    [allByPrice.pk]: CATALOG_PARTITION, [allByPrice.sk]: s.price,
    [allByPopularity.pk]: CATALOG_PARTITION, [allByPopularity.sk]: s.popularity,
    [allByNewest.pk]: CATALOG_PARTITION, [allByNewest.sk]: s.newest,
    [allByRating.pk]: CATALOG_PARTITION, [allByRating.sk]: s.rating,
    [categoryByPrice.pk]: cat, [categoryByPrice.sk]: s.price,
    [categoryByPopularity.pk]: cat, [categoryByPopularity.sk]: s.popularity,
    [categoryByNewest.pk]: cat, [categoryByNewest.sk]: s.newest,
    [categoryByRating.pk]: cat, [categoryByRating.sk]: s.rating,
  };
}

/**
 * A new mineral item. Besides `available` it carries the inventory counters the invariant is
 * checked on (see shared/domain/inventory.ts): a new mineral has received what is available.
 */
export function mineralItem(m: Mineral) {
  return { ...mineralKey(m.id), entity: 'mineral', ...catalogIndexKeys(m), ...adminIndexKeys(m), ...m, held: 0, sold: 0, returned: 0, received: m.available, popularityCounted: 0 };
}

// — admin: minerals and inventory —
export const ADMIN_MINERALS_PARTITION = 'ADMIN_MINERALS';

/** The admin index's keys: every mineral, whatever its status, by lower-cased name. */
export function adminIndexKeys(m: Pick<Mineral, 'id' | 'name'>): Record<string, string> {
  return { [INDEXES.mineralsByName.pk]: ADMIN_MINERALS_PARTITION, [INDEXES.mineralsByName.sk]: `${m.name.toLowerCase()}#${m.id}` };
}

/** Names of every catalog index key attribute, so a mineral leaving the catalog can drop them all. */
const CATALOG_KEY_ATTRIBUTES = Object.entries(INDEXES)
  .filter(([name]) => name.startsWith('all') || name.startsWith('category'))
  .flatMap(([, index]) => [index.pk, index.sk]);

/** Fields an admin edits (the counters are never among them: they move only with stock). */
export const EDITABLE_MINERAL_FIELDS = [
  'name', 'category', 'description', 'quality', 'origin', 'mohsHardness', 'weightGrams', 'dimensions', 'priceCents',
  'lowStockThreshold', 'flashSale', 'bulkTiers', 'status', 'featured',
] as const satisfies readonly (keyof Mineral)[];

/**
 * The TransactWriteItems entry that writes an admin's edit of `before` (now `after`): the edited
 * fields, the catalog index keys that follow (removed when it leaves the published catalog) and the
 * admin index key. Conditional on the updatedAt the admin read, so a stale edit never lands.
 */
export function mineralEdit(before: Mineral, after: Mineral) {
  const keys = { ...catalogIndexKeys(after), ...adminIndexKeys(after) };
  const set: Record<string, unknown> = { updatedAt: after.updatedAt, ...keys };
  for (const f of EDITABLE_MINERAL_FIELDS) set[f] = after[f] ?? null;
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':seen': before.updatedAt };
  const sets = Object.entries(set).map(([name, value], i) => {
    names[`#s${i}`] = name;
    values[`:s${i}`] = value;
    return `#s${i} = :s${i}`;
  });
  const removes = CATALOG_KEY_ATTRIBUTES.filter((a) => !(a in keys)).map((name, i) => {
    names[`#r${i}`] = name;
    return `#r${i}`;
  });
  return {
    Update: {
      TableName: tableName,
      Key: mineralKey(before.id),
      UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ConditionExpression: 'attribute_exists(pk) AND updatedAt = :seen',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * The one place a receipt or adjustment moves a mineral's stock counters: `available` and `received`
 * by `delta`, on condition that `available` stays 0 or more (units held in carts are never taken back).
 */
export function stockReceiptUpdate(mineralId: string, delta: number) {
  return {
    Update: {
      TableName: tableName,
      Key: mineralKey(mineralId),
      UpdateExpression: 'SET available = available + :d, received = if_not_exists(received, :zero) + :d',
      ConditionExpression: 'attribute_exists(pk) AND available >= :least',
      ExpressionAttributeValues: { ':d': delta, ':zero': 0, ':least': Math.max(0, -delta) },
    },
  };
}

/** One mineral's item with its counters, read strongly consistent (admin reads before and after a write). */
export async function getMineralWithCounters(id: string): Promise<{ mineral: Mineral; counters: StockCounters } | undefined> {
  const res = await dynamo.send(new GetCommand({ TableName: tableName, Key: mineralKey(id), ConsistentRead: true }));
  return res.Item ? { mineral: toMineral(res.Item), counters: stockCountersOf(res.Item) } : undefined;
}

export interface AdminMineralFilter {
  q?: string | undefined;
  category?: CategoryId | undefined;
  status?: Mineral['status'] | undefined;
  stock?: 'in_stock' | 'low' | 'sold_out' | undefined;
  descending: boolean;
  limit: number;
  cursor?: string | undefined;
}

/** One page of every mineral (any status) by name, from the admin index; filters are bounded like the catalog's. Never a Scan. */
export async function queryMineralsForAdmin(f: AdminMineralFilter) {
  const index = INDEXES.mineralsByName;
  const names: Record<string, string> = { '#p': index.pk };
  const values: Record<string, unknown> = { ':p': ADMIN_MINERALS_PARTITION };
  let keyCondition = '#p = :p';
  if (f.q) {
    names['#s'] = index.sk;
    values[':q'] = f.q;
    keyCondition += ' AND begins_with(#s, :q)';
  }
  const filters: string[] = [];
  if (f.category) { names['#category'] = 'category'; values[':category'] = f.category; filters.push('#category = :category'); }
  if (f.status === 'published') {
    names['#status'] = 'status'; values[':status'] = 'published';
    filters.push('(attribute_not_exists(#status) OR #status = :status)');
  } else if (f.status) { names['#status'] = 'status'; values[':status'] = f.status; filters.push('#status = :status'); }
  if (f.stock) {
    names['#available'] = 'available'; values[':zero'] = 0;
    if (f.stock === 'sold_out') filters.push('#available = :zero');
    if (f.stock === 'in_stock') filters.push('#available > :zero');
    if (f.stock === 'low') { names['#low'] = 'lowStockThreshold'; values[':one'] = 1; filters.push('#available > :zero AND #available <= if_not_exists(#low, :one)'); }
  }
  const page = await queryPage(
    {
      TableName: tableName,
      IndexName: 'mineralsByName',
      KeyConditionExpression: keyCondition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: !f.descending,
      ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
    },
    { index, fingerprint: fingerprint({ ...f, cursor: null, limit: null }), limit: f.limit, cursor: f.cursor, readBudget: FILTERED_READ_BUDGET },
  );
  return { items: page.items.map((item) => ({ mineral: toMineral(item), counters: stockCountersOf(item) })), nextCursor: page.nextCursor };
}
// — end admin: minerals and inventory —

// What every mineral item must carry; a malformed one is a CorruptItemError (shared/db/decode.ts).
// Its promotions are read leniently below: a broken sale must not stop anyone buying at the list price.
const mineralBaseSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: z.enum(CATEGORY_IDS),
  description: z.string(),
  quality: z.string(),
  origin: z.string(),
  mohsHardness: z.number(),
  weightGrams: z.number(),
  priceCents: z.number().int().min(0),
  currency: z.literal('USD'),
  available: z.number().int(),
  image: z.string(),
  popularity: z.number().default(0),
  ratingCount: z.number().int().min(0).default(0),
  ratingSum: z.number().min(0).default(0),
  createdAt: z.string(),
  updatedAt: z.string(),
  mainImage: z
    .object({ imageId: z.string(), sizes: z.object({ thumb: z.string().optional(), card: z.string().optional(), full: z.string().optional() }) })
    .nullable()
    .optional(),
  status: z.enum(MINERAL_STATUSES).optional(),
  featured: z.boolean().optional(),
  lowStockThreshold: z.number().int().min(0).optional(),
  dimensions: z.object({ lengthMm: z.number(), widthMm: z.number(), heightMm: z.number() }).nullable().optional(),
});

// Promotions a mineral item may carry (set by the admin promotions routes, later). A malformed one is
// logged and ignored: a broken sale must not stop anyone buying the mineral at its list price.
const cents = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const markdown = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('price'), unitPriceCents: cents }),
  z.object({ kind: z.literal('percent-off'), bp: z.number().int().min(0).max(10_000) }),
]);
const flashSaleSchema = z.object({ markdown, startsAt: z.iso.datetime({ offset: true }), endsAt: z.iso.datetime({ offset: true }) });
const bulkTiersSchema = z.array(z.object({ minQuantity: z.number().int().min(1), markdown }));

export function toMineral(item: Record<string, unknown>): Mineral {
  // Null where the item stores "none" for an optional field reads as absent.
  const present = Object.fromEntries(Object.entries(item).filter(([k, v]) => v !== null || k === 'mainImage' || k === 'dimensions'));
  const base = decodeItem(mineralBaseSchema, present, 'mineral');
  const sale = item.flashSale == null ? null : flashSaleSchema.safeParse(item.flashSale);
  const tiers = item.bulkTiers == null ? null : bulkTiersSchema.safeParse(item.bulkTiers);
  if (sale?.success === false || tiers?.success === false) logger.warn('ignoring a malformed promotion on a mineral', { mineralId: item.id });
  const mineral: Mineral = { ...base, flashSale: sale?.success ? sale.data : null, bulkTiers: tiers?.success ? tiers.data : [] };
  return mineral;
}

/** Reads one mineral by id. */
export async function getMineral(id: string): Promise<Mineral | undefined> {
  const res = await dynamo.send(new GetCommand({ TableName: tableName, Key: mineralKey(id) }));
  return res.Item ? toMineral(res.Item) : undefined;
}

/** Reads one mineral as shoppers may see it: undefined when missing, a draft or archived. */
export async function getPublishedMineral(id: string): Promise<Mineral | undefined> {
  const mineral = await getMineral(id);
  return mineral && isPublished(mineral) ? mineral : undefined;
}

/** Reads many minerals by id (eventually consistent), retrying what DynamoDB leaves unprocessed. */
export async function getMinerals(ids: readonly string[]): Promise<Map<string, Mineral>> {
  const found = new Map<string, Mineral>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 100) {
    let keys: Record<string, unknown>[] = unique.slice(i, i + 100).map(mineralKey);
    for (let attempt = 0; keys.length > 0; attempt++) {
      if (attempt > 8) throw new Error('DynamoDB kept keys unprocessed after 8 retries');
      if (attempt > 0) await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
      const res = await dynamo.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }));
      for (const item of res.Responses?.[tableName] ?? []) found.set(String(item.id), toMineral(item));
      keys = res.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
  }
  return found;
}

/** Writes a new mineral and its initial-stock ledger entry; fails if the id is taken. */
export async function createMineral(m: Mineral): Promise<void> {
  await dynamo.send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName, Item: mineralItem(m), ConditionExpression: 'attribute_not_exists(pk)' } },
        { Put: { TableName: tableName, Item: ledgerEntryItem(m.id, { delta: m.available, reason: 'initial stock', at: m.createdAt }) } },
      ],
    }),
  );
}

/** Writes many new minerals and their initial-stock ledger entries (seeding, tests, benchmarks). */
export async function putMinerals(minerals: readonly Mineral[]): Promise<void> {
  const items = minerals.flatMap((m) => [mineralItem(m), ledgerEntryItem(m.id, { delta: m.available, reason: 'initial stock', at: m.createdAt })]);
  for (let i = 0; i < items.length; i += 25) {
    let requests: NonNullable<ConstructorParameters<typeof BatchWriteCommand>[0]['RequestItems']>[string] = items
      .slice(i, i + 25)
      .map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 8) throw new Error('DynamoDB kept items unprocessed after 8 retries');
      if (attempt > 0) await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
      const res = await dynamo.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = res.UnprocessedItems?.[tableName] ?? [];
    }
  }
}

export interface CatalogQuery {
  category?: CategoryId | undefined;
  minPrice?: number | undefined;
  maxPrice?: number | undefined;
  inStock?: boolean | undefined;
  sort: Sort;
  limit: number;
  cursor?: string | undefined;
}

export interface CatalogPage {
  items: Mineral[];
  nextCursor: string | null;
  /** Read capacity the page consumed, for logs and benchmarks. */
  consumedCapacity: number;
  /** Index items DynamoDB read for the page (before filters). */
  itemsRead: number;
}

const SORT_INDEX: Record<Sort, { all: IndexName; category: IndexName }> = {
  price_asc: { all: 'allByPrice', category: 'categoryByPrice' },
  price_desc: { all: 'allByPrice', category: 'categoryByPrice' },
  popular: { all: 'allByPopularity', category: 'categoryByPopularity' },
  newest: { all: 'allByNewest', category: 'categoryByNewest' },
  rating: { all: 'allByRating', category: 'categoryByRating' },
};

/**
 * Most items one page may read when a filter (price on a non-price sort, in-stock) cannot be
 * expressed as a key condition. Bounding it keeps a page's cost independent of the catalog's size;
 * a very selective filter may answer with a short page and a cursor to continue.
 */
export const FILTERED_READ_BUDGET = 200;

/** One page of the catalog, served by a Query on the index that matches the sort. Never a Scan. */
export async function queryCatalog(q: CatalogQuery): Promise<CatalogPage> {
  const indexName = q.category ? SORT_INDEX[q.sort].category : SORT_INDEX[q.sort].all;
  const index = INDEXES[indexName];
  const partition = q.category ? categoryPartition(q.category) : CATALOG_PARTITION;
  const byPrice = q.sort === 'price_asc' || q.sort === 'price_desc';
  const fp = fingerprint({ s: q.sort, c: q.category ?? null, lo: q.minPrice ?? null, hi: q.maxPrice ?? null, st: q.inStock ?? null });

  let startKey: Record<string, string> | undefined;
  if (q.cursor) {
    startKey = decodeCursor(q.cursor, { index: indexName, fingerprint: fp });
    checkStartKey(startKey, index, partition);
  }

  const names: Record<string, string> = { '#p': index.pk };
  const values: Record<string, unknown> = { ':p': partition };
  let keyCondition = '#p = :p';
  const filters: string[] = [];

  const hasMin = q.minPrice !== undefined;
  const hasMax = q.maxPrice !== undefined;
  if (byPrice && (hasMin || hasMax)) {
    // Price bounds on a price sort are a key range: no item outside it is read.
    names['#s'] = index.sk;
    values[':lo'] = `${pad(q.minPrice ?? 0, 12)}#`;
    values[':hi'] = `${pad(q.maxPrice ?? 999_999_999_999, 12)}#~`;
    keyCondition += ' AND #s BETWEEN :lo AND :hi';
  } else if (hasMin || hasMax) {
    names['#price'] = 'priceCents';
    if (hasMin) { values[':min'] = q.minPrice; filters.push('#price >= :min'); }
    if (hasMax) { values[':max'] = q.maxPrice; filters.push('#price <= :max'); }
  }
  if (q.inStock) {
    names['#available'] = 'available';
    values[':zero'] = 0;
    filters.push('#available > :zero');
  }
  const filtered = filters.length > 0;
  const budget = filtered ? FILTERED_READ_BUDGET : q.limit + 1;

  const items: Mineral[] = [];
  let evaluated = 0;
  let consumedCapacity = 0;
  let nextKey: Record<string, string> | undefined;
  let lastReturned: Record<string, unknown> | undefined;

  for (;;) {
    const want = q.limit - items.length;
    const input: QueryCommandInput = {
      TableName: tableName,
      IndexName: indexName,
      KeyConditionExpression: keyCondition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: q.sort === 'price_asc',
      // One item more than the page needs tells whether another page exists.
      Limit: Math.min(filtered ? Math.max(want * 2, 25) : want + 1, budget - evaluated),
      ReturnConsumedCapacity: 'TOTAL',
      ...(filtered ? { FilterExpression: filters.join(' AND ') } : {}),
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    };
    const res = await queryFromCursor(startKey, () => dynamo.send(new QueryCommand(input)));
    consumedCapacity += res.ConsumedCapacity?.CapacityUnits ?? 0;
    evaluated += res.ScannedCount ?? 0;
    let overflow = false;
    for (const item of res.Items ?? []) {
      if (items.length === q.limit) { overflow = true; break; }
      items.push(toMineral(item));
      lastReturned = item;
    }
    const lek = res.LastEvaluatedKey as Record<string, string> | undefined;
    if (items.length === q.limit) {
      if ((overflow || lek) && lastReturned) nextKey = keyOf(lastReturned, index);
      break;
    }
    if (!lek) break;
    startKey = lek;
    if (evaluated >= budget) { nextKey = lek; break; }
  }

  const nextCursor = nextKey ? encodeCursor({ v: 1, i: indexName, f: fp, k: nextKey }) : null;
  return { items, nextCursor, consumedCapacity, itemsRead: evaluated };
}

function keyOf(item: Record<string, unknown>, index: { pk: string; sk: string }): Record<string, string> {
  return { pk: String(item.pk), sk: String(item.sk), [index.pk]: String(item[index.pk]), [index.sk]: String(item[index.sk]) };
}

function checkStartKey(key: Record<string, string>, index: { pk: string; sk: string }, partition: string): void {
  const names = Object.keys(key).sort();
  const expected = ['pk', 'sk', index.pk, index.sk].sort();
  const id = /^MINERAL#([a-z0-9][a-z0-9-]{0,79})$/.exec(key.pk ?? '')?.[1];
  const wellFormed =
    names.length === expected.length &&
    names.every((n, i) => n === expected[i]) &&
    id !== undefined &&
    key.sk === MINERAL_SK &&
    key[index.pk] === partition &&
    (key[index.sk] ?? '').endsWith(`#${id}`);
  if (!wellFormed) throw invalidCursorError();
}

/**
 * What the popularity job reads of a mineral: its popularity and how many net sales (sold − returned)
 * are already counted in it; undefined for a mineral written before the job existed, whose sales
 * were added to popularity in the paid transaction itself.
 */
export interface PopularityRead {
  popularity: number;
  counted: number | undefined;
}

/** Every mineral's inventory counters, a page at a time through the admin index (every status) (never a Scan). */
export async function* listStockCounters(): AsyncGenerator<{ mineralId: string; counters: StockCounters; popularity: PopularityRead }> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const res = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        // The admin index holds every mineral, published or not: drafts hold stock too.
        IndexName: 'mineralsByName',
        KeyConditionExpression: '#p = :p',
        ExpressionAttributeNames: { '#p': INDEXES.mineralsByName.pk },
        ExpressionAttributeValues: { ':p': ADMIN_MINERALS_PARTITION },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of res.Items ?? []) {
      const popularity = { popularity: Number(item.popularity ?? 0), counted: item.popularityCounted === undefined ? undefined : Number(item.popularityCounted) };
      yield { mineralId: String(item.id), counters: stockCountersOf(item), popularity };
    }
    startKey = res.LastEvaluatedKey;
  } while (startKey);
}

export function stockCountersOf(item: Record<string, unknown>): StockCounters {
  return {
    available: Number(item.available ?? 0),
    held: Number(item.held ?? 0),
    sold: Number(item.sold ?? 0),
    returned: Number(item.returned ?? 0),
    received: Number(item.received ?? 0),
  };
}

/** One mineral's inventory counters, read strongly consistent (tests, admin). */
export async function getStockCounters(id: string): Promise<StockCounters | undefined> {
  const res = await dynamo.send(new GetCommand({ TableName: tableName, Key: mineralKey(id), ConsistentRead: true }));
  return res.Item ? stockCountersOf(res.Item) : undefined;
}

/**
 * Sets a mineral's popularity (and its two popularity sort keys) and the net sales it now counts,
 * if both are still as read. False when they changed meanwhile (the next run catches up).
 */
export async function setPopularity(mineralId: string, read: PopularityRead, next: { popularity: number; counted: number }): Promise<boolean> {
  const sortKey = popularitySortKey(mineralId, next.popularity);
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: mineralKey(mineralId),
        UpdateExpression: 'SET popularity = :pop, popularityCounted = :counted, #a = :sk, #c = :sk',
        ConditionExpression: `attribute_exists(pk) AND popularity = :oldPop AND ${read.counted === undefined ? 'attribute_not_exists(popularityCounted)' : 'popularityCounted = :oldCounted'}`,
        ExpressionAttributeNames: { '#a': INDEXES.allByPopularity.sk, '#c': INDEXES.categoryByPopularity.sk },
        ExpressionAttributeValues: {
          ':pop': next.popularity,
          ':counted': next.counted,
          ':sk': sortKey,
          ':oldPop': read.popularity,
          ...(read.counted === undefined ? {} : { ':oldCounted': read.counted }),
        },
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** How many ratings of each star value (1–5) a mineral has. */
export type RatingHistogram = Record<'1' | '2' | '3' | '4' | '5', number>;

/** A mineral's rating counters. */
export interface RatingTotals {
  ratingCount: number;
  ratingSum: number;
  histogram: RatingHistogram;
}

/** The rating counters as read, plus what the rating index keys and the optimistic check need. */
export interface RatingSnapshot extends RatingTotals {
  mineral: Pick<Mineral, 'id' | 'priceCents' | 'popularity' | 'createdAt'>;
  /** Bumped by every rating change, so a stale read can never be written back (even when count and sum repeat). */
  ratingVersion: number;
}

/** One published mineral's rating counters (strongly consistent when about to change them); undefined for the others. */
export async function getRatingSnapshot(id: string, options: { consistent: boolean }): Promise<RatingSnapshot | undefined> {
  const res = await dynamo.send(
    new GetCommand({
      TableName: tableName,
      Key: mineralKey(id),
      ConsistentRead: options.consistent,
      ProjectionExpression: 'id, priceCents, popularity, createdAt, ratingCount, ratingSum, ratingHistogram, ratingVersion, #status',
      ExpressionAttributeNames: { '#status': 'status' },
    }),
  );
  const item = res.Item;
  // Drafts and archived minerals have no public reviews: to shoppers they do not exist.
  if (!item || !isPublished(item as Pick<Mineral, 'status'>)) return undefined;
  const stored = (item.ratingHistogram ?? {}) as Partial<RatingHistogram>;
  return {
    mineral: { id: String(item.id), priceCents: Number(item.priceCents), popularity: Number(item.popularity), createdAt: String(item.createdAt) },
    ratingCount: Number(item.ratingCount ?? 0),
    ratingSum: Number(item.ratingSum ?? 0),
    // Minerals rated before histograms existed (seeded test data) start from zeros.
    histogram: { 1: stored[1] ?? 0, 2: stored[2] ?? 0, 3: stored[3] ?? 0, 4: stored[4] ?? 0, 5: stored[5] ?? 0 },
    ratingVersion: Number(item.ratingVersion ?? 0),
  };
}

/**
 * The TransactWriteItems entry that moves a mineral's rating counters from `read` to `next` and
 * rewrites its rating index keys with them. It fails (ConditionalCheckFailed) if the counters
 * changed since `read`: the caller reads again and retries.
 */
export function ratingChange(read: RatingSnapshot, next: RatingTotals) {
  const rating = catalogSortKeys({ ...read.mineral, ratingCount: next.ratingCount, ratingSum: next.ratingSum }).rating;
  const versionCheck = read.ratingVersion === 0 ? 'attribute_not_exists(ratingVersion)' : 'ratingVersion = :oldVersion';
  return {
    Update: {
      TableName: tableName,
      Key: mineralKey(read.mineral.id),
      UpdateExpression: 'SET ratingCount = :count, ratingSum = :sum, ratingHistogram = :histogram, ratingVersion = :version, #all = :rating, #cat = :rating',
      ConditionExpression: `attribute_exists(pk) AND ratingCount = :oldCount AND ratingSum = :oldSum AND ${versionCheck}`,
      ExpressionAttributeNames: { '#all': INDEXES.allByRating.sk, '#cat': INDEXES.categoryByRating.sk },
      ExpressionAttributeValues: {
        ':count': next.ratingCount,
        ':sum': next.ratingSum,
        ':histogram': next.histogram,
        ':version': read.ratingVersion + 1,
        ':rating': rating,
        ':oldCount': read.ratingCount,
        ':oldSum': read.ratingSum,
        ...(read.ratingVersion === 0 ? {} : { ':oldVersion': read.ratingVersion }),
      },
    },
  };
}
