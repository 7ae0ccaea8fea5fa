// Units an admin puts back on the shelf from a paid order (with a refund, or after one made in the
// provider's dashboard), checked against what the order sold and already returned.
import type { Order } from '../db/orders';
import { ValidationError } from '../errors';

/** true: every unit not yet returned; false: none; or the units per mineral. */
export type UnitsBack = boolean | Array<{ mineralId: string; quantity: number }>;

/** Units to return, checked against what the order sold and already returned. */
export function unitsToReturn(order: Order, ask: UnitsBack | undefined): Map<string, number> {
  const units = new Map<string, number>();
  if (!ask) return units;
  const left = (mineralId: string) => {
    const item = order.items.find((i) => i.mineralId === mineralId);
    return item ? item.quantity - (order.returnedUnits[mineralId] ?? 0) : -1;
  };
  if (ask === true) {
    for (const item of order.items) units.set(item.mineralId, left(item.mineralId));
    return units;
  }
  for (const { mineralId, quantity } of ask) {
    const remaining = left(mineralId);
    if (remaining < 0) throw new ValidationError(`Order ${order.number} has no mineral ${mineralId}.`, 'invalid_refund');
    const total = (units.get(mineralId) ?? 0) + quantity;
    if (total > remaining) throw new ValidationError(`Only ${remaining} unit(s) of ${mineralId} can still be returned on this order.`, 'invalid_refund');
    units.set(mineralId, total);
  }
  return units;
}
