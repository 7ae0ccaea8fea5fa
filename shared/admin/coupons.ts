// The admin's coupons and the Sales page. A coupon is created or edited with its audit record in the
// same transaction; its code is unique whatever its case (a conditional put). Its rules are the
// pricing engine's (shared/domain/promotions.ts), shown to the admin as COUPON_RULES.
import type { AdminCaller } from '../auth/adminAccess';
import { actorOf, auditPut } from '../db/audit';
import {
  getCouponRecord,
  listCouponRecords,
  newCouponPut,
  couponEditUpdate,
  type AdminCouponRecord,
} from '../db/coupons';
import { getMinerals, querySales } from '../db/minerals';
import { getOrderListings } from '../db/orders';
import { transactUnlessConditionFails } from '../db/transact';
import { COUPON_RULES } from '../domain/couponRules';
import { couponRuleProblem, couponScope, couponState, describeCouponBenefit, markdownPrice, type Coupon } from '../domain/promotions';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { SALES_RECENT_DAYS, type CreateCouponBody, type UpdateCouponBody } from '../http/schemas/adminCoupons';

/** A coupon as the console lists it: its rules in full (null for no bound), what it gives in words, its state now. */
export function toAdminCoupon(record: AdminCouponRecord, now: Date) {
  const { coupon, redemptions } = record;
  const scope = couponScope(coupon);
  return {
    code: coupon.code,
    benefit: coupon.benefit,
    description: `${describeCouponBenefit(coupon.benefit)}${scope ? ` on ${scope}` : ''}`,
    minSubtotalCents: coupon.minSubtotalCents ?? 0,
    startsAt: coupon.startsAt ?? null,
    endsAt: coupon.endsAt ?? null,
    maxRedemptions: coupon.maxRedemptions ?? null,
    maxRedemptionsPerCustomer: coupon.maxRedemptionsPerCustomer ?? null,
    categories: [...(coupon.categories ?? [])],
    mineralIds: [...(coupon.mineralIds ?? [])],
    redemptions,
    state: couponState(coupon, redemptions, now),
    createdAt: record.createdAt,
    editedAt: record.editedAt,
  };
}

/** The coupon's rules as the pricing engine reads them, refused with a 400 when they make no sense together or name unknown minerals. */
async function checkCoupon(coupon: Coupon): Promise<void> {
  const problem = couponRuleProblem(coupon);
  if (problem) throw new ValidationError(problem, 'invalid_coupon');
  const ids = coupon.mineralIds ?? [];
  if (ids.length > 0) {
    const found = await getMinerals(ids);
    const unknown = ids.filter((id) => !found.has(id));
    if (unknown.length > 0) throw new ValidationError(`No mineral with id ${unknown.join(', ')}.`, 'unknown_mineral', { details: { mineralIds: unknown } });
  }
}

export async function listCouponsForAdmin(q: { limit: number; cursor?: string | undefined }) {
  const page = await listCouponRecords(q);
  const now = new Date();
  return { items: page.items.map((r) => toAdminCoupon(r, now)), nextCursor: page.nextCursor };
}

/** A coupon with who used it, the orders that did (newest first), its chosen minerals by name, and the engine's rules. */
export async function getCouponForAdmin(code: string) {
  const found = await getCouponRecord(code);
  if (!found) throw new NotFoundError(`No coupon ${code}.`);
  const orderIds = found.redemptions.flatMap((r) => r.orderIds);
  const [listings, minerals] = await Promise.all([getOrderListings(orderIds), getMinerals(found.coupon.coupon.mineralIds ?? [])]);
  return {
    ...toAdminCoupon(found.coupon, new Date()),
    customers: found.redemptions.map(({ customer, times, lastRedeemedAt }) => ({ customer, times, lastRedeemedAt })),
    moreCustomers: found.more,
    orders: listings
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((o) => ({ orderId: o.orderId, number: o.number, status: o.status, email: o.email, createdAt: o.createdAt, totalCents: o.totalCents, discountCents: o.discountCents })),
    minerals: (found.coupon.coupon.mineralIds ?? []).map((id) => ({ id, name: minerals.get(id)?.name ?? id })),
    rules: [...COUPON_RULES],
  };
}

