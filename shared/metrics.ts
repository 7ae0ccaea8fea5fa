// The shop's own CloudWatch metrics, written as embedded metric format in the function's log (no
// request to CloudWatch): Powertools Metrics under one namespace and service. The alarms on them are
// built in infra/constructs/shopAlarms.ts from SIGNALS below, so a signal cannot be added without its alarm
// (nor without its section in docs/runbook.md: test/infra/alarms.test.ts).
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

export const METRICS_NAMESPACE = 'MineralShop';
export const METRICS_SERVICE = 'mineral-shop';

/** The metrics of a function that flushes them itself (logMetrics middleware). */
export const shopMetrics = () => new Metrics({ namespace: METRICS_NAMESPACE, serviceName: METRICS_SERVICE });

/**
 * Things a person must hear about at once, each a metric counted when it happens and an alarm when it
 * is more than zero: what the alarm says is the text here.
 */
export const SIGNALS = {
  PaymentDisputed: 'A card holder disputed a payment (or a dispute was lost): answer it in the Stripe dashboard before its due date; the order page shows it.',
  PaymentMismatched: 'A payment succeeded for another amount or currency than its order: the order is not paid and waits for an admin (cancel sends the money back).',
  RefundFailed: 'A refund did not go through at the payment provider: the customer was promised money they have not received.',
  LatePaymentRefunded: 'A payment came for an order that had ended (expired with its units sold, or cancelled) and was refunded in full: the customer paid and got nothing.',
} as const;

export type Signal = keyof typeof SIGNALS;

let signals: Metrics | undefined;

/** Counts one `signal` now (published at once, whatever the function's own metrics do). */
export function raiseSignal(signal: Signal): void {
  signals ??= shopMetrics();
  signals.singleMetric().addMetric(signal, MetricUnit.Count, 1);
}
