// The admin console's contract for minerals and inventory: the catalog as the shop keeper edits it
// (every status, every field a shopper sees), stock receipts and adjustments, the ledger, live holds,
// the last reconciliation run and the audit trail.
import * as z from 'zod';
import { CATEGORY_IDS, MINERAL_STATUSES } from '../../domain/catalog';
import { AUDIT_OBJECT_TYPES } from '../../domain/audit';
import { cursorParam, idSchema, limitParam } from './common';

export const STOCK_FILTERS = ['in_stock', 'low', 'sold_out'] as const;
export const ADMIN_SORTS = ['name_asc', 'name_desc', 'updated_desc'] as const;
export const ADMIN_LIMIT = { default: 25, max: 100 } as const;

const text = (name: string, max: number) => z.string().trim().min(1, `${name} must not be empty`).max(max, `${name} must be at most ${max} characters`);
const cents = (name: string) => z.number().int(`${name} must be whole cents`).min(0, `${name} must be 0 or more`).max(100_000_000, `${name} is too large`);
const adminLimit = limitParam(ADMIN_LIMIT);
const instant = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time' });

// — requests —

export const adminListMineralsQuery = z.strictObject({
  q: z.string().trim().toLowerCase().max(100, 'q is too long').optional().describe('Name starts with this (case-insensitive)'),
  category: z.enum(CATEGORY_IDS, { error: `category must be one of: ${CATEGORY_IDS.join(', ')}` }).optional(),
  status: z.enum(MINERAL_STATUSES, { error: `status must be one of: ${MINERAL_STATUSES.join(', ')}` }).optional(),
  stock: z.enum(STOCK_FILTERS, { error: `stock must be one of: ${STOCK_FILTERS.join(', ')}` }).optional().describe('low: available ≤ lowStockThreshold but not 0'),
  sort: z.enum(ADMIN_SORTS, { error: `sort must be one of: ${ADMIN_SORTS.join(', ')}` }).optional().transform((v) => v ?? 'name_asc'),
  cursor: cursorParam,
  limit: adminLimit,
});
export type AdminListMineralsQuery = z.infer<typeof adminListMineralsQuery>;

export const markdownSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('price'), unitPriceCents: cents('unitPriceCents') }),
  z.strictObject({ kind: z.literal('percent-off'), bp: z.number().int().min(1, 'bp must be at least 1').max(10_000, 'bp must be at most 10000 (100%)') }),
]);

export const flashSaleInput = z
  .strictObject({ markdown: markdownSchema, startsAt: instant, endsAt: instant })
  .refine((s) => Date.parse(s.startsAt) < Date.parse(s.endsAt), { message: 'startsAt must be before endsAt', path: ['endsAt'] });

export const bulkTierInput = z.strictObject({ minQuantity: z.number().int().min(2, 'minQuantity must be at least 2').max(1000), markdown: markdownSchema });

export const dimensionsSchema = z.strictObject({
  lengthMm: z.number().positive().max(10_000),
  widthMm: z.number().positive().max(10_000),
  heightMm: z.number().positive().max(10_000),
});

const mineralFields = {
  name: text('name', 120),
  category: z.enum(CATEGORY_IDS, { error: `category must be one of: ${CATEGORY_IDS.join(', ')}` }),
  description: text('description', 5000),
  quality: text('quality', 2000).describe('Quality notes: clarity, damage, repairs, matrix, grade'),
  origin: text('origin', 200).describe('Locality, country'),
  mohsHardness: z.number().min(1, 'mohsHardness must be from 1 to 10').max(10, 'mohsHardness must be from 1 to 10'),
  weightGrams: z.number().int('weightGrams must be whole grams').min(1).max(1_000_000),
  dimensions: dimensionsSchema.nullable(),
  priceCents: cents('priceCents').min(1, 'priceCents must be more than 0'),
  lowStockThreshold: z.number().int().min(0).max(10_000),
  flashSale: flashSaleInput.nullable(),
  bulkTiers: z.array(bulkTierInput).max(10),
  status: z.enum(MINERAL_STATUSES, { error: `status must be one of: ${MINERAL_STATUSES.join(', ')}` }),
  featured: z.boolean(),
};

export const createMineralBody = z.strictObject({
  ...mineralFields,
  id: idSchema.optional().describe('Made from the name when left out'),
  dimensions: mineralFields.dimensions.optional().transform((v) => v ?? null),
  lowStockThreshold: mineralFields.lowStockThreshold.optional().transform((v) => v ?? 1),
  flashSale: mineralFields.flashSale.optional().transform((v) => v ?? null),
  bulkTiers: mineralFields.bulkTiers.optional().transform((v) => v ?? []),
  status: mineralFields.status.optional().transform((v) => v ?? 'draft'),
  featured: mineralFields.featured.optional().transform((v) => v ?? false),
  initialStock: z.number().int().min(0).max(100_000).optional().transform((v) => v ?? 0),
  unitCostCents: cents('unitCostCents').optional(),
});
export type CreateMineralBody = z.infer<typeof createMineralBody>;

export const updateMineralBody = z
  .strictObject({
    ...Object.fromEntries(Object.entries(mineralFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof mineralFields]: z.ZodOptional<(typeof mineralFields)[K]>;
    },
    expectedUpdatedAt: z.string().min(1).max(64).describe('The updatedAt you read; another change since → 409 with the fresh mineral'),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'expectedUpdatedAt'), { message: 'Nothing to change' });
