// Guessing at an account must not lock its owner out. Failed sign-ins count per account and client
// address together, and on a browser where the owner signed in before (its device token), per device:
// a stranger at another address, or at the same address, cannot keep the owner from signing in.
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_LIMITS } from '../../shared/account/auth';
import { startTestApi, type Json, type TestApi } from '../support/api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.close());

const PASSWORD = 'correct horse battery';

/** Signs in from the loopback address `from` (127.0.0.1 is the owner's usual place, 127.0.0.2 elsewhere). */
function login(body: Record<string, unknown>, from = '127.0.0.1'): Promise<{ status: number; body: Json }> {
  const url = new URL(api.url('/api/auth/login'));
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress: from, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function owner() {
  const username = `o${randomUUID().slice(0, 8)}`;
  const res = await api.request('POST', '/api/auth/register', { body: { username, email: `${username}@example.com`, password: PASSWORD, name: 'Owner' } });
  expect(res.status).toBe(201);
  expect(typeof res.body.deviceToken).toBe('string');
  return { login: `${username}@example.com`, deviceToken: res.body.deviceToken as string };
}

async function guess(account: string, times: number, from: string, deviceToken?: string) {
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) statuses.push((await login({ login: account, password: `guess number ${i}`, ...(deviceToken ? { deviceToken } : {}) }, from)).status);
  return statuses;
}

describe('guessing at an account', () => {
  it('from another address is stopped there, and the owner still signs in from theirs', async () => {
    const { login: account } = await owner();
    const statuses = await guess(account, SIGN_IN_LIMITS.perAccountAndClient + 3, '127.0.0.2');
    expect(statuses.filter((s) => s === 401)).toHaveLength(SIGN_IN_LIMITS.perAccountAndClient);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    expect((await login({ login: account, password: PASSWORD }, '127.0.0.2')).status).toBe(429);
    expect((await login({ login: account, password: PASSWORD }, '127.0.0.1')).status).toBe(200);
  });

  it('from the owner’s own address (a shared office) does not lock the owner out on a browser they signed in on before', async () => {
    const { login: account, deviceToken } = await owner();
    await guess(account, SIGN_IN_LIMITS.perAccountAndClient + 2, '127.0.0.1');
    // A new browser at that address has to wait…
    expect((await login({ login: account, password: PASSWORD })).status).toBe(429);
    // …the owner's own browser does not, and gets its device token renewed.
    const mine = await login({ login: account, password: PASSWORD, deviceToken });
    expect(mine.status).toBe(200);
    expect(typeof mine.body.deviceToken).toBe('string');
  });

  it('gives no trust to another account’s device token or a forged one', async () => {
    const victim = await owner();
    const other = await owner();
    await guess(victim.login, SIGN_IN_LIMITS.perAccountAndClient, '127.0.0.1');
    expect((await login({ login: victim.login, password: PASSWORD, deviceToken: other.deviceToken })).status).toBe(429);
    expect((await login({ login: victim.login, password: PASSWORD, deviceToken: `${victim.deviceToken.slice(0, -4)}AAAA` })).status).toBe(429);
  });

  it('with the owner’s device token is still throttled, per device', async () => {
    const { login: account, deviceToken } = await owner();
    const statuses = await guess(account, SIGN_IN_LIMITS.perTrustedDevice + 2, '127.0.0.2', deviceToken);
    expect(statuses.filter((s) => s === 401)).toHaveLength(SIGN_IN_LIMITS.perTrustedDevice);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    // Another place without the token is not affected by that device's failures.
    expect((await login({ login: account, password: PASSWORD }, '127.0.0.1')).status).toBe(200);
  });
});
