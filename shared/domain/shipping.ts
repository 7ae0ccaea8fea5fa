// Shipping: which zone a destination is in, what a parcel of a given weight costs to it by each
// method, and when standard shipping is free. Pure data and lookups; pricing.ts applies them.

import { assertWhole, type Cents } from './money';

export const SHIPPING_METHODS = ['standard', 'express'] as const;
export type ShippingMethod = (typeof SHIPPING_METHODS)[number];

export const SHIPPING_ZONES = ['us-contiguous', 'us-remote', 'canada-mexico', 'europe', 'international'] as const;
export type ShippingZone = (typeof SHIPPING_ZONES)[number];

/** Where an order goes: ISO 3166-1 alpha-2 country; for US and CA the state or province code. */
export interface Destination {
  country: string;
  region?: string | null;
}

/** The 50 states and DC. Alaska and Hawaii ship at remote rates. */
// Stryker disable all: data, not rules — the shop's list of US states; a mutated entry is a wrong fact, which a test restating the table could not judge. The rules that read it are tested (test/unit/shippingRules.test.ts).
export const US_STATES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS',
  'KY', 'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC',
  'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY',
] as const;
// Stryker restore all
const US_REMOTE_STATES: ReadonlySet<string> = new Set(['AK', 'HI']);

/** Canadian provinces and territories: Canadian tax depends on them, so a CA address needs one. */
// Stryker disable all: data, not rules — the shop's list of Canadian provinces; a mutated entry is a wrong fact, which a test restating the table could not judge. The rules that read it are tested (test/unit/shippingRules.test.ts).
export const CA_PROVINCES = ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'] as const;
// Stryker restore all

/** Countries the shop ships to, outside the US, by zone. Anything else is not a destination. */
// Stryker disable all: data, not rules — the shop's destinations by zone; a mutated entry is a wrong fact, which a test restating the table could not judge. The rules that read it are tested (test/unit/shippingRules.test.ts).
const COUNTRY_ZONES: Readonly<Record<string, ShippingZone>> = {
  CA: 'canada-mexico',
  MX: 'canada-mexico',
  ...Object.fromEntries(
    [
      'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU',
      'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'GB', 'CH', 'NO', 'IS',
    ].map((c) => [c, 'europe' as const]),
  ),
  ...Object.fromEntries(['AU', 'NZ', 'JP', 'KR', 'SG', 'HK', 'TW', 'IL', 'AE'].map((c) => [c, 'international' as const])),
};
// Stryker restore all

/** How each zone is named to a shopper, and what it covers. */
// Stryker disable all: data, not rules — the shop's zone names as shoppers read them; a mutated entry is a wrong fact, which a test restating the table could not judge. The rules that read it are tested (test/unit/shippingRules.test.ts).
export const ZONE_DESCRIPTIONS: Readonly<Record<ShippingZone, { name: string; covers: string }>> = {
  'us-contiguous': { name: 'United States', covers: 'The 48 contiguous states and Washington, DC' },
  'us-remote': { name: 'Alaska and Hawaii', covers: 'The two states outside the contiguous US, by air' },
  'canada-mexico': { name: 'Canada and Mexico', covers: 'Canada (every province and territory) and Mexico' },
  europe: { name: 'Europe', covers: 'The EU, the United Kingdom, Switzerland, Norway and Iceland' },
  international: { name: 'Rest of the world', covers: 'Australia, New Zealand, Japan, South Korea, Singapore, Hong Kong, Taiwan, Israel and the United Arab Emirates' },
};
// Stryker restore all

/** The countries outside the US that ship in `zone` (ISO codes, sorted). */
export function countriesIn(zone: ShippingZone): string[] {
  return Object.entries(COUNTRY_ZONES)
    .filter(([, z]) => z === zone)
    .map(([country]) => country)
    .sort();
}

/** One rate card: a price per weight band (each up to and including its grams), then per extra kg. */
export interface RateCard {
  bands: readonly { upToGrams: number; cents: Cents }[];
  /** Above the heaviest band: this much for every started kilogram over it. Minerals are heavy. */
  perExtraKgCents: Cents;
}

export interface ShippingTable {
  /** Padding and box added to every parcel, in grams. */
  packagingGrams: number;
  rates: Readonly<Record<ShippingZone, Readonly<Record<ShippingMethod, RateCard>>>>;
  /**
   * Standard shipping is free in a zone when the order's goods subtotal (at effective prices, before
   * any coupon) reaches this; zones without an entry have no threshold.
   */
  freeShippingMinSubtotalCents: Readonly<Partial<Record<ShippingZone, Cents>>>;
}

const BAND_GRAMS = [500, 1_000, 2_000, 5_000, 10_000, 20_000, 30_000] as const;

function card(prices: readonly [Cents, Cents, Cents, Cents, Cents, Cents, Cents], perExtraKgCents: Cents): RateCard {
  return { bands: BAND_GRAMS.map((upToGrams, i) => ({ upToGrams, cents: prices[i] ?? 0 })), perExtraKgCents };
}