export type UpdateMineralBody = z.infer<typeof updateMineralBody>;

export const adminMineralParams = z.strictObject({ id: idSchema });

export const stockChangeBody = z
  .strictObject({
    kind: z.enum(['receipt', 'adjustment'], { error: 'kind must be receipt or adjustment' }),
    delta: z.number().int('delta must be whole units').min(-100_000).max(100_000),
    reason: z.string().trim().max(500).optional(),
    unitCostCents: cents('unitCostCents').optional(),
  })
  .refine((b) => b.delta !== 0, { message: 'delta must not be 0', path: ['delta'] })
  .refine((b) => b.kind !== 'receipt' || b.delta > 0, { message: 'a receipt adds units: delta must be more than 0', path: ['delta'] })
  .refine((b) => b.kind !== 'adjustment' || (b.reason !== undefined && b.reason.length > 0), { message: 'an adjustment needs a reason', path: ['reason'] });
export type StockChangeBody = z.infer<typeof stockChangeBody>;

export const pageQuery = z.strictObject({ cursor: cursorParam, limit: adminLimit });

export const auditQuery = z
  .strictObject({
    objectType: z
      .enum(AUDIT_OBJECT_TYPES, { error: `objectType must be one of: ${AUDIT_OBJECT_TYPES.join(', ')}` })
      .optional()
      .describe('With objectId: that object’s history. Alone: the whole log narrowed to this kind'),
    objectId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,79}$/, 'objectId must be an id or a coupon code (letters, digits and hyphens)')
      .optional(),
    by: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,128}$/, 'by must be an admin’s Cognito subject')
      .optional()
      .describe('The whole log narrowed to one admin’s changes'),
    cursor: cursorParam,
    limit: adminLimit,
  })
  .refine((q) => q.objectId === undefined || q.objectType !== undefined, { message: 'objectId needs its objectType', path: ['objectId'] })
  .refine((q) => q.objectId === undefined || q.by === undefined, { message: 'by narrows the whole log, not one object’s history', path: ['by'] });
export type AuditQuery = z.infer<typeof auditQuery>;

// — responses —

const nextCursor = z.string().nullable().describe('Pass as `cursor` to get the next page; null on the last page.');

export const adminMineralSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  category: z.enum(CATEGORY_IDS),
  status: z.enum(MINERAL_STATUSES),
  featured: z.boolean(),
  priceCents: z.number().int(),
  available: z.number().int(),
  held: z.number().int(),
  lowStockThreshold: z.number().int(),
  image: z.string().describe('The main picture'),
  updatedAt: z.string(),
});

export const adminMineralPageSchema = z.object({ items: z.array(adminMineralSummarySchema), nextCursor });

export const adminMineralSchema = adminMineralSummarySchema.extend({
  description: z.string(),
  quality: z.string(),
  origin: z.string(),
  mohsHardness: z.number(),
  weightGrams: z.number().int(),
  dimensions: z.object({ lengthMm: z.number(), widthMm: z.number(), heightMm: z.number() }).nullable(),
  currency: z.literal('USD'),
  flashSale: z.object({ markdown: markdownSchema, startsAt: z.string(), endsAt: z.string() }).nullable(),
  bulkTiers: z.array(z.object({ minQuantity: z.number().int(), markdown: markdownSchema })),
  sold: z.number().int(),
  returned: z.number().int(),
  received: z.number().int(),
  popularity: z.number().int(),
  createdAt: z.string(),
});

const actorSchema = z.object({ sub: z.string(), email: z.string().nullable() });

export const ledgerEntrySchema = z.object({
  id: z.string(),
  kind: z.string().describe('initial, receipt or adjustment (the stock received); sale or return (an order’s units leaving or coming back)'),
  delta: z.number().int(),
  reason: z.string(),
  unitCostCents: z.number().int().nullable(),
  by: actorSchema.nullable().describe('The admin who wrote it; null for seeded stock and for sales and returns (see order)'),
  order: z.object({ orderId: z.string(), number: z.string() }).nullable().describe('The order of a sale or return; null otherwise'),
  at: z.string(),
});

export const ledgerPageSchema = z.object({ items: z.array(ledgerEntrySchema), nextCursor });

export const stockChangeResultSchema = z.object({ mineral: adminMineralSchema, entry: ledgerEntrySchema });

export const mineralHoldsSchema = z.object({
  mineralId: z.string(),
  units: z.number().int().describe('Units held in carts now'),
  carts: z.number().int(),
  earliestExpiry: z.string().nullable(),
  lines: z.array(z.object({ cartId: z.string(), quantity: z.number().int(), expiresAt: z.string() })),
});

export const reconciliationSchema = z.object({
  run: z
    .object({
      id: z.string(),
      at: z.string(),
      mineralsChecked: z.number().int(),
      report: z.record(z.string(), z.unknown()).describe('The job’s report as it wrote it, e.g. drifts: findings per mineral'),
    })
    .nullable()
    .describe('null until the job has run once'),
});

export const auditRecordSchema = z.object({
  id: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  action: z.string(),
  by: actorSchema,
  at: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});

export const auditPageSchema = z.object({ items: z.array(auditRecordSchema), nextCursor });
