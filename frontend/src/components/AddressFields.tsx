// Address fields with their validation, shared by the checkout and the address book. The rules match
// the API's (so the shopper hears about a mistake before a round trip), and the API checks again.
import type { Address } from '../api/types';
import { countryName } from '../lib/format';

export const US_STATES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS',
  'KY', 'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC',
  'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY',
];
export const CA_PROVINCES = ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'];

/** The countries the shop ships to. */
const COUNTRIES = [
  'US', 'CA', 'MX', 'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT',
  'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'GB', 'CH', 'NO', 'IS', 'AU', 'NZ',
  'JP', 'KR', 'SG', 'HK', 'TW', 'IL', 'AE',
];

export type AddressDraft = Required<Omit<Address, 'id'>>;
export type AddressErrors = Partial<Record<keyof AddressDraft, string>>;

export const emptyAddress = (name = ''): AddressDraft => ({ name, line1: '', line2: '', city: '', region: '', postalCode: '', country: 'US', phone: '' });

export function draftOf(address: Address): AddressDraft {
  return {
    name: address.name,
    line1: address.line1,
    line2: address.line2 ?? '',
    city: address.city,
    region: address.region ?? '',
    postalCode: address.postalCode,
    country: address.country,
    phone: address.phone ?? '',
  };
}

/** The address as the API takes it: trimmed, empty optional fields left out, no id. */
export function addressBody(draft: AddressDraft): Address {
  const t = (s: string) => s.trim();
  return {
    name: t(draft.name),
    line1: t(draft.line1),
    ...(t(draft.line2) ? { line2: t(draft.line2) } : {}),
    city: t(draft.city),
    ...(t(draft.region) ? { region: t(draft.region).toUpperCase() } : {}),
    postalCode: t(draft.postalCode),
    country: draft.country,
    ...(t(draft.phone) ? { phone: t(draft.phone) } : {}),
  };
}

export function needsRegion(country: string): boolean {
  return country === 'US' || country === 'CA';
}

/** The problems of an address, in the order its fields appear. */
export function validateAddress(draft: AddressDraft): AddressErrors {
  const errors: AddressErrors = {};
  if (!draft.name.trim()) errors.name = 'Enter the name of the person receiving the parcel.';
  if (!draft.line1.trim()) errors.line1 = 'Enter the street address.';
  if (!draft.city.trim()) errors.city = 'Enter the city.';
  if (!COUNTRIES.includes(draft.country)) errors.country = 'Choose a country we ship to.';
  if (needsRegion(draft.country) && !draft.region.trim()) errors.region = draft.country === 'US' ? 'Choose the state.' : 'Choose the province.';
  else if (draft.region.trim() && !/^[A-Za-z0-9]{1,3}$/.test(draft.region.trim())) errors.region = 'Enter the region code, such as CO or ON.';
  if (!/^[A-Za-z0-9 -]{2,12}$/.test(draft.postalCode.trim())) errors.postalCode = 'Enter a postal code (2–12 letters, digits, spaces or dashes).';
  if (draft.phone.trim() && !/^\+?[0-9 ()-]{6,20}$/.test(draft.phone.trim())) errors.phone = 'Enter a phone number (digits, spaces, dashes, an optional +).';
  return errors;
}

/** Enough of the address to price shipping and tax. */
export function quotable(draft: AddressDraft): boolean {
  const e = validateAddress(draft);
  return !e.postalCode && !e.country && !e.region;
}

interface FieldProps {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  onInput: (value: string) => void;
  autoComplete: string;
  required?: boolean;
  type?: 'text' | 'email' | 'password' | 'tel';
  hint?: string;
}

export function TextField({ id, label, value, error, onInput, autoComplete, required = true, type = 'text', hint }: FieldProps) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>
        {label}
        {!required && <span class="muted"> (optional)</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      <input
        id={id}
        type={type as 'text'}
        value={value}
        autoComplete={autoComplete}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      {error && (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

export function AddressFields({
  prefix,
  value,
  errors,
  onChange,
}: {
  prefix: string;
  value: AddressDraft;
  errors: AddressErrors;
  onChange: (next: AddressDraft) => void;
}) {
  const set = (key: keyof AddressDraft) => (v: string) => onChange({ ...value, [key]: v });
  const regionOptions = value.country === 'US' ? US_STATES : value.country === 'CA' ? CA_PROVINCES : null;
  const id = (key: string) => `${prefix}-${key}`;
  return (
    <div class="address-fields">
      <TextField id={id('name')} label="Full name" value={value.name} error={errors.name} onInput={set('name')} autoComplete="name" />
      <TextField id={id('line1')} label="Street address" value={value.line1} error={errors.line1} onInput={set('line1')} autoComplete="address-line1" />
      <TextField
        id={id('line2')}
        label="Apartment, suite, etc."
        value={value.line2}
        error={errors.line2}
        onInput={set('line2')}
        autoComplete="address-line2"
        required={false}
      />
      <TextField id={id('city')} label="City" value={value.city} error={errors.city} onInput={set('city')} autoComplete="address-level2" />
      <div class="field">
        <label for={id('country')}>Country</label>
        <select
          id={id('country')}
          value={value.country}
          autoComplete="country"
          aria-invalid={errors.country ? true : undefined}
          aria-describedby={errors.country ? `${id('country')}-error` : undefined}
          onChange={(e) => onChange({ ...value, country: e.currentTarget.value, region: '' })}
        >
          {COUNTRIES.map((c) => (
            <option key={c} value={c}>
              {countryName(c)}
            </option>
          ))}
        </select>
        {errors.country && (
          <p id={`${id('country')}-error`} class="field-error">
            {errors.country}
          </p>
        )}
      </div>
      {regionOptions ? (
        <div class="field">
          <label for={id('region')}>{value.country === 'US' ? 'State' : 'Province'}</label>
          <select
            id={id('region')}
            value={value.region.toUpperCase()}
            autoComplete="address-level1"
            required
            aria-invalid={errors.region ? true : undefined}
            aria-describedby={errors.region ? `${id('region')}-error` : undefined}
            onChange={(e) => set('region')(e.currentTarget.value)}
          >
            <option value="">Choose…</option>
            {regionOptions.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          {errors.region && (
            <p id={`${id('region')}-error`} class="field-error">
              {errors.region}
            </p>
          )}
        </div>
      ) : (
        <TextField
          id={id('region')}
          label="Region code"
          value={value.region}
          error={errors.region}
          onInput={set('region')}
          autoComplete="address-level1"
          required={false}
        />
      )}
      <TextField
        id={id('postalCode')}
        label="Postal code"
        value={value.postalCode}
        error={errors.postalCode}
        onInput={set('postalCode')}
        autoComplete="postal-code"
      />
      <TextField
        id={id('phone')}
        label="Phone"
        type="tel"
        value={value.phone}
        error={errors.phone}
        onInput={set('phone')}
        autoComplete="tel"
        required={false}
        hint="For the courier, if they need to reach you."
      />
    </div>
  );
}
