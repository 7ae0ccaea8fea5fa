// Fills an empty table with the demo shop: the seed catalog, the demo shopper and demo coupons
// (and more as the shop grows). Safe to run on every start: it only writes what is missing.
import type { Mineral } from '../../../shared/domain/catalog';
import { getMineral, putMinerals } from '../../../shared/db/minerals';
import { SEED_MINERALS, type MineralSeed } from './minerals';
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../../shared/auth/passwords';
import { createUser, findUserByLogin } from '../../../shared/db/users';
import { putCoupon } from '../../../shared/db/coupons';
import type { BulkTier, Coupon, Markdown } from '../../../shared/domain/promotions';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Demo promotions, so the site shows them from the first start: a few flash sales running for the
 * next month, and quantity breaks on minerals people buy by the handful.
 */
const DEMO_FLASH_SALES: Record<string, Markdown> = {
  'amethyst-geode-artigas': { kind: 'percent-off', bp: 2_000 },
  'fluorite-cave-in-rock': { kind: 'price', unitPriceCents: 19_900 },
  'rose-quartz-tumbled-madagascar': { kind: 'percent-off', bp: 2_500 },
};
const DEMO_BULK_TIERS: Record<string, BulkTier[]> = {
  'rose-quartz-tumbled-madagascar': [{ minQuantity: 5, markdown: { kind: 'percent-off', bp: 3_000 } }],
  'halite-searles-lake': [{ minQuantity: 3, markdown: { kind: 'percent-off', bp: 1_500 } }],
};

export function mineralFromSeed(seed: MineralSeed, now = Date.now()): Mineral {
  const createdAt = new Date(now - seed.createdDaysAgo * DAY_MS).toISOString();
  const sale = DEMO_FLASH_SALES[seed.id];
  const tiers = DEMO_BULK_TIERS[seed.id];
  return {
    ...(sale ? { flashSale: { markdown: sale, startsAt: new Date(now - DAY_MS).toISOString(), endsAt: new Date(now + 30 * DAY_MS).toISOString() } } : {}),
    ...(tiers ? { bulkTiers: tiers } : {}),
    id: seed.id,
    name: seed.name,
    category: seed.category,
    description: seed.description,
    quality: seed.quality,
    origin: seed.origin,
    mohsHardness: seed.mohsHardness,
    weightGrams: seed.weightGrams,
    priceCents: seed.priceCents,
    currency: 'USD',
    available: seed.stock,
    image: `/images/minerals/${seed.id}.svg`,
    popularity: seed.popularity,
    ratingCount: 0,
    ratingSum: 0,
    createdAt,
    updatedAt: createdAt,
  };
}

/** The demo shopper whose credentials `npm start` prints. Local only. */
export const DEMO_SHOPPER = { username: 'demo', email: 'demo@mineral-shop.local', password: 'quartz-and-feldspar', name: 'Demo Shopper' } as const;

async function seedDemoShopper(now: Date): Promise<void> {
  if (await findUserByLogin(DEMO_SHOPPER.username)) return;
  await createUser({
    userId: randomUUID(),
    username: DEMO_SHOPPER.username,
    email: DEMO_SHOPPER.email,
    name: DEMO_SHOPPER.name,
    passwordHash: await hashPassword(DEMO_SHOPPER.password),
    addresses: [{ id: 'home', name: DEMO_SHOPPER.name, line1: '1 Quartz Way', city: 'Denver', region: 'CO', postalCode: '80202', country: 'US' }],
    defaultAddressId: 'home',
    // On the promotion list, so a campaign sent from the console reaches someone (the mail viewer shows it).
    preferences: { promotionalEmail: true, restockAlerts: true },
    disabled: false,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  });
}

/** The demo coupons: valid from a day ago to a year from `now`, with generous limits. */
export function demoCoupons(now: Date): Coupon[] {
  const window = { startsAt: new Date(now.getTime() - DAY_MS).toISOString(), endsAt: new Date(now.getTime() + 365 * DAY_MS).toISOString() };
  const limits = { maxRedemptions: 10_000, maxRedemptionsPerCustomer: 5 };
  return [
    { code: 'WELCOME10', benefit: { kind: 'percent', bp: 1_000 }, minSubtotalCents: 0, ...window, ...limits },
    { code: 'SHIPFREE', benefit: { kind: 'free-shipping' }, minSubtotalCents: 0, ...window, ...limits },
    { code: 'BIG50', benefit: { kind: 'fixed', amountCents: 5_000 }, minSubtotalCents: 30_000, ...window, ...limits },
  ];
}

/** Writes the demo coupons that are missing; an existing coupon (and its redemptions) is left alone. */
async function seedDemoCoupons(now: Date): Promise<void> {
  for (const coupon of demoCoupons(now)) await putCoupon(coupon, { ifAbsent: true, now });
}

/** Seeds what is missing: the catalog, the demo shopper and the demo coupons. Returns how many minerals were written. */
export async function seedShop(): Promise<{ minerals: number }> {
  await seedDemoShopper(new Date());
  await seedDemoCoupons(new Date());
  const first = SEED_MINERALS[0];
  if (first && (await getMineral(first.id))) return { minerals: 0 };
  const now = Date.now();
  await putMinerals(SEED_MINERALS.map((s) => mineralFromSeed(s, now)));
  return { minerals: SEED_MINERALS.length };
}
