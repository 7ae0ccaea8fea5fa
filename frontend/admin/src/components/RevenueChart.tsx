// Revenue per day for 30 days, drawn by uPlot; the same figures are in a table for screen readers.
import 'uplot/dist/uPlot.min.css';
import uPlot from 'uplot';
import { useEffect, useRef } from 'preact/hooks';
import { formatCents } from '../../../src/lib/format';

export function RevenueChart({ days }: { days: ReadonlyArray<{ day: string; revenueCents: number }> }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const data: uPlot.AlignedData = [days.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000), days.map((d) => d.revenueCents / 100)];
    const chart = new uPlot(
      {
        width: el.clientWidth,
        height: 220,
        legend: { show: false },
        scales: { x: { time: true } },
        axes: [{}, { values: (_u, ticks) => ticks.map((t) => formatCents(t * 100).replace(/\.00$/, '')), size: 70 }],
        series: [{}, { label: 'Revenue', stroke: '#7a3e12', fill: 'rgba(122, 62, 18, 0.12)', width: 2 }],
      },
      data,
      el,
    );
    const resize = new ResizeObserver(() => chart.setSize({ width: el.clientWidth, height: 220 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [days]);
  return <div ref={box} class="chart" role="img" aria-label="Revenue per day over the last 30 days" />;
}
