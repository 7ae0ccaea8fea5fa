// The console's sign-in steps after the password, in Chromium against the local shop and cognito-local:
// an admin another admin created signs in with the temporary password and must choose their own
// (NEW_PASSWORD_REQUIRED, answered by cognito-local itself); then the two authenticator screens. In
// AWS the pool requires a TOTP code, but cognito-local never asks for one, so for those two journeys
// the test answers the browser's InitiateAuth / AssociateSoftwareToken / VerifySoftwareToken /
// RespondToAuthChallenge calls with Cognito's documented answers, and the tokens it finally hands over
// are real ones from cognito-local (so the dashboard behind them is the real API). Each screen is
// screenshot at phone and desktop width and run through axe.
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_GROUP } from '../../shared/auth/adminAccess';
import { cognitoCall, signIn } from '../../infra/local/cognito';
import { startLocalAdminAuth, type AdminAuthConfig } from '../support/adminTokens';
import { expectAccessible, launchBrowser, newShopper, pageErrors, shoot } from './support/browser';
import { signInToConsole } from './support/flows';
import { startShop, type Shop } from './support/shop';

const NEW_ADMIN = { email: 'new.admin@mineral-shop.test', temporary: 'Temporary-Passw0rd!', chosen: 'Chosen-Passw0rd!' };

/** The Cognito action a console request calls (its X-Amz-Target), and its JSON body. */
function cognitoRequest(route: Route): { action: string; body: Record<string, unknown> } {
  const target = route.request().headers()['x-amz-target'] ?? '';
  return { action: target.split('.').pop() ?? '', body: JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown> };
}

const answer = (route: Route, status: number, body: unknown) => route.fulfill({ status, contentType: 'application/x-amz-json-1.1', body: JSON.stringify(body) });

