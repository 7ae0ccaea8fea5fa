// Starts the local API server in-process on a free loopback port: integration tests go through the
// same HTTP → API Gateway event → handler path as `npm start`.
import type { AddressInfo } from 'node:net';
import { createApiServer } from '../../infra/local/apiServer';
import { ROUTES } from '../../shared/http/routes';

export interface TestApi {
  url: (path: string) => string;
  get: (path: string) => Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close: () => Promise<void>;
}

export async function startTestApi(): Promise<TestApi> {
  const server = createApiServer({ routes: ROUTES });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = (path: string) => `http://127.0.0.1:${port}${path}`;
  return {
    url,
    async get(path) {
      const res = await fetch(url(path));
      return { status: res.status, body: await res.json() };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
