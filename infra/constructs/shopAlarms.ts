// Every alarm of the shop, and who hears it. Each alarm has a kind, named in brackets at the start of
// its description ("[QueueAge] …"), and docs/runbook.md has a section per kind: what it means and
// what to do. Every alarm of every stack notifies the stage's alarm topic when it fires and when it
// clears (ShopStacks wires them all, so an alarm added later cannot page nobody); the topic mails the
// people the stage's context names (`-c alarmEmails=a@example.org,b@example.org`).
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import { METRICS_NAMESPACE, METRICS_SERVICE, SIGNALS, type Signal } from '../../shared/metrics';
import { STOCK_FINDING_KINDS } from '../../shared/domain/inventory';

/** Every kind of alarm the stacks define; docs/runbook.md has a section for each (a test compares them). */
export const ALARM_KINDS = [
  'DeadLetters',
  'StreamDeadLetters',
  'FunctionErrors',
  'StreamIteratorAge',
  'QueueAge',
  'ApiServerErrors',
  'ApiLatency',
  'TableThrottles',
  'TableSystemErrors',
  'MailBounces',
  'MailComplaints',
  'InventoryDrift',
  'StockRuleBroken',
  ...(Object.keys(SIGNALS) as Signal[]),
] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number];

/** The kind an alarm's description names, or undefined for a description without one. */
export function alarmKindOf(description: string | undefined): string | undefined {
  return /^\[(\w+)\] /.exec(description ?? '')?.[1];
}

/** An alarm's description: its kind first, for the runbook, then what happened. */
export const describeAlarm = (kind: AlarmKind, text: string): string => `[${kind}] ${text}`;

const FIVE_MINUTES = Duration.minutes(5);

/** Fires when `metric` is above `threshold` in `periods` consecutive periods; no data is no news. */
function above(scope: Construct, id: string, kind: AlarmKind, text: string, metric: cloudwatch.IMetric, threshold: number, periods = 1): cloudwatch.Alarm {
  return new cloudwatch.Alarm(scope, id, {
    alarmDescription: describeAlarm(kind, text),
    metric,
    threshold,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: periods,
    datapointsToAlarm: periods,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
}

/** The stage's alarm topic, with an email subscription per recipient. Lives with the data: it outlives deploys. */
export class ShopAlerts extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: { emails: readonly string[] }) {
    super(scope, id);
    // Not KMS-encrypted: CloudWatch alarms cannot publish to a topic under the AWS-managed SNS key,
    // and alarm texts carry no customer data.
    this.topic = new sns.Topic(this, 'AlarmTopic', { displayName: 'Mineral shop alarms', enforceSSL: true });
    for (const email of props.emails) this.topic.addSubscription(new subscriptions.EmailSubscription(email));
  }

  /** Every alarm under `scope` tells the topic when it fires and when it clears (call once per stack). */
  notifyFrom(scope: IConstruct): void {
    const action = new actions.SnsAction(this.topic);
    for (const alarm of scope.node.findAll().filter((c): c is cloudwatch.Alarm => c instanceof cloudwatch.Alarm)) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
  }
}

