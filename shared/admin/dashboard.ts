// The dashboard: the shop's day for the admin (getDashboard), and the stream consumer's use case that
// keeps its aggregates (applyStreamChange). Rules in shared/domain/dashboard.ts, items in
// shared/db/dashboard.ts.
import {
  DASHBOARD_PERIODS,
  heldDelta,
  orderChange,
  periodDays,
  periodFigures,
  shardOf,
  stockState,
  type OrderImage,
  type PeriodFigures,
} from '../domain/dashboard';
import type { OrderStatus } from '../domain/orders';
import { applyDashboardChange, getMineralFacts, readDashboardAggregates, type DashboardChange, type DashboardAggregates } from '../db/dashboard';
import { getLatestReconciliation, type ReconciliationRun } from '../inventory/latestReconciliation';
import { stockImageOf } from '../inventory/stockImage';
import type { TableChange } from '../tableStream';

function orderImage(item: Record<string, unknown> | undefined): OrderImage | undefined {
  if (item?.entity !== 'order') return undefined;
  const items = Array.isArray(item.items) ? (item.items as { quantity?: unknown }[]) : [];
  return {
    orderId: String(item.orderId),
    status: item.status as OrderStatus,
    totalCents: Number(item.totalCents ?? 0),
    units: items.reduce((sum, line) => sum + Number(line.quantity ?? 0), 0),
    updatedAt: String(item.updatedAt ?? item.createdAt),
  };
}


const thresholdOf = (item: Record<string, unknown> | undefined) => (typeof item?.lowStockThreshold === 'number' ? item.lowStockThreshold : undefined);

async function stockChange(before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): Promise<DashboardChange | undefined> {
  const [old, next] = [stockImageOf(before), stockImageOf(after)];
  const mineralId = (next ?? old)?.mineralId;
  if (!mineralId) return undefined;
  // The mineral item carries name, price and threshold; an item of counters alone does not.
  const source = after && typeof after.name === 'string' && typeof after.priceCents === 'number' ? after : undefined;
  const facts = source
    ? { name: source.name as string, priceCents: source.priceCents as number, lowStockThreshold: thresholdOf(source) }
    : await getMineralFacts(mineralId);

  const change: DashboardChange = {};
  const units = heldDelta(old, next);
  if (units !== 0) change.held = { shard: shardOf(mineralId), units, valueCents: units * (facts?.priceCents ?? 0) };

  const threshold = facts?.lowStockThreshold;
  const was = old ? stockState(old.available, thresholdOf(before) ?? threshold) : 'ok';
  const now = next && facts ? stockState(next.available, threshold) : 'ok';
  if (now !== was || (now !== 'ok' && old?.available !== next?.available)) {
    change.marker = {
      state: now,
      marker: { mineralId, name: facts?.name ?? mineralId, available: next?.available ?? 0, lowStockThreshold: threshold ?? 1 },
    };
  }
  return change.held || change.marker ? change : undefined;
}

/** Turns one stream record into the dashboard's aggregates, once; anything else is ignored. */
export async function applyStreamChange(record: TableChange): Promise<boolean> {
  const counters = orderChange(orderImage(record.before), orderImage(record.after));
  const change: DashboardChange = counters ? { counters } : ((await stockChange(record.before, record.after)) ?? {});
  if (!change.counters && !change.held && !change.marker) return false;
  return applyDashboardChange(record.eventId, change);
}

export interface Dashboard {
  asOf: string;
  periods: Record<keyof typeof DASHBOARD_PERIODS, { current: PeriodFigures; previous: PeriodFigures }>;
  revenuePerDay: Array<{ day: string; revenueCents: number; paidOrders: number }>;
  waiting: { toPack: { count: number; oldest: WaitingView[] }; toShip: { count: number; oldest: WaitingView[] } };
  failedPayments24h: WaitingView[];
  lowStock: DashboardAggregates['lowStock'];
  soldOut: DashboardAggregates['soldOut'];
  holds: { units: number; valueCents: number };
  lastReconciliation: ReconciliationRun | null;
  /** What reading all this cost (read capacity units); it does not grow with the number of orders. */
  consumedCapacity: number;
}

interface WaitingView {
  orderId: string;
  number: string;
  email: string;
  totalCents: number;
  placedAt: string;
  ageMinutes: number;
}

export async function getDashboard(now: Date = new Date()): Promise<Dashboard> {
  const [aggregates, lastReconciliation] = await Promise.all([readDashboardAggregates(now), getLatestReconciliation()]);
  const today = now.toISOString().slice(0, 10);
  const period = (days: number) => ({
    current: periodFigures(aggregates.countersByDay, periodDays(today, days)),
    previous: periodFigures(aggregates.countersByDay, periodDays(today, days, days)),
  });
  const view = (o: DashboardAggregates['toPack'][number]): WaitingView => ({
    orderId: o.orderId,
    number: o.number,
    email: o.email,
    totalCents: o.totalCents,
    placedAt: o.createdAt,
    ageMinutes: Math.max(0, Math.floor((now.getTime() - Date.parse(o.createdAt)) / 60_000)),
  });
  return {
    asOf: now.toISOString(),
    periods: {
      today: period(DASHBOARD_PERIODS.today),
      last7Days: period(DASHBOARD_PERIODS.last7Days),
      last30Days: period(DASHBOARD_PERIODS.last30Days),
    },
    revenuePerDay: periodDays(today, DASHBOARD_PERIODS.last30Days).map((day) => {
      const c = aggregates.countersByDay.get(day);
      return { day, revenueCents: c?.revenueCents ?? 0, paidOrders: c?.paidOrders ?? 0 };
    }),
    waiting: {
      toPack: { count: aggregates.gauges.toPack, oldest: aggregates.toPack.map(view) },
      toShip: { count: aggregates.gauges.toShip, oldest: aggregates.toShip.map(view) },
    },
    failedPayments24h: aggregates.failedPayments.map(view),
    lowStock: aggregates.lowStock,
    soldOut: aggregates.soldOut,
    holds: { units: aggregates.gauges.heldUnits, valueCents: aggregates.gauges.heldValueCents },
    lastReconciliation,
    consumedCapacity: aggregates.consumedCapacity,
  };
}
