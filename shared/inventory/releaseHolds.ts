// Releasing lapsed holds: the scheduled sweep, and the safety net for lines TTL deleted first.
import { findExpiredHolds, releaseDeletedLineHold, releaseHold } from '../db/holds';
import type { CartLine } from '../db/carts';
import { logger } from '../logger';

/** Most holds one sweep releases; the next run, a minute later, takes the rest. */
const MAX_PER_RUN = 2_000;
const PAGE = 100;

/** Releases every hold that expired before `now`, each exactly once even when sweeps overlap. */
export async function releaseExpiredHolds(now = new Date(), pageSize = PAGE): Promise<{ released: number; skipped: number }> {
  let released = 0;
  let skipped = 0;
  // Walk the index forward: a hold that cannot be released (it changed meanwhile, or its mineral is
  // gone) is passed over, never re-read, so it cannot stall the holds behind it.
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await findExpiredHolds(now, pageSize, startKey);
    for (const line of page.lines) {
      try {
        if ((await releaseHold(line)) === 'released') released += 1;
        else skipped += 1;
      } catch (error) {
        skipped += 1;
        logger.error('could not release an expired hold', { cartId: line.cartId, mineralId: line.mineralId, error: error as Error });
      }
    }
    startKey = page.next;
  } while (startKey && released + skipped < MAX_PER_RUN);
  if (released || skipped) logger.info('released expired holds', { released, skipped });
  return { released, skipped };
}

/** Releases holds of lines that TTL deleted while they still held units; redeliveries are no-ops. */
export async function releaseTtlDeletedLines(lines: readonly CartLine[]): Promise<{ released: number; skipped: number }> {
  let released = 0;
  let skipped = 0;
  for (const line of lines) {
    if ((await releaseDeletedLineHold(line)) === 'released') released += 1;
    else skipped += 1;
  }
  if (released) logger.warn('released holds of lines deleted by TTL before the sweep', { released, skipped });
  return { released, skipped };
}
