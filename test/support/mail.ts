// Reading the mail the shop sent: run the queue workers over what is queued now, then look in the
// local SES store for one recipient (test files share one SES, never an address).
import { inject } from 'vitest';
import { drainQueues } from '../../infra/local/queuePoller';
import { fetchSentMail, type SentMail } from '../../infra/local/ses';
import { QUEUES } from '../../shared/queues';
import { WORKERS } from '../../shared/workers';

export async function deliverQueuedMail(): Promise<void> {
  await drainQueues(WORKERS, { notifications: process.env[QUEUES.notifications.urlEnv] ?? '' }, inject('sqsEndpoint'));
}

export async function mailTo(address: string): Promise<SentMail[]> {
  await deliverQueuedMail();
  return (await fetchSentMail(inject('sesEndpoint'))).filter((m) => m.destination.to.includes(address));
}
