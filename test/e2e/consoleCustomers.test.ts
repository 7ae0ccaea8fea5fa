// Customers in the console, in Chromium against the local shop and cognito-local: the admin finds a
// shopper by name, opens their page (orders, wishlist, sign-in state), mails them a password-reset
// link, and disables the account with a reason: the shopper, signed in with something in their cart,
// is signed out at their next step and the unit goes back on the shelf.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, newShopper, pageErrors, shoot, type Shopper } from './support/browser';
import { addToCart, expectCartCount, navLink,  } from './support/flows';
import { startConsoleSession, type ConsoleSession } from './support/console';
import type { Shop } from './support/shop';

describe('customers in the console', () => {
  let session: ConsoleSession;
  let shop: Shop;
  let browser: Browser;
  let admin: Shopper;

  beforeAll(async () => {
    session = await startConsoleSession();
    ({ shop, browser, admin } = session);
  });

  afterAll(async () => session?.close());

  it('finds a shopper by name, mails a reset link, and disabling signs them out and frees their cart', async () => {
    const tag = Date.now().toString(36);
    const username = `cust${tag}`;
    const password = 'correct horse battery';
    const name = `Marlowe ${tag}`;
    expect((await fetch(`${shop.url}/api/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, email: `${username}@example.com`, password, name }) })).status).toBe(201);

    const shopper = await newShopper(browser, shop.url);
    await shopper.page.goto('/account/sign-in');
    await shopper.page.getByLabel('Username or email').fill(username);
    await shopper.page.getByLabel('Password').fill(password);
    await shopper.page.getByRole('button', { name: 'Sign in' }).click();
    await shopper.page.getByRole('heading', { name: 'Your account' }).waitFor();
    const listed = (await (await fetch(`${shop.url}/api/minerals?limit=24`)).json()) as { items: Array<{ id: string; available: number }> };
    const mineral = listed.items.find((m) => m.available > 0)!;
    await addToCart(shopper.page, mineral.id);
    await expectCartCount(shopper.page, 1);
    const before = ((await (await fetch(`${shop.url}/api/minerals/${mineral.id}`)).json()) as { available: number }).available;

    const { page } = admin;
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    await page.getByLabel('Email or name starts with').fill(`marlowe ${tag}`);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name }).click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    const profile = page.getByRole('region', { name: 'Profile' });
    // Registering started one session and signing in on the shop another.
    await profile.getByText('Signed in on 2 devices').waitFor();

    await profile.getByRole('button', { name: 'Send a password-reset mail' }).click();
    await page.getByText(`A password-reset link is on its way to ${username}@example.com.`).waitFor();
    await page.getByRole('list', { name: 'Changes by admins' }).getByText(/sent a password-reset mail/).waitFor();
    await shoot(page, 'console-customer');
    await expectAccessible(page, 'a customer’s page');

    await profile.getByRole('button', { name: 'Disable the account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disable the account' });
    await dialog.getByLabel('Reason').fill('Chargebacks on three orders');
    await dialog.getByRole('button', { name: 'Disable', exact: true }).click();
    await page.getByText(/Disabled: 2 sessions ended, 1 unit back on the shelf/).waitFor();
    await profile.getByText('Not signed in').waitFor();
    await expect.poll(async () => ((await (await fetch(`${shop.url}/api/minerals/${mineral.id}`)).json()) as { available: number }).available).toBe(before + 1);

    // The shopper's next step finds the session over.
    await navLink(shopper.page, 'Account').click();
    await navLink(shopper.page, 'Sign in').waitFor();

    await page.getByRole('link', { name: '← Customers' }).click();
    await page.getByLabel('Email or name starts with').fill(username);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('table', { name: 'Customers found' }).getByText('Disabled').waitFor();
    await shoot(page, 'console-customers');
    expect(pageErrors(page)).toEqual([]);
    await shopper.page.context().close();
  });
});