/** A function that failed or was throttled, in five minutes: a 5xx, a job that stopped, a message retried. */
export function functionAlarm(fn: lambda.Function, label: string): cloudwatch.Alarm {
  const metric = new cloudwatch.MathExpression({
    expression: 'errors + throttles',
    usingMetrics: {
      errors: fn.metricErrors({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
      throttles: fn.metricThrottles({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
    },
    label: `${label}: errors and throttles`,
    period: FIVE_MINUTES,
  });
  return above(fn, 'ErrorsAlarm', 'FunctionErrors', `${label} failed or was throttled`, metric, 0);
}

/** A stream worker that has fallen behind the table's changes by more than five minutes. */
export function iteratorAgeAlarm(fn: lambda.Function, workerId: string): cloudwatch.Alarm {
  const metric = fn.metric('IteratorAge', { period: FIVE_MINUTES, statistic: cloudwatch.Stats.MAXIMUM });
  return above(fn, 'IteratorAgeAlarm', 'StreamIteratorAge', `${workerId} is more than 5 minutes behind the table's stream`, metric, 5 * 60_000, 2);
}

/** A queue whose oldest message has waited longer than `minutes`: its consumer is failing or too slow. */
export function queueAgeAlarm(scope: Construct, id: string, queueName: string, queue: sqs.IQueue, minutes: number): cloudwatch.Alarm {
  const metric = queue.metricApproximateAgeOfOldestMessage({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.MAXIMUM });
  return above(scope, id, 'QueueAge', `The oldest message of the ${queueName} queue has waited more than ${minutes} minutes`, metric, minutes * 60);
}

/** The API's own alarms: server errors above 1 % of requests, and a slow p99. */
export function apiAlarms(scope: Construct, api: apigwv2.HttpApi): cloudwatch.Alarm[] {
  const rate = new cloudwatch.MathExpression({
    expression: 'IF(requests >= 20, 100 * errors / requests, 0)',
    usingMetrics: {
      errors: api.metricServerError({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
      requests: api.metricCount({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
    },
    label: 'API 5xx, % of requests',
    period: FIVE_MINUTES,
  });
  const p99 = api.metricLatency({ period: FIVE_MINUTES, statistic: 'p99' });
  return [
    above(scope, 'ApiServerErrorsAlarm', 'ApiServerErrors', 'More than 1 % of API requests answered 5xx (of at least 20 in five minutes)', rate, 1),
    above(scope, 'ApiLatencyAlarm', 'ApiLatency', "The API's p99 latency was above 3 s for 15 minutes", p99, 3_000, 3),
  ];
}

/** The operations the shop calls; SystemErrors is reported per operation (an alarm may read 10 metrics). */
const TABLE_OPERATIONS = [
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactWriteItems',
  'TransactGetItems',
] as const;

/** The table refusing requests: throttled reads or writes, or its own errors. */
export function tableAlarms(scope: Construct, table: dynamodb.ITableV2): cloudwatch.Alarm[] {
  const throttles = new cloudwatch.MathExpression({
    expression: 'reads + writes',
    usingMetrics: {
      reads: table.metric('ReadThrottleEvents', { period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
      writes: table.metric('WriteThrottleEvents', { period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
    },
    label: 'Throttled table reads and writes',
    period: FIVE_MINUTES,
  });
  const systemErrors = new cloudwatch.MathExpression({
    expression: TABLE_OPERATIONS.map((_, i) => `e${i}`).join(' + '),
    usingMetrics: Object.fromEntries(
      TABLE_OPERATIONS.map((operation, i) => [
        `e${i}`,
        table.metric('SystemErrors', { dimensionsMap: { TableName: table.tableName, Operation: operation }, period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
      ]),
    ),
    label: 'Table system errors',
    period: FIVE_MINUTES,
  });
  return [
    above(scope, 'TableThrottlesAlarm', 'TableThrottles', 'The table throttled reads or writes in two five-minute periods running', throttles, 0, 2),
    above(scope, 'TableSystemErrorsAlarm', 'TableSystemErrors', 'DynamoDB answered requests on the table with its own (500) errors', systemErrors, 0),
  ];
}

/** SES's account reputation: AWS reviews an account at a 5 % bounce rate or a 0.1 % complaint rate. */
export function mailAlarms(scope: Construct): cloudwatch.Alarm[] {
  const reputation = (name: string) => new cloudwatch.Metric({ namespace: 'AWS/SES', metricName: name, period: Duration.hours(1), statistic: cloudwatch.Stats.MAXIMUM });
  return [
    above(scope, 'MailBouncesAlarm', 'MailBounces', "SES's bounce rate passed 4 % (AWS reviews the account at 5 %)", reputation('Reputation.BounceRate'), 0.04),
    above(scope, 'MailComplaintsAlarm', 'MailComplaints', "SES's complaint rate passed 0.08 % (AWS reviews the account at 0.1 %)", reputation('Reputation.ComplaintRate'), 0.0008),
  ];
}

const shopMetric = (name: string, period: Duration) =>
  new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName: name, dimensionsMap: { service: METRICS_SERVICE }, statistic: cloudwatch.Stats.MAXIMUM, period });

/** What the reconciliation job reports (functions/jobs/reconcileInventory.ts): drift, or a stock rule broken. */
export function inventoryAlarms(scope: Construct): cloudwatch.Alarm[] {
  const period = Duration.minutes(15);
  const findings = new cloudwatch.MathExpression({
    expression: STOCK_FINDING_KINDS.map((_, i) => `f${i}`).join(' + '),
    usingMetrics: Object.fromEntries(STOCK_FINDING_KINDS.map((kind, i) => [`f${i}`, shopMetric(`InventoryFinding_${kind}`, period)])),
    label: 'Stock rules broken',
    period,
  });
  return [
    above(scope, 'InventoryDriftAlarm', 'InventoryDrift', 'A mineral breaks the inventory invariant (available + held + sold − returned ≠ received)', shopMetric('InventoryDrift', period), 0),
    above(scope, 'StockRuleBrokenAlarm', 'StockRuleBroken', 'The reconciliation job found a stock rule broken (its run in the console says which, per mineral)', findings, 0),
  ];
}

/** One alarm per signal (shared/metrics.ts): as soon as a worker counts one. */
export function signalAlarms(scope: Construct): Map<Signal, cloudwatch.Alarm> {
  return new Map(
    (Object.entries(SIGNALS) as Array<[Signal, string]>).map(([signal, description]) => [
      signal,
      above(
        scope,
        `${signal}Alarm`,
        signal,
        description,
        new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName: signal, dimensionsMap: { service: METRICS_SERVICE }, statistic: cloudwatch.Stats.SUM, period: FIVE_MINUTES }),
        0,
      ),
    ]),
  );
}

/** A dead-letter queue holding anything. */
export function deadLetterAlarm(scope: Construct, id: string, kind: 'DeadLetters' | 'StreamDeadLetters', text: string, dlq: sqs.IQueue): cloudwatch.Alarm {
  return above(scope, id, kind, text, dlq.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.MAXIMUM }), 0);
}
