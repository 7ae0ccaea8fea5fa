// A shopper's customer at the payment provider: made the first time they check out, stored on their
// user item, and reused ever after (saved cards hang off it). Two checkouts racing to make it agree
// on one: the provider call is idempotent per user (for Stripe's 24 hours; after that the stored id is
// what keeps it to one), and the first id stored wins.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { claimPaymentCustomerId, getPaymentCustomerId } from '../db/users';
import { NotFoundError } from '../errors';
import { paymentGateway } from './gateway';

/** The shopper's provider customer id, made (once) if they have none yet. */
export async function paymentCustomerFor(userId: string, email: string): Promise<string> {
  const stored = await getPaymentCustomerId(userId);
  if (stored) return stored;
  const gateway = await paymentGateway();
  const made = await gateway.ensureCustomer({ userId, email });
  try {
    return await claimPaymentCustomerId(userId, made);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new NotFoundError('No such account.', { cause: error });
    throw error;
  }
}
