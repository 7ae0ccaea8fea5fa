// How money, weights, dates and times read on the site. Money arrives as integer cents and is only
// ever formatted here, never computed with.

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export function formatCents(cents: number): string {
  return usd.format(cents / 100);
}

/** A specimen's size in centimetres, longest side first: 62 × 41 × 30 mm → "6.2 × 4.1 × 3 cm". */
export function formatSize(d: { lengthMm: number; widthMm: number; heightMm: number }): string {
  const cm = (mm: number) => (mm / 10).toLocaleString('en-US', { maximumFractionDigits: 1 });
  return `${[d.lengthMm, d.widthMm, d.heightMm].sort((a, b) => b - a).map(cm).join(' × ')} cm`;
}

export function formatWeight(grams: number): string {
  return grams >= 1000 ? `${(grams / 1000).toLocaleString('en-US', { maximumFractionDigits: 2 })} kg` : `${grams} g`;
}

const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

export function formatDate(iso: string): string {
  return dateOnly.format(new Date(iso));
}

/** Whole minutes left until `iso`, rounded up; 0 once it has passed. */
export function minutesUntil(iso: string, now = Date.now()): number {
  return Math.max(0, Math.ceil((new Date(iso).getTime() - now) / 60_000));
}

const ORDER_STATUS_TEXT: Record<string, string> = {
  pending_payment: 'Awaiting payment',
  payment_failed: 'Payment failed',
  paid: 'Paid',
  packed: 'Packed',
  shipped: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
  expired: 'Expired (not paid in time)',
};

export function orderStatusText(status: string): string {
  return ORDER_STATUS_TEXT[status] ?? status;
}

const regionNames = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], { type: 'region' }) : undefined;

export function countryName(code: string): string {
  try {
    return regionNames?.of(code) ?? code;
  } catch {
    return code;
  }
}

export function pluralize(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The city line as the post of the country writes it: "Denver, CO 80202" in North America, "75001 Paris" elsewhere. */
export function cityLine(a: { city: string; region?: string | null | undefined; postalCode: string; country: string }): string {
  if (a.country === 'US' || a.country === 'CA') return `${a.city}${a.region ? `, ${a.region}` : ''} ${a.postalCode}`;
  return `${a.postalCode} ${a.city}${a.region ? `, ${a.region}` : ''}`;
}
