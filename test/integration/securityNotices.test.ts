// A shopper hears of every change of their password, whichever way it was made: a change they did not
// make is how they learn their account was taken, so the mail says how to take it back.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api';
import { mailTo } from '../support/mail';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.close());

const PASSWORD = 'correct horse battery';

async function register() {
  const username = `n${randomUUID().slice(0, 8)}`;
  const email = `${username}@example.com`;
  const res = await api.request('POST', '/api/auth/register', { body: { username, email, password: PASSWORD, name: 'Rosalind' } });
  expect(res.status).toBe(201);
  return { email, accessToken: res.body.session.accessToken as string };
}

const notices = async (email: string) => (await mailTo(email)).filter((m) => /password was changed/.test(m.subject));

describe('the password-changed notice', () => {
  it('is mailed after a change from the account, with a way to reset', async () => {
    const { email, accessToken } = await register();
    expect(await notices(email)).toHaveLength(0);
    const changed = await api.request('POST', '/api/auth/password/change', {
      body: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' },
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(changed.status).toBe(204);
    const mails = await notices(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body.text).toMatch(/from your account settings/);
    expect(mails[0]!.body.text).toContain('/account/forgot-password');
    expect(mails[0]!.body.text).not.toContain('a brand new passphrase');
  });

  it('is mailed after a reset through the mailed link', async () => {
    const { email } = await register();
    await api.request('POST', '/api/auth/password/forgot', { body: { email } });
    const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec((await mailTo(email)).find((m) => m.subject.includes('Reset'))?.body.text ?? '')?.[1];
    expect(token).toBeDefined();
    expect((await api.request('POST', '/api/auth/password/reset', { body: { token, password: 'a fresh new passphrase' } })).status).toBe(204);
    const mails = await notices(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body.text).toMatch(/with a reset link/);
  });

  it('is not mailed when the change is refused', async () => {
    const { email, accessToken } = await register();
    const wrong = await api.request('POST', '/api/auth/password/change', {
      body: { currentPassword: 'not my password at all', newPassword: 'a brand new passphrase' },
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(wrong.status).toBe(400);
    expect(await notices(email)).toHaveLength(0);
  });
});
