// Password recovery by mailed single-use link, and the welcome mail, through the real mail path.
import { randomUUID } from 'node:crypto';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localSqsClient } from '../../infra/local/sqs';
import { RESET_LIMITS } from '../../shared/account/auth';
import { startTestApi, type TestApi } from '../support/api';
import { fileQueueUrls, mailTo } from '../support/mail';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.close());

const PASSWORD = 'correct horse battery';

async function register() {
  const username = `r${randomUUID().slice(0, 8)}`;
  const email = `${username}@example.com`;
  const res = await api.request('POST', '/api/auth/register', { body: { username, email, password: PASSWORD, name: 'Rosalind' } });
  expect(res.status).toBe(201);
  return { email, session: res.body.session as { refreshToken: string } };
}

/** Messages waiting on this file's account-requests queue. */
async function queuedAccountRequests(): Promise<number> {
  const { Attributes } = await localSqsClient(inject('sqsEndpoint')).send(
    new GetQueueAttributesCommand({ QueueUrl: fileQueueUrls().accountRequests, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages ?? 0);
}

function resetTokenIn(text: string | undefined): string {
  const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(text ?? '')?.[1];
  if (!token) throw new Error('no reset link in the mail');
  return token;
}

describe('the welcome mail', () => {
  it('reaches a new shopper', async () => {
    const { email } = await register();
    const mails = await mailTo(email);
    expect(mails.map((m) => m.subject)).toEqual(['Welcome to Mineral shop']);
    expect(mails[0]!.body.text).toContain('Rosalind');
  });
});

describe('password recovery', () => {
  it('mails a link that sets a new password once, and ends every session', async () => {
    const { email, session } = await register();
    const forgot = await api.request('POST', '/api/auth/password/forgot', { body: { email } });
    expect(forgot.status).toBe(202);
    const mail = (await mailTo(email)).find((m) => m.subject.includes('Reset'));
    const token = resetTokenIn(mail?.body.text);

    const reset = await api.request('POST', '/api/auth/password/reset', { body: { token, password: 'a fresh new passphrase' } });
    expect(reset.status).toBe(204);
    expect((await api.request('POST', '/api/auth/login', { body: { login: email, password: 'a fresh new passphrase' } })).status).toBe(200);
    expect((await api.request('POST', '/api/auth/login', { body: { login: email, password: PASSWORD } })).status).toBe(401);
    expect((await api.request('POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } })).status).toBe(401);

    const again = await api.request('POST', '/api/auth/password/reset', { body: { token, password: 'yet another passphrase' } });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('invalid_token');
  });

  it('voids every other outstanding link once the password has been reset', async () => {
    const { email } = await register();
    await api.request('POST', '/api/auth/password/forgot', { body: { email } });
    await api.request('POST', '/api/auth/password/forgot', { body: { email } });
    const [first, second] = (await mailTo(email)).filter((m) => m.subject.includes('Reset')).map((m) => resetTokenIn(m.body.text));
    expect((await api.request('POST', '/api/auth/password/reset', { body: { token: first, password: 'a fresh new passphrase' } })).status).toBe(204);
    const stale = await api.request('POST', '/api/auth/password/reset', { body: { token: second, password: 'someone elses passphrase' } });
    expect(stale.status).toBe(400);
    expect(stale.body.error.code).toBe('invalid_token');
  });

  it('answers the same for an address with no account, and sends nothing', async () => {
    const nobody = `nobody-${randomUUID()}@example.com`;
    const { email } = await register();
    const known = await api.request('POST', '/api/auth/password/forgot', { body: { email } });
    const unknown = await api.request('POST', '/api/auth/password/forgot', { body: { email: nobody } });
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    expect(await mailTo(nobody)).toEqual([]);
  });

  it('does not look the account up while answering: the request is queued alike, and the link is mailed by the worker', async () => {
    const { email } = await register();
    // Answering only queued the request; the worker looks the account up and mails the link.
    const before = await queuedAccountRequests();
    const known = await api.request('POST', '/api/auth/password/forgot', { body: { email } });
    expect(known.status).toBe(202);
    expect(await queuedAccountRequests()).toBe(before + 1);
    const mails = (await mailTo(email)).filter((m) => m.subject.includes('Reset'));
    expect(mails).toHaveLength(1);
  });

  it('does not spend the link on a password that is refused', async () => {
    const { email } = await register();
    await api.request('POST', '/api/auth/password/forgot', { body: { email } });
    const token = resetTokenIn((await mailTo(email)).find((m) => m.subject.includes('Reset'))?.body.text);
    const weak = await api.request('POST', '/api/auth/password/reset', { body: { token, password: 'password123' } });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('weak_password');
    expect((await api.request('POST', '/api/auth/password/reset', { body: { token, password: 'a good long passphrase' } })).status).toBe(204);
  });

  it('sends one address at most three reset mails per window, answering the same each time', async () => {
    const { email } = await register();
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await api.request('POST', '/api/auth/password/forgot', { body: { email } }));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
    expect((await mailTo(email)).filter((m) => m.subject.includes('Reset'))).toHaveLength(3);
  });

  it('refuses a made-up token', async () => {
    const res = await api.request('POST', '/api/auth/password/reset', { body: { token: 'A'.repeat(43), password: 'a good long passphrase' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_token');
  });
});

describe('a client asking for many reset links', () => {
  // Everyone behind one shared address (an office, a mobile network) can still ask: the client cap is a
  // backstop against a script, far above what people do; each address still gets at most three mails.
  it('is not told to wait for a few dozen requests from one address, and mails each account it names', async () => {
    const accounts = await Promise.all(Array.from({ length: 3 }, () => register()));
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const email = i < accounts.length ? accounts[i]!.email : `someone-${i}-${randomUUID()}@example.com`;
      statuses.push((await api.request('POST', '/api/auth/password/forgot', { body: { email } })).status);
    }
    expect(statuses.every((s) => s === 202)).toBe(true);
    for (const { email } of accounts) expect((await mailTo(email)).filter((m) => m.subject.includes('Reset'))).toHaveLength(1);
  });

  // Runs last in this file: it uses up this client's allowance for the window.
  it('is told to wait past the backstop, whatever the addresses', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < RESET_LIMITS.perClient; i++) {
      statuses.push((await api.request('POST', '/api/auth/password/forgot', { body: { email: `someone-${i}-${randomUUID()}@example.com` } })).status);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 202).length).toBeLessThanOrEqual(RESET_LIMITS.perClient);
  });
});
