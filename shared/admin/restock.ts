// Restock mail: when a sold-out mineral is on the shelf again, every watcher gets ONE mail with the
// product link and a signed one-click unsubscribe link, and the watch ends.
// When: a published mineral's `available` goes from 0 to more than 0, however it happens (a delivery,
// an adjustment, a cart's hold lapsing, a cancelled order's units coming back): for a watcher the
// mineral can be bought again. Found on the table's stream (worker notifyRestocks), never in the
// admin's request, so a receipt answers at once and a failed fan-out is retried, not lost.
// Idempotent per restock event (its id is the stream record's): each watch is claimed for the event
// before its mail is queued and deleted after, so the same record delivered again mails nobody twice.
import type { TableChange } from '../tableStream';
import { issueLinkToken, verifyLinkToken } from '../auth/trackingTokens';
import { getMineral } from '../db/minerals';
import { getUser } from '../db/users';
import { claimRestockWatch, listRestockWatches, removeRestockWatch } from '../db/restockWatches';
import { SHOP_URL } from '../email/links';
import { enqueueEmail } from '../email/outbox';
import { NotFoundError } from '../errors';
import { stockImageOf, type StockItemImage } from '../inventory/stockImage';
import { logger } from '../logger';

const UNSUBSCRIBE_AUDIENCE = 'mineral-shop-restock-unsubscribe';
const UNSUBSCRIBE_SECONDS = 180 * 24 * 60 * 60;
const watchSubject = (mineralId: string, email: string) => `${mineralId}:${email.toLowerCase()}`;

export async function unsubscribeUrl(mineralId: string, email: string): Promise<string> {
  const token = await issueLinkToken(UNSUBSCRIBE_AUDIENCE, watchSubject(mineralId, email), UNSUBSCRIBE_SECONDS);
  const query = new URLSearchParams({ mineralId, email, token });
  return `${SHOP_URL}/api/restock-watches/unsubscribe?${query.toString()}`;
}

/** Whether a change of a mineral's counters is a restock (see the top of this file). */
export function isRestock(before: StockItemImage | undefined, after: StockItemImage | undefined): boolean {
  if (!before || !after) return false;
  if (after.status === 'draft' || after.status === 'archived') return false;
  return before.available === 0 && after.available > 0;
}

/** One record of the table's stream: the restock mail it calls for, if any. Returns how many mails it queued. */
export async function notifyRestockOf(change: TableChange): Promise<number> {
  const [before, after] = [stockImageOf(change.before), stockImageOf(change.after)];
  if (!after || !isRestock(before, after)) return 0;
  return notifyRestock(after.mineralId, `stream-${change.eventId}`);
}

/** Mails every watcher of `mineralId` once for the restock `eventId`. Returns how many mails it queued. */
export async function notifyRestock(mineralId: string, eventId: string): Promise<number> {
  const mineral = await getMineral(mineralId);
  if (!mineral) return 0;
  let queued = 0;
  for (const watch of await listRestockWatches(mineralId)) {
    if (!(await claimRestockWatch(watch, eventId))) continue;
    // A guest left only an address; a signed-in watcher is greeted by name.
    const name = (watch.userId ? (await getUser(watch.userId))?.name : undefined) ?? 'there';
    await enqueueEmail({
      to: watch.email,
      template: 'restockAvailable',
      data: { name, mineralName: mineral.name, productUrl: `${SHOP_URL}/minerals/${mineralId}`, unsubscribeUrl: await unsubscribeUrl(mineralId, watch.email) },
    });
    await removeRestockWatch(mineralId, watch.email, eventId);
    queued += 1;
  }
  logger.info('restock mail queued', { mineralId, eventId, queued });
  return queued;
}

/** The one-click unsubscribe: ends the watch the signed link names. A wrong or expired link is a 404. */
export async function unsubscribeRestock(q: { mineralId: string; email: string; token: string }): Promise<{ unsubscribed: true }> {
  if (!(await verifyLinkToken(q.token, UNSUBSCRIBE_AUDIENCE, watchSubject(q.mineralId, q.email)))) {
    throw new NotFoundError('This unsubscribe link is not valid (or has expired).');
  }
  await removeRestockWatch(q.mineralId, q.email);
  return { unsubscribed: true };
}
