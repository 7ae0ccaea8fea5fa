// Popularity: a mineral's listing-date-independent rank in the "popular" sort. It starts where the
// mineral was created with it (the seed, an admin) and grows by net sales (sold − returned). A paid
// order only counts `sold` on the mineral; this job, on a schedule, folds the sales not yet counted
// into popularity and moves the two popularity sort keys — only for minerals whose sales changed, so
// neither the payment path nor a quiet mineral pays for catalog index rewrites.
import { listStockCounters, setPopularity } from '../db/minerals';
import { logger } from '../logger';

export async function refreshPopularity(): Promise<{ checked: number; updated: number; raced: number }> {
  let checked = 0;
  let updated = 0;
  let raced = 0;
  for await (const { mineralId, counters, popularity } of listStockCounters()) {
    checked += 1;
    const net = counters.sold - counters.returned;
    // A mineral written before this job existed had each sale added to popularity as it was paid.
    const counted = popularity.counted ?? net;
    if (popularity.counted !== undefined && net === counted) continue;
    const next = { popularity: Math.max(0, popularity.popularity + net - counted), counted: net };
    if (await setPopularity(mineralId, popularity, next)) updated += 1;
    else raced += 1;
  }
  logger.info('popularity refreshed', { checked, updated, raced });
  return { checked, updated, raced };
}
