// Catalog use cases: what the public catalog routes do, and how a mineral is shown to a shopper.
import { averageRating, CATEGORIES, type Mineral } from '../domain/catalog';
import { activeSalePrice, markdownPrice } from '../domain/promotions';
import { getPublishedMineral, queryCatalog } from '../db/minerals';
import { NotFoundError } from '../errors';
import { logger } from '../http/logger';
import type { ListMineralsQuery } from '../http/schemas/catalog';

/** What a listing shows of a mineral. */
export function toMineralCard(m: Mineral, now = new Date()) {
  return {
    id: m.id,
    name: m.name,
    category: m.category,
    priceCents: m.priceCents,
    sale: activeSalePrice(m.priceCents, m.flashSale, now),
    bulkTiers: (m.bulkTiers ?? []).map((t) => ({ minQuantity: t.minQuantity, unitPriceCents: markdownPrice(m.priceCents, t.markdown) })),
    currency: m.currency,
    available: m.available,
    image: m.image,
    origin: m.origin,
    mohsHardness: m.mohsHardness,
    weightGrams: m.weightGrams,
    rating: { average: averageRating(m), count: m.ratingCount },
    createdAt: m.createdAt,
  };
}

/** What a product page shows of a mineral. */
export function toMineralDetail(m: Mineral) {
  return { ...toMineralCard(m), description: m.description, quality: m.quality, popularity: m.popularity, updatedAt: m.updatedAt };
}

export async function listMinerals(query: ListMineralsQuery) {
  const page = await queryCatalog(query);
  logger.debug('catalog page', { count: page.items.length, consumedCapacity: page.consumedCapacity });
  const now = new Date();
  return { items: page.items.map((m) => toMineralCard(m, now)), nextCursor: page.nextCursor };
}

export async function getMineralDetail(id: string) {
  // Drafts and archived minerals are the admin's business: to a shopper they do not exist.
  const mineral = await getPublishedMineral(id);
  if (!mineral) throw new NotFoundError(`No mineral with id ${id}.`);
  return toMineralDetail(mineral);
}

export function listCategories() {
  return { items: CATEGORIES.map((c) => ({ id: c.id, name: c.name, description: c.description })) };
}
