// Reading the mail the shop sent: run the queue workers over what is queued now, then look in the
// local SES store for one recipient (test files share one SES, never an address).
import { inject } from 'vitest';
import { drainQueues } from '../../infra/local/queuePoller';
import type { QueueUrls } from '../../infra/local/sqs';
import { fetchSentMail, type SentMail } from '../../infra/local/ses';
import { QUEUES } from '../../shared/queues';
import { WORKERS } from '../../shared/workers';

/** This test file's own queues (integrationSetup created them and put their URLs in the environment). */
export function fileQueueUrls(): QueueUrls {
  return Object.fromEntries(Object.entries(QUEUES).map(([name, q]) => [name, process.env[q.urlEnv] ?? ''])) as QueueUrls;
}

/** Runs the queue workers over what is queued now: the order processor first (it queues mail), then the mailer. */
export async function deliverQueuedMail(): Promise<void> {
  const mailLast = [...WORKERS.filter((w) => w.id !== 'sendEmail'), ...WORKERS.filter((w) => w.id === 'sendEmail')];
  await drainQueues(mailLast, fileQueueUrls(), inject('sqsEndpoint'));
}

export async function mailTo(address: string): Promise<SentMail[]> {
  await deliverQueuedMail();
  return (await fetchSentMail(inject('sesEndpoint'))).filter((m) => m.destination.to.includes(address));
}
