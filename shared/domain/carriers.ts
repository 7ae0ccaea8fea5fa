// The carriers a parcel usually leaves with, what their tracking numbers look like and where a shopper
// follows one. A number that does not fit its carrier's format is refused when the admin ships (a typo
// caught at the desk, not by a customer who cannot track their parcel); another carrier ("Other") takes
// any 4–40 letters, digits, spaces or dashes and gets no link unless the admin gives one.
// The console's ship dialog and the API both read this list.

export interface Carrier {
  id: string;
  name: string;
  /** The tracking number as the carrier prints it (spaces removed before the check). */
  format: RegExp;
  /** What a valid number looks like, in words for the admin. */
  looksLike: string;
  trackingUrl: (trackingNumber: string) => string;
}

// Stryker disable all: a table of carriers' facts; a mutated entry is a wrong fact, not a broken rule.
export const CARRIERS: readonly Carrier[] = [
  {
    id: 'usps',
    name: 'USPS',
    format: /^(9[1-5]\d{18,24}|[A-Z]{2}\d{9}US)$/,
    looksLike: '20–26 digits starting with 9, or 2 letters, 9 digits and US',
    trackingUrl: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${encodeURIComponent(n)}`,
  },
  {
    id: 'ups',
    name: 'UPS',
    format: /^1Z[0-9A-Z]{16}$/,
    looksLike: '1Z followed by 16 letters and digits',
    trackingUrl: (n) => `https://www.ups.com/track?tracknum=${encodeURIComponent(n)}`,
  },
  {
    id: 'fedex',
    name: 'FedEx',
    format: /^(\d{12}|\d{15}|\d{20}|\d{22})$/,
    looksLike: '12, 15, 20 or 22 digits',
    trackingUrl: (n) => `https://www.fedex.com/fedextrack/?trknbr=${encodeURIComponent(n)}`,
  },
  {
    id: 'dhl-express',
    name: 'DHL Express',
    format: /^\d{10}$/,
    looksLike: '10 digits',
    trackingUrl: (n) => `https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=${encodeURIComponent(n)}`,
  },
];
// Stryker restore all

/** Any other carrier's number: 4–40 letters, digits, spaces or dashes. */
export const ANY_TRACKING_NUMBER = /^[A-Za-z0-9 -]{4,40}$/;

/** The known carrier a name means (its name or id, any case), if any. */
export function carrierNamed(name: string): Carrier | undefined {
  const wanted = name.trim().toLowerCase();
  return CARRIERS.find((c) => c.id === wanted || c.name.toLowerCase() === wanted);
}

export type TrackingCheck = { ok: true; carrier: string; trackingNumber: string; url: string | null } | { ok: false; message: string };

/**
 * Checks a shipment as the admin typed it: a known carrier's number must fit its format (spaces are
 * dropped and letters upper-cased first) and gets its tracking link; any other carrier keeps the number
 * as typed and the link the admin gave, if any.
 */
export function checkTracking(carrierName: string, trackingNumber: string, givenUrl: string | null = null): TrackingCheck {
  const carrier = carrierNamed(carrierName);
  if (!carrier) {
    const number = trackingNumber.trim();
    if (!ANY_TRACKING_NUMBER.test(number)) return { ok: false, message: 'The tracking number must be 4–40 letters, digits, spaces or dashes.' };
    return { ok: true, carrier: carrierName.trim(), trackingNumber: number, url: givenUrl };
  }
  const number = trackingNumber.replace(/\s+/g, '').toUpperCase();
  if (!carrier.format.test(number)) return { ok: false, message: `That is not a ${carrier.name} tracking number: it should be ${carrier.looksLike}.` };
  return { ok: true, carrier: carrier.name, trackingNumber: number, url: givenUrl ?? carrier.trackingUrl(number) };
}
