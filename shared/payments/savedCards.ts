// The cards a shopper kept for next time. They live at the payment provider, under the shopper's
// customer; a shopper who never checked out has no customer, so no cards, and no provider call.
import type { Shopper } from '../auth/shopperTokens';
import { getPaymentCustomerId } from '../db/users';
import { NotFoundError } from '../errors';
import { paymentGateway } from './gateway';
import type { SavedCard } from './port';

/** The shopper's saved cards, newest first. */
export async function listSavedCards(shopper: Shopper): Promise<{ items: SavedCard[] }> {
  const customerId = await getPaymentCustomerId(shopper.userId);
  if (!customerId) return { items: [] };
  const gateway = await paymentGateway();
  return { items: await gateway.listSavedCards(customerId) };
}

/** Forgets one of the shopper's saved cards; another shopper's card, or none, is a 404. */
export async function forgetSavedCard(shopper: Shopper, paymentMethodId: string): Promise<void> {
  const customerId = await getPaymentCustomerId(shopper.userId);
  const detached = customerId ? await (await paymentGateway()).detachSavedCard(customerId, paymentMethodId) : false;
  if (!detached) throw new NotFoundError(`You have no saved card ${paymentMethodId}.`);
}
