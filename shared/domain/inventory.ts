// The inventory invariant. For every mineral, at every moment between transactions:
//   available + held + sold − returned = received
// where `received` is the sum of the mineral's ledger entries (initial stock, restocks, adjustments).

export interface StockCounters {
  available: number;
  held: number;
  sold: number;
  returned: number;
  received: number;
}

export interface Drift {
  /** available + held + sold − returned − ledger total: positive means units appeared from nowhere. */
  difference: number;
  /** Counters below zero. */
  negative: Array<keyof StockCounters>;
  /** The mineral's own `received` counter disagrees with the sum of its ledger. */
  receivedMismatch: boolean;
}

/** Returns what is wrong with a mineral's counters, or undefined when they balance. */
export function checkInvariant(c: StockCounters, ledgerTotal: number): Drift | undefined {
  const difference = c.available + c.held + c.sold - c.returned - ledgerTotal;
  const negative = (Object.keys(c) as Array<keyof StockCounters>).filter((k) => c[k] < 0);
  const receivedMismatch = c.received !== ledgerTotal;
  if (difference === 0 && negative.length === 0 && !receivedMismatch) return undefined;
  return { difference, negative, receivedMismatch };
}

export const STOCK_FINDING_KINDS = ['returnedExceedsSold', 'moreThanReceived', 'heldMismatch', 'staleHold', 'holdTooLong'] as const;

/** What else must hold for a mineral besides the invariant; each broken rule is one finding. */
export type StockFindingKind = (typeof STOCK_FINDING_KINDS)[number] &
  (
  /** More units came back than were ever sold. */
  | 'returnedExceedsSold'
  /** More units on the shelf and in carts than the mineral ever received. */
  | 'moreThanReceived'
  /** The mineral's `held` counter disagrees with the units its live cart lines hold. */
  | 'heldMismatch'
  /** A cart line still holds units long after its hold lapsed (the sweep never released it). */
  | 'staleHold'
  /** A cart line holds units until further ahead than any hold may last. */
  | 'holdTooLong');

export interface StockFinding {
  kind: StockFindingKind;
  message: string;
}

/**
 * The longest a hold may last from the last activity: a shopper's sliding hold, or a checkout's
 * payment window with its grace. A line expiring further ahead than this was written wrongly.
 */
export const MAX_HOLD_LIFE_MINUTES = 2 * 60;
/** The sweep runs every minute; a hold still held this long after it lapsed was missed. */
export const STALE_HOLD_MINUTES = 15;

export interface HeldLineSummary {
  /** Units held by the mineral's live cart lines. */
  units: number;
  /** Lapsed holds still holding units past STALE_HOLD_MINUTES. */
  stale: number;
  /** Holds expiring beyond MAX_HOLD_LIFE_MINUTES from now. */
  tooLong: number;
}

/** Sums one mineral's held cart lines, flagging holds that lapsed long ago or reach too far ahead. */
export function summarizeHeldLines(lines: ReadonlyArray<{ held: number; holdExpiresAt: string | null }>, now: Date): HeldLineSummary {
  const summary: HeldLineSummary = { units: 0, stale: 0, tooLong: 0 };
  for (const line of lines) {
    if (line.held <= 0 || !line.holdExpiresAt) continue;
    summary.units += line.held;
    const expires = new Date(line.holdExpiresAt).getTime();
    if (expires < now.getTime() - STALE_HOLD_MINUTES * 60_000) summary.stale += 1;
    if (expires > now.getTime() + MAX_HOLD_LIFE_MINUTES * 60_000) summary.tooLong += 1;
  }
  return summary;
}

/**
 * The rules beyond the invariant. `heldLines` is undefined when the holds were changing while they
 * were read (the held comparison is then skipped for this run rather than reported falsely).
 */
export function checkStockRules(c: StockCounters, heldLines: HeldLineSummary | undefined): StockFinding[] {
  const findings: StockFinding[] = [];
  if (c.returned > c.sold) findings.push({ kind: 'returnedExceedsSold', message: `returned ${c.returned} is more than sold ${c.sold}` });
  if (c.available + c.held > c.received) {
    findings.push({ kind: 'moreThanReceived', message: `available ${c.available} + held ${c.held} is more than received ${c.received}` });
  }
  if (heldLines) {
    if (heldLines.units !== c.held) findings.push({ kind: 'heldMismatch', message: `held is ${c.held} but cart lines hold ${heldLines.units}` });
    if (heldLines.stale > 0) findings.push({ kind: 'staleHold', message: `${heldLines.stale} cart line(s) still hold units more than ${STALE_HOLD_MINUTES} minutes after their hold lapsed` });
    if (heldLines.tooLong > 0) findings.push({ kind: 'holdTooLong', message: `${heldLines.tooLong} cart line(s) hold units for more than ${MAX_HOLD_LIFE_MINUTES} minutes ahead` });
  }
  return findings;
}

/**
 * What a listing knows of a mineral's shelf. The counters live on an item of their own (no index
 * keys), so a sale or a hold rewrites ~150 bytes, not the mineral and its catalog index entries. A
 * listing's card shows "Sold out", "Only N left" (N ≤ 3) or "In stock", so the mineral item carries
 * only `listedStock`: the units on the shelf up to a cap. A deep-stock mineral's sale leaves it as it
 * is, so the catalog indexes are written only when the shelf crosses into what a card shows
 * differently. The cap is above the mineral's low-stock threshold too, so the admin's "low" filter is
 * exact. Kept by a stream worker (shared/catalog/listedStock.ts), so a listing may lag the shelf by a
 * moment; the product page and the cart read the counters themselves, and adding to a cart checks them.
 */
export const LISTED_STOCK_CAP = 4;

export function listedStock(available: number, lowStockThreshold: number | undefined): number {
  return Math.max(0, Math.min(available, Math.max(LISTED_STOCK_CAP, (lowStockThreshold ?? 1) + 1)));
}
