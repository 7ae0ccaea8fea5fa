// The shop's own pages: its policies in numbers, and the shipping page and the product page's "shipping to …" line: the pricing engine's own tables
// (shared/domain/shipping.ts), shown, so what a shopper reads before checkout cannot disagree with
// what the quote charges.
import { countriesIn, parcelRates, SHIPPING_METHODS, SHIPPING_TABLE, SHIPPING_ZONES, ZONE_DESCRIPTIONS, type Destination } from '../domain/shipping';
import { HOLD_MINUTES } from '../domain/holds';
import { AUTHENTICITY_GUARANTEE_YEARS, RETURN_WINDOW_DAYS } from '../domain/policies';
import { ValidationError } from '../errors';
import { paymentWindowMinutes } from '../orders/paymentWindow';

export interface ShippingEstimateAsk {
  destination: Destination;
  weightGrams: number;
}

export function shippingRates(ask?: ShippingEstimateAsk) {
  const zones = SHIPPING_ZONES.map((id) => ({
    id,
    ...ZONE_DESCRIPTIONS[id],
    countries: id === 'us-contiguous' || id === 'us-remote' ? ['US'] : countriesIn(id),
    methods: Object.fromEntries(
      SHIPPING_METHODS.map((m) => [m, { bands: SHIPPING_TABLE.rates[id][m].bands.map((b) => ({ ...b })), perExtraKgCents: SHIPPING_TABLE.rates[id][m].perExtraKgCents }]),
    ) as Record<(typeof SHIPPING_METHODS)[number], { bands: Array<{ upToGrams: number; cents: number }>; perExtraKgCents: number }>,
    freeShippingMinSubtotalCents: SHIPPING_TABLE.freeShippingMinSubtotalCents[id] ?? null,
  }));
  let estimate = null;
  if (ask) {
    const found = parcelRates(ask.destination, ask.weightGrams);
    if ('problem' in found) throw new ValidationError(found.problem, 'cannot_ship_there');
    estimate = {
      zone: found.zone,
      zoneName: ZONE_DESCRIPTIONS[found.zone].name,
      weightGrams: found.weightGrams,
      standardCents: found.rates.standard,
      expressCents: found.rates.express,
      freeShippingMinSubtotalCents: found.freeShippingMinSubtotalCents,
    };
  }
  return { packagingGrams: SHIPPING_TABLE.packagingGrams, zones, estimate };
}

/** The numbers behind the shop's promises, for its pages (returns, holds, payment). */
export function shopPolicies() {
  return {
    returnWindowDays: RETURN_WINDOW_DAYS,
    authenticityGuaranteeYears: AUTHENTICITY_GUARANTEE_YEARS,
    holdMinutes: { guest: HOLD_MINUTES.guest, shopper: HOLD_MINUTES.shopper },
    paymentWindowMinutes,
  };
}
