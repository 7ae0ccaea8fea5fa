// What the order queue carries: a PaymentEvent as the webhook verified and reduced it. Checked again
// on arrival (the processor may run a newer deploy than the webhook that queued it).
import * as z from 'zod';
import { DISPUTE_STATUSES, type PaymentEvent } from '../payments/port';

const paymentEventSchema = z.object({
  eventId: z.string().min(1).max(255),
  type: z.enum(['payment_succeeded', 'payment_failed', 'payment_canceled', 'refund_updated', 'dispute_updated', 'ignored']),
  providerType: z.string().max(100),
  created: z.number().int(),
  paymentId: z.string().max(255).optional(),
  orderId: z.string().max(64).optional(),
  amountCents: z.number().int().optional(),
  currency: z.string().max(10).optional(),
  failure: z.object({ code: z.string().max(100), message: z.string().max(500) }).optional(),
  savedPaymentMethodId: z.string().max(255).optional(),
  refund: z
    .object({
      refundId: z.string().max(255).optional(),
      status: z.enum(['pending', 'succeeded', 'failed', 'canceled', 'requires_action']).optional(),
      totalRefundedCents: z.number().int().optional(),
      fullyRefunded: z.boolean().optional(),
    })
    .optional(),
  dispute: z
    .object({
      disputeId: z.string().max(255),
      status: z.enum(DISPUTE_STATUSES),
      reason: z.string().max(100),
      evidenceDueBy: z.number().int().optional(),
    })
    .optional(),
});

/** Parses a queued payment event; throws on anything else (the message then ends in the DLQ). */
export function parsePaymentEventMessage(body: string): PaymentEvent {
  const parsed = paymentEventSchema.parse(JSON.parse(body));
  const { refund, dispute, ...rest } = parsed;
  return {
    ...rest,
    paymentId: parsed.paymentId,
    orderId: parsed.orderId,
    amountCents: parsed.amountCents,
    ...(refund
      ? { refund: { refundId: refund.refundId, status: refund.status, totalRefundedCents: refund.totalRefundedCents, fullyRefunded: refund.fullyRefunded } }
      : {}),
    ...(dispute ? { dispute: { disputeId: dispute.disputeId, status: dispute.status, reason: dispute.reason, evidenceDueBy: dispute.evidenceDueBy } } : {}),
  };
}
