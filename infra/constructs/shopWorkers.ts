// The workers: one ShopFunction per entry of the worker table (shared/workers.ts), each granted
// exactly what it declares (table, queues, secrets, email), and wired to its trigger — an EventBridge
// schedule, the table's stream filtered down to the records the worker exists for, or a queue.
import { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import path from 'node:path';
import type { Signal } from '../../shared/metrics';
import { QUEUES } from '../../shared/queues';
import { WORKERS, type WorkerDefinition, type WorkerTrigger } from '../../shared/workers';
import { REPO_ROOT } from '../paths';
import { deadLetterAlarm, functionAlarm, inventoryAlarms, iteratorAgeAlarm, signalAlarms } from './shopAlarms';
import { grantNeeds, NeedWithoutResourceError, pascalCase, ShopFunction, type ShopFunctionResources } from './shopFunction';

export interface ShopWorkersProps extends ShopFunctionResources {
  /** The shop's public origin, for links in mails (SHOP_URL on every function). */
  readonly shopUrl: string;
  /** @default WORKERS, the shop's worker table */
  readonly workers?: readonly WorkerDefinition[];
}

type StreamFilter = Extract<WorkerTrigger, { kind: 'tableStream' }>['filter'];

/**
 * Lambda event-filter patterns per named stream filter: records that match none are dropped by the
 * event source mapping before they cost an invocation. The handler re-checks everything (and that the
 * line still held units: DynamoDB sends numbers as strings, so a numeric `held > 0` rule cannot match).
 */
const STREAM_FILTERS: Record<StreamFilter, Record<string, unknown>[]> = {
  ttlRemovedHeldLines: [
    lambda.FilterCriteria.filter({
      eventName: lambda.FilterRule.isEqual('REMOVE'),
      // A TTL deletion is made by DynamoDB itself; deletes by our own code come with no userIdentity.
      userIdentity: {
        type: lambda.FilterRule.isEqual('Service'),
        principalId: lambda.FilterRule.isEqual('dynamodb.amazonaws.com'),
      },
      dynamodb: { OldImage: { entity: { S: lambda.FilterRule.isEqual('cartLine') } } },
    }),
  ],
  // Orders (any change: the handler keeps status changes) and items of the MINERAL# partitions that
  // may carry stock counters — the mineral item or an item of counters alone; ledger entries, watches
  // and reviews are dropped here. Insert, modify and remove alike.
  dashboardChanges: [
    lambda.FilterCriteria.filter({ dynamodb: { NewImage: { entity: { S: lambda.FilterRule.isEqual('order') } } } }),
    lambda.FilterCriteria.filter({ dynamodb: { Keys: { pk: { S: lambda.FilterRule.beginsWith('MINERAL#') }, sk: { S: lambda.FilterRule.or('MINERAL', 'MINERAL#STOCK') } } } }),
  ],
  // Orders only (the handler keeps the changes that sell or return units).
  orderChanges: [lambda.FilterCriteria.filter({ dynamodb: { NewImage: { entity: { S: lambda.FilterRule.isEqual('order') } } } })],
  // Changes of the item that carries a mineral's counters (either layout) whose `available` went from
  // 0 to something else (numbers come as strings): only restocks invoke the function, which checks again.
  stockChanges: [
    lambda.FilterCriteria.filter({
      eventName: lambda.FilterRule.isEqual('MODIFY'),
      dynamodb: {
        Keys: { pk: { S: lambda.FilterRule.beginsWith('MINERAL#') }, sk: { S: lambda.FilterRule.or('MINERAL', 'MINERAL#STOCK') } },
        OldImage: { available: { N: lambda.FilterRule.isEqual('0') } },
        NewImage: { available: { N: lambda.FilterRule.notEquals('0') } },
      },
    }),
  ],
  // Every change of a mineral's stock item (the handler writes only when the listed copy moves).
  stockItemChanges: [lambda.FilterCriteria.filter({ dynamodb: { Keys: { pk: { S: lambda.FilterRule.beginsWith('MINERAL#') }, sk: { S: lambda.FilterRule.isEqual('MINERAL#STOCK') } } } })],
};

/**
 * Workers are not behind API Gateway's 30-second integration limit; a sweep that releases up to
 * 2,000 holds one transaction at a time needs more than the 10-second route default. Overlapping
 * runs are safe: every release is conditional on the line's version.
 */
const WORKER_TIMEOUT = Duration.minutes(1);

/**
 * A queue consumer's timeout: a sixth of its queue's visibility timeout, as AWS advises for SQS event
 * sources, so Lambda can retry a throttled batch before its messages become visible to another
 * consumer (which would send the same email twice). Capped at the worker default.
 */
function queueConsumerTimeout(worker: WorkerDefinition, visibilityTimeoutSeconds: number): Duration {
  const seconds = Math.min(WORKER_TIMEOUT.toSeconds(), Math.floor(visibilityTimeoutSeconds / 6));
  if (seconds < 3) {
    throw new UnsupportedWorkerError(
      `Worker ${worker.id} consumes a queue whose visibility timeout (${visibilityTimeoutSeconds} s) leaves it under 3 seconds to run; raise the timeout in shared/queues.ts`,
    );
  }
  return Duration.seconds(seconds);
}

/** Thrown at synth time for a worker this construct cannot build faithfully, rather than deploy it half-wired. */
export class UnsupportedWorkerError extends Error {
  override name = 'UnsupportedWorkerError';
}

export class ShopWorkers extends Construct {
  /** Worker id → its function. */
  readonly functions: ReadonlyMap<string, ShopFunction>;
  /** Worker id → the queue that receives stream batches the worker failed on every retry. */
  readonly deadLetterQueues: ReadonlyMap<string, sqs.Queue>;
  /** Worker id → the alarm that fires as soon as its dead-letter queue holds anything. */
  readonly deadLetterAlarms: ReadonlyMap<string, cloudwatch.Alarm>;
  /** Signal → the alarm that fires as soon as a worker counts one (shared/metrics.ts, SIGNALS). */
  readonly signalAlarms: ReadonlyMap<Signal, cloudwatch.Alarm>;

  constructor(scope: Construct, id: string, props: ShopWorkersProps) {
    super(scope, id);
    const functions = new Map<string, ShopFunction>();
    const deadLetterQueues = new Map<string, sqs.Queue>();
    const deadLetterAlarms = new Map<string, cloudwatch.Alarm>();

    for (const worker of (props.workers ?? WORKERS) as readonly WorkerDefinition[]) {
      const name = pascalCase(worker.id);
      const trigger: WorkerTrigger = worker.trigger;
      const fn = new ShopFunction(this, `${name}Function`, {
        entry: path.join(REPO_ROOT, worker.handler),
        table: props.table,
        shopUrl: props.shopUrl,
        description: `Worker ${worker.id}: ${worker.summary}`,
        environment: { WORKER_ID: worker.id },
        reservedConcurrency: props.reserveConcurrency ? worker.reservedConcurrency : undefined,
        ...(worker.nativePackages ? { nativePackages: worker.nativePackages } : {}),
        timeout: trigger.kind === 'queue' ? queueConsumerTimeout(worker, QUEUES[trigger.queue].visibilityTimeoutSeconds) : WORKER_TIMEOUT,
      });
      grantNeeds(fn, worker.needs, props);
      functions.set(worker.id, fn);

      switch (trigger.kind) {
        case 'schedule': {
          new events.Rule(this, `${name}Schedule`, {
            description: `Runs ${worker.id} every ${trigger.everyMinutes} minute(s)`,
            schedule: events.Schedule.rate(Duration.minutes(trigger.everyMinutes)),
            targets: [
              new targets.LambdaFunction(fn, {
                // A run that cannot start before the next one is due is pointless: the next run
                // does the same work (EventBridge accepts 60 seconds at the least).
                maxEventAge: Duration.minutes(Math.max(1, trigger.everyMinutes)),
                retryAttempts: 2,
              }),
            ],
          });
          break;
        }
        case 'tableStream': {
          const dlq = new sqs.Queue(this, `${name}StreamDlq`, {
            encryption: sqs.QueueEncryption.SQS_MANAGED,
            enforceSSL: true,
            retentionPeriod: Duration.days(14),
          });
          fn.addEventSource(
            new DynamoEventSource(props.table, {
              // TRIM_HORIZON, not LATEST: when the mapping is first created (or re-created) it starts
              // from the oldest record the stream still keeps (24 hours), so holds TTL deleted in the
              // meantime are still released. Replays are harmless: releasing a deleted line's hold is
              // conditional and happens at most once.
              startingPosition: lambda.StartingPosition.TRIM_HORIZON,
              batchSize: 25,
              bisectBatchOnError: true,
              retryAttempts: 5,
              // The handler answers with Powertools' partial batch response: only failed records retry.
              reportBatchItemFailures: true,
              onFailure: new SqsDlq(dlq),
              filters: STREAM_FILTERS[trigger.filter],
            }),
          );
          deadLetterQueues.set(worker.id, dlq);
          deadLetterAlarms.set(
            worker.id,
            deadLetterAlarm(this, `${name}StreamDlqAlarm`, 'StreamDeadLetters', `${worker.id} gave up on stream records that now wait in its dead-letter queue (see ${worker.handler})`, dlq),
          );
          iteratorAgeAlarm(fn, worker.id);
          break;
        }
        case 'queue': {
          const queue = props.queues?.[trigger.queue];
          if (!queue) throw new NeedWithoutResourceError(`Worker ${worker.id} consumes queue "${trigger.queue}", but ShopWorkers was given no such queue`);
          // The consume grant (receive, delete, change visibility) comes with the event source. The
          // queue's own redrive policy moves a message to its dead-letter queue after maxReceives.
          fn.addEventSource(
            new SqsEventSource(queue, {
              batchSize: trigger.batchSize,
              maxConcurrency: trigger.maxConcurrency,
              // The handler answers with Powertools' partial batch response: only failed messages return.
              reportBatchItemFailures: true,
            }),
          );
          break;
        }
        default:
          // A trigger kind added to the worker table but not built here must fail synthesis, never
          // deploy a function that nothing invokes.
          throw new UnsupportedWorkerError(`Worker ${worker.id} has trigger kind "${(trigger as { kind: string }).kind}", which ShopWorkers does not build yet`);
      }
    }
    this.functions = functions;
    this.deadLetterQueues = deadLetterQueues;
    this.deadLetterAlarms = deadLetterAlarms;
    // What the workers count when a person must act (shared/metrics.ts): an alarm as soon as one happens.
    this.signalAlarms = signalAlarms(this);
    // What the reconciliation job reports.
    inventoryAlarms(this);
    for (const [id, fn] of functions) functionAlarm(fn, `Worker ${id}`);
  }
}
