// GET /api/shipping[?country=&region=&weightGrams=] — the shipping zones and rates, and one parcel's estimate.
import { cacheHeaders } from '../../shared/http/caching';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { shippingQuery } from '../../shared/http/schemas/shop';
import { shippingRates } from '../../shared/shop/shipping';

export const handler = httpRoute({ query: shippingQuery }, async ({ query }) =>
  json(
    200,
    shippingRates(query.country && query.weightGrams ? { destination: { country: query.country, region: query.region ?? null }, weightGrams: query.weightGrams } : undefined),
    cacheHeaders('deployed'),
  ),
);
