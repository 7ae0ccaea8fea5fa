// Logs are read by people and kept for weeks: no password, hash or token may ever reach them. This
// file runs the account flows with logging at DEBUG and reads everything that was written.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApi, type TestApi } from '../support/api';

// Before any module builds its logger (imports are hoisted above plain statements).
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
});

const lines: string[] = [];
let api: TestApi;

beforeAll(async () => {
  // Powertools writes through console or straight to stdout and stderr: capture all, and keep the run quiet.
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
  }
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    });
  }
  api = await startTestApi();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await api?.close();
});

describe('logs', () => {
  it('never hold a password, its hash, an access or refresh token, or a cart token', async () => {
    const password = 'log canary passphrase';
    const reg = await api.request('POST', '/api/auth/register', { body: { username: 'logtester', email: 'songbird@example.com', password, name: 'Canary' } });
    expect(reg.status).toBe(201);
    await api.request('POST', '/api/auth/login', { body: { login: 'songbird@example.com', password: 'wrong canary passphrase' } });
    const refreshed = await api.request('POST', '/api/auth/refresh', { body: { refreshToken: reg.body.session.refreshToken } });
    await api.request('GET', '/api/me', { headers: { authorization: `Bearer ${refreshed.body.accessToken}` } });
    const onward = await api.request('POST', '/api/auth/refresh', { body: { refreshToken: refreshed.body.refreshToken } });
    await api.request('POST', '/api/auth/refresh', { body: { refreshToken: reg.body.session.refreshToken } }); // reuse after the session moved on
    const cart = await api.request('POST', '/api/carts');
    await api.request('GET', `/api/carts/${cart.body.cartId}`, { headers: { 'x-cart-token': 'wrong-token-wrong-token-wrong' } });
    await api.request('POST', '/api/auth/password/forgot', { body: { email: 'songbird@example.com' } });

    const text = lines.join('\n');
    // The flows above logged something (at least the failed sign-in and the token reuse).
    expect(text).toMatch(/sign-in failed/);
    expect(text).toMatch(/refresh token reuse detected/);
    for (const secret of [password, 'wrong canary passphrase', 'scrypt$', reg.body.session.refreshToken, reg.body.session.accessToken, refreshed.body.accessToken, refreshed.body.refreshToken, onward.body.refreshToken, onward.body.accessToken, cart.body.cartToken]) {
      expect(text).not.toContain(secret);
    }
  });
});
