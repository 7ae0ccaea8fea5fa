// "Ship to …" on a product page: what this specimen costs to send to a place, from the same rate
// tables the checkout quote uses (GET /api/shipping with the specimen's weight), before checkout.
import { useState } from 'preact/hooks';
import { fetchJson } from '../api/http';
import { formatCents } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { usePolicies } from '../state/policies';

/** One place per shipping zone, as a shopper would pick it. */
const DESTINATIONS = [
  { id: 'us', label: 'the United States (48 states and DC)', country: 'US', region: 'NY' },
  { id: 'us-remote', label: 'Alaska or Hawaii', country: 'US', region: 'AK' },
  { id: 'ca', label: 'Canada or Mexico', country: 'CA', region: 'ON' },
  { id: 'eu', label: 'Europe (EU, UK, CH, NO, IS)', country: 'DE', region: '' },
  { id: 'intl', label: 'Australia, Japan and further', country: 'JP', region: '' },
] as const;

interface Estimate {
  estimate: { zoneName: string; standardCents: number; expressCents: number; freeShippingMinSubtotalCents: number | null } | null;
}

export function ShippingEstimate({ weightGrams }: { weightGrams: number }) {
  const [to, setTo] = useState<(typeof DESTINATIONS)[number]['id']>('us');
  const place = DESTINATIONS.find((d) => d.id === to)!;
  const rates = useAsync(
    (signal) =>
      fetchJson<Estimate>(`/api/shipping?country=${place.country}${place.region ? `&region=${place.region}` : ''}&weightGrams=${weightGrams}`, { signal }),
    [to, weightGrams],
  );
  const e = rates.data?.estimate;
  const returnDays = usePolicies().data?.returnWindowDays;
  return (
    <div class="shipping-estimate">
      <label class="field">
        <span>Ship to</span>
        <select value={to} onChange={(ev) => setTo(ev.currentTarget.value as typeof to)}>
          {DESTINATIONS.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      <p class="shipping-line" aria-live="polite">
        {e ? (
          <>
            Standard {formatCents(e.standardCents)} · Express {formatCents(e.expressCents)}
            {e.freeShippingMinSubtotalCents !== null && <> · standard is free on orders of {formatCents(e.freeShippingMinSubtotalCents)} or more</>}
          </>
        ) : rates.error !== undefined ? (
          'Shipping is priced at checkout.'
        ) : (
          'Working out the shipping…'
        )}
      </p>
      <p class="promises">
        <a href="/shipping">Shipping rates</a> · <a href="/returns">{returnDays ? `${returnDays}-day returns` : 'Returns'}</a> · <a href="/authenticity">Authenticity guaranteed</a>
      </p>
    </div>
  );
}
