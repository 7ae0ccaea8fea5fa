// Drives a load generator running in a worker thread (so it does not compete with the API server for
// the main thread): `run(ms)` asks for one timed slice and resolves with the worker's result, `stop()`
// ends the worker. The worker answers { durationMs } with one result message and exits on 'stop'.
import { Worker } from 'node:worker_threads';

export type LoadDriverMessage = { durationMs: number } | 'stop';

export function startLoadDriver<Result>(script: URL, workerData: unknown) {
  const worker = new Worker(script, { workerData });
  let failure: Error | undefined;
  worker.on('error', (error) => (failure = error));
  const run = (durationMs: number) =>
    new Promise<Result>((resolve, reject) => {
      if (failure) return reject(failure);
      // Guards against a hung server; a run normally ends on its own after durationMs.
      const guard = setTimeout(() => reject(new Error('load worker did not answer in time')), durationMs + 30_000);
      const onExit = (code: number) => {
        clearTimeout(guard);
        reject(new Error(`load worker exited with ${code}`));
      };
      worker.once('exit', onExit);
      worker.once('message', (result: Result) => {
        clearTimeout(guard);
        worker.off('exit', onExit);
        resolve(result);
      });
      worker.postMessage({ durationMs } satisfies LoadDriverMessage);
    });
  const stop = async () => {
    worker.postMessage('stop' satisfies LoadDriverMessage);
    const timer = setTimeout(() => void worker.terminate(), 5_000);
    await new Promise((resolve) => worker.once('exit', resolve));
    clearTimeout(timer);
  };
  return { run, stop };
}
