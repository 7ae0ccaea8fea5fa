// The dashboard's rules: what a change to an order or to a mineral's stock counters adds to the shop's
// figures, and how the figures are read back for a period. The figures are kept as aggregates by the
// table's stream consumer (functions/jobs/updateDashboard.ts), off the payment path:
//
// - daily counters per UTC day — revenue, paid orders, units sold, failed payments — spread over
//   COUNTER_SHARDS items a day, so no single item takes every sale's write;
// - gauges (same shards): orders waiting to be packed or shipped, units held in carts and their value;
// - one marker item per mineral that is low on stock or sold out.
//
// An order counts on the day it became paid (its `updatedAt` then), at its total after discounts.

import type { OrderStatus } from './orders';

/** Items a day's counters (and the gauges) are spread over; a sale writes one of them. */
export const COUNTER_SHARDS = 8;

/** A mineral whose threshold is unset is low at this many units or fewer. */
export const DEFAULT_LOW_STOCK_THRESHOLD = 1;

export interface DayCounters {
  revenueCents: number;
  paidOrders: number;
  units: number;
  failedPayments: number;
}

export interface Gauges {
  /** Orders paid and not yet packed or shipped. */
  toPack: number;
  /** Orders packed and not yet shipped. */
  toShip: number;
  heldUnits: number;
  /** Held units at the price of their mineral when they were taken. */
  heldValueCents: number;
}

export const NO_COUNTS: DayCounters = { revenueCents: 0, paidOrders: 0, units: 0, failedPayments: 0 };
export const NO_GAUGES: Gauges = { toPack: 0, toShip: 0, heldUnits: 0, heldValueCents: 0 };

/** What an order image in the stream carries that the figures need. */
export interface OrderImage {
  orderId: string;
  status: OrderStatus;
  totalCents: number;
  units: number;
  /** When the image was written (ISO): the day a status change counts on. */
  updatedAt: string;
}

export interface CounterChange {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  shard: number;
  counts: Partial<DayCounters>;
  gauges: Partial<Gauges>;
}

/** Deterministic shard of an id (FNV-1a): a retried change lands on the same item. */
export function shardOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % COUNTER_SHARDS;
}

export const dayOf = (iso: string): string => iso.slice(0, 10);

const entered = (status: OrderStatus, before: OrderImage | undefined, after: OrderImage | undefined) =>
  after?.status === status && before?.status !== status;
const left = (status: OrderStatus, before: OrderImage | undefined, after: OrderImage | undefined) =>
  before?.status === status && after?.status !== status;

/** What one change of an order (insert, update or delete) adds to the figures; undefined: nothing. */
export function orderChange(before: OrderImage | undefined, after: OrderImage | undefined): CounterChange | undefined {
  const counts: Partial<DayCounters> = {};
  if (after && entered('paid', before, after)) {
    counts.revenueCents = after.totalCents;
    counts.paidOrders = 1;
    counts.units = after.units;
  }
  if (after && entered('payment_failed', before, after)) counts.failedPayments = 1;
  const gauges: Partial<Gauges> = {};
  for (const [status, gauge] of [
    ['paid', 'toPack'],
    ['packed', 'toShip'],
  ] as const) {
    if (entered(status, before, after)) gauges[gauge] = 1;
    else if (left(status, before, after)) gauges[gauge] = -1;
  }
  if (Object.keys(counts).length === 0 && Object.keys(gauges).length === 0) return undefined;
  const latest = (after ?? before)!;
  return { day: dayOf(latest.updatedAt), shard: shardOf(latest.orderId), counts, gauges };
}

/** A mineral's stock counters as the stream shows them (on the mineral item, or an item of their own). */
export interface StockImage {
  mineralId: string;
  available: number;
  held: number;
}

export type StockState = 'ok' | 'low' | 'soldOut';

export function stockState(available: number, lowStockThreshold: number | undefined): StockState {
  if (available <= 0) return 'soldOut';
  return available <= (lowStockThreshold ?? DEFAULT_LOW_STOCK_THRESHOLD) ? 'low' : 'ok';
}

/** Units newly held (or, negative, let go) between two images of a mineral's counters. */
export const heldDelta = (before: StockImage | undefined, after: StockImage | undefined): number => (after?.held ?? 0) - (before?.held ?? 0);

/** The UTC days of a period of `days` ending today, and of the period before it. */
export function periodDays(today: string, days: number, offset = 0): string[] {
  const end = Date.parse(`${today}T00:00:00Z`) - offset * 86_400_000;
  return Array.from({ length: days }, (_, i) => new Date(end - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

export interface PeriodFigures extends DayCounters {
  averageOrderCents: number;
}

/** The sum of the given days' counters, and the average order value (rounded to the cent). */
export function periodFigures(byDay: ReadonlyMap<string, DayCounters>, days: readonly string[]): PeriodFigures {
  const sum = { ...NO_COUNTS };
  for (const day of days) {
    const c = byDay.get(day);
    if (!c) continue;
    sum.revenueCents += c.revenueCents;
    sum.paidOrders += c.paidOrders;
    sum.units += c.units;
    sum.failedPayments += c.failedPayments;
  }
  return { ...sum, averageOrderCents: sum.paidOrders === 0 ? 0 : Math.round(sum.revenueCents / sum.paidOrders) };
}

/** Periods the dashboard compares: today, 7 days and 30 days, each with the period before it. */
export const DASHBOARD_PERIODS = { today: 1, last7Days: 7, last30Days: 30 } as const;
/** Days of counters the dashboard reads: the longest period and the one before it. */
export const DAYS_READ = 2 * DASHBOARD_PERIODS.last30Days;