// Stryker disable all: data, not rules — the shop's rate cards and thresholds; a mutated entry is a wrong fact, which a test restating the table could not judge. The rules that read it are tested (test/unit/pricing.test.ts, shippingRules.test.ts).
export const SHIPPING_TABLE: ShippingTable = {
  packagingGrams: 300,
  rates: {
    'us-contiguous': {
      standard: card([695, 895, 1_195, 1_695, 2_495, 3_995, 5_495], 150),
      express: card([1_995, 2_495, 3_295, 4_495, 6_495, 9_495, 12_995], 400),
    },
    'us-remote': {
      standard: card([1_295, 1_695, 2_295, 3_495, 5_495, 8_995, 12_495], 400),
      express: card([2_995, 3_795, 4_995, 7_495, 11_495, 17_995, 24_995], 800),
    },
    'canada-mexico': {
      standard: card([1_595, 1_995, 2_795, 4_295, 6_495, 10_495, 14_995], 450),
      express: card([3_495, 4_295, 5_695, 8_495, 12_995, 19_995, 27_995], 900),
    },
    europe: {
      standard: card([2_295, 2_895, 3_995, 6_495, 9_995, 16_995, 23_995], 750),
      express: card([4_995, 5_995, 7_995, 11_995, 17_995, 29_995, 41_995], 1_400),
    },
    international: {
      standard: card([2_695, 3_495, 4_795, 7_995, 12_495, 21_495, 29_995], 950),
      express: card([5_995, 7_295, 9_695, 14_495, 21_995, 36_995, 51_995], 1_700),
    },
  },
  freeShippingMinSubtotalCents: { 'us-contiguous': 15_000 },
};
// Stryker restore all

/** Upper-cased country and region, with a region only where one matters. */
export function normalizeDestination(d: Destination): { country: string; region: string | null } {
  const country = d.country.trim().toUpperCase();
  const region = d.region?.trim().toUpperCase() || null;
  return { country, region };
}

/** The zone a destination ships in, or a reason a shopper can read why the shop cannot ship there. */
export function zoneFor(destination: Destination): { zone: ShippingZone } | { problem: string } {
  const { country, region } = normalizeDestination(destination);
  if (country === 'US') {
    if (region === null) return { problem: 'A US address needs its state.' };
    if (!(US_STATES as readonly string[]).includes(region)) return { problem: `${region} is not a US state we know.` };
    return { zone: US_REMOTE_STATES.has(region) ? 'us-remote' : 'us-contiguous' };
  }
  if (country === 'CA') {
    if (region === null) return { problem: 'A Canadian address needs its province or territory.' };
    if (!(CA_PROVINCES as readonly string[]).includes(region)) return { problem: `${region} is not a Canadian province or territory.` };
  }
  const zone = COUNTRY_ZONES[country];
  return zone ? { zone } : { problem: `We do not ship to ${country || 'that country'} yet.` };
}

export interface ParcelRate {
  /** Heaviest band the parcel fits in, in grams (its upper bound), or null above every band. */
  bandUpToGrams: number | null;
  /** Started kilograms over the heaviest band, charged per kg. 0 inside a band. */
  extraKg: number;
  cents: Cents;
}

/** What one parcel weighing `weightGrams` costs on a rate card. A band includes its upper bound. */
export function rateFor(rateCard: RateCard, weightGrams: number): ParcelRate {
  assertWhole(weightGrams, 'parcel weight (grams)', 0);
  for (const band of rateCard.bands) {
    if (weightGrams <= band.upToGrams) return { bandUpToGrams: band.upToGrams, extraKg: 0, cents: band.cents };
  }
  const heaviest = rateCard.bands[rateCard.bands.length - 1];
  if (!heaviest) throw new RangeError('a rate card needs at least one weight band');
  const extraKg = Math.ceil((weightGrams - heaviest.upToGrams) / 1_000);
  return { bandUpToGrams: null, extraKg, cents: heaviest.cents + extraKg * rateCard.perExtraKgCents };
}

export interface ParcelRates {
  zone: ShippingZone;
  /** Goods plus packaging. */
  weightGrams: number;
  /** Each method's price for the parcel, before any free-shipping waiver. */
  rates: Readonly<Record<ShippingMethod, Cents>>;
  /** Standard shipping is free from this goods subtotal in the zone (null: never free). */
  freeShippingMinSubtotalCents: Cents | null;
}

/**
 * What goods weighing `itemsWeightGrams` cost to ship to `destination`, by each method: the same
 * zone, packaging and rate cards the quote uses (pricing.ts, rule 6), for showing before checkout.
 */
export function parcelRates(destination: Destination, itemsWeightGrams: number, table: ShippingTable = SHIPPING_TABLE): ParcelRates | { problem: string } {
  const found = zoneFor(destination);
  if ('problem' in found) return found;
  const weightGrams = itemsWeightGrams + table.packagingGrams;
  const cards = table.rates[found.zone];
  return {
    zone: found.zone,
    weightGrams,
    rates: { standard: rateFor(cards.standard, weightGrams).cents, express: rateFor(cards.express, weightGrams).cents },
    freeShippingMinSubtotalCents: table.freeShippingMinSubtotalCents[found.zone] ?? null,
  };
}
