// Restock watches: a shopper or a guest asks to be told when a sold-out mineral is back. Only the
// watch is stored here; the restock mailer reads a mineral's watches (listRestockWatches) later.
import type { Shopper } from '../auth/shopperTokens';
import { getPublishedMineral } from '../db/minerals';
import { addRestockWatch } from '../db/restockWatches';
import { getUser } from '../db/users';
import { ConflictError, NotFoundError, UnauthorizedError, ValidationError } from '../errors';
import type { WatchRestockBody } from '../http/schemas/catalog';

/** The caller's address for the watch: the one given, else the signed-in shopper's account address. */
async function watcherOf(shopper: Shopper | undefined, input: WatchRestockBody): Promise<{ email: string; userId: string | null }> {
  if (!shopper) {
    if (!input.email) throw new ValidationError('email is required: give the address to tell when the mineral is back.', 'email_required');
    return { email: input.email, userId: null };
  }
  const user = await getUser(shopper.userId);
  if (!user || user.disabled) throw new UnauthorizedError('Sign in again to watch a mineral.');
  return { email: input.email ?? user.email, userId: user.userId };
}

/**
 * Watches a sold-out mineral for the caller (idempotent): `created` is false when the address watched
 * it already. The answer names only the caller's own address, never another watcher's.
 */
export async function watchRestock(shopper: Shopper | undefined, mineralId: string, input: WatchRestockBody, now = () => new Date()) {
  const [watcher, mineral] = await Promise.all([watcherOf(shopper, input), getPublishedMineral(mineralId)]);
  if (!mineral) throw new NotFoundError(`No mineral with id ${mineralId}.`);
  if (mineral.available > 0) {
    throw new ConflictError(`${mineral.name} is in stock: put it in your cart instead.`, 'in_stock', { details: { available: mineral.available } });
  }
  const { watch, added } = await addRestockWatch({ mineralId, ...watcher, createdAt: now().toISOString() });
  return { created: added, watch: { mineralId, email: watcher.email, createdAt: watch.createdAt } };
}
