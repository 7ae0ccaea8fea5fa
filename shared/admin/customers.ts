// The admin's customers: search by email or name, a customer's page (profile, addresses, orders and
// what they spent, reviews, wishlist size, sign-in state; never a hash or a token), disabling and
// enabling an account, and sending a password-reset mail. Disabling records the change with its audit
// record in one transaction, then ends every session at once and gives back what the cart holds; asked
// again, it does those two again (so a failure half-way is mended by trying again).
import type { AdminCaller } from '../auth/adminAccess';
import { sendPasswordResetLink, RESET_LIMITS } from '../account/auth';
import { toAdminUserView } from './users';
import { actorOf, auditPut } from '../db/audit';
import { getActiveCartId, loadCart } from '../db/carts';
import { releaseHold } from '../db/holds';
import { listCustomerOrders } from '../db/orders';
import { queryReviewsBy } from '../db/reviews';
import { revokeAllFamilies } from '../db/sessions';
import { transactUnlessConditionFails } from '../db/transact';
import { disabledUpdate, getUser, getUserActivity, listUsers, listUsersByName, type User } from '../db/users';
import { lifetimeValueCents } from '../domain/orders';
import { ConflictError, NotFoundError, TooManyRequestsError } from '../errors';
import type { ListCustomersQuery, UpdateCustomerBody } from '../http/schemas/admin';

/** Most orders a customer's page reads (newest first); beyond them it says there are more. */
const ORDERS_READ = 200;

export async function listCustomers(q: ListCustomersQuery) {
  const page = q.name ? await listUsersByName({ prefix: q.name, limit: q.limit, cursor: q.cursor }) : await listUsers({ emailPrefix: q.email, limit: q.limit, cursor: q.cursor });
  return { items: page.items.map(toAdminUserView), nextCursor: page.nextCursor };
}

async function readCustomer(userId: string): Promise<User> {
  const user = await getUser(userId);
  if (!user) throw new NotFoundError(`No customer ${userId}.`);
  return user;
}

/** Everything the console shows of a customer, chosen field by field (no hash, no token, no payment reference). */
export async function getCustomer(userId: string, now = new Date()) {
  const user = await readCustomer(userId);
  const [activity, orders, reviews] = await Promise.all([getUserActivity(userId, now), customerOrders(userId), queryReviewsBy(userId, 50)]);
  return {
    ...toAdminUserView(user),
    addresses: user.addresses,
    defaultAddressId: user.defaultAddressId,
    preferences: user.preferences,
    signIn: { liveSessions: activity.liveSessions, lastSignInAt: activity.lastSignInAt },
    wishlistSize: activity.wishlistSize,
    lifetimeValueCents: lifetimeValueCents(orders.listings),
    orders: orders.listings.map((o) => ({ orderId: o.orderId, number: o.number, status: o.status, createdAt: o.createdAt, totalCents: o.totalCents, refundedCents: o.refundedCents, itemCount: o.itemCount })),
    moreOrders: orders.more,
    reviews: reviews.map((r) => ({ reviewId: r.reviewId, mineralId: r.mineralId, rating: r.rating, text: r.text, createdAt: r.createdAt, hidden: r.hidden !== null })),
  };
}

async function customerOrders(userId: string) {
  const listings = [];
  let cursor: string | undefined;
  do {
    const page = await listCustomerOrders(userId, { limit: 100, cursor });
    listings.push(...page.orders);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && listings.length < ORDERS_READ);
  return { listings, more: cursor !== undefined };
}

/** Gives back every unit the customer's cart holds (lines keep what they want, holding nothing). A cart being paid for keeps its holds for its order. */
async function releaseCartHolds(userId: string): Promise<{ unitsReleased: number; checkoutPending: boolean }> {
  const cartId = await getActiveCartId(userId);
  const cart = cartId ? await loadCart(cartId) : undefined;
  if (!cart) return { unitsReleased: 0, checkoutPending: false };
  if (cart.header.status === 'checkout') return { unitsReleased: 0, checkoutPending: true };
  let unitsReleased = 0;
  for (const line of cart.lines) if ((await releaseHold(line)) === 'released') unitsReleased += line.held;
  return { unitsReleased, checkoutPending: false };
}

/** Disables (or enables) an account with a reason. Disabling ends every session at once and releases the cart's holds. */
export async function setCustomerDisabled(userId: string, body: UpdateCustomerBody, caller: AdminCaller, now = new Date()) {
  const before = await readCustomer(userId);
  if (before.disabled !== body.disabled) {
    const at = now.toISOString();
    const result = await transactUnlessConditionFails([
      disabledUpdate(userId, body.disabled, at),
      auditPut({
        objectType: 'customer', objectId: userId, action: body.disabled ? 'customer.disable' : 'customer.enable', by: actorOf(caller), at,
        before: { disabled: before.disabled }, after: { disabled: body.disabled, reason: body.reason },
      }),
    ]);
    if (result === 'conditionFailed') throw new ConflictError('Another admin changed this account meanwhile; here it is as it is now.', 'stale_customer', { details: { customer: await getCustomer(userId, now) } });
  }
  const effects = body.disabled ? { sessionsEnded: await revokeAllFamilies(userId, now), ...(await releaseCartHolds(userId)) } : { sessionsEnded: 0, unitsReleased: 0, checkoutPending: false };
  return { ...(await getCustomer(userId, now)), ...effects };
}

/** Mails the customer a password-reset link, as "forgot password" would; refused for a disabled account or past the address's allowance. */
export async function sendCustomerPasswordReset(userId: string, caller: AdminCaller, now = new Date()) {
  const user = await readCustomer(userId);
  if (user.disabled) throw new ConflictError('This account is disabled: enable it before sending a reset mail.', 'customer_disabled');
  const at = now.toISOString();
  const audit = auditPut({ objectType: 'customer', objectId: userId, action: 'customer.passwordReset', by: actorOf(caller), at, before: null, after: { mailedTo: user.email } });
  const outcome = await sendPasswordResetLink(user.email, now, [audit]);
  if (outcome === 'throttled') {
    throw new TooManyRequestsError(`${RESET_LIMITS.perAddress} reset mails went to this address in the last ${RESET_LIMITS.windowSeconds / 60} minutes; wait before sending another.`, RESET_LIMITS.windowSeconds);
  }
  if (outcome !== 'sent') throw new ConflictError('The account changed meanwhile; reload it.', 'stale_customer');
  return { mailedTo: user.email };
}
