// Plays EventBridge on one machine: runs each scheduled worker's handler on a timer, with the same
// kind of event the schedule would send. (DynamoDB Local never deletes by TTL, so the stream
// consumer has nothing to do here; its tests feed it stream records directly.)
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { WorkerDefinition } from '../../shared/workers';
import { REPO_ROOT } from './apiServer';
import { lambdaContext } from './lambdaContext';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

function scheduledEvent(worker: WorkerDefinition) {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'us-east-1',
    resources: [`arn:aws:events:us-east-1:000000000000:rule/${worker.id}`],
    detail: {},
  };
}


/** Starts a timer per scheduled worker; returns a function that stops them all. */
export async function startScheduledWorkers(workers: readonly WorkerDefinition[], log: (line: string) => void): Promise<() => Promise<void>> {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  for (const worker of workers) {
    if (worker.trigger.kind !== 'schedule') continue;
    const mod = (await import(pathToFileURL(path.join(REPO_ROOT, worker.handler)).href)) as { handler: Handler };
    let busy = false;
    const tick = () => {
      if (busy) return; // the previous run is still going; EventBridge would overlap, we need not
      busy = true;
      const run = mod
        .handler(scheduledEvent(worker), lambdaContext(worker.id, 60_000))
        .catch((error: unknown) => log(`${worker.id} failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    };
    timers.push(setInterval(tick, worker.trigger.everyMinutes * 60_000));
  }
  return async () => {
    for (const t of timers) clearInterval(t);
    await Promise.allSettled([...running]);
  };
}
