// What DynamoDB on AWS would charge for a request, by its published rules, from the item images
// the request read or wrote and the index definitions in shared/db/table.ts. DynamoDB Local counts
// every item as one unit whatever its size and every index as rewritten, so its own figures are not
// AWS's; the bench reports both.
//
// Rules (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html):
// - Item size: Σ attribute name bytes + value bytes. String: UTF-8 bytes; number: ⌈significant digits / 2⌉ + 1;
//   binary: bytes; boolean and null: 1; list and map: 3 + Σ (element + 1), map elements with their names;
//   sets: Σ elements.
// - Write: ⌈size / 1 KB⌉ per item, the larger of the before and after images; ×2 inside a transaction.
//   A failed conditional write is charged the same. Each index whose entry changes is charged on top
//   (never doubled): an entry appearing is a put of its projected image, an entry leaving a delete of
//   the old one, a key change both, a change of a projected attribute an update of the new image; an
//   index whose key attributes are absent (sparse) or whose projection did not change costs nothing.
// - Read: ⌈size / 4 KB⌉ per item, ½ when eventually consistent, ×2 in a transaction; a Query (or
//   Scan) sums the sizes of every item it evaluated and rounds once.
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { KEY, type IndexDefinition } from '../../shared/db/table';

export type Item = Record<string, unknown>;

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/** Bytes of a number as DynamoDB stores it: one per two significant digits, plus one. */
export function numberSize(n: number | bigint): number {
  const digits = String(n)
    .replace(/^-/, '')
    .replace(/e.*$/i, '')
    .replace('.', '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

/** Bytes of one attribute value (without its name). */
export function valueSize(v: unknown): number {
  if (v === null || v === undefined || typeof v === 'boolean') return 1;
  if (typeof v === 'string') return utf8(v);
  if (typeof v === 'number' || typeof v === 'bigint') return numberSize(v);
  if (v instanceof Uint8Array) return v.byteLength;
  if (v instanceof Set) return [...(v as Set<unknown>)].reduce<number>((n, e) => n + valueSize(e), 0);
  if (Array.isArray(v)) return 3 + v.reduce<number>((n, e) => n + valueSize(e) + 1, 0);
  if (typeof v === 'object') return 3 + Object.entries(v).reduce((n, [k, e]) => n + utf8(k) + valueSize(e) + 1, 0);
  throw new Error(`no DynamoDB size for a ${typeof v}`);
}

/** Bytes of an item: every attribute's name and value. */
export function itemSize(item: Item | undefined): number {
  if (!item) return 0;
  return Object.entries(item).reduce((n, [k, v]) => (v === undefined ? n : n + utf8(k) + valueSize(v)), 0);
}

export const writeUnitsOf = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));
const readUnitsOf = (bytes: number) => Math.max(1, Math.ceil(bytes / 4096));

/** An index as the table declares it; without `projection` it projects ALL (the old design). */
export type IndexShape = IndexDefinition & { projection?: readonly string[] };

/** The index entry of an item: undefined when the item lacks the index's key attributes (sparse). */
export function indexEntry(item: Item | undefined, index: IndexShape): Item | undefined {
  if (!item || item[index.pk] === undefined || item[index.sk] === undefined) return undefined;
  if (!index.projection) return item;
  const keep = new Set<string>([KEY.pk, KEY.sk, index.pk, index.sk, ...index.projection]);
  return Object.fromEntries(Object.entries(item).filter(([k, v]) => keep.has(k) && v !== undefined));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a, sortedKeys) === JSON.stringify(b, sortedKeys);
function sortedKeys(_key: string, v: unknown): unknown {
  if (v instanceof Set) return [...(v as Set<unknown>)].map(String).sort();
  if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)));
  }
  return v;
}

/** Write units one index is charged when an item goes from `before` to `after`. */
export function indexWriteUnits(before: Item | undefined, after: Item | undefined, index: IndexShape): number {
  const was = indexEntry(before, index);
  const is = indexEntry(after, index);
  if (!was && !is) return 0;
  if (!was) return writeUnitsOf(itemSize(is));
  if (!is) return writeUnitsOf(itemSize(was));
  if (was[index.pk] !== is[index.pk] || was[index.sk] !== is[index.sk]) return writeUnitsOf(itemSize(was)) + writeUnitsOf(itemSize(is));
  return same(was, is) ? 0 : writeUnitsOf(itemSize(is));
}

export interface WriteCharge {
  table: number;
  indexes: number;
}

/**
 * What writing one item costs: `before` and `after` are its images (undefined when absent), so a
 * put of a new item has no before, a delete no after, and a failed condition the same image twice.
 */
export function writeCharge(
  before: Item | undefined,
  after: Item | undefined,
  indexes: Record<string, IndexShape>,
  options: { transactional?: boolean; failed?: boolean } = {},
): WriteCharge {
  const table = writeUnitsOf(Math.max(itemSize(before), itemSize(after))) * (options.transactional ? 2 : 1);
  if (options.failed) return { table, indexes: 0 };
  const idx = Object.values(indexes).reduce((n, index) => n + indexWriteUnits(before, after, index), 0);
  return { table, indexes: idx };
}

/** What reading one item (GetItem, one key of a BatchGetItem or TransactGetItems) costs. */
export function itemReadUnits(item: Item | undefined, options: { consistent?: boolean; transactional?: boolean } = {}): number {
  const units = readUnitsOf(itemSize(item));
  if (options.transactional) return units * 2;
  return options.consistent ? units : units / 2;
}

