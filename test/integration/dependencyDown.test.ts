// A dependency that stops answering (DynamoDB paused, a network partition) must give shoppers a
// prompt 503 with Retry-After, never a hang until the gateway gives up and never a 500. This file
// points the functions at a "database" that accepts connections and never answers.
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from '../support/api';

const sockets = new Set<Socket>();
const blackHole = createServer((socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});
let api: TestApi;

beforeAll(async () => {
  await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
  process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${(blackHole.address() as AddressInfo).port}`;
  // AWS's budget, not the local runtime's longer one (see shared/dependencies.ts).
  process.env.DEPENDENCY_REQUEST_TIMEOUT_MS = '3000';
  process.env.DEPENDENCY_CONNECT_TIMEOUT_MS = '1000';
  // Imported only now: the table's client reads its endpoint when it is first loaded.
  const { startTestApi } = await import('../support/api');
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => blackHole.close(resolve));
});

describe('when the database does not answer', () => {
  // The bound is the test's own limit, not a timing assertion: without client timeouts the request hangs past it.
  it('a catalog read answers 503 service_unavailable with Retry-After', { timeout: 20_000 }, async () => {
    const res = await api.request('GET', '/api/minerals');
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('service_unavailable');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('a cart write answers 503 too, and says nothing of the internals', { timeout: 20_000 }, async () => {
    const res = await api.request('POST', '/api/carts', { body: {} });
    expect(res.status).toBe(503);
    expect(JSON.stringify(res.body)).not.toMatch(/127\.0\.0\.1|ECONN|Timeout|stack/i);
  });
});
