// Timing helpers for the benchmarks: percentiles, sequential timing, interleaved A/B timing and a
// closed-loop concurrency driver. Times are milliseconds from performance.now().
import { performance } from 'node:perf_hooks';

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export const p50 = (samples: readonly number[]) => percentile(samples, 50);
export const p95 = (samples: readonly number[]) => percentile(samples, 95);

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  mean: number;
  min: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  const sum = samples.reduce((a, b) => a + b, 0);
  return {
    n: samples.length,
    p50: p50(samples),
    p95: p95(samples),
    mean: samples.length ? sum / samples.length : Number.NaN,
    min: samples.length ? Math.min(...samples) : Number.NaN,
    max: samples.length ? Math.max(...samples) : Number.NaN,
  };
}

export interface MeasureOptions {
  /** Untimed calls first, so JIT, connection pools and caches are warm. */
  warmup?: number;
}

/** Times n sequential calls of fn after a warm-up; returns each call's duration in ms. */
export async function measure(n: number, fn: () => Promise<unknown> | unknown, options: MeasureOptions = {}): Promise<number[]> {
  const warmup = options.warmup ?? Math.min(50, Math.ceil(n / 5));
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

/**
 * Times several functions in the same loop: each iteration calls every one of them once, in an
 * order that rotates from one iteration to the next, so machine noise (GC, the other process on the
 * core, CPU frequency) lands on all of them alike and ratios between them stay meaningful.
 */
export async function measureInterleaved<K extends string>(
  n: number,
  fns: Record<K, () => Promise<unknown> | unknown>,
  options: MeasureOptions = {},
): Promise<Record<K, number[]>> {
  const names = Object.keys(fns) as K[];
  const samples = Object.fromEntries(names.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  const warmup = options.warmup ?? 50;
  for (let i = 0; i < warmup + n; i++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(i + j) % names.length]!;
      const start = performance.now();
      await fns[name]();
      const took = performance.now() - start;
      if (i >= warmup) samples[name].push(took);
    }
  }
  return samples;
}

export type ConcurrencyLimit = { totalRequests: number } | { durationMs: number };

export interface ConcurrencyResult {
  requests: number;
  errors: number;
  elapsedMs: number;
  requestsPerSecond: number;
  latency: Summary;
  /** Each request's duration, in completion order (for combining runs). */
  samples: number[];
}

/**
 * Closed loop: `connections` workers each call fn back to back until the total or the duration is
 * reached. fn returns false (or throws) for a failed request; failures are counted, not retried.
 */
export async function runConcurrent(
  connections: number,
  limit: ConcurrencyLimit,
  fn: () => Promise<boolean | void>,
): Promise<ConcurrencyResult> {
  const latencies: number[] = [];
  let started = 0;
  let errors = 0;
  const begin = performance.now();
  const deadline = 'durationMs' in limit ? begin + limit.durationMs : Number.POSITIVE_INFINITY;
  const total = 'totalRequests' in limit ? limit.totalRequests : Number.POSITIVE_INFINITY;
  const worker = async () => {
    while (started < total && performance.now() < deadline) {
      started++;
      const t = performance.now();
      try {
        if ((await fn()) === false) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsedMs = performance.now() - begin;
  const ok = latencies.length - errors;
  return { requests: latencies.length, errors, elapsedMs, requestsPerSecond: (ok * 1000) / elapsedMs, latency: summarize(latencies), samples: latencies };
}

/** Several runs taken as one: requests and time add up, latencies pool. */
export function combineRuns(runs: readonly ConcurrencyResult[]): ConcurrencyResult {
  const samples = runs.flatMap((r) => r.samples);
  const requests = runs.reduce((n, r) => n + r.requests, 0);
  const errors = runs.reduce((n, r) => n + r.errors, 0);
  const elapsedMs = runs.reduce((n, r) => n + r.elapsedMs, 0);
  return { requests, errors, elapsedMs, requestsPerSecond: ((requests - errors) * 1000) / elapsedMs, latency: summarize(samples), samples };
}

/** Rounds for display: 3 significant-ish decimals for small values. */
export function fmt(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toFixed(digits);
}
