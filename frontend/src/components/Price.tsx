import type { Sale } from '../api/types';
import { formatCents } from '../lib/format';

/** The price, or a flash-sale price set against the regular one when a sale is on. */
export function Price({ cents, sale, large }: { cents: number; sale?: Sale | null | undefined; large?: boolean }) {
  const onSale = sale && sale.priceCents < cents && new Date(sale.endsAt).getTime() > Date.now();
  if (!onSale) return <span class={large ? 'price large' : 'price'}>{formatCents(cents)}</span>;
  return (
    <span class={large ? 'price large' : 'price'}>
      <span class="sale-price">
        <span class="visually-hidden">Sale price </span>
        {formatCents(sale.priceCents)}
      </span>{' '}
      <s class="regular-price">
        <span class="visually-hidden">regular price </span>
        {formatCents(cents)}
      </s>
    </span>
  );
}

export function Stars({ average, count }: { average: number | null; count: number }) {
  if (average === null || count === 0) return <span class="stars muted">No reviews yet</span>;
  const rounded = Math.round(average);
  return (
    // An image of stars to assistive technology: a bare span may not carry a label (ARIA forbids it).
    <span class="stars" role="img" aria-label={`Rated ${average.toFixed(1)} out of 5 by ${count} ${count === 1 ? 'shopper' : 'shoppers'}`}>
      <span aria-hidden="true">
        {'★'.repeat(rounded)}
        {'☆'.repeat(5 - rounded)}
      </span>{' '}
      <span aria-hidden="true" class="muted">
        {average.toFixed(1)} ({count})
      </span>
    </span>
  );
}

/** How many are left, in words: "Only 1 left", "Sold out". */
export function stockText(available: number): string {
  if (available <= 0) return 'Sold out';
  if (available <= 3) return `Only ${available} left`;
  return 'In stock';
}

export function StockBadge({ available }: { available: number }) {
  const kind = available <= 0 ? 'out' : available <= 3 ? 'low' : 'in';
  return <span class={`stock stock-${kind}`}>{stockText(available)}</span>;
}
