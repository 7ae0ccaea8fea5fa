// Promotion mail from the console, in Chromium against the local shop and cognito-local: the admin
// writes a mail with a featured mineral and a coupon, previews it, mails a test to themself, sends it;
// the sending job (run here at once instead of on its minute) mails the opted-in shopper; the shopper
// opens the unsubscribe link signed out and is unsubscribed with one click.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, newShopper, pageErrors, shoot, type Shopper } from './support/browser';

import { startConsoleSession, type ConsoleSession } from './support/console';
import type { Shop } from './support/shop';

describe('promotion mail in the console', () => {
  let session: ConsoleSession;
  let shop: Shop;
  let browser: Browser;
  let admin: Shopper;
  let auth: ConsoleSession['auth'];

  beforeAll(async () => {
    session = await startConsoleSession();
    ({ shop, browser, admin, auth } = session);
  });

  afterAll(async () => session?.close());

  it('writes, previews, tests and sends a campaign; the shopper unsubscribes with one click', async () => {
    const tag = Date.now().toString(36);
    const username = `promo${tag}`;
    const email = `${username}@example.com`;
    const registered = await fetch(`${shop.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, email, password: 'correct horse battery', name: 'Opal Reader' }),
    });
    const { session } = (await registered.json()) as { session: { accessToken: string } };
    const optIn = await fetch(`${shop.url}/api/me`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.accessToken}` },
      body: JSON.stringify({ preferences: { promotionalEmail: true } }),
    });
    expect(optIn.status).toBe(200);

    const { page } = admin;
    const subject = `Autumn finds ${tag}`;
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Promotions' }).click();
    await page.getByRole('heading', { name: 'Promotions', level: 1 }).waitFor();
    await page.getByLabel('Subject').fill(subject);
    await page.getByLabel(/^Text/).fill('New pieces from old collections.\n\nFirst come, first served.');
    await page.getByLabel('Find by name').fill('a');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('list', { name: 'Minerals found' }).getByRole('button', { name: 'Add' }).first().click();
    await page.getByLabel(/^Coupon code/).fill('welcome10');
    await shoot(page, 'console-promotions');
    await expectAccessible(page, 'the promotions page');
    await page.getByRole('button', { name: 'Save and preview' }).click();
    await page.getByRole('heading', { name: subject, level: 1 }).waitFor();
    const preview = page.frameLocator('iframe[title="The mail as a shopper sees it"]');
    await preview.getByText('WELCOME10').first().waitFor();
    await shoot(page, 'console-campaign');

    await page.getByRole('button', { name: 'Send a test' }).click();
    await shop.waitForMail(auth.config.adminEmail, (m) => m.subject.startsWith(`[Test] ${subject}`));

    await page.getByRole('button', { name: 'Send to every opted-in shopper' }).click();
    await page.getByRole('button', { name: 'Send it' }).click();
    await page.getByRole('region', { name: 'Sending' }).getByText('Sending', { exact: true }).waitFor();
    // The sending job's minute, now.
    const { sendCampaigns } = await import('../../shared/admin/campaigns');
    await sendCampaigns({ pace: false });
    const mail = await shop.waitForMail(email, (m) => m.subject.startsWith(subject));
    await expect.poll(() => page.getByRole('region', { name: 'Sending' }).getByText('Sent', { exact: true }).count(), { timeout: 15_000 }).toBeGreaterThan(0);

    const link = /https?:\/\/\S+\/unsubscribe\?\S+/.exec(mail.body.text ?? '')![0];
    const reader = await newShopper(browser, shop.url);
    await reader.page.goto(link);
    await reader.page.getByText('You are unsubscribed').waitFor();
    await shoot(reader.page, 'unsubscribed');
    const me = await fetch(`${shop.url}/api/me`, { headers: { authorization: `Bearer ${session.accessToken}` } });
    expect(((await me.json()) as { preferences: { promotionalEmail: boolean } }).preferences.promotionalEmail).toBe(false);
    expect(pageErrors(page)).toEqual([]);
    expect(pageErrors(reader.page)).toEqual([]);
    await reader.page.context().close();
  });
});
