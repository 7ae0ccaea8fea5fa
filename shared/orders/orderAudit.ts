// What the audit trail keeps of an admin's change to an order: the same before/after shape for
// every change (a move along, a refund, a cancel before payment), written in the change's own
// transaction by its caller.
import type { Actor, AuditRecord } from '../db/audit';
import type { Order } from '../db/orders';

type OrderAuditView = Pick<Order, 'status' | 'refundedCents' | 'returnedUnits'> & { tracking: Order['tracking'] | null };

const auditView = (order: Pick<Order, 'status' | 'refundedCents' | 'returnedUnits' | 'tracking'>): OrderAuditView => ({
  status: order.status,
  refundedCents: order.refundedCents,
  returnedUnits: order.returnedUnits,
  tracking: order.tracking ?? null,
});

/** The audit record of `action` by `by` on `order`, whose changed fields are `after`. */
export function orderAudit(order: Order, action: string, by: Actor, now: Date, after: Partial<OrderAuditView>): Omit<AuditRecord, 'id'> {
  const before = auditView(order);
  return { objectType: 'order', objectId: order.orderId, action, by, at: now.toISOString(), before, after: { ...before, ...after } };
}
