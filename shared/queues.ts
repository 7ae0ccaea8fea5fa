// The shop's queues. CDK creates each (with its dead-letter queue) and the local runtime creates the
// same queues in local-aws-sqs. Functions find a queue's URL in the environment variable named here.

export interface QueueDefinition {
  /** Environment variable that carries the queue URL to functions that send to or read it. */
  urlEnv: string;
  fifo: boolean;
  /** Receives before a message moves to the dead-letter queue. */
  maxReceives: number;
  visibilityTimeoutSeconds: number;
  /** An alarm fires when the oldest message has waited longer than this (infra/constructs/shopAlarms.ts). */
  alarmAgeMinutes: number;
}

export const QUEUES = {
  /** Every email the shop sends: producers enqueue a template name and its data. */
  notifications: { urlEnv: 'NOTIFICATIONS_QUEUE_URL', fifo: false, maxReceives: 5, visibilityTimeoutSeconds: 60, alarmAgeMinutes: 15 },
  /**
   * Verified payment events on their way to the order processor: FIFO, grouped by order (one order's
   * events in the order they came), deduplicated by the provider's event id.
   */
  orders: { urlEnv: 'ORDERS_QUEUE_URL', fifo: true, maxReceives: 5, visibilityTimeoutSeconds: 60, alarmAgeMinutes: 5 },
  /**
   * The photo bucket's object-created notifications for uploads (S3 sends them; locally the S3
   * emulator's events are queued the same way). Resizing a large photo takes seconds: a longer timeout.
   */
  photoUploads: { urlEnv: 'PHOTO_UPLOADS_QUEUE_URL', fifo: false, maxReceives: 3, visibilityTimeoutSeconds: 180, alarmAgeMinutes: 15 },
  /**
   * Requests about accounts that must look the same whoever asks (a password-reset link): the API
   * queues every request without looking the account up, and the worker does the lookup, so neither the
   * answer nor its timing says whether an account exists.
   */
  accountRequests: { urlEnv: 'ACCOUNT_REQUESTS_QUEUE_URL', fifo: false, maxReceives: 5, visibilityTimeoutSeconds: 60, alarmAgeMinutes: 10 },
} as const satisfies Record<string, QueueDefinition>;

export type QueueName = keyof typeof QUEUES;
