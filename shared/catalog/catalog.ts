// Catalog use cases: what the public catalog routes do, and how a mineral is shown to a shopper.
import { averageRating, CATEGORIES, type CatalogCard, type Mineral } from '../domain/catalog';
import { activeSalePrice, markdownPrice } from '../domain/promotions';
import { listMineralImages, type MineralImage } from '../db/mineralImages';
import { getPublishedMineralShelf, queryCatalog } from '../db/minerals';
import { listHoldsOfMineral } from '../db/holds';
import { PHOTO_SIZES, type PhotoSize } from '../domain/photos';
import { NotFoundError } from '../errors';
import { logger } from '../logger';
import type { ListMineralsQuery } from '../http/schemas/catalog';

/** The sizes of an uploaded photo, with their widths for `srcset`; null when there are none. */
function photoOf(sizes: Partial<Record<PhotoSize, string>> | undefined, alt: string) {
  if (!sizes?.card) return null;
  return {
    alt,
    src: sizes.card,
    srcset: (Object.keys(PHOTO_SIZES) as PhotoSize[]).flatMap((size) => (sizes[size] ? [`${sizes[size]} ${PHOTO_SIZES[size]}w`] : [])).join(', '),
    thumb: sizes.thumb ?? sizes.card,
    full: sizes.full ?? sizes.card,
  };
}

/** What a listing shows of a mineral. */
export function toMineralCard(m: CatalogCard, now = new Date()) {
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
    photo: photoOf(m.mainImage?.sizes, ''),
    origin: m.origin,
    mohsHardness: m.mohsHardness,
    weightGrams: m.weightGrams,
    rating: { average: averageRating(m), count: m.ratingCount },
    createdAt: m.createdAt,
  };
}

/**
 * What a product page shows of a mineral: with its uploaded photos (ready ones, in order), the main one
 * first, and, when none is on the shelf because shoppers' carts hold them, until when they are held.
 */
export function toMineralDetail(m: Mineral, images: readonly MineralImage[] = [], heldUntil: string | null = null) {
  const ready = images.filter((i) => i.status === 'ready');
  const ordered = [...ready.filter((i) => i.main), ...ready.filter((i) => !i.main)];
  return {
    ...toMineralCard(m),
    description: m.description,
    quality: m.quality,
    popularity: m.popularity,
    updatedAt: m.updatedAt,
    photos: ordered.flatMap((i) => photoOf(i.sizes, i.alt || `${m.name}, ${m.origin}`) ?? []),
    dimensions: m.dimensions ? { lengthMm: m.dimensions.lengthMm, widthMm: m.dimensions.widthMm, heightMm: m.dimensions.heightMm } : null,
    heldUntil,
  };
}

export async function listMinerals(query: ListMineralsQuery) {
  const page = await queryCatalog(query);
  logger.debug('catalog page', { count: page.items.length, consumedCapacity: page.consumedCapacity });
  const now = new Date();
  return { items: page.items.map((m) => toMineralCard(m, now)), nextCursor: page.nextCursor };
}

export async function getMineralDetail(id: string) {
  // Drafts and archived minerals are the admin's business: to a shopper they do not exist.
  const [shelf, images] = await Promise.all([getPublishedMineralShelf(id), listMineralImages(id)]);
  if (!shelf) throw new NotFoundError(`No mineral with id ${id}.`);
  const { mineral, held } = shelf;
  // None on the shelf but some in carts: say until when they are held (one Query of the sparse holds
  // index; a specimen that simply sold costs nothing more).
  const holds = mineral.available <= 0 && held > 0 ? await listHoldsOfMineral(id) : [];
  const heldUntil = holds.map((h) => h.expiresAt).sort().at(-1) ?? null;
  return toMineralDetail(mineral, images, heldUntil);
}

export function listCategories() {
  return { items: CATEGORIES.map((c) => ({ id: c.id, name: c.name, description: c.description })) };
}
