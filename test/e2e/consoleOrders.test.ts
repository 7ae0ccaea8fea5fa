// An order handled from its page in the console, in Chromium against the local shop and cognito-local:
// the demo shopper buys two specimens; the admin opens the order from the queue, sees what was charged,
// the payment, the timeline and the mails, packs it, ships it with a UPS number (a wrong one is caught
// in the dialog) and the shopper's account shows it shipped with the carrier's tracking link; a part
// refund from the order page reaches the shopper's mail; the packing slip prints without the console
// around it. Two admins on one order: the second is told, and sees the fresh order.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SHOPPER } from '../../infra/local/seed/seedShop';
import { startLocalAdminAuth, type AdminAuthConfig } from '../support/adminTokens';
import { expectAccessible, launchBrowser, newShopper, pageErrors, shoot, type Shopper } from './support/browser';
import { addToCart, expectConfirmation, payWithCard, placeOrder, signInToConsole, TEST_CARDS } from './support/flows';
import { startShop, type Shop } from './support/shop';

describe('orders in the console', () => {
  let auth: { config: AdminAuthConfig; stop: () => Promise<void> };
  let shop: Shop;
  let browser: Browser;
  let admin: Shopper;
  let order: { orderId: string; number: string };

  async function consoleAdmin(): Promise<Shopper> {
    const person = await newShopper(browser, shop.url);
    await signInToConsole(person.page, auth.config.adminEmail, auth.config.adminPassword);
    await person.page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    return person;
  }

  const openOrder = async (page: Page) => {
    await page.goto(`/admin/orders/${order.orderId}`);
    await page.getByRole('heading', { name: `Order ${order.number}`, level: 1 }).waitFor();
  };

  beforeAll(async () => {
    auth = await startLocalAdminAuth();
    [shop, browser] = await Promise.all([startShop({ adminAuth: auth.config }), launchBrowser()]);
    admin = await consoleAdmin();
  });

  afterAll(async () => {
    await browser?.close();
    await shop?.close();
    await auth?.stop();
  });

  it('packs and ships an order from its page, and the shopper’s account shows the tracking link', async () => {
    // Two specimens in stock, bought by the signed-in demo shopper (its saved address fills checkout).
    const listed = (await (await fetch(`${shop.url}/api/minerals?limit=24`)).json()) as { items: Array<{ id: string; available: number }> };
    const [first, second] = listed.items.filter((m) => m.available > 0);
    const shopper = await newShopper(browser, shop.url);
    await shopper.page.goto('/account/sign-in');
    await shopper.page.getByLabel('Username or email').fill(DEMO_SHOPPER.email);
    await shopper.page.getByLabel('Password').fill(DEMO_SHOPPER.password);
    await shopper.page.getByRole('button', { name: 'Sign in' }).click();
    await shopper.page.getByRole('heading', { name: 'Your account' }).waitFor();
    await addToCart(shopper.page, first!.id);
    await addToCart(shopper.page, second!.id);
    await shopper.page.goto('/checkout');
    await placeOrder(shopper.page);
    await payWithCard(shopper.page, TEST_CARDS.succeeds);
    const number = await expectConfirmation(shopper.page);
    const orderId = new URL(shopper.page.url()).pathname.split('/')[2]!;
    order = { orderId, number };

    // The queue to pack links to the order's page.
    const { page } = admin;
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('link', { name: number }).click();
    await page.getByRole('heading', { name: `Order ${number}`, level: 1 }).waitFor();
    const actions = page.getByRole('region', { name: 'What can be done now' });
    for (const name of ['Mark packed', 'Ship', 'Cancel the order']) await actions.getByRole('button', { name }).waitFor();
    expect(await actions.getByRole('button', { name: 'Mark delivered' }).count()).toBe(0);
    await page.getByRole('table', { name: `Items of order ${number}` }).getByRole('row').nth(2).waitFor();
    await page.getByRole('region', { name: 'Timeline' }).getByText('Paid').waitFor();
    await expect
      .poll(async () => {
        await openOrder(page);
        return page.getByRole('list', { name: 'Mails sent' }).getByText('Order confirmation').count();
      })
      .toBe(1);
    await expectAccessible(page, 'an order’s page');
    await shoot(page, 'console-order');

    await actions.getByRole('button', { name: 'Mark packed' }).click();
    await page.getByRole('status').getByText(`Order ${number}: packed.`).waitFor();
    await page.getByRole('region', { name: 'Timeline' }).getByText(/Packed · .* · by an admin/).waitFor();
    await actions.getByRole('button', { name: 'Ship' }).click();
    const ship = page.getByRole('dialog', { name: `Ship order ${number}` });
    await ship.getByLabel('Carrier').selectOption({ label: 'UPS' });
    await ship.getByLabel('Tracking number').fill('1Z999AA1012345678');
    await ship.getByRole('button', { name: 'Mark shipped' }).click();
    await ship.getByText('That is not a UPS tracking number: it should be 1Z followed by 16 letters and digits.').waitFor();
    await ship.getByLabel('Tracking number').fill('1z 999 aa1 0123 456 784');
    await ship.getByRole('button', { name: 'Mark shipped' }).click();
    await page.getByRole('status').getByText(`Order ${number}: shipped.`).waitFor();
    const tracked = page.getByRole('link', { name: '1Z999AA10123456784' });
    expect(await tracked.getAttribute('href')).toBe('https://www.ups.com/track?tracknum=1Z999AA10123456784');
    expect(await actions.getByRole('button', { name: 'Mark delivered' }).count()).toBe(1);

    await shopper.page.goto(`/account/orders/${orderId}`);
    const shopperLink = shopper.page.getByRole('link', { name: '1Z999AA10123456784' });
    await shopperLink.waitFor();
    expect(await shopperLink.getAttribute('href')).toBe('https://www.ups.com/track?tracknum=1Z999AA10123456784');
    await shopper.page.getByText(/Shipped with UPS/).waitFor();
    expect(pageErrors(shopper.page)).toEqual([]);
    await shopper.context.close();
    expect(pageErrors(page)).toEqual([]);
  });

  it('finds the order from any status by its number or the customer’s email', async () => {
    const { page } = admin;
    await page.goto('/admin/orders');
    const find = page.getByRole('search').getByLabel('Find an order');
    await find.fill(order.number.toLowerCase().replace('ms-', ''));
    await page.getByRole('button', { name: 'Find' }).click();
    const found = page.getByRole('table', { name: `Orders found for “${order.number.toLowerCase().replace('ms-', '')}”` });
    await found.getByRole('link', { name: order.number }).waitFor();
    await found.getByText('Shipped').waitFor();
    await find.fill(DEMO_SHOPPER.email.toUpperCase());
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('table', { name: `Orders found for “${DEMO_SHOPPER.email.toUpperCase()}”` }).getByRole('link', { name: order.number }).waitFor();
    await find.fill('quartz');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByText('Search by an order number (MS-1A2B3C4D) or the email address an order was placed with.').waitFor();
    await page.getByRole('link', { name: 'Back to the queue' }).click();
    await page.getByRole('table', { name: 'Orders: paid' }).waitFor();
    expect(pageErrors(page)).toEqual([]);
  });

  it('refunds part of the order from its page, and the shopper is mailed the amount', async () => {
    const { page } = admin;
    await openOrder(page);
    await page.getByText('Refund…').click();
    const refund = page.getByRole('form', { name: 'Refund' });
    await refund.getByLabel(/^Amount in dollars/).fill('0');
    await refund.getByText('Enter an amount in dollars, like 25.00.').waitFor();
    await refund.getByLabel(/^Amount in dollars/).fill('10.00');
    await refund.getByLabel(/^Reason/).fill('A chipped crystal tip');
    await refund.getByRole('button', { name: 'Refund $10.00' }).click();
    await page.getByRole('dialog', { name: `Refund $10.00 on order ${order.number}?` }).getByRole('button', { name: 'Refund now' }).click();
    await page.getByRole('status').getByText(`Refunded $10.00 on order ${order.number}.`).waitFor();
    await page.getByRole('list', { name: 'Refunds' }).getByText('$10.00 refunded (A chipped crystal tip)').waitFor();
    // Each admin change is on the order's page with who made it.
    const changes = page.getByRole('list', { name: 'Changes by admins' });
    await expect.poll(() => changes.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/ · marked packed · by /),
      expect.stringMatching(/ · shipped · by /),
      expect.stringMatching(/ · refunded · by /),
    ]);

    const mail = await shop.waitForMail(DEMO_SHOPPER.email, (m) => m.subject.includes(`refund for your`) && m.subject.includes(order.number));
    expect(mail.body.text).toContain('$10.00');
    expect(mail.body.text).toContain('A chipped crystal tip');
    expect(pageErrors(page)).toEqual([]);
  });

  it('prints a packing slip without the console around it', async () => {
    const { page } = admin;
    await openOrder(page);
    await page.getByRole('link', { name: 'Packing slip' }).click();
    await page.getByRole('heading', { name: `Packing slip · ${order.number}`, level: 1 }).waitFor();
    await page.getByRole('table', { name: `Specimens in order ${order.number}` }).getByRole('row', { name: /Units in all 2/ }).waitFor();
    await expectAccessible(page, 'the packing slip');
    await shoot(page, 'console-packing-slip');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: 'Console' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    await page.getByRole('heading', { name: `Packing slip · ${order.number}`, level: 1 }).waitFor();
    await page.emulateMedia({ media: 'screen' });
  });

  it('tells the second of two admins on one order that it moved, and shows the fresh order', async () => {
    const other = await consoleAdmin();
    await openOrder(admin.page);
    await openOrder(other.page);
    // One admin refunds the rest, every unit back on the shelf: the order is refunded in full.
    await admin.page.getByText('Refund…').click();
    const refund = admin.page.getByRole('form', { name: 'Refund' });
    await refund.getByRole('radio', { name: /All \d+ units?/ }).check();
    const label = (await refund.getByRole('button', { name: /^Refund \$/ }).textContent())!;
    await refund.getByRole('button', { name: label }).click();
    await admin.page.getByRole('dialog', { name: new RegExp(`^${label.replace('$', '\\$')} on order`) }).getByRole('button', { name: 'Refund now' }).click();
    await admin.page.getByRole('status').getByText(/^Refunded /).waitFor();
    // The other page still offers what was true when it loaded; the API refuses, and the page shows the order as it is.
    await other.page.getByRole('button', { name: 'Mark delivered' }).click();
    await other.page.getByRole('status').getByText('An order that is refunded cannot become delivered.').waitFor();
    await other.page.getByText('Nothing: this order is refunded.').waitFor();
    expect(await other.page.getByRole('button', { name: 'Mark delivered' }).count()).toBe(0);
    await other.context.close();
  });

  it('shows every admin change in the audit log, newest first, each linked to what it changed', async () => {
    const { page } = admin;
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: /Admin changes, newest first/ });
    await table.getByRole('row').nth(1).waitFor();
    const onOrder = (await table.getByRole('row').allTextContents()).filter((t) => t.includes(order.orderId)).map((t) => /order\.(packed|shipped|delivered|cancelled|refund)/.exec(t)?.[0]);
    expect(onOrder).toEqual(['order.refund', 'order.refund', 'order.shipped', 'order.packed']);
    // The signed-in admin is named by their own email (access tokens carry only the admin's id).
    await table.getByRole('row').nth(1).getByText(`you (${auth.config.adminEmail})`).waitFor();
    await expectAccessible(page, 'the audit log');
    await shoot(page, 'console-audit-log');
    await page.getByLabel('Search by admin, kind or object').fill('order.shipped');
    await table.getByRole('link', { name: `order ${order.orderId}` }).first().click();
    await page.getByRole('heading', { name: `Order ${order.number}`, level: 1 }).waitFor();
  });
});
