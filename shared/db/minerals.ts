// Mineral items: key builders, the catalog indexes' keys, and the catalog's access patterns.
import { BatchWriteCommand, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { CARD_FIELDS, CATEGORY_IDS, isPublished, MINERAL_STATUSES, type CatalogCard, type CategoryId, type Mineral, type Sort } from '../domain/catalog';
import { decodeItem } from './decode';
import { listedStock, type StockCounters } from '../domain/inventory';
import * as z from 'zod';
import { logger } from '../logger';
import { batchGet } from './batchGet';
import { dynamo, tableName } from './client';
import { decodeCursor, encodeCursor, fingerprint, invalidCursorError, queryFromCursor } from './cursor';
import { queryPage } from './query';
import { ledgerEntryItem } from './ledger';
import { INDEXES, type IndexName } from './table';

export const CATALOG_PARTITION = 'MINERALS';
const MINERAL_SK = 'MINERAL';
/** The stock item's sort key: it begins like the mineral's, so one Query reads both and nothing else. */
const STOCK_SK = 'MINERAL#STOCK';

/** Primary key of a mineral. */
export function mineralKey(id: string) {
  return { pk: `MINERAL#${id}`, sk: MINERAL_SK };
}

/**
 * Primary key of a mineral's stock item: the counters every hold, sale, return and receipt moves
 * (see shared/domain/inventory.ts for why they are not on the mineral item).
 */
export function stockKey(id: string) {
  return { pk: `MINERAL#${id}`, sk: STOCK_SK };
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
 * A new mineral item: what the catalog lists and the admin edits, with `listedStock` (the shelf as a
 * card shows it) in place of the counters, which live on the stock item.
 */
export function mineralItem(m: Mineral) {
  const { available, ...fields } = m;
  return {
    ...mineralKey(m.id), entity: 'mineral', ...catalogIndexKeys(m), ...adminIndexKeys(m), ...saleIndexKeys(m), ...fields,
    card: cardOf(m), listedStock: listedStock(available, m.lowStockThreshold), popularityCounted: 0,
  };
}

/**
 * The `card` map a mineral item carries for the catalog indexes (shared/db/table.ts): the card's
 * fields but the shelf (that is `listedStock`). Every write of one of them writes the card with it:
 * the edit, a rating change and a main-photo change.
 */
export function cardOf(m: Mineral): Record<string, unknown> {
  const card: Record<string, unknown> = {};
  for (const f of CARD_FIELDS) if (f !== 'available') card[f] = m[f] ?? null;
  return card;
}

/** What the stock item copies from its mineral: what moveStock's condition and its refusal read, and the low-stock threshold `listedStock` follows. */
function stockItemCopies(m: Pick<Mineral, 'name' | 'status' | 'lowStockThreshold'>) {
  return { name: m.name, status: m.status ?? 'published', lowStockThreshold: m.lowStockThreshold ?? null };
}

/**
 * A new mineral's stock item: the counters the invariant is checked on (shared/domain/inventory.ts);
 * a new mineral has received what is available.
 */
export function stockItem(m: Mineral) {
  return { ...stockKey(m.id), entity: 'stock', mineralId: m.id, ...stockItemCopies(m), available: m.available, held: 0, sold: 0, returned: 0, received: m.available };
}

/** The TransactWriteItems entries that write a new mineral: its item and its stock item, if the id is free. */
export function newMineralPuts(m: Mineral) {
  return [
    { Put: { TableName: tableName, Item: mineralItem(m), ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: tableName, Item: stockItem(m), ConditionExpression: 'attribute_not_exists(pk)' } },
  ];
}

// — admin: minerals and inventory —
export const ADMIN_MINERALS_PARTITION = 'ADMIN_MINERALS';

/** The admin index's keys: every mineral, whatever its status, by lower-cased name. */
export function adminIndexKeys(m: Pick<Mineral, 'id' | 'name'>): Record<string, string> {
  return { [INDEXES.mineralsByName.pk]: ADMIN_MINERALS_PARTITION, [INDEXES.mineralsByName.sk]: `${m.name.toLowerCase()}#${m.id}` };
}

const SALES_PARTITION = 'SALES';

/** The Sales page's key: a mineral with a flash sale (past, running or next) is listed by its end; none without. */
export function saleIndexKeys(m: Pick<Mineral, 'id' | 'flashSale'>): Record<string, string> {
  if (!m.flashSale) return {};
  return { [INDEXES.adminLists.pk]: SALES_PARTITION, [INDEXES.adminLists.sk]: `${new Date(m.flashSale.endsAt).toISOString()}#${m.id}` };
}

/** Names of every catalog and sale index key attribute, so a mineral leaving the catalog (or its sale) can drop them. */
const CATALOG_KEY_ATTRIBUTES = [
  ...Object.entries(INDEXES).filter(([name]) => name.startsWith('all') || name.startsWith('category')).flatMap(([, index]) => [index.pk, index.sk]),
  INDEXES.adminLists.pk,
  INDEXES.adminLists.sk,
];

/** Most minerals the Sales page lists; a shop with more sales than this in its window sees the first ones by end. */
export const SALES_READ_LIMIT = 500;

/** Every mineral whose flash sale ends after `since` (the Sales page): one Query of the SALES partition, by end. */
export async function querySales(since: Date): Promise<Mineral[]> {
  const { pk, sk } = INDEXES.adminLists;
  const res = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'adminLists',
      KeyConditionExpression: '#p = :p AND #s >= :since',
      ExpressionAttributeNames: { '#p': pk, '#s': sk },
      ExpressionAttributeValues: { ':p': SALES_PARTITION, ':since': since.toISOString() },
      Limit: SALES_READ_LIMIT,
    }),
  );
  return (res.Items ?? []).map((item) => toMineral(item));
}

