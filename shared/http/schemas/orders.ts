// The orders' HTTP contract: what shoppers, guests (with their tracking link) and admins may ask for,
// and what they see of an order. The views in shared/orders/views.ts are typed from these schemas.
import * as z from 'zod';
import { ADMIN_TRANSITIONS, ORDER_STATUSES } from '../../domain/orders';
import { SHIPPING_METHODS } from '../../domain/shipping';
import { cursorParam, limitParam } from './common';

export const ORDER_LIST_LIMIT = { default: 20, max: 50 } as const;

const orderId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be an order id (a UUID)');

export const orderParams = z.strictObject({ orderId });

const limit = limitParam(ORDER_LIST_LIMIT);
const cursor = cursorParam;

export const listMyOrdersQuery = z.strictObject({ limit, cursor });
export type ListMyOrdersQuery = z.infer<typeof listMyOrdersQuery>;

export const listOrdersQuery = z.strictObject({
  status: z
    .enum(ORDER_STATUSES, { error: `status must be one of: ${ORDER_STATUSES.join(', ')}` })
    .optional()
    .transform((v) => v ?? 'paid')
    .describe('Orders in this status; paid (the queue to pack) when left out.'),
  placedFrom: z.iso.date({ error: 'placedFrom must be a date, YYYY-MM-DD' }).optional().describe('Placed on or after this day (UTC)'),
  placedTo: z.iso.date({ error: 'placedTo must be a date, YYYY-MM-DD' }).optional().describe('Placed on or before this day (UTC)'),
  q: z
    .string()
    .trim()
    .min(3, { error: 'q must be an order number (MS-…) or an email address' })
    .max(254)
    .optional()
    .describe('Find orders in any status by order number (MS-1A2B3C4D, the MS- may be left out) or by the exact email address they were placed with, newest first; the other filters are ignored'),
  limit,
  cursor,
}).refine((q) => !q.placedFrom || !q.placedTo || q.placedFrom <= q.placedTo, { message: 'placedFrom must not be after placedTo', path: ['placedTo'] });
export type ListOrdersQuery = z.infer<typeof listOrdersQuery>;

export const trackOrderQuery = z.strictObject({
  // Any wrong or missing token is a 404 (never a 400), so the answer says nothing about the order.
  token: z.string().max(4096).optional().describe('The tracking token from the order mail’s link.'),
});

const cents = z.number().int();
const orderStatus = z.enum(ORDER_STATUSES);

export const orderTotalsSchema = z.object({
  subtotalCents: cents.describe('Σ quantity × unit price, before discounts'),
  discountCents: cents.describe('Σ discounts (goods and shipping)'),
  shippingCents: cents.describe('The shipping rate before any free-shipping discount'),
  taxCents: cents,
  totalCents: cents.describe('subtotal − discount + shipping + tax: what was charged'),
  refundedCents: cents,
});

export const orderViewSchema = z.object({
  orderId: z.string(),
  number: z.string().describe('A short number to quote on the phone'),
  status: orderStatus,
  createdAt: z.string(),
  email: z.string(),
  items: z.array(
    z.object({
      mineralId: z.string(),
      name: z.string(),
      imageUrl: z.string(),
      quantity: z.number().int(),
      unitPriceCents: cents.describe('What each unit was sold at'),
      listUnitPriceCents: cents,
      lineTotalCents: cents.describe('quantity × unitPriceCents'),
    }),
  ),
  totals: orderTotalsSchema,
  discounts: z.array(z.object({ description: z.string(), amountCents: cents })),
  shippingMethod: z.enum(SHIPPING_METHODS),
  address: z.object({
    name: z.string(),
    line1: z.string(),
    line2: z.string().nullable(),
    city: z.string(),
    region: z.string().nullable(),
    postalCode: z.string(),
    country: z.string(),
    phone: z.string().nullable(),
  }),
  couponCode: z.string().nullable(),
  timeline: z.array(z.object({ status: orderStatus, at: z.string(), note: z.string().nullable() })),
  tracking: z.object({ carrier: z.string(), trackingNumber: z.string(), url: z.string().nullable() }).nullable(),
  paymentDeadline: z.string().nullable().describe('While the order awaits payment: when it expires unless paid'),
  payment: z.object({ status: z.enum(['open', 'failed', 'succeeded', 'canceled']), failureMessage: z.string().nullable() }),
});