export async function createCouponForAdmin(body: CreateCouponBody, caller: AdminCaller) {
  const coupon: Coupon = { ...body };
  await checkCoupon(coupon);
  const at = new Date().toISOString();
  const record: AdminCouponRecord = { coupon, redemptions: 0, createdAt: at, editedAt: at };
  const result = await transactUnlessConditionFails([
    newCouponPut(coupon, at),
    auditPut({ objectType: 'coupon', objectId: coupon.code, action: 'coupon.create', by: actorOf(caller), at, before: null, after: toAdminCoupon(record, new Date(at)) }),
  ]);
  if (result === 'conditionFailed') throw new ConflictError(`A coupon ${coupon.code} exists already (codes are the same in any case).`, 'coupon_exists', { details: { code: coupon.code } });
  return getCouponForAdmin(coupon.code);
}

/**
 * An admin's edit: any rule but the code (ending a coupon is setting its end to now). A stale
 * expectedEditedAt, or another admin's edit landing first, is a 409 with the coupon as it is now.
 */
export async function updateCouponForAdmin(code: string, body: UpdateCouponBody, caller: AdminCaller) {
  const { expectedEditedAt, ...changes } = body;
  const found = await getCouponRecord(code);
  if (!found) throw new NotFoundError(`No coupon ${code}.`);
  const now = new Date();
  const stale = (record: AdminCouponRecord) =>
    new ConflictError('The coupon changed since you read it; here it is as it is now.', 'stale_coupon', { details: { coupon: toAdminCoupon(record, now) } });
  const before = found.coupon;
  if (before.editedAt !== expectedEditedAt) throw stale(before);
  const after: Coupon = { ...before.coupon, ...changes };
  await checkCoupon(after);
  // Never the same instant twice, so an edit within the same millisecond still moves editedAt.
  const at = new Date(Math.max(now.getTime(), Date.parse(before.editedAt) + 1 || 0)).toISOString();
  const result = await transactUnlessConditionFails([
    couponEditUpdate(after, expectedEditedAt, at),
    auditPut({
      objectType: 'coupon', objectId: before.coupon.code, action: 'coupon.update', by: actorOf(caller), at,
      before: toAdminCoupon(before, now), after: toAdminCoupon({ ...before, coupon: after, editedAt: at }, now),
    }),
  ]);
  if (result === 'conditionFailed') {
    const fresh = await getCouponRecord(code);
    if (!fresh) throw new NotFoundError(`No coupon ${code}.`);
    throw stale(fresh.coupon);
  }
  return getCouponForAdmin(code);
}

/** What is on sale now, what is next, and what ended lately: the minerals with a flash sale (the adminLists index's SALES partition). */
export async function salesForAdmin(now = new Date()) {
  const since = new Date(now.getTime() - SALES_RECENT_DAYS * 86_400_000);
  const minerals = await querySales(since);
  const rows = minerals.flatMap((m) =>
    m.flashSale
      ? [{ mineralId: m.id, name: m.name, status: m.status ?? 'published', priceCents: m.priceCents, salePriceCents: markdownPrice(m.priceCents, m.flashSale.markdown), startsAt: m.flashSale.startsAt, endsAt: m.flashSale.endsAt }]
      : [],
  );
  const t = now.getTime();
  return {
    asOf: now.toISOString(),
    now: rows.filter((r) => Date.parse(r.startsAt) <= t && t < Date.parse(r.endsAt)).sort((a, b) => a.endsAt.localeCompare(b.endsAt)),
    next: rows.filter((r) => t < Date.parse(r.startsAt)).sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
    ended: rows.filter((r) => Date.parse(r.endsAt) <= t).sort((a, b) => b.endsAt.localeCompare(a.endsAt)),
  };
}