/** Fields an admin edits (the counters are never among them: they move only with stock). */
export const EDITABLE_MINERAL_FIELDS = [
  'name', 'category', 'description', 'quality', 'origin', 'mohsHardness', 'weightGrams', 'dimensions', 'priceCents',
  'lowStockThreshold', 'flashSale', 'bulkTiers', 'status', 'featured',
] as const satisfies readonly (keyof Mineral)[];

/**
 * The TransactWriteItems entries that write an admin's edit of `before` (now `after`): the edited
 * fields, the catalog index keys that follow (removed when it leaves the published catalog) and the
 * admin index key; and, when the name, status or low-stock threshold changed, their copies on the
 * stock item. Conditional on the updatedAt the admin read, so a stale edit never lands.
 */
export function mineralEdit(before: Mineral, after: Mineral) {
  const copies = stockItemCopies(after);
  const old = stockItemCopies(before);
  const copiesChanged = (Object.keys(copies) as Array<keyof typeof copies>).some((k) => copies[k] !== old[k]);
  return [
    mineralItemEdit(before, after),
    ...(copiesChanged
      ? [{
          Update: {
            TableName: tableName,
            Key: stockKey(before.id),
            UpdateExpression: 'SET #name = :name, #status = :status, lowStockThreshold = :low',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#name': 'name', '#status': 'status' },
            ExpressionAttributeValues: { ':name': copies.name, ':status': copies.status, ':low': copies.lowStockThreshold },
          },
        }]
      : []),
  ];
}

function mineralItemEdit(before: Mineral, after: Mineral) {
  const keys = { ...catalogIndexKeys(after), ...adminIndexKeys(after), ...saleIndexKeys(after) };
  const set: Record<string, unknown> = { updatedAt: after.updatedAt, card: cardOf(after), ...keys };
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
      Key: stockKey(mineralId),
      UpdateExpression: 'SET available = available + :d, received = if_not_exists(received, :zero) + :d',
      ConditionExpression: 'attribute_exists(pk) AND available >= :least',
      ExpressionAttributeValues: { ':d': delta, ':zero': 0, ':least': Math.max(0, -delta) },
    },
  };
}

/** A mineral's item and its stock item, in one Query (their sort keys are the only ones beginning `MINERAL`). */
async function readMineralItems(id: string, consistent: boolean): Promise<{ mineral: Record<string, unknown>; stock: Record<string, unknown> | undefined } | undefined> {
  const res = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': mineralKey(id).pk, ':sk': MINERAL_SK },
      ConsistentRead: consistent,
    }),
  );
  const items = res.Items ?? [];
  const mineral = items.find((i) => i.sk === MINERAL_SK);
  return mineral ? { mineral, stock: items.find((i) => i.sk === STOCK_SK) } : undefined;
}

/** One mineral's item with its counters, read strongly consistent (admin reads before and after a write). */
export async function getMineralWithCounters(id: string): Promise<{ mineral: Mineral; counters: StockCounters } | undefined> {
  const read = await readMineralItems(id, true);
  if (!read) return undefined;
  const counters = stockCountersOf(read.stock ?? {});
  return { mineral: toMineral(read.mineral, counters), counters };
}