export const orderSummarySchema = z.object({
  orderId: z.string(),
  number: z.string(),
  status: orderStatus,
  createdAt: z.string(),
  itemCount: z.number().int().describe('Units, over all lines'),
  totals: orderTotalsSchema,
});

const nextCursor = z.string().nullable().describe('Pass as `cursor` to get the next page; null on the last page.');

export const orderPageSchema = z.object({ orders: z.array(orderSummarySchema), nextCursor });

export const adminOrderSummarySchema = orderSummarySchema.extend({
  email: z.string(),
  customerName: z.string(),
  shippingMethod: z.string().nullable(),
  shipTo: z.object({ name: z.string(), city: z.string(), region: z.string().nullable(), country: z.string() }).nullable(),
  lines: z.array(z.object({ name: z.string(), image: z.string(), quantity: z.number().int() })).describe('The first three lines'),
  moreLines: z.number().int(),
});

export const adminOrderPageSchema = z.object({ orders: z.array(adminOrderSummarySchema), nextCursor });

export const adminOrderViewSchema = orderViewSchema.extend({
  owner: z.union([z.object({ kind: z.literal('guest') }), z.object({ kind: z.literal('shopper'), userId: z.string() })]),
  customerName: z.string(),
  payment: orderViewSchema.shape.payment.extend({ provider: z.enum(['stripe', 'sandbox']), paymentId: z.string().nullable() }),
  refunds: z.array(
    z.object({
      refundId: z.string(),
      amountCents: cents,
      at: z.string(),
      reason: z.string().nullable(),
      by: z.enum(['shop', 'provider']).describe('provider: made in the payment provider’s dashboard, not here'),
    }),
  ),
  disputes: z
    .array(
      z.object({
        disputeId: z.string(),
        status: z.string().describe('The provider’s dispute status: needs_response, under_review, won, lost…'),
        open: z.boolean().describe('Still running: refunds are refused meanwhile'),
        reason: z.string(),
        amountCents: cents,
        evidenceDueBy: z.string().nullable(),
        openedAt: z.string(),
        updatedAt: z.string(),
      }),
    )
    .describe('Chargebacks the card holder opened, as the provider last described them'),
  paymentMismatch: z
    .object({ paymentId: z.string(), amountCents: cents, currency: z.string(), at: z.string() })
    .nullable()
    .describe('A payment that succeeded for another amount or currency than the order’s: the order was not marked paid'),
  refundStockReview: z
    .object({ refundIds: z.array(z.string()), amountCents: cents })
    .nullable()
    .describe('Refunds made in the provider’s dashboard whose units the admin has not yet decided about'),
  returnedUnits: z.record(z.string(), z.number().int()).describe('Units given back to the shelf per mineral id'),
  refundedCents: cents.describe('Refunded so far, over all refunds'),
  timeline: z.array(z.object({ status: orderStatus, at: z.string(), by: z.enum(['system', 'admin', 'shopper']), note: z.string().nullable() })),
  mailsSent: z.array(z.string()).describe('Mails queued for the order, as template:occasion'),
  actions: z
    .object({
      transitions: z.array(z.enum(ADMIN_TRANSITIONS)).describe('What an admin may move the order to now (the state machine)'),
      refund: z.boolean().describe('Whether a refund may be made now (paid and not refunded in full)'),
      refundStock: z.boolean().describe('Whether the units of a dashboard refund wait for a decision (POST …/refund-stock)'),
    })
    .describe('What the console offers on this order'),
  version: z.number().int(),
  updatedAt: z.string(),
});

export type OrderTotals = z.infer<typeof orderTotalsSchema>;
export type OrderView = z.infer<typeof orderViewSchema>;
export type OrderSummary = z.infer<typeof orderSummarySchema>;
export type AdminOrderSummary = z.infer<typeof adminOrderSummarySchema>;
export type AdminOrderView = z.infer<typeof adminOrderViewSchema>;

export const trackingLinkReplacedSchema = z.object({
  orderId: z.string(),
  trackingVersion: z.number().int().describe('The generation of the order’s tracking links now: links of earlier generations no longer open the order.'),
  mailedTo: z.string().describe('The address the fresh link was mailed to (the order’s).'),
});
