// The catalog's vocabulary: what a mineral is, how it is categorised and how a listing is asked for.
// Pure: no SDK, HTTP or database here.
import type { BulkTier, FlashSale } from './promotions';

// Stryker disable all: data, not rules — the shop's categories and their descriptions; a mutated entry is a wrong fact, which a test restating the table could not judge. The rules that read it are tested (test/unit/catalogQuerySchema.test.ts).
export const CATEGORIES = [
  { id: 'native-elements', name: 'Native elements', description: 'Metals and non-metals found uncombined: gold, copper, sulfur, graphite.' },
  { id: 'sulfides', name: 'Sulfides', description: 'Metal sulfides and sulfosalts, often metallic and heavy: pyrite, galena, stibnite.' },
  { id: 'halides', name: 'Halides', description: 'Minerals built on fluorine, chlorine and their kin: fluorite, halite.' },
  { id: 'oxides', name: 'Oxides', description: 'Oxides and hydroxides: hematite, corundum, rutile, cassiterite.' },
  { id: 'carbonates', name: 'Carbonates', description: 'Carbonate minerals, usually soft and often colourful: calcite, rhodochrosite, malachite.' },
  { id: 'borates', name: 'Borates', description: 'Boron-bearing minerals from dry lake beds and pegmatites: ulexite, colemanite.' },
  { id: 'sulfates', name: 'Sulfates', description: 'Sulfates and their relatives: barite, celestine, gypsum, crocoite.' },
  { id: 'phosphates', name: 'Phosphates', description: 'Phosphates, arsenates and vanadates: apatite, vanadinite, pyromorphite.' },
  { id: 'silicates', name: 'Silicates', description: 'The largest class: quartz, feldspars, garnets, tourmaline, beryl.' },
] as const;
// Stryker restore all

export type CategoryId = (typeof CATEGORIES)[number]['id'];
export const CATEGORY_IDS = CATEGORIES.map((c) => c.id) as [CategoryId, ...CategoryId[]];

export const SORTS = ['price_asc', 'price_desc', 'popular', 'newest', 'rating'] as const;
export type Sort = (typeof SORTS)[number];
export const DEFAULT_SORT: Sort = 'popular';

export const LISTING_LIMIT = { default: 24, max: 100 } as const;

/** Only published minerals are shown to shoppers; drafts are being written, archived ones are retired. */
export const MINERAL_STATUSES = ['draft', 'published', 'archived'] as const;
export type MineralStatus = (typeof MINERAL_STATUSES)[number];

export interface Dimensions {
  lengthMm: number;
  widthMm: number;
  heightMm: number;
}

/** A mineral specimen as the shop sells it. Money is integer minor units. */
export interface Mineral {
  id: string;
  name: string;
  category: CategoryId;
  /** What the mineral is and what this specimen looks like. */
  description: string;
  /** Purity and quality: clarity, damage, repairs, matrix, grade. */
  quality: string;
  /** Locality, country. */
  origin: string;
  mohsHardness: number;
  weightGrams: number;
  priceCents: number;
  currency: 'USD';
  /** Units that can still be put in a cart. */
  available: number;
  /** Path of the specimen's picture on the site, e.g. /images/minerals/pyrite.svg */
  image: string;
  /** Units sold, all time; drives the `popular` sort. */
  popularity: number;
  ratingCount: number;
  /** Sum of all ratings; the average is ratingSum / ratingCount. */
  ratingSum: number;
  createdAt: string;
  updatedAt: string;
  /** A time-boxed markdown (see promotions.ts); null when none. */
  flashSale?: FlashSale | null;
  /** Quantity breaks, best first or in any order; empty when none. */
  bulkTiers?: BulkTier[];
  /** The main uploaded photo's sizes (site paths), for the cards; absent: the generated `image` is shown. */
  mainImage?: { imageId: string; sizes: Partial<Record<'thumb' | 'card' | 'full', string>> } | null;
  /** Missing on minerals stored before statuses existed: those are published. */
  status?: MineralStatus;
  featured?: boolean;
  /** The admin's list flags a mineral as low at or below this many available units. */
  lowStockThreshold?: number;
  dimensions?: Dimensions | null;
}

/** What a listing's card shows of a mineral: all a catalog index entry carries (shared/db/table.ts). */
export const CARD_FIELDS = [
  'id', 'name', 'category', 'priceCents', 'currency', 'flashSale', 'bulkTiers', 'image', 'mainImage',
  'origin', 'mohsHardness', 'weightGrams', 'ratingCount', 'ratingSum', 'createdAt', 'available',
] as const satisfies readonly (keyof Mineral)[];

/** A mineral as a listing knows it; `available` is the listed shelf (exact up to a cap: shared/domain/inventory.ts). */
export type CatalogCard = Pick<Mineral, (typeof CARD_FIELDS)[number]>;

/** Whether shoppers may see (and buy) the mineral. */
export function isPublished(m: Pick<Mineral, 'status'>): boolean {
  return (m.status ?? 'published') === 'published';
}

/** Average rating to one decimal, or null when nobody has rated it yet. */
export function averageRating(m: Pick<Mineral, 'ratingCount' | 'ratingSum'>): number | null {
  if (m.ratingCount === 0) return null;
  return Math.round((m.ratingSum / m.ratingCount) * 10) / 10;
}
