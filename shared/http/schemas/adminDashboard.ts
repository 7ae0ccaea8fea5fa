// The dashboard's response (GET /api/admin/dashboard), for the OpenAPI document.
import * as z from 'zod';

const figures = z.object({
  revenueCents: z.number().int(),
  paidOrders: z.number().int(),
  units: z.number().int(),
  failedPayments: z.number().int(),
  averageOrderCents: z.number().int(),
});
const period = z.object({ current: figures, previous: figures.describe('The period of the same length just before') });
const waitingOrder = z.object({
  orderId: z.string(),
  number: z.string(),
  email: z.string(),
  totalCents: z.number().int(),
  placedAt: z.string(),
  ageMinutes: z.number().int(),
});
const stockMarker = z.object({ mineralId: z.string(), name: z.string(), available: z.number().int(), lowStockThreshold: z.number().int() });

export const dashboardSchema = z.object({
  asOf: z.string(),
  periods: z.object({ today: period, last7Days: period, last30Days: period }).describe('UTC days; an order counts on the day it was paid'),
  revenuePerDay: z.array(z.object({ day: z.string(), revenueCents: z.number().int(), paidOrders: z.number().int() })).describe('The last 30 days, oldest first'),
  waiting: z.object({
    toPack: z.object({ count: z.number().int(), oldest: z.array(waitingOrder) }),
    toShip: z.object({ count: z.number().int(), oldest: z.array(waitingOrder) }),
  }),
  failedPayments24h: z.array(waitingOrder).describe('Orders placed in the last 24 hours whose payment failed, latest first'),
  lowStock: z.array(stockMarker),
  soldOut: z.array(stockMarker.extend({ watchers: z.number().int().describe('Shoppers waiting for a restock mail') })),
  holds: z.object({ units: z.number().int(), valueCents: z.number().int() }).describe('Units held in carts now, at the price when they were taken'),
  lastReconciliation: z
    .object({ at: z.string(), mineralsChecked: z.number().int(), drift: z.array(z.object({ mineralId: z.string(), expected: z.number(), actual: z.number() })) })
    .nullable(),
  consumedCapacity: z.number().describe('Read capacity units this answer cost; it does not grow with the number of orders'),
});
