// Restock mail: when a sold-out mineral is on the shelf again, every watcher gets ONE mail with the
// product link and a signed one-click unsubscribe link, and the watch ends. Idempotent per restock
// event (its id is the ledger entry that restocked): each watch is claimed for the event before its
// mail is queued and deleted after, so running the same event again mails nobody twice.
import { issueLinkToken, verifyLinkToken } from '../auth/trackingTokens';
import { getMineral } from '../db/minerals';
import { getUser } from '../db/users';
import { claimRestockWatch, listRestockWatches, removeRestockWatch } from '../db/restockWatches';
import { SHOP_URL } from '../email/links';
import { enqueueEmail } from '../email/outbox';
import { NotFoundError } from '../errors';
import { logger } from '../logger';

const UNSUBSCRIBE_AUDIENCE = 'mineral-shop-restock-unsubscribe';
const UNSUBSCRIBE_SECONDS = 180 * 24 * 60 * 60;
const watchSubject = (mineralId: string, email: string) => `${mineralId}:${email.toLowerCase()}`;

export async function unsubscribeUrl(mineralId: string, email: string): Promise<string> {
  const token = await issueLinkToken(UNSUBSCRIBE_AUDIENCE, watchSubject(mineralId, email), UNSUBSCRIBE_SECONDS);
  const query = new URLSearchParams({ mineralId, email, token });
  return `${SHOP_URL}/api/restock-watches/unsubscribe?${query.toString()}`;
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
