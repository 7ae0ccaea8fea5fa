// Tracking numbers per carrier (shared/domain/carriers.ts): a known carrier's must fit its format and
// gets its link; another carrier's is any 4–40 letters, digits, spaces or dashes, with no link.
import { describe, expect, it } from 'vitest';
import { carrierNamed, checkTracking } from '../../shared/domain/carriers';

describe('checkTracking', () => {
  it.each([
    ['UPS', '1Z999AA10123456784', 'https://www.ups.com/track?tracknum=1Z999AA10123456784'],
    ['usps', '9400 1118 9922 3197 4284 90', 'https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223197428490'],
    ['USPS', 'EA123456789US', 'https://tools.usps.com/go/TrackConfirmAction?tLabels=EA123456789US'],
    ['FedEx', '123456789012', 'https://www.fedex.com/fedextrack/?trknbr=123456789012'],
    ['DHL Express', '1234567890', 'https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=1234567890'],
  ])('takes a %s number as the carrier prints it and links it', (carrier, number, url) => {
    const check = checkTracking(carrier, number);
    expect(check).toEqual({ ok: true, carrier: carrierNamed(carrier)!.name, trackingNumber: number.replace(/\s/g, '').toUpperCase(), url });
  });

  it.each([
    ['UPS', '9400111899223197428490', 'That is not a UPS tracking number: it should be 1Z followed by 16 letters and digits.'],
    ['UPS', '1Z999AA1012345678', 'That is not a UPS tracking number: it should be 1Z followed by 16 letters and digits.'],
    ['FedEx', '12345678901', 'That is not a FedEx tracking number: it should be 12, 15, 20 or 22 digits.'],
    ['DHL Express', 'JD014600006281230460', 'That is not a DHL Express tracking number: it should be 10 digits.'],
    ['USPS', '1Z999AA10123456784', 'That is not a USPS tracking number: it should be 20–26 digits starting with 9, or 2 letters, 9 digits and US.'],
  ])('refuses a number that is not a %s number, saying what one looks like', (carrier, number, message) => {
    expect(checkTracking(carrier, number)).toEqual({ ok: false, message });
  });

  it('keeps another carrier’s number as typed, with the link the admin gave or none', () => {
    expect(checkTracking('DHL eCommerce', 'JD014600006281230460')).toEqual({ ok: true, carrier: 'DHL eCommerce', trackingNumber: 'JD014600006281230460', url: null });
    expect(checkTracking('Local courier', 'abc-1234', 'https://courier.example/t/abc-1234')).toMatchObject({ ok: true, url: 'https://courier.example/t/abc-1234' });
    expect(checkTracking('Local courier', 'a!')).toEqual({ ok: false, message: 'The tracking number must be 4–40 letters, digits, spaces or dashes.' });
  });

  it('keeps a link the admin gave for a known carrier', () => {
    expect(checkTracking('UPS', '1Z999AA10123456784', 'https://example.com/t')).toMatchObject({ ok: true, url: 'https://example.com/t' });
  });
});
