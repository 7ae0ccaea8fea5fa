// Tax by destination: the jurisdictions the shop collects sales tax or VAT for, their rates and
// whether shipping is taxed there. Pure data and a lookup; pricing.ts computes the amount.
//
// The table is the shop's registrations, not the world: a destination with no entry (e.g. Oregon,
// or Japan, where the recipient pays import taxes) is charged no tax and the quote says so.
// US entries are base state rates only; county and city rates are not modelled. Rates as of 2025;
// the shop's accountant owns this table.

import { normalizeDestination, type Destination } from './shipping';
import type { PartsPerMillion } from './money';

export interface TaxComponent {
  /** What the tax is called on a receipt: "NY state sales tax", "GST", "QST". */
  name: string;
  ratePpm: PartsPerMillion;
}

export interface TaxJurisdiction {
  /** "US-NY", "CA-QC" for a region; "DE", "GB" for a whole country. */
  id: string;
  name: string;
  /** Charged together on one base and rounded once as a sum (see pricing.ts). */
  components: readonly TaxComponent[];
  /** Whether a separately stated shipping charge is part of the taxable base. */
  shippingTaxed: boolean;
}

export type TaxTable = readonly TaxJurisdiction[];

const usState = (code: string, name: string, ratePpm: number, shippingTaxed: boolean): TaxJurisdiction => ({
  id: `US-${code}`,
  name,
  components: [{ name: `${name} state sales tax`, ratePpm }],
  shippingTaxed,
});

const vat = (code: string, name: string, ratePpm: number): TaxJurisdiction => ({
  id: code,
  name,
  components: [{ name: 'VAT', ratePpm }],
  // EU and UK VAT: delivery follows the goods it delivers.
  shippingTaxed: true,
});

// Stryker disable all: data, not rules — the shop's tax registrations, their names and rates; a mutated entry is a wrong fact, which a test restating the table could not judge. The rules that read it are tested (test/unit/pricing.test.ts, shippingRules.test.ts).
export const TAX_TABLE: TaxTable = [
  usState('CA', 'California', 72_500, false),
  usState('NY', 'New York', 40_000, true),
  usState('TX', 'Texas', 62_500, true),
  usState('WA', 'Washington', 65_000, true),
  usState('PA', 'Pennsylvania', 60_000, true),
  usState('NJ', 'New Jersey', 66_250, true),
  usState('OH', 'Ohio', 57_500, true),
  usState('GA', 'Georgia', 40_000, true),
  usState('IL', 'Illinois', 62_500, false),
  usState('MA', 'Massachusetts', 62_500, false),
  usState('CO', 'Colorado', 29_000, false),
  usState('AZ', 'Arizona', 56_000, false),
  usState('VA', 'Virginia', 53_000, false),
  vat('DE', 'Germany', 190_000),
  vat('FR', 'France', 200_000),
  vat('IT', 'Italy', 220_000),
  vat('ES', 'Spain', 210_000),
  vat('NL', 'Netherlands', 210_000),
  vat('IE', 'Ireland', 230_000),
  vat('FI', 'Finland', 255_000),
  vat('SE', 'Sweden', 250_000),
  vat('GB', 'United Kingdom', 200_000),
  { id: 'CA', name: 'Canada', components: [{ name: 'GST', ratePpm: 50_000 }], shippingTaxed: true },
  { id: 'CA-ON', name: 'Ontario', components: [{ name: 'HST', ratePpm: 130_000 }], shippingTaxed: true },
  {
    id: 'CA-QC',
    name: 'Quebec',
    components: [
      { name: 'GST', ratePpm: 50_000 },
      { name: 'QST', ratePpm: 99_750 },
    ],
    shippingTaxed: true,
  },
  {
    id: 'CA-BC',
    name: 'British Columbia',
    components: [
      { name: 'GST', ratePpm: 50_000 },
      { name: 'PST', ratePpm: 70_000 },
    ],
    shippingTaxed: true,
  },
];
// Stryker restore all

/** The jurisdiction whose tax applies: the region's entry if there is one, else the country's, else none. */
export function jurisdictionFor(destination: Destination, table: TaxTable = TAX_TABLE): TaxJurisdiction | null {
  const { country, region } = normalizeDestination(destination);
  const byId = (id: string) => table.find((j) => j.id === id);
  return (region !== null ? byId(`${country}-${region}`) : undefined) ?? byId(country) ?? null;
}

/** The combined rate of a jurisdiction's components. */
export function combinedRatePpm(jurisdiction: TaxJurisdiction): PartsPerMillion {
  return jurisdiction.components.reduce((sum, c) => sum + c.ratePpm, 0);
}