/** The stock items of `ids` (BatchGetItem), by mineral id; retries what DynamoDB leaves unprocessed. */
async function getStockItems(ids: readonly string[], consistent = false): Promise<Map<string, StockCounters>> {
  const items = await batchGet(ids.map(stockKey), { consistent });
  return new Map(items.map((item) => [String(item.mineralId), stockCountersOf(item)]));
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
    // On the mineral's listed copy of its shelf, exact up to above its low-stock threshold (shared/domain/inventory.ts).
    names['#listed'] = 'listedStock'; values[':zero'] = 0;
    if (f.stock === 'sold_out') filters.push('#listed = :zero');
    if (f.stock === 'in_stock') filters.push('#listed > :zero');
    // if_not_exists is not allowed in a filter: a mineral without a threshold (absent, or null after an edit) has the default, 1.
    if (f.stock === 'low') {
      names['#low'] = 'lowStockThreshold'; values[':one'] = 1; values[':null'] = 'NULL';
      filters.push('#listed > :zero AND (#listed <= #low OR ((attribute_not_exists(#low) OR attribute_type(#low, :null)) AND #listed <= :one))');
    }
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
  const counters = await getStockItems(page.items.map((item) => String(item.id)));
  return {
    items: page.items.map((item) => {
      const c = counters.get(String(item.id)) ?? stockCountersOf({});
      return { mineral: toMineral(item, c), counters: c };
    }),
    nextCursor: page.nextCursor,
  };
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

/**
 * A mineral from its item. `available` is the shelf from the stock item's counters when they were
 * read with it, else the item's listed copy (a listing: exact up to LISTED_STOCK_CAP).
 */
export function toMineral(item: Record<string, unknown>, counters?: Pick<StockCounters, 'available'>): Mineral {
  // Null where the item stores "none" for an optional field reads as absent.
  const present: Record<string, unknown> = Object.fromEntries(Object.entries(item).filter(([k, v]) => v !== null || k === 'mainImage' || k === 'dimensions'));
  // An item written before the counters moved carries them itself.
  present.available = counters ? counters.available : (item.listedStock ?? item.available);
  const base = decodeItem(mineralBaseSchema, present, 'mineral');
  return { ...base, ...promotionsOf(item, base.id) };
}

function promotionsOf(item: Record<string, unknown>, mineralId: string): Pick<Mineral, 'flashSale' | 'bulkTiers'> {
  const sale = item.flashSale == null ? null : flashSaleSchema.safeParse(item.flashSale);
  const tiers = item.bulkTiers == null ? null : bulkTiersSchema.safeParse(item.bulkTiers);
  if (sale?.success === false || tiers?.success === false) logger.warn('ignoring a malformed promotion on a mineral', { mineralId });
  return { flashSale: sale?.success ? sale.data : null, bulkTiers: tiers?.success ? tiers.data : [] };
}

// What a catalog index entry carries: the card map (shared/db/table.ts). Decoded like the item itself.
const cardSchema = mineralBaseSchema.pick({
  id: true, name: true, category: true, priceCents: true, currency: true, image: true, mainImage: true,
  origin: true, mohsHardness: true, weightGrams: true, ratingCount: true, ratingSum: true, createdAt: true, available: true,
});

/** A card from a catalog index entry: its card map, and the listed shelf as `available`. */
export function toCatalogCard(entry: Record<string, unknown>): CatalogCard {
  const card = (entry.card ?? {}) as Record<string, unknown>;
  const present = Object.fromEntries(Object.entries(card).filter(([k, v]) => v !== null || k === 'mainImage'));
  const base = decodeItem(cardSchema, { ...present, available: entry.listedStock }, 'catalog card');
  return { ...base, ...promotionsOf(card, base.id) };
}

/** Reads one mineral by id, with its shelf from the stock item (one Query). */
export async function getMineral(id: string): Promise<Mineral | undefined> {
  const read = await readMineralItems(id, false);
  return read ? toMineral(read.mineral, read.stock ? stockCountersOf(read.stock) : undefined) : undefined;
}

/** Reads one mineral as shoppers may see it: undefined when missing, a draft or archived. */
export async function getPublishedMineral(id: string): Promise<Mineral | undefined> {
  return (await getPublishedMineralShelf(id))?.mineral;
}

/** getPublishedMineral, with how many units carts hold (read from the same stock item, in the same Query). */
export async function getPublishedMineralShelf(id: string): Promise<{ mineral: Mineral; held: number } | undefined> {
  const read = await readMineralItems(id, false);
  if (!read) return undefined;
  const counters = read.stock ? stockCountersOf(read.stock) : undefined;
  const mineral = toMineral(read.mineral, counters);
  return isPublished(mineral) ? { mineral, held: counters?.held ?? 0 } : undefined;
}

/** Reads many minerals by id with their shelves (eventually consistent; one BatchGetItem of both items per 50). */
export async function getMinerals(ids: readonly string[]): Promise<Map<string, Mineral>> {
  return (await getMineralsWith(ids, [], false)).minerals;
}

/**
 * getMinerals, with the items at `alsoKeys` read in the same BatchGetItem (checkout reads the coupon
 * this way: one request less); strongly consistent when `consistent`. The other items come back as stored.
 */
export async function getMineralsWith(ids: readonly string[], alsoKeys: ReadonlyArray<Record<string, unknown>>, consistent: boolean) {
  const unique = [...new Set(ids)];
  const items = await batchGet([...alsoKeys, ...unique.flatMap((id) => [mineralKey(id), stockKey(id)])], { consistent });
  const ours = (i: Record<string, unknown>) => String(i.pk).startsWith('MINERAL#');
  const stock = new Map(items.filter((i) => ours(i) && i.sk === STOCK_SK).map((i) => [String(i.mineralId), stockCountersOf(i)]));
  const minerals = new Map<string, Mineral>();
  for (const item of items) if (ours(item) && item.sk === MINERAL_SK) minerals.set(String(item.id), toMineral(item, stock.get(String(item.id))));
  return { minerals, also: items.filter((i) => !ours(i)) };
}

/** Writes a new mineral, its stock item and its initial-stock ledger entry; fails if the id is taken. */
export async function createMineral(m: Mineral): Promise<void> {
  await dynamo.send(
    new TransactWriteCommand({
      TransactItems: [...newMineralPuts(m), { Put: { TableName: tableName, Item: ledgerEntryItem(m.id, { delta: m.available, reason: 'initial stock', at: m.createdAt }) } }],
    }),
  );
}

/** Writes many new minerals, their stock items and initial-stock ledger entries (seeding, tests, benchmarks). */
export async function putMinerals(minerals: readonly Mineral[]): Promise<void> {
  const items = minerals.flatMap((m) => [mineralItem(m), stockItem(m), ledgerEntryItem(m.id, { delta: m.available, reason: 'initial stock', at: m.createdAt })]);
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
  items: CatalogCard[];
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
    // The listed copy of the shelf (shared/domain/inventory.ts): 0 exactly when sold out.
    names['#listed'] = 'listedStock';
    values[':zero'] = 0;
    filters.push('#listed > :zero');
  }
  const filtered = filters.length > 0;
  const budget = filtered ? FILTERED_READ_BUDGET : q.limit + 1;

  const items: CatalogCard[] = [];
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
      items.push(toCatalogCard(item));
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
    const items = res.Items ?? [];
    const counters = await getStockItems(items.map((item) => String(item.id)), true);
    for (const item of items) {
      const popularity = { popularity: Number(item.popularity ?? 0), counted: item.popularityCounted === undefined ? undefined : Number(item.popularityCounted) };
      yield { mineralId: String(item.id), counters: counters.get(String(item.id)) ?? stockCountersOf(item), popularity };
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
  const res = await dynamo.send(new GetCommand({ TableName: tableName, Key: stockKey(id), ConsistentRead: true }));
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

/** Whether an item (as the stream shows it) is a mineral's stock item. */
export const isStockItem = (item: Record<string, unknown>) => item.sk === STOCK_SK && typeof item.pk === 'string' && item.pk.startsWith('MINERAL#');

/** Sets a mineral's listed stock (shared/catalog/listedStock.ts); false when it already is that, or the mineral is gone. */
export async function setListedStock(mineralId: string, listed: number): Promise<boolean> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: mineralKey(mineralId),
        UpdateExpression: 'SET listedStock = :v',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(listedStock) OR listedStock <> :v)',
        ExpressionAttributeValues: { ':v': listed },
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
export async function getRatingSnapshot(id: string, options: { consistent: boolean; anyStatus?: boolean }): Promise<RatingSnapshot | undefined> {
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
  // An admin moderating reviews reads them whatever the status.
  if (!item || (!options.anyStatus && !isPublished(item as Pick<Mineral, 'status'>))) return undefined;
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
      UpdateExpression: 'SET ratingCount = :count, ratingSum = :sum, #card.ratingCount = :count, #card.ratingSum = :sum, ratingHistogram = :histogram, ratingVersion = :version, #all = :rating, #cat = :rating',
      ConditionExpression: `attribute_exists(pk) AND ratingCount = :oldCount AND ratingSum = :oldSum AND ${versionCheck}`,
      ExpressionAttributeNames: { '#all': INDEXES.allByRating.sk, '#cat': INDEXES.categoryByRating.sk, '#card': 'card' },
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
