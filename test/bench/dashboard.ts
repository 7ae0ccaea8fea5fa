// The dashboard's read cost at 100 and at 2,000 paid orders: the same figures the integration test
// (test/integration/dashboardCapacity.test.ts) asserts equal, measured as DynamoDB Local reports them,
// with the time one dashboard read takes at each size.
import type { BenchContext, Section } from './report';
import { p50 } from './stats';

const READS = 20;

export async function run(ctx: BenchContext): Promise<Section> {
  // Loaded only now: the functions' code reads its environment at import.
  const { getDashboard } = await import('../../shared/admin/dashboard');
  const { LARGE, NOW, ordersFrom, paid, SMALL } = await import('../support/dashboardLoad');

  const measure = async () => {
    const first = await getDashboard(NOW);
    const timings: number[] = [];
    for (let i = 0; i < READS; i++) {
      const started = performance.now();
      await getDashboard(NOW);
      timings.push(performance.now() - started);
    }
    return { capacity: first.consumedCapacity, paidOrders: first.periods.last30Days.current.paidOrders, p50Ms: p50(timings) };
  };

  ctx.log(`dashboard: ${SMALL} paid orders`);
  await paid(ordersFrom(0, SMALL));
  const small = await measure();
  ctx.log(`dashboard: ${LARGE} paid orders`);
  await paid(ordersFrom(SMALL, LARGE));
  const large = await measure();
  const ratio = large.capacity / small.capacity;
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  return {
    name: 'dashboard',
    title: `Admin dashboard read at ${SMALL} vs ${LARGE} paid orders`,
    rows: [
      { measure: `Read capacity of one dashboard request, ${SMALL} orders`, value: `${small.capacity} RCU`, target: 'report', verdict: 'info' },
      { measure: `Same, ${LARGE} orders`, value: `${large.capacity} RCU`, target: 'report', verdict: 'info' },
      { measure: `Ratio (${LARGE} ÷ ${SMALL})`, value: ratio.toFixed(2), target: '1.00', verdict: ratio === 1 ? 'met' : 'missed' },
      { measure: `Dashboard request p50 (${READS} reads), ${SMALL} / ${LARGE} orders`, value: `${ms(small.p50Ms)} / ${ms(large.p50Ms)}`, target: 'report', verdict: 'info' },
    ],
    notes: [
      'Capacity is what DynamoDB Local reports for the dashboard\'s reads (aggregate items and bounded index Queries). Orders are paid through the same stream consumer the workers run.',
      `The orders counted in the last 30 days: ${small.paidOrders} and ${large.paidOrders}.`,
    ],
    raw: { small, large, ratio },
  };
}
