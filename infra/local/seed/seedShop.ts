// Fills an empty table with the demo shop: the seed catalog (and, as the shop grows, demo accounts
// and coupons). Safe to run on every start: it only writes what is missing.
import type { Mineral } from '../../../shared/domain/catalog';
import { getMineral, putMinerals } from '../../../shared/db/minerals';
import { SEED_MINERALS, type MineralSeed } from './minerals';

const DAY_MS = 24 * 60 * 60 * 1000;

export function mineralFromSeed(seed: MineralSeed, now = Date.now()): Mineral {
  const createdAt = new Date(now - seed.createdDaysAgo * DAY_MS).toISOString();
  return {
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

/** Seeds the catalog unless it is already there; returns how many minerals were written. */
export async function seedShop(): Promise<{ minerals: number }> {
  const first = SEED_MINERALS[0];
  if (first && (await getMineral(first.id))) return { minerals: 0 };
  const now = Date.now();
  await putMinerals(SEED_MINERALS.map((s) => mineralFromSeed(s, now)));
  return { minerals: SEED_MINERALS.length };
}
