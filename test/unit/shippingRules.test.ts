import { describe, expect, it } from 'vitest';
import { countriesIn, normalizeDestination, parcelRates, rateFor, SHIPPING_TABLE, zoneFor, type RateCard } from '../../shared/domain/shipping';
import { combinedRatePpm, jurisdictionFor } from '../../shared/domain/tax';

describe('where a parcel goes', () => {
  it('reads a destination the way a person types it: spaces trimmed, letters upper-cased, an empty region as none', () => {
    expect(normalizeDestination({ country: ' us ', region: ' co ' })).toEqual({ country: 'US', region: 'CO' });
    expect(normalizeDestination({ country: 'de', region: '   ' })).toEqual({ country: 'DE', region: null });
    expect(normalizeDestination({ country: 'de' })).toEqual({ country: 'DE', region: null });
  });

  it('puts the contiguous US, Alaska and Hawaii, Canada, Mexico, Europe and the rest in their zones', () => {
    expect(zoneFor({ country: 'us', region: 'co' })).toEqual({ zone: 'us-contiguous' });
    expect(zoneFor({ country: 'US', region: 'AK' })).toEqual({ zone: 'us-remote' });
    expect(zoneFor({ country: 'US', region: 'HI' })).toEqual({ zone: 'us-remote' });
    expect(zoneFor({ country: 'CA', region: 'QC' })).toEqual({ zone: 'canada-mexico' });
    expect(zoneFor({ country: 'MX' })).toEqual({ zone: 'canada-mexico' });
    expect(zoneFor({ country: 'MX', region: 'JAL' })).toEqual({ zone: 'canada-mexico' });
    expect(zoneFor({ country: 'DE' })).toEqual({ zone: 'europe' });
    expect(zoneFor({ country: 'JP' })).toEqual({ zone: 'international' });
  });

  it('says why it cannot ship somewhere, in words a shopper can act on', () => {
    expect(zoneFor({ country: 'US' })).toEqual({ problem: 'A US address needs its state.' });
    expect(zoneFor({ country: 'US', region: 'ZZ' })).toEqual({ problem: 'ZZ is not a US state we know.' });
    expect(zoneFor({ country: 'CA' })).toEqual({ problem: 'A Canadian address needs its province or territory.' });
    expect(zoneFor({ country: 'CA', region: 'XX' })).toEqual({ problem: 'XX is not a Canadian province or territory.' });
    expect(zoneFor({ country: 'BR' })).toEqual({ problem: 'We do not ship to BR yet.' });
    expect(zoneFor({ country: ' ' })).toEqual({ problem: 'We do not ship to that country yet.' });
  });

  it('lists the countries of a zone, sorted, and none for the US zones', () => {
    expect(countriesIn('canada-mexico')).toEqual(['CA', 'MX']);
    const europe = countriesIn('europe');
    expect(europe).toEqual([...europe].sort());
    expect(europe).toContain('GB');
    expect(europe).not.toContain('JP');
    expect(countriesIn('us-contiguous')).toEqual([]);
  });
});

describe('what a parcel costs', () => {
  const card: RateCard = { bands: [{ upToGrams: 500, cents: 500 }, { upToGrams: 1_000, cents: 800 }], perExtraKgCents: 300 };

  it('charges the first band the weight fits in, a band including its upper bound', () => {
    expect(rateFor(card, 0)).toEqual({ bandUpToGrams: 500, extraKg: 0, cents: 500 });
    expect(rateFor(card, 500)).toEqual({ bandUpToGrams: 500, extraKg: 0, cents: 500 });
    expect(rateFor(card, 501)).toEqual({ bandUpToGrams: 1_000, extraKg: 0, cents: 800 });
  });

  it('charges every started kilogram above the heaviest band', () => {
    expect(rateFor(card, 1_001)).toEqual({ bandUpToGrams: null, extraKg: 1, cents: 1_100 });
    expect(rateFor(card, 2_000)).toEqual({ bandUpToGrams: null, extraKg: 1, cents: 1_100 });
    expect(rateFor(card, 2_001)).toEqual({ bandUpToGrams: null, extraKg: 2, cents: 1_400 });
  });

  it('refuses a weight that is not a whole number of grams, and a card without bands', () => {
    expect(() => rateFor(card, 1.5)).toThrow('parcel weight (grams) must be a whole number from 0 to');
    expect(() => rateFor(card, -1)).toThrow();
    expect(() => rateFor({ bands: [], perExtraKgCents: 100 }, 10)).toThrow('a rate card needs at least one weight band');
  });

  it('estimates both methods for goods of a weight, packaging added, with the zone’s free-shipping threshold', () => {
    const us = parcelRates({ country: 'US', region: 'CO' }, 200);
    const weight = 200 + SHIPPING_TABLE.packagingGrams;
    expect(us).toEqual({
      zone: 'us-contiguous',
      weightGrams: weight,
      rates: {
        standard: rateFor(SHIPPING_TABLE.rates['us-contiguous'].standard, weight).cents,
        express: rateFor(SHIPPING_TABLE.rates['us-contiguous'].express, weight).cents,
      },
      freeShippingMinSubtotalCents: SHIPPING_TABLE.freeShippingMinSubtotalCents['us-contiguous'],
    });
    expect(parcelRates({ country: 'DE' }, 200)).toMatchObject({ zone: 'europe', freeShippingMinSubtotalCents: null });
    expect(parcelRates({ country: 'BR' }, 200)).toEqual({ problem: 'We do not ship to BR yet.' });
  });
});

describe('whose tax applies', () => {
  it('takes the region’s own entry, else the country’s, else none', () => {
    expect(jurisdictionFor({ country: 'CA', region: 'QC' })?.id).toBe('CA-QC');
    expect(jurisdictionFor({ country: 'CA', region: 'AB' })?.id).toBe('CA');
    expect(jurisdictionFor({ country: 'us', region: 'ny' })?.id).toBe('US-NY');
    expect(jurisdictionFor({ country: 'US', region: 'OR' })).toBeNull();
    expect(jurisdictionFor({ country: 'JP' })).toBeNull();
    expect(jurisdictionFor({ country: 'de', region: 'BY' })?.id).toBe('DE');
  });

  it('adds the components of a jurisdiction into one rate', () => {
    expect(combinedRatePpm(jurisdictionFor({ country: 'CA', region: 'QC' })!)).toBe(149_750);
    expect(combinedRatePpm({ id: 'X', name: 'X', components: [], shippingTaxed: false })).toBe(0);
  });
});
