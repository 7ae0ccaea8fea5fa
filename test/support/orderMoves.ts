// Order moves tests make behind the shop's back, through the same transaction the shop uses.
import { loadCart } from '../../shared/db/carts';
import { getOrder } from '../../shared/db/orders';
import { moveOrder } from '../../shared/db/orderStock';
import { planTransition } from '../../shared/domain/orders';

/**
 * Expires an unpaid order as the expiry job would, but without cancelling its payment first: what
 * happens when the job's cancel loses the race with the shopper's card (the payment then lands late).
 */
export async function expireWhilePaying(orderId: string, now = new Date()): Promise<void> {
  const order = await getOrder(orderId);
  if (!order) throw new Error(`no order ${orderId}`);
  const plan = planTransition(order.status, 'expired', 'system');
  if (!plan.ok) throw new Error(plan.message);
  const cart = await loadCart(order.cartId);
  await moveOrder(plan, { order, to: 'expired', entry: { status: 'expired', at: now.toISOString(), by: 'system', note: null } }, { cart: cart ?? null }, now);
}
