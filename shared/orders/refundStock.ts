// After refunds made in the payment provider's dashboard (recorded by the order processor,
// shared/orders/processPayment.ts): the admin says whether units came back. Never moves money, so it
// has no use for the payment provider (nor its key).
import type { Actor } from '../db/audit';
import { retryRaces } from '../db/conflicts';
import { OrderChangedError, returnedAfter, returnUnits } from '../db/orderStock';
import { getOrder, type Order } from '../db/orders';
import { ConflictError, NotFoundError } from '../errors';
import { orderAudit } from './orderAudit';
import { unitsToReturn, type UnitsBack } from './returns';
import { adminOrderView } from './views';

async function load(orderId: string): Promise<Order> {
  const order = await getOrder(orderId);
  if (!order) throw new NotFoundError(`No order with id ${orderId}.`);
  return order;
}

/**
 * The admin's decision after refunds made in the provider's dashboard (the order's stockReview): every
 * unit back, some, or none. The units come back in the same transaction that closes the task, so
 * they come back once; the order's status and timeline stay as they are (the audit keeps the decision).
 */
export async function reviewRefundStock(orderId: string, decision: UnitsBack, by: Actor, now = new Date()) {
  return retryRaces(async () => {
    const order = await load(orderId);
    if (order.stockReview.length === 0) {
      throw new ConflictError(`No refund made in the payment provider’s dashboard waits for a decision on order ${order.number}.`, 'nothing_to_review');
    }
    const units = unitsToReturn(order, decision);
    await returnUnits(
      {
        order,
        to: order.status,
        entry: null,
        set: { stockReview: [] },
        audit: orderAudit(order, 'order.refund-stock', by, now, { returnedUnits: returnedAfter(order, units) }),
      },
      units,
      now,
    );
    return adminOrderView(await load(orderId));
  }, {
    lost: (error: unknown) => error instanceof OrderChangedError,
    exhausted: (cause: unknown) => new ConflictError('The order kept changing while this was applied; look at it again and retry.', 'order_busy', { cause }),
  });
}
