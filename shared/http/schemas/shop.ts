// The shop's own pages: shipping rates (the pricing engine's tables, shown) and the contact form.
import * as z from 'zod';
import { SHIPPING_METHODS, SHIPPING_ZONES } from '../../domain/shipping';
import { freeText } from './common';

const country = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'country must be a two-letter ISO code')
  .transform((c) => c.toUpperCase());

export const shippingQuery = z
  .strictObject({
    country: country.optional(),
    region: z.string().trim().max(3, 'region must be a state or province code').optional(),
    weightGrams: z.coerce.number({ error: 'weightGrams must be a whole number of grams' }).int('weightGrams must be a whole number of grams').min(1).max(100_000).optional(),
  })
  .refine((q) => (q.country === undefined) === (q.weightGrams === undefined), { message: 'country and weightGrams go together (an estimate needs both)' });

const cents = z.number().int();
const rateCard = z.object({
  bands: z.array(z.object({ upToGrams: z.number().int(), cents })).describe('Each band includes its upper bound'),
  perExtraKgCents: cents.describe('Above the heaviest band: this for every started kilogram over it'),
});

export const shippingRatesSchema = z.object({
  packagingGrams: z.number().int().describe('Added to every parcel'),
  zones: z.array(
    z.object({
      id: z.enum(SHIPPING_ZONES),
      name: z.string(),
      covers: z.string(),
      countries: z.array(z.string()),
      methods: z.object(Object.fromEntries(SHIPPING_METHODS.map((m) => [m, rateCard])) as Record<(typeof SHIPPING_METHODS)[number], typeof rateCard>),
      freeShippingMinSubtotalCents: cents.nullable(),
    }),
  ),
  estimate: z
    .object({
      zone: z.enum(SHIPPING_ZONES),
      zoneName: z.string(),
      weightGrams: z.number().int(),
      standardCents: cents,
      expressCents: cents,
      freeShippingMinSubtotalCents: cents.nullable(),
    })
    .nullable()
    .describe('With country and weightGrams: what that parcel costs to ship there, before any free-shipping waiver'),
});

export const CONTACT_TOPICS = ['question', 'order', 'selling', 'other'] as const;

export const contactBody = z.strictObject({
  name: freeText('name', { max: 100 }),
  email: z.email('email must be an email address').max(254),
  topic: z.enum(CONTACT_TOPICS, { error: `topic must be one of: ${CONTACT_TOPICS.join(', ')}` }),
  orderNumber: z
    .string()
    .trim()
    .regex(/^MS-[0-9A-Fa-f]{8}$/, 'orderNumber looks like MS-1A2B3C4D')
    .transform((n) => n.toUpperCase())
    .optional(),
  message: freeText('message', { max: 4000, multiline: true }),
});
export type ContactBody = z.infer<typeof contactBody>;

export const contactAcceptedSchema = z.object({ message: z.string() });

export const policiesSchema = z.object({
  returnWindowDays: z.number().int().describe('Days after delivery a specimen may be sent back for a full refund'),
  authenticityGuaranteeYears: z.number().int(),
  holdMinutes: z.object({ guest: z.number().int(), shopper: z.number().int() }).describe('How long a cart holds a specimen after the last activity'),
  paymentWindowMinutes: z.number().int().describe('How long a placed order waits for its payment'),
});
