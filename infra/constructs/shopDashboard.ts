// The stage's CloudWatch dashboard: the shop's vital signs on one page, for whoever an alarm woke up
// (docs/runbook.md says what each alarm means and points here).
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, METRICS_SERVICE, SIGNALS } from '../../shared/metrics';

export interface ShopDashboardProps {
  readonly name: string;
  readonly httpApi: apigwv2.HttpApi;
  /** The checkout route's function (placeOrder). */
  readonly checkout: lambda.IFunction | undefined;
  /** The payment events' processor (processOrderEvents). */
  readonly orderProcessor: lambda.IFunction | undefined;
  /** Every dead-letter queue, by what it holds. */
  readonly deadLetterQueues: ReadonlyArray<readonly [string, sqs.IQueue]>;
}

const MINUTE = Duration.minutes(1);

export class ShopDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: ShopDashboardProps) {
    super(scope, id);
    const { httpApi, checkout, orderProcessor } = props;
    if (!checkout || !orderProcessor) throw new Error('The dashboard needs the placeOrder route and the processOrderEvents worker');
    const sum = { period: MINUTE, statistic: cloudwatch.Stats.SUM };
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.name,
      defaultInterval: Duration.hours(6),
    });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Checkouts and payment events per minute',
        left: [checkout.metricInvocations({ ...sum, label: 'checkout requests' }), orderProcessor.metricInvocations({ ...sum, label: 'payment-event batches processed' })],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Checkout duration (ms)',
        left: [checkout.metricDuration({ period: MINUTE, statistic: 'p50', label: 'p50' }), checkout.metricDuration({ period: MINUTE, statistic: 'p99', label: 'p99' })],
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'API answers per minute: 4xx (stock conflicts are 409s) and 5xx',
        left: [httpApi.metricClientError({ ...sum, label: '4xx' }), httpApi.metricServerError({ ...sum, label: '5xx' })],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Payment trouble (signals) and failed functions',
        left: Object.keys(SIGNALS).map(
          (signal) => new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName: signal, dimensionsMap: { service: METRICS_SERVICE }, ...sum, label: signal }),
        ),
        right: [checkout.metricErrors({ ...sum, label: 'checkout errors' }), orderProcessor.metricErrors({ ...sum, label: 'order processor errors' })],
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Dead-letter queues: messages waiting for a person',
        left: props.deadLetterQueues.map(([what, queue]) => queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM, label: what })),
        width: 24,
      }),
    );
  }
}
