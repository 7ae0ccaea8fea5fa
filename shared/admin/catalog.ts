// The admin's catalog and inventory use cases: minerals in every status, stock receipts and
// adjustments, the ledger, live holds and the audit trail. Every write carries its audit record in
// the same transaction (shared/db/audit.ts).
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AdminCaller } from '../auth/adminAccess';
import type { Mineral } from '../domain/catalog';
import type { StockCounters } from '../domain/inventory';
import { actorOf, auditPut, queryAudit } from '../db/audit';
import { tableName } from '../db/client';
import { retryRaces } from '../db/conflicts';
import { transactUnlessConditionFails } from '../db/transact';
import { listHoldsOfMineral } from '../db/holds';
import { latestReconciliationRun } from '../db/reconciliation';
import { ledgerEntryItem, queryLedger, toLedgerView } from '../db/ledger';
import {
  getMineralWithCounters,
  mineralEdit,
  newMineralPuts,
  queryMineralsForAdmin,
  stockReceiptUpdate,
} from '../db/minerals';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type {
  AdminListMineralsQuery,
  CreateMineralBody,
  StockChangeBody,
  UpdateMineralBody,
} from '../http/schemas/adminCatalog';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Where a mineral without an uploaded photo points its card. */
export const PLACEHOLDER_IMAGE = '/images/minerals/placeholder.svg';


/** What the admin console sees of a mineral: every field plus its stock counters. */
export function toAdminMineral(m: Mineral, c: StockCounters) {
  return {
    id: m.id,
    name: m.name,
    category: m.category,
    status: m.status ?? 'published',
    featured: m.featured ?? false,
    priceCents: m.priceCents,
    available: c.available,
    held: c.held,
    lowStockThreshold: m.lowStockThreshold ?? 1,
    image: m.image,
    updatedAt: m.updatedAt,
    description: m.description,
    quality: m.quality,
    origin: m.origin,
    mohsHardness: m.mohsHardness,
    weightGrams: m.weightGrams,
    dimensions: m.dimensions ?? null,
    currency: m.currency,
    flashSale: m.flashSale ?? null,
    bulkTiers: m.bulkTiers ?? [],
    sold: c.sold,
    returned: c.returned,
    received: c.received,
    popularity: m.popularity,
    createdAt: m.createdAt,
  };
}

function toAdminSummary(m: Mineral, c: StockCounters) {
  const { id, name, category, status, featured, priceCents, available, held, lowStockThreshold, image, updatedAt } = toAdminMineral(m, c);
  return { id, name, category, status, featured, priceCents, available, held, lowStockThreshold, image, updatedAt };
}

const transact = transactUnlessConditionFails;

async function readMineral(id: string) {
  const found = await getMineralWithCounters(id);
  if (!found) throw new NotFoundError(`No mineral with id ${id}.`);
  return found;
}

