// Finding out, before anything starts, whether the ports the local shop needs are free.
import { createServer } from 'node:net';

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

/** Resolves if 127.0.0.1:port can be bound; rejects with a message naming what needs it otherwise. */
export function assertPortFree(port: number, purpose: string, envVar: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new PortInUseError(
            `Port ${port} on 127.0.0.1 (${purpose}) is already in use — is the shop already running?\n` +
              `Stop the other process, or pick another port: ${envVar}=<port> npm start`,
          ),
        );
      } else reject(error);
    });
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** A port the OS says is free right now (for tests). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