describe('the console’s sign-in steps', () => {
  let auth: { config: AdminAuthConfig; stop: () => Promise<void> };
  let shop: Shop;
  let browser: Browser;

  beforeAll(async () => {
    auth = await startLocalAdminAuth();
    const { endpoint, userPoolId } = auth.config;
    await cognitoCall(endpoint, 'AdminCreateUser', {
      UserPoolId: userPoolId,
      Username: NEW_ADMIN.email,
      TemporaryPassword: NEW_ADMIN.temporary,
      UserAttributes: [
        { Name: 'email', Value: NEW_ADMIN.email },
        { Name: 'email_verified', Value: 'true' },
      ],
      MessageAction: 'SUPPRESS',
    });
    await cognitoCall(endpoint, 'AdminAddUserToGroup', { UserPoolId: userPoolId, Username: NEW_ADMIN.email, GroupName: ADMIN_GROUP });
    [shop, browser] = await Promise.all([startShop({ adminAuth: auth.config }), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await shop?.close();
    await auth?.stop();
  });

  it('makes an admin created with a temporary password choose their own at the first sign-in', async () => {
    const { page, context } = await newShopper(browser, shop.url);
    await signInToConsole(page, NEW_ADMIN.email, NEW_ADMIN.temporary);
    await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
    // Nothing typed before (the email, the temporary password) is carried into the new fields.
    expect(await page.getByLabel('New password', { exact: true }).inputValue()).toBe('');
    expect(await page.getByLabel('New password again').inputValue()).toBe('');
    await expectAccessible(page, 'the new password step');
    await shoot(page, 'console-sign-in-new-password');

    await page.getByLabel('New password', { exact: true }).fill(NEW_ADMIN.chosen);
    await page.getByLabel('New password again').fill('Something-Else-1!');
    await page.getByRole('button', { name: 'Save password and sign in' }).click();
    await page.getByText('The two passwords are not the same.').waitFor();
    await page.getByLabel('New password again').fill(NEW_ADMIN.chosen);
    await page.getByRole('button', { name: 'Save password and sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.getByText(NEW_ADMIN.email).waitFor();
    expect(pageErrors(page)).toEqual([]);
    await context.close();

    // The temporary password is spent; the chosen one signs in without a challenge.
    await expect(signIn(auth.config.endpoint, auth.config.clientId, NEW_ADMIN.email, NEW_ADMIN.temporary)).rejects.toThrow();
    expect((await signIn(auth.config.endpoint, auth.config.clientId, NEW_ADMIN.email, NEW_ADMIN.chosen)).accessToken).toBeTruthy();
  });

  /** Plays Cognito's MFA answers for the demo admin; every other call goes to cognito-local. */
  async function withMfa(page: Page, first: 'SOFTWARE_TOKEN_MFA' | 'MFA_SETUP', goodCode: string): Promise<string[]> {
    const calls: string[] = [];
    const { config } = auth;
    await page.route(`${config.endpoint}/**`, async (route) => {
      const { action, body } = cognitoRequest(route);
      calls.push(action);
      if (action === 'InitiateAuth' && (body.AuthParameters as Record<string, string>).USERNAME === config.adminEmail) {
        return answer(route, 200, { ChallengeName: first, Session: 'session-1', ChallengeParameters: first === 'MFA_SETUP' ? { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' } : {} });
      }
      if (action === 'AssociateSoftwareToken') return answer(route, 200, { SecretCode: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', Session: 'session-2' });
      if (action === 'VerifySoftwareToken') {
        return body.UserCode === goodCode ? answer(route, 200, { Status: 'SUCCESS', Session: 'session-3' }) : answer(route, 400, { __type: 'EnableSoftwareTokenMFAException', message: 'Code mismatch' });
      }
      if (action === 'RespondToAuthChallenge') {
        const responses = body.ChallengeResponses as Record<string, string>;
        if (first === 'SOFTWARE_TOKEN_MFA' && responses.SOFTWARE_TOKEN_MFA_CODE !== goodCode) return answer(route, 400, { __type: 'CodeMismatchException', message: 'Invalid code received for user' });
        const tokens = await signIn(config.endpoint, config.clientId, config.adminEmail, config.adminPassword);
        return answer(route, 200, { AuthenticationResult: { AccessToken: tokens.accessToken, IdToken: tokens.idToken, RefreshToken: tokens.refreshToken, ExpiresIn: 3600, TokenType: 'Bearer' } });
      }
      return route.continue();
    });
    return calls;
  }

  it('asks an admin with an authenticator for its code, and says so when the code is wrong', async () => {
    const { page, context } = await newShopper(browser, shop.url);
    const calls = await withMfa(page, 'SOFTWARE_TOKEN_MFA', '246810');
    await signInToConsole(page, auth.config.adminEmail, auth.config.adminPassword);
    await page.getByRole('heading', { name: 'Enter your code' }).waitFor();
    expect(await page.getByLabel('Six-digit code').inputValue()).toBe('');
    await expectAccessible(page, 'the authenticator code step');
    await shoot(page, 'console-sign-in-code');

    // Not six digits: the browser holds the form back (the field's pattern) and nothing is sent.
    await page.getByLabel('Six-digit code').fill('12ab');
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    expect(await page.getByLabel('Six-digit code').evaluate((input: HTMLInputElement) => input.validity.patternMismatch)).toBe(true);
    expect(calls.filter((c) => c === 'RespondToAuthChallenge')).toHaveLength(0);
    await page.getByLabel('Six-digit code').fill('111111');
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.getByText('That code is not right. Check the time on your phone and type the newest code.').waitFor();
    await page.getByLabel('Six-digit code').fill('246810');
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    expect(calls.filter((c) => c === 'RespondToAuthChallenge')).toHaveLength(2);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('walks an admin without an authenticator through setting one up', async () => {
    const { page, context } = await newShopper(browser, shop.url);
    const calls = await withMfa(page, 'MFA_SETUP', '135790');
    await signInToConsole(page, auth.config.adminEmail, auth.config.adminPassword);
    await page.getByRole('heading', { name: 'Set up your authenticator' }).waitFor();
    await page.getByText('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP').waitFor();
    expect(await page.getByLabel('Six-digit code').inputValue()).toBe('');
    const link = await page.getByRole('link', { name: 'Open in an authenticator app on this device' }).getAttribute('href');
    expect(link).toMatch(/^otpauth:\/\/totp\/.+\?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=/);
    expect(decodeURIComponent(link!)).toContain(auth.config.adminEmail);
    await expectAccessible(page, 'the authenticator set-up step');
    await shoot(page, 'console-sign-in-authenticator-setup');

    await page.getByLabel('Six-digit code').fill('000000');
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.getByText('That code is not right. Type the newest code from your authenticator app.').waitFor();
    await page.getByLabel('Six-digit code').fill('135790');
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    expect(calls).toEqual(expect.arrayContaining(['InitiateAuth', 'AssociateSoftwareToken', 'VerifySoftwareToken', 'RespondToAuthChallenge']));
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
