// The admin console's contract for promotion mail: campaigns (subject, text, featured minerals and a
// coupon), a test mail, sending and stopping; and the one-click unsubscribe of every promotion mail.
import * as z from 'zod';
import { cursorParam, freeText, idSchema, limitParam } from './common';

export const createCampaignBody = z.strictObject({
  subject: freeText('subject', { max: 150 }),
  text: freeText('text', { max: 10_000, multiline: true }).describe('Paragraphs separated by a blank line'),
  mineralIds: z.array(idSchema).max(6, 'at most 6 featured minerals').optional().transform((v) => [...new Set(v ?? [])]),
  couponCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]{2,31}$/, 'couponCode must be a coupon’s code')
    .transform((c) => c.toUpperCase())
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});
export type CreateCampaignBody = z.infer<typeof createCampaignBody>;

export const campaignParams = z.strictObject({ id: z.uuid({ error: 'id must be a campaign’s id' }) });
export const campaignTestBody = z.strictObject({ to: z.email('to must be an email address').max(254) });
export const listCampaignsQuery = z.strictObject({ cursor: cursorParam, limit: limitParam({ default: 25, max: 100 }) });
export const unsubscribePromotionsQuery = z.strictObject({
  userId: z.uuid({ error: 'userId is missing or malformed' }),
  token: z.string().min(1, 'token is missing').max(2048, 'token is too long'),
});

// — responses —

export const campaignSchema = z.object({
  campaignId: z.string(),
  subject: z.string(),
  text: z.string(),
  mineralIds: z.array(z.string()),
  couponCode: z.string().nullable(),
  status: z.enum(['draft', 'sending', 'stopped', 'sent']),
  queued: z.number().int().describe('Mails handed to the mail queue'),
  skipped: z.number().int().describe('Recipients passed over: no longer opted in, or disabled'),
  sent: z.number().int().describe('Mails the mail service took'),
  createdAt: z.string(),
  updatedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export const campaignDetailSchema = campaignSchema.extend({
  preview: z.object({ subject: z.string(), text: z.string(), html: z.string() }).describe('The mail as a shopper named Ada would get it'),
});
export const campaignPageSchema = z.object({ items: z.array(campaignSchema), nextCursor: z.string().nullable() });
