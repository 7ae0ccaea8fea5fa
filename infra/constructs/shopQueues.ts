// The shop's queues, one per entry of QUEUES (shared/queues.ts), each with its dead-letter queue and an
// alarm that fires as soon as that dead-letter queue holds anything: a message there is work (a mail,
// an order event) that failed every retry and needs a person; and one when a queue's oldest message
// has waited longer than its definition allows (its consumer is failing or too slow).
import { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { QUEUES, type QueueDefinition, type QueueName } from '../../shared/queues';
import { deadLetterAlarm, queueAgeAlarm } from './shopAlarms';
import { pascalCase } from './shopFunction';

export interface ShopQueuesProps {
  /** @default QUEUES, the shop's queue table */
  readonly definitions?: Readonly<Record<QueueName, QueueDefinition>>;
}

/** The longest SQS keeps a message: a failed message waits this long for someone to look at it. */
const DEAD_LETTER_RETENTION = Duration.days(14);

export class ShopQueues extends Construct {
  readonly queues: Readonly<Record<QueueName, sqs.Queue>>;
  readonly deadLetterQueues: Readonly<Record<QueueName, sqs.Queue>>;
  readonly deadLetterAlarms: Readonly<Record<QueueName, cloudwatch.Alarm>>;

  constructor(scope: Construct, id: string, props: ShopQueuesProps = {}) {
    super(scope, id);
    const queues: Partial<Record<QueueName, sqs.Queue>> = {};
    const deadLetterQueues: Partial<Record<QueueName, sqs.Queue>> = {};
    const deadLetterAlarms: Partial<Record<QueueName, cloudwatch.Alarm>> = {};

    for (const [name, definition] of Object.entries(props.definitions ?? QUEUES) as [QueueName, QueueDefinition][]) {
      const prefix = pascalCase(name);
      // A FIFO queue's dead-letter queue must be FIFO too. Deduplication is by explicit id (e.g. the
      // Stripe event id), never by body: two identical bodies can be two real events.
      const fifo = definition.fifo ? { fifo: true, contentBasedDeduplication: false } : {};
      const dlq = new sqs.Queue(this, `${prefix}DeadLetterQueue`, {
        ...fifo,
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: DEAD_LETTER_RETENTION,
      });
      queues[name] = new sqs.Queue(this, `${prefix}Queue`, {
        ...fifo,
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
        deadLetterQueue: { queue: dlq, maxReceiveCount: definition.maxReceives },
      });
      deadLetterQueues[name] = dlq;
      deadLetterAlarms[name] = deadLetterAlarm(
        this,
        `${prefix}DeadLetterAlarm`,
        'DeadLetters',
        `Messages of the ${name} queue failed ${definition.maxReceives} times and wait in its dead-letter queue`,
        dlq,
      );
      queueAgeAlarm(this, `${prefix}QueueAgeAlarm`, name, queues[name], definition.alarmAgeMinutes);
    }
    this.queues = queues as Record<QueueName, sqs.Queue>;
    this.deadLetterQueues = deadLetterQueues as Record<QueueName, sqs.Queue>;
    this.deadLetterAlarms = deadLetterAlarms as Record<QueueName, cloudwatch.Alarm>;
  }
}
