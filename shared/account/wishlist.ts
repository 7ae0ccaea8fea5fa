// The signed-in shopper's wishlist: minerals they want to come back to, shown with what the catalog
// says about them now (name, picture, price, availability), not what it said when they were added.
import type { Shopper } from '../auth/shopperTokens';
import type { Mineral } from '../domain/catalog';
import { isPublished } from '../domain/catalog';
import { getPublishedMineral, getMinerals } from '../db/minerals';
import {
  addWishlistEntry,
  listWishlistEntries,
  removeWishlistEntry,
  WishlistBusyError,
  WishlistFullError,
  WISHLIST_MAX_ENTRIES,
  type WishlistEntry,
} from '../db/wishlist';
import { retryRaces } from '../db/conflicts';
import { ConflictError, NotFoundError, ValidationError } from '../errors';

function toWishlistItem(entry: WishlistEntry, m: Mineral) {
  return {
    mineralId: m.id,
    name: m.name,
    image: m.image,
    priceCents: m.priceCents,
    currency: m.currency,
    available: m.available,
    addedAt: entry.addedAt,
  };
}

/** Runs a wishlist write again when another write to the same wishlist got in its way. */
function retryBusy<T>(write: () => Promise<T>): Promise<T> {
  return retryRaces(write, {
    lost: (error) => error instanceof WishlistBusyError,
    exhausted: (cause) => new ConflictError('Your wishlist is busy; please try again.', 'wishlist_busy', { cause }),
  });
}

/** The shopper's wishlist, newest first, leaving out minerals that are no longer in the catalog. */
export async function getWishlist(shopper: Shopper) {
  const entries = await listWishlistEntries(shopper.userId);
  const minerals = await getMinerals(entries.map((e) => e.mineralId));
  const newestFirst = [...entries].sort((a, b) => b.addedAt.localeCompare(a.addedAt) || a.mineralId.localeCompare(b.mineralId));
  return {
    items: newestFirst.flatMap((e) => {
      const mineral = minerals.get(e.mineralId);
      return mineral && isPublished(mineral) ? [toWishlistItem(e, mineral)] : [];
    }),
  };
}

/** Entries whose mineral has left the catalog: invisible in the list, so they must not fill it up. */
async function removeDanglingEntries(userId: string): Promise<number> {
  const entries = await listWishlistEntries(userId);
  const minerals = await getMinerals(entries.map((e) => e.mineralId));
  const dangling = entries.filter((e) => !minerals.has(e.mineralId));
  for (const e of dangling) await retryBusy(() => removeWishlistEntry(userId, e.mineralId));
  return dangling.length;
}

/** Adds an entry; at the cap, first clears out entries whose mineral is gone, once. */
async function addMakingRoom(userId: string, mineralId: string, addedAt: string) {
  for (let cleared = false; ; cleared = true) {
    try {
      return await retryBusy(() => addWishlistEntry(userId, mineralId, addedAt));
    } catch (error) {
      if (!(error instanceof WishlistFullError)) throw error;
      if (cleared || (await removeDanglingEntries(userId)) === 0) {
        throw new ValidationError(`Your wishlist is full: it holds at most ${WISHLIST_MAX_ENTRIES} minerals. Remove one to add another.`, 'wishlist_full');
      }
    }
  }
}

/** Adds a mineral (idempotent): `added` is false when it was on the wishlist already. */
export async function addToWishlist(shopper: Shopper, mineralId: string, now = new Date()) {
  const mineral = await getPublishedMineral(mineralId);
  if (!mineral) throw new NotFoundError(`No mineral with id ${mineralId}.`);
  const result = await addMakingRoom(shopper.userId, mineralId, now.toISOString());
  return { added: result.added, item: toWishlistItem(result.entry, mineral) };
}

/** Removes a mineral (idempotent: removing what is not there is fine). */
export async function removeFromWishlist(shopper: Shopper, mineralId: string): Promise<void> {
  await retryBusy(() => removeWishlistEntry(shopper.userId, mineralId));
}