/** What one Query (or Scan) page costs: the sizes of the items it evaluated, summed, rounded once. */
export function queryReadUnits(items: readonly Item[], options: { consistent?: boolean } = {}): number {
  const units = readUnitsOf(items.reduce((n, i) => n + itemSize(i), 0));
  return options.consistent ? units : units / 2;
}

// ---------------------------------------------------------------------------------------------------
// Pricing a recorded request: the images are read (strongly consistent, on a client the probe does
// not see) just before and just after the request, for every item it writes.

type Key = Record<string, unknown>;
type Input = Record<string, unknown>;

/** Whether an item or key is in DynamoDB's wire form ({ S: … }), as Powertools sends it. */
const isWire = (item: Item | undefined) => !!item && typeof item[KEY.pk] === 'object' && item[KEY.pk] !== null;
const plain = (item: Item | undefined): Item | undefined => (item && isWire(item) ? (unmarshall(item as never) as Item) : item);
const keyOf = (item: Item): Key => ({ [KEY.pk]: item[KEY.pk], [KEY.sk]: item[KEY.sk] });

interface Write {
  key: Key;
  transactional: boolean;
}

function writesOf(command: string, input: Input): Write[] {
  const i = input as {
    Item?: Item;
    Key?: Key;
    TransactItems?: Array<{ Put?: { Item: Item }; Update?: { Key: Key }; Delete?: { Key: Key }; ConditionCheck?: { Key: Key } }>;
    RequestItems?: Record<string, Array<{ PutRequest?: { Item: Item }; DeleteRequest?: { Key: Key } }>>;
  };
  if (command === 'PutItem') return [{ key: keyOf(plain(i.Item)!), transactional: false }];
  if (command === 'UpdateItem' || command === 'DeleteItem') return [{ key: keyOf(plain(i.Key)!), transactional: false }];
  if (command === 'TransactWriteItems') {
    return (i.TransactItems ?? []).map((t) => ({
      key: keyOf(plain(t.Put?.Item ?? t.Update?.Key ?? t.Delete?.Key ?? t.ConditionCheck?.Key)!),
      transactional: true,
    }));
  }
  if (command === 'BatchWriteItem') {
    return Object.values(i.RequestItems ?? {})
      .flat()
      .map((r) => ({ key: keyOf(plain(r.PutRequest?.Item ?? r.DeleteRequest?.Key)!), transactional: false }));
  }
  return [];
}

export interface AwsCharge {
  read: number;
  /** Table and index write units together. */
  write: number;
  /** The index part of `write`. */
  indexWrite: number;
}

export type Snapshot = Array<{ write: Write; before: Item | undefined }>;

/**
 * Prices requests by the rules above. `before` is called with a request about to be sent, `charge`
 * with the same request, its output (or undefined when it failed) and what `before` returned.
 */
export function awsPricer(raw: DynamoDBDocumentClient, tableName: string, indexes: Record<string, IndexShape>) {
  const get = async (key: Key) => (await raw.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
  // Every Query the shop sends goes through the document client, so its values are plain.
  const fullQuery = async (input: Input) => {
    const { ProjectionExpression: _p, Select: _s, ReturnConsumedCapacity: _r, ...rest } = input;
    return (await raw.send(new QueryCommand(rest as never))).Items ?? [];
  };

  const before = async (command: string, input: Input): Promise<Snapshot> =>
    Promise.all(writesOf(command, input).map(async (write) => ({ write, before: await get(write.key) })));

  const charge = async (command: string, input: Input, output: Input | undefined, snapshot: Snapshot): Promise<AwsCharge> => {
    if (snapshot.length > 0) {
      let write = 0;
      let indexWrite = 0;
      const conditionChecks = new Set(
        ((input.TransactItems as Array<{ ConditionCheck?: unknown }> | undefined) ?? []).flatMap((t, n) => (t.ConditionCheck ? [n] : [])),
      );
      for (const [n, s] of snapshot.entries()) {
        const after = output && !conditionChecks.has(n) ? await get(s.write.key) : s.before;
        const c = writeCharge(s.before, after, indexes, { transactional: s.write.transactional, failed: !output });
        write += c.table + c.indexes;
        indexWrite += c.indexes;
      }
      return { read: 0, write, indexWrite };
    }
    const consistent = input.ConsistentRead === true;
    if (command === 'GetItem') {
      const item = input.ProjectionExpression || !output ? await get(plain(input.Key as Key)!) : plain(output.Item as Item | undefined);
      return { read: itemReadUnits(item, { consistent }), write: 0, indexWrite: 0 };
    }
    if (command === 'Query' || command === 'Scan') {
      const items = input.ProjectionExpression || input.Select || !output ? await fullQuery(input) : ((output.Items as Item[] | undefined) ?? []).map((i) => plain(i)!);
      return { read: queryReadUnits(items, { consistent }), write: 0, indexWrite: 0 };
    }
    if (command === 'BatchGetItem' || command === 'TransactGetItems') {
      const transactional = command === 'TransactGetItems';
      const requests =
        command === 'BatchGetItem'
          ? Object.values(input.RequestItems as Record<string, { Keys: Key[]; ConsistentRead?: boolean }>).flatMap((r) => r.Keys.map((k) => ({ key: k, consistent: r.ConsistentRead === true })))
          : (input.TransactItems as Array<{ Get: { Key: Key } }>).map((t) => ({ key: t.Get.Key, consistent: true }));
      let read = 0;
      for (const r of requests) read += itemReadUnits(await get(plain(r.key)!), { consistent: r.consistent, transactional });
      return { read, write: 0, indexWrite: 0 };
    }
    return { read: 0, write: 0, indexWrite: 0 };
  };
  return { before, charge };
}
