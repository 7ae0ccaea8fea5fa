// What an admin sends to move an order along or refund it. Shipping needs a carrier and a tracking
// number (a known carrier's in its format); a refund is in cents and may put stock back.
import * as z from 'zod';
import { checkTracking } from '../../domain/carriers';
import { ADMIN_TRANSITIONS } from '../../domain/orders';

const text = (max: number) => z.string().trim().min(1).max(max);
const mineralId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'must be a mineral id');

export const transitionOrderBody = z
  .strictObject({
    to: z.enum(ADMIN_TRANSITIONS, { error: `to must be one of ${ADMIN_TRANSITIONS.join(', ')}` }),
    carrier: text(60).optional(),
    trackingNumber: z.string().trim().regex(/^[A-Za-z0-9 -]{4,40}$/, 'trackingNumber must be 4–40 letters, digits, spaces or dashes').optional(),
    trackingUrl: z.url({ protocol: /^https$/ }).max(500).optional(),
    note: text(500).optional(),
  })
  .refine((b) => b.to !== 'shipped' || (b.carrier && b.trackingNumber), {
    message: 'shipping needs a carrier and a trackingNumber',
    path: ['trackingNumber'],
  })
  .superRefine((b, ctx) => {
    // A known carrier's number must look like one of theirs (shared/domain/carriers.ts).
    if (b.to !== 'shipped' || !b.carrier || !b.trackingNumber) return;
    const check = checkTracking(b.carrier, b.trackingNumber, b.trackingUrl ?? null);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.message, path: ['trackingNumber'] });
  });

const unitsBack = z.array(z.strictObject({ mineralId, quantity: z.number().int().min(1).max(1000) })).min(1).max(30);

/** The admin's decision about the units of refunds made in the provider's dashboard (the order's stockReview). */
export const reviewRefundStockBody = z.strictObject({
  returnStock: z
    .union([z.boolean(), unitsBack])
    .describe('true: every unit not yet returned goes back on the shelf; false: none came back; or the units per mineral'),
});

export const refundOrderBody = z.strictObject({
  amountCents: z.number().int('amountCents must be whole cents').positive('amountCents must be more than 0').optional().describe('Everything not yet refunded when left out'),
  reason: text(500).optional(),
  returnStock: z
    .union([z.boolean(), unitsBack])
    .optional()
    .describe('true: every unit not yet returned goes back on the shelf; or the units per mineral'),
});