const slug = (name: string) =>
  name.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().toLowerCase().replace(/[\s_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);

export async function listMineralsForAdmin(q: AdminListMineralsQuery) {
  const page = await queryMineralsForAdmin({ ...q, descending: q.sort === 'name_desc' });
  return { items: page.items.map(({ mineral, counters }) => toAdminSummary(mineral, counters)), nextCursor: page.nextCursor };
}

export async function getMineralForAdmin(id: string) {
  const { mineral, counters } = await readMineral(id);
  return toAdminMineral(mineral, counters);
}

export async function createMineralForAdmin(body: CreateMineralBody, caller: AdminCaller) {
  const id = body.id ?? slug(body.name);
  if (!/^[a-z0-9][a-z0-9-]{0,79}$/.test(id)) throw new ValidationError('name gives no usable id: send an id of lowercase letters, digits and hyphens.');
  const { initialStock, unitCostCents, id: _id, ...fields } = body;
  const at = new Date().toISOString();
  const mineral: Mineral = { ...fields, id, currency: 'USD', available: initialStock, image: PLACEHOLDER_IMAGE, popularity: 0, ratingCount: 0, ratingSum: 0, createdAt: at, updatedAt: at };
  const counters = { available: initialStock, held: 0, sold: 0, returned: 0, received: initialStock };
  const by = actorOf(caller);
  const items: TransactItem[] = [
    ...newMineralPuts(mineral),
    auditPut({ objectType: 'mineral', objectId: id, action: 'mineral.create', by, at, before: null, after: toAdminMineral(mineral, counters) }),
  ];
  if (initialStock > 0) {
    items.push({ Put: { TableName: tableName, Item: ledgerEntryItem(id, { kind: 'initial', delta: initialStock, reason: 'initial stock', at, by, ...(unitCostCents !== undefined ? { unitCostCents } : {}) }) } });
  }
  if ((await transact(items)) === 'conditionFailed') throw new ConflictError(`A mineral with id ${id} exists already.`, 'mineral_exists', { details: { id } });
  return toAdminMineral(mineral, counters);
}

/** A new updatedAt strictly after the old one, so two edits in one millisecond still differ. */
const laterThan = (previous: string, now: string) => (now > previous ? now : new Date(Date.parse(previous) + 1).toISOString());

export async function updateMineralForAdmin(id: string, body: UpdateMineralBody, caller: AdminCaller) {
  const { expectedUpdatedAt, ...changes } = body;
  const { mineral: before, counters } = await readMineral(id);
  const stale = () => new ConflictError('The mineral changed since you read it; here it is as it is now.', 'stale_mineral', { details: { mineral: toAdminMineral(before, counters) } });
  if (before.updatedAt !== expectedUpdatedAt) throw stale();
  const at = new Date().toISOString();
  const after: Mineral = { ...before, ...changes, updatedAt: laterThan(before.updatedAt, at) };
  const by = actorOf(caller);
  const result = await transact([
    ...mineralEdit(before, after),
    auditPut({ objectType: 'mineral', objectId: id, action: 'mineral.update', by, at, before: toAdminMineral(before, counters), after: toAdminMineral(after, counters) }),
  ]);
  if (result === 'conditionFailed') {
    const fresh = await readMineral(id);
    throw new ConflictError('The mineral changed since you read it; here it is as it is now.', 'stale_mineral', { details: { mineral: toAdminMineral(fresh.mineral, fresh.counters) } });
  }
  return getMineralForAdmin(id);
}

/**
 * A receipt (units in) or an adjustment (units in or out, with a reason): the counters, the ledger
 * entry and the audit record in one transaction, conditional so `available` never goes negative —
 * units held in carts cannot be written down here. A mineral back from sold out tells its watchers.
 */
export async function changeStock(id: string, body: StockChangeBody, caller: AdminCaller) {
  const by = actorOf(caller);
  // Shoppers took units meanwhile: read again (the check below answers 409 if the change no longer fits).
  return retryRaces(async () => {
    const { counters } = await readMineral(id);
    if (counters.available + body.delta < 0) {
      throw new ConflictError(`Only ${counters.available} units are on the shelf (the rest are held in carts); you cannot take ${-body.delta}.`, 'insufficient_stock', {
        details: { available: counters.available },
      });
    }
    const at = new Date().toISOString();
    const entry = { kind: body.kind, delta: body.delta, reason: body.reason ?? 'receipt', at, by, ...(body.unitCostCents !== undefined ? { unitCostCents: body.unitCostCents } : {}) };
    const ledgerItem = ledgerEntryItem(id, entry);
    const after = { ...counters, available: counters.available + body.delta, received: counters.received + body.delta };
    const result = await transact([
      stockReceiptUpdate(id, body.delta),
      { Put: { TableName: tableName, Item: ledgerItem } },
      auditPut({ objectType: 'mineral', objectId: id, action: `stock.${body.kind}`, by, at, before: counters, after: { ...after, ledgerEntryId: ledgerItem.entryId } }),
    ]);
    if (result !== 'done') throw new StockChangedError();
    // Back from sold out, the watchers are mailed from the table's stream (shared/admin/restock.ts).
    const now = await readMineral(id);
    return { mineral: toAdminMineral(now.mineral, now.counters), entry: toLedgerView(ledgerItem) };
  }, {
    lost: (error) => error instanceof StockChangedError,
    exhausted: (cause) => new ConflictError('The stock kept changing; try again.', 'stock_busy', { cause }),
  });
}

/** The mineral's counters changed between reading them and writing the change. */
class StockChangedError extends Error {
  override name = 'StockChangedError';
}

export async function ledgerForAdmin(id: string, page: { limit: number; cursor?: string | undefined }) {
  await readMineral(id);
  return queryLedger(id, page);
}

export async function holdsForAdmin(id: string) {
  await readMineral(id);
  const lines = await listHoldsOfMineral(id);
  const expiries = lines.map((l) => l.expiresAt).sort();
  return {
    mineralId: id,
    units: lines.reduce((n, l) => n + l.quantity, 0),
    carts: new Set(lines.map((l) => l.cartId)).size,
    earliestExpiry: expiries[0] ?? null,
    lines,
  };
}

export function auditForAdmin(q: { objectType?: string | undefined; objectId?: string | undefined; by?: string | undefined; limit: number; cursor?: string | undefined }) {
  return queryAudit(q);
}

export async function reconciliationForAdmin() {
  return { run: await latestReconciliationRun() };
}
