// /shipping: where the shop ships and what it costs, from the very tables the checkout quote uses
// (GET /api/shipping), so this page and the bill can never disagree.
import { fetchJson } from '../../api/http';
import { ErrorMessage, Loading } from '../../components/Status';
import { formatCents, formatWeight } from '../../lib/format';
import { useTitle } from '../../lib/page';
import { useAsync } from '../../lib/useAsync';

interface RateCard {
  bands: Array<{ upToGrams: number; cents: number }>;
  perExtraKgCents: number;
}

export interface ShippingRates {
  packagingGrams: number;
  zones: Array<{
    id: string;
    name: string;
    covers: string;
    countries: string[];
    methods: { standard: RateCard; express: RateCard };
    freeShippingMinSubtotalCents: number | null;
  }>;
}

export function ShippingPage() {
  useTitle('Shipping');
  const rates = useAsync((signal) => fetchJson<ShippingRates>('/api/shipping', { signal }), []);
  return (
    <section class="page info-page">
      <h1>Shipping</h1>
      <p class="lead">
        Every specimen is wrapped in tissue and foam, boxed on its own and packed in a second box. We ship within two working days of
        payment and mail you the tracking number the day it leaves.
      </p>
      {rates.error !== undefined && <ErrorMessage error={rates.error} onRetry={rates.reload} />}
      {!rates.data && rates.error === undefined && <Loading label="Loading the rates…" minHeight="40vh" />}
      {rates.data && (
        <>
          <p>
            The price depends on where the parcel goes and what it weighs: the specimens plus {formatWeight(rates.data.packagingGrams)} of
            packing. Checkout shows the exact price for your order before you pay; these are the same rates.
          </p>
          {rates.data.zones.map((zone) => (
            <section key={zone.id} class="rate-zone" aria-labelledby={`zone-${zone.id}`}>
              <h2 id={`zone-${zone.id}`}>{zone.name}</h2>
              <p class="muted">{zone.covers}.</p>
              {zone.freeShippingMinSubtotalCents !== null && (
                <p class="success-text">Standard shipping is free on orders of {formatCents(zone.freeShippingMinSubtotalCents)} or more.</p>
              )}
              <div class="table-scroll">
                <table class="rate-table">
                  <caption class="visually-hidden">Shipping to {zone.name} by parcel weight</caption>
                  <thead>
                    <tr>
                      <th scope="col">Parcel up to</th>
                      <th scope="col">Standard</th>
                      <th scope="col">Express</th>
                    </tr>
                  </thead>
                  <tbody>
                    {zone.methods.standard.bands.map((band, i) => (
                      <tr key={band.upToGrams}>
                        <th scope="row">{formatWeight(band.upToGrams)}</th>
                        <td>{formatCents(band.cents)}</td>
                        <td>{formatCents(zone.methods.express.bands[i]?.cents ?? 0)}</td>
                      </tr>
                    ))}
                    <tr>
                      <th scope="row">Each kg more</th>
                      <td>+{formatCents(zone.methods.standard.perExtraKgCents)}</td>
                      <td>+{formatCents(zone.methods.express.perExtraKgCents)}</td>
                    </tr>
                  </tbody>
                </table>
              </div>
            </section>
          ))}
          <p>
            Not on the list? <a href="/contact">Write to us</a>: we add countries when collectors ask.
          </p>
        </>
      )}
    </section>
  );
}
