// Load generator for the throughput bench, run in a worker thread so that sending requests does not
// compete with the API server for the main thread's event loop (it still competes for the cores).
// It keeps its keep-alive connections between runs: the parent posts { durationMs } for each run and
// gets a ConcurrencyResult back; 'stop' closes the connections and lets the worker end.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { runConcurrent } from './stats';

export interface LoadWorkerInput {
  url: string;
  connections: number;
}

import type { LoadDriverMessage } from './loadDriver';

const input = workerData as LoadWorkerInput;
const agent = new http.Agent({ keepAlive: true, maxSockets: input.connections });

/** One GET over a pooled keep-alive connection; true when it answered 200 and its body was read. */
function getOnce(): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const req = http.get(input.url, { agent }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(res.statusCode === 200));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

parentPort?.on('message', (message: LoadDriverMessage) => {
  if (message === 'stop') {
    agent.destroy();
    parentPort?.close();
    return;
  }
  void runConcurrent(input.connections, { durationMs: message.durationMs }, getOnce).then((result) => parentPort?.postMessage(result));
});
