// The dashboard must cost the same whether the shop has taken a hundred orders or twenty times as
// many: its figures come from aggregate items and bounded index Queries, never from the orders.
import { beforeAll, describe, expect, it } from 'vitest';
import { getDashboard } from '../../shared/admin/dashboard';
import { LARGE, NOW, ordersFrom, paid, SMALL } from '../support/dashboardLoad';

let small: Awaited<ReturnType<typeof getDashboard>>;
let large: Awaited<ReturnType<typeof getDashboard>>;

beforeAll(async () => {
  await paid(ordersFrom(0, SMALL));
  small = await getDashboard(NOW);
  await paid(ordersFrom(SMALL, LARGE));
  large = await getDashboard(NOW);
}, 600_000);

describe(`the dashboard at ${SMALL} and ${LARGE} orders`, () => {
  it('counts every order', () => {
    expect(small.periods.last30Days.current).toMatchObject({ paidOrders: SMALL, units: 2 * SMALL, revenueCents: 25_000 * SMALL });
    expect(large.periods.last30Days.current).toMatchObject({ paidOrders: LARGE, units: 2 * LARGE, revenueCents: 25_000 * LARGE });
    expect(large.waiting.toPack.count).toBe(LARGE);
  });

  it('consumes the same read capacity', () => {
    expect(small.consumedCapacity).toBeGreaterThan(0);
    expect(large.consumedCapacity).toBe(small.consumedCapacity);
  });
});
