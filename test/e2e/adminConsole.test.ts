// The admin console in Chromium against the whole local shop and a real cognito-local: the admin signs
// in, sees the shop's day, a guest's purchase shows on the dashboard and in the orders to pack, and the
// admin packs and ships it; a shopper account, a shopper's token and a Cognito user outside `admin` get nowhere.
// Every console page is screenshot at phone and desktop width (screenshots/console-*.png) and run
// through axe.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePoolUser } from '../../infra/local/cognito';
import { DEMO_SHOPPER } from '../../infra/local/seed/seedShop';
import { startLocalAdminAuth, type AdminAuthConfig } from '../support/adminTokens';
import { expectAccessible, launchBrowser, newShopper, pageErrors, shoot, type Shopper } from './support/browser';
import { addToCart, DENVER, signInToConsole, expectConfirmation, fillAddress, payWithCard, placeOrder, TEST_CARDS } from './support/flows';
import { startShop, type Shop } from './support/shop';

const HELPER = { email: 'helper@mineral-shop.test', password: 'Helper-Passw0rd!', groups: [] };


/** Today's figure on the dashboard (e.g. "Paid orders"), as shown. */
const todays = (page: Page, label: string) => page.locator(`[data-figure="today-${label}"] .figure`).textContent();

describe('the admin console', () => {
  let auth: { config: AdminAuthConfig; stop: () => Promise<void> };
  let shop: Shop;
  let browser: Browser;
  let admin: Shopper;

  beforeAll(async () => {
    auth = await startLocalAdminAuth();
    await ensurePoolUser(auth.config.endpoint, auth.config.userPoolId, HELPER);
    [shop, browser] = await Promise.all([startShop({ adminAuth: auth.config }), launchBrowser()]);
    admin = await newShopper(browser, shop.url);
  });

  afterAll(async () => {
    await browser?.close();
    await shop?.close();
    await auth?.stop();
  });

  it('signs the admin in to the dashboard', async () => {
    const { page } = admin;
    await page.goto('/admin/');
    await page.getByRole('heading', { name: 'Sign in to the console' }).waitFor();
    await expectAccessible(page, 'the console sign-in');
    await shoot(page, 'console-sign-in');

    await page.getByLabel('Email').fill(auth.config.adminEmail);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Incorrect email or password.').waitFor();

    await page.getByLabel('Password').fill(auth.config.adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.getByText(auth.config.adminEmail).waitFor();
    expect(await todays(page, 'Paid orders')).toBe('0');
  });

  it("counts a guest's purchase on the dashboard, and the admin packs and ships the order", async () => {
    const guest = await newShopper(browser, shop.url);
    await addToCart(guest.page, 'gold-nugget-victoria');
    await guest.page.goto('/checkout');
    await guest.page.getByLabel('Email', { exact: true }).fill('ada.guest@example.com');
    await fillAddress(guest.page, DENVER);
    const total = await placeOrder(guest.page);
    await payWithCard(guest.page, TEST_CARDS.succeeds);
    const orderNumber = await expectConfirmation(guest.page);
    await guest.context.close();

    const { page } = admin;
    // The dashboard's figures come from the table's stream, a moment after the payment.
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
          return todays(page, 'Paid orders');
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe('1');
    expect(await todays(page, 'Revenue')).toBe(total);
    await page.getByRole('heading', { name: 'To pack (1)' }).waitFor();
    await page.locator('.chart canvas').first().waitFor();
    await expectAccessible(page, 'the dashboard');
    await shoot(page, 'console-dashboard');

    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Minerals' }).click();
    await page.getByRole('heading', { name: 'Minerals', level: 1 }).waitFor();
    await page.getByLabel('Status').selectOption('draft');
    await expect.poll(() => new URL(page.url()).search).toBe('?status=draft');
    await page.getByLabel('Status').selectOption('');
    await page.locator('p.muted, table').first().waitFor();
    await expectAccessible(page, 'the minerals');
    await shoot(page, 'console-minerals');

    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Orders' }).click();
    const row = page.getByRole('row', { name: new RegExp(orderNumber) });
    await row.waitFor();
    await expectAccessible(page, 'the orders');
    await shoot(page, 'console-orders');

    // Cancelling asks first; keeping the order changes nothing.
    await row.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Keep it' }).click();
    await row.getByRole('button', { name: 'Mark packed' }).click();
    await page.getByRole('status').getByText(`Order ${orderNumber}: packed.`).waitFor();
    await expect.poll(() => row.count()).toBe(0);
    await page.getByLabel('Status').selectOption('packed');
    const packed = page.getByRole('row', { name: new RegExp(orderNumber) });
    await packed.getByRole('button', { name: 'Ship' }).click();

    // Shipping asks for the carrier and tracking number, and says what is wrong before sending.
    const ship = page.getByRole('dialog', { name: `Ship order ${orderNumber}` });
    await ship.getByRole('button', { name: 'Mark shipped' }).click();
    await ship.getByText('Choose the carrier.').waitFor();
    await ship.getByLabel('Carrier').selectOption({ label: 'UPS' });
    // A number that is not a UPS number is caught at the desk, with what one looks like.
    await ship.getByLabel('Tracking number').fill('9400111899223197428490');
    await ship.getByText('That is not a UPS tracking number: it should be 1Z followed by 16 letters and digits.').waitFor();
    expect(await ship.getByLabel('Tracking number').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'the ship dialog');
    await ship.getByLabel('Tracking number').fill('1Z999AA10123456784');
    await ship.getByRole('button', { name: 'Mark shipped' }).click();
    await page.getByRole('status').getByText(`Order ${orderNumber}: shipped.`).waitFor();
    await page.getByLabel('Status').selectOption('shipped');
    await page.getByRole('row', { name: new RegExp(orderNumber) }).getByRole('button', { name: 'Mark delivered' }).waitFor();
    expect(pageErrors(page)).toEqual([]);
  });

  it('signs out, and the revoked session opens nothing', async () => {
    const { page } = admin;
    const token = await page.evaluate(() => (JSON.parse(sessionStorage.getItem('mineral-shop-console-session') ?? '{}') as { accessToken?: string }).accessToken);
    expect(token).toBeTruthy();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to the console' }).waitFor();
    // GlobalSignOut: cognito-local keeps honouring a signed access token until it lapses, so what is
    // checked here is the console: it forgets the session, and a reload does not bring it back.
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to the console' }).waitFor();
  });

  it('keeps shoppers and Cognito users outside the admin group out', async () => {
    const visitor = await newShopper(browser, shop.url);
    const { page } = visitor;

    // A shopper's account is not in the admin pool at all.
    await signInToConsole(page, DEMO_SHOPPER.email, DEMO_SHOPPER.password);
    await page.getByRole('alert').getByText('Incorrect email or password.').waitFor();

    // A shopper's own token opens no admin route.
    const login = await page.request.post('/api/auth/login', { data: { login: DEMO_SHOPPER.email, password: DEMO_SHOPPER.password } });
    const { session } = (await login.json()) as { session: { accessToken: string } };
    const refused = await page.request.get('/api/admin/dashboard', { headers: { authorization: `Bearer ${session.accessToken}` } });
    expect(refused.status()).toBe(401);

    // A Cognito user outside `admin` is told so, and the API refuses them too.
    await signInToConsole(page, HELPER.email, HELPER.password);
    await page.getByRole('heading', { name: 'Not an admin' }).waitFor();
    await expectAccessible(page, 'the not-an-admin page');
    await shoot(page, 'console-not-admin');
    const helperToken = await page.evaluate(() => (JSON.parse(sessionStorage.getItem('mineral-shop-console-session') ?? '{}') as { accessToken?: string }).accessToken);
    const forbidden = await page.request.get('/api/admin/dashboard', { headers: { authorization: `Bearer ${helperToken}` } });
    expect(forbidden.status()).toBe(403);
    await visitor.context.close();
  });
});
