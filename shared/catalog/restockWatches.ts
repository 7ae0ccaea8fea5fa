// Restock watches: a shopper or a guest asks to be told when a sold-out mineral is back. Only the
// watch is stored here; the restock mailer reads a mineral's confirmed watches (listRestockWatches) later.
// Double opt-in: anyone can type any address, so a watch for an address the caller has not shown to
// be theirs is stored pending and its address gets one mail with a signed confirmation link; only a
// confirmed watch is ever told about the restock. A signed-in shopper watching with their own
// account's address is confirmed at once (rules: RESTOCK_CONFIRMATION).
import type { Shopper } from '../auth/shopperTokens';
import { issueLinkToken, verifyLinkToken } from '../auth/trackingTokens';
import { getPublishedMineral } from '../db/minerals';
import { addRestockWatch, confirmRestockWatch, removeRestockWatch, renewRestockConfirmation, type PendingWatch } from '../db/restockWatches';
import { getUser } from '../db/users';
import { SHOP_URL } from '../email/links';
import { enqueueEmail } from '../email/outbox';
import { ConflictError, NotFoundError, UnauthorizedError, ValidationError } from '../errors';
import type { ConfirmRestockWatchBody, WatchRestockBody } from '../http/schemas/catalog';

export const RESTOCK_CONFIRMATION = {
  /** A confirmation link works this long, and a watch nobody confirms lapses after it (the table's TTL deletes it). */
  linkHours: 48,
  /**
   * At most one confirmation mail per address and mineral in this window, however often anyone asks:
   * typing a stranger's address again and again mails them nothing more.
   */
  resendAfterHours: 24,
} as const;

const CONFIRM_AUDIENCE = 'mineral-shop-restock-confirm';
const HOUR_MS = 60 * 60 * 1000;
const confirmSubject = (mineralId: string, email: string) => `${mineralId}:${email.toLowerCase()}`;

interface Watcher {
  email: string;
  userId: string | null;
  /** The signed-in shopper's own account address: nothing to confirm. */
  ownAddress: boolean;
}

/** The caller's address for the watch: the one given, else the signed-in shopper's account address. */
async function watcherOf(shopper: Shopper | undefined, input: WatchRestockBody): Promise<Watcher> {
  if (!shopper) {
    if (!input.email) throw new ValidationError('email is required: give the address to tell when the mineral is back.', 'email_required');
    return { email: input.email, userId: null, ownAddress: false };
  }
  const user = await getUser(shopper.userId);
  if (!user || user.disabled) throw new UnauthorizedError('Sign in again to watch a mineral.');
  const email = input.email ?? user.email;
  return { email, userId: user.userId, ownAddress: email.toLowerCase() === user.email.toLowerCase() };
}

/** The link in the confirmation mail: the site's page, which confirms with a POST (a mail scanner opening links confirms nothing). */
export async function confirmRestockUrl(mineralId: string, email: string, now = new Date()): Promise<string> {
  const token = await issueLinkToken(CONFIRM_AUDIENCE, confirmSubject(mineralId, email), RESTOCK_CONFIRMATION.linkHours * 3600, now);
  return `${SHOP_URL}/restock/confirm?${new URLSearchParams({ mineralId, email, token }).toString()}`;
}

async function sendConfirmation(mineralId: string, mineralName: string, email: string, now: Date): Promise<void> {
  await enqueueEmail({
    to: email,
    template: 'restockConfirm',
    data: { mineralName, confirmUrl: await confirmRestockUrl(mineralId, email, now), expiresInHours: RESTOCK_CONFIRMATION.linkHours },
  });
}

export type WatchOutcome =
  | { status: 'watching'; created: boolean; watch: { mineralId: string; email: string; status: 'watching'; createdAt: string } }
  | { status: 'pending_confirmation'; watch: { mineralId: string; email: string; status: 'pending_confirmation' } };

/**
 * Watches a sold-out mineral for the caller (idempotent). With the caller's own account address the
 * watch is live at once (`created` is false when it was already). Any other address gets a pending
 * watch and a confirmation mail (at most one per RESTOCK_CONFIRMATION.resendAfterHours); that answer
 * is the same whether or not the address already watches, so nobody learns who watches what.
 */
export async function watchRestock(shopper: Shopper | undefined, mineralId: string, input: WatchRestockBody, now = () => new Date()): Promise<WatchOutcome> {
  const [watcher, mineral] = await Promise.all([watcherOf(shopper, input), getPublishedMineral(mineralId)]);
  if (!mineral) throw new NotFoundError(`No mineral with id ${mineralId}.`);
  if (mineral.available > 0) {
    throw new ConflictError(`${mineral.name} is in stock: put it in your cart instead.`, 'in_stock', { details: { available: mineral.available } });
  }
  const at = now();
  const base = { mineralId, email: watcher.email, userId: watcher.userId, createdAt: at.toISOString() };
  if (watcher.ownAddress) {
    const { watch, added } = await addRestockWatch({ ...base, confirmed: true }, undefined, at);
    return { status: 'watching', created: added, watch: { mineralId, email: watcher.email, status: 'watching', createdAt: watch.createdAt } };
  }

  const pending: PendingWatch = {
    confirmationSentAt: at.toISOString(),
    expiresAtSeconds: Math.ceil((at.getTime() + RESTOCK_CONFIRMATION.linkHours * HOUR_MS) / 1000),
  };
  const { watch, added } = await addRestockWatch({ ...base, confirmed: false }, pending, at);
  const lastSentBefore = new Date(at.getTime() - RESTOCK_CONFIRMATION.resendAfterHours * HOUR_MS).toISOString();
  if (added) {
    try {
      await sendConfirmation(mineralId, mineral.name, watcher.email, at);
    } catch (error) {
      // No mail, no watch: asking again must be able to send it.
      await removeRestockWatch(mineralId, watcher.email);
      throw error;
    }
  } else if (!watch.confirmed && (await renewRestockConfirmation(mineralId, watcher.email, pending, lastSentBefore))) {
    await sendConfirmation(mineralId, mineral.name, watcher.email, at);
  }
  return { status: 'pending_confirmation', watch: { mineralId, email: watcher.email, status: 'pending_confirmation' } };
}

/**
 * The confirmation link's POST: makes the pending watch live (idempotent). A forged, altered or
 * expired link is a 404, and so is a watch that is gone (lapsed, mailed or unsubscribed since).
 */
export async function confirmRestock(input: ConfirmRestockWatchBody, now = () => new Date()): Promise<{ mineralId: string; email: string; status: 'watching' }> {
  const at = now();
  if (!(await verifyLinkToken(input.token, CONFIRM_AUDIENCE, confirmSubject(input.mineralId, input.email), at))) {
    throw new NotFoundError('This confirmation link is not valid (or has expired). Ask again on the mineral’s page.');
  }
  if (!(await confirmRestockWatch(input.mineralId, input.email, at))) {
    throw new NotFoundError('There is no restock alert to confirm any more (it lapsed, was sent, or was stopped). Ask again on the mineral’s page.');
  }
  return { mineralId: input.mineralId, email: input.email, status: 'watching' };
}
