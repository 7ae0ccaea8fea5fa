// A coupon made in the console, used by a shopper, in Chromium against the local shop and cognito-local:
// the admin creates it (the pricing engine's rules beside the form; a contradiction caught as typed),
// a guest uses it in lower case at checkout and pays, and the coupon's page then lists the order and
// its use; the admin ends it and a second shopper is refused. The Sales page lists what is on sale.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, newShopper, pageErrors, shoot, type Shopper } from './support/browser';
import { DENVER, addToCart, expectConfirmation, fillAddress, payWithCard, placeOrder, TEST_CARDS } from './support/flows';
import { startConsoleSession, type ConsoleSession } from './support/console';
import type { Shop } from './support/shop';

describe('coupons and sales in the console', () => {
  let session: ConsoleSession;
  let shop: Shop;
  let browser: Browser;
  let admin: Shopper;
  const code = `E2E-${Date.now().toString(36).toUpperCase()}`;

  beforeAll(async () => {
    session = await startConsoleSession();
    ({ shop, browser, admin } = session);
  });

  afterAll(async () => session?.close());

  async function checkoutWithCoupon(shopper: Shopper, mineralId: string, couponCode: string) {
    const { page } = shopper;
    await addToCart(page, mineralId);
    await page.goto('/checkout');
    await page.getByLabel('Email').fill(`coupon-shopper-${Date.now()}@example.com`);
    await fillAddress(page, DENVER);
    await page.getByRole('button', { name: /^Place order and pay \$/ }).waitFor();
    await page.getByLabel('Coupon code').fill(couponCode);
    await page.getByRole('button', { name: 'Apply' }).click();
  }

  it('an admin makes a coupon, a shopper uses it, and the coupon’s page lists the order; ended, it is refused', async () => {
    const { page } = admin;
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Coupons' }).click();
    await page.getByRole('heading', { name: 'Coupons', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'New coupon' }).click();
    await page.getByRole('heading', { name: 'New coupon', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'How checkout applies a coupon' }).getByText(/never compound/).waitFor();

    await page.getByLabel(/^Code/).fill(code.toLowerCase());
    await page.getByLabel('Gives').selectOption('percent');
    await page.getByLabel('Percent off').fill('20');
    await page.getByLabel(/^Total uses/).fill('5');
    await page.getByLabel(/^Uses per customer/).fill('6');
    await page.getByRole('button', { name: 'Create coupon' }).click();
    await page.getByText('Cannot be more than the total uses.').waitFor();
    await page.getByLabel(/^Uses per customer/).fill('1');
    await shoot(page, 'console-coupon-new');
    await expectAccessible(page, 'the new coupon form');
    await page.getByRole('button', { name: 'Create coupon' }).click();
    await page.getByRole('heading', { name: `Coupon ${code}`, level: 1 }).waitFor();
    const summary = page.getByRole('region', { name: 'The coupon now' });
    await summary.getByText('Active').waitFor();
    await summary.getByText('Used 0 times of 5').waitFor();

    // A guest uses it (typed in lower case) and pays.
    const listed = (await (await fetch(`${shop.url}/api/minerals?limit=24`)).json()) as { items: Array<{ id: string; available: number }> };
    const mineral = listed.items.find((m) => m.available > 1)!;
    const shopper = await newShopper(browser, shop.url);
    await checkoutWithCoupon(shopper, mineral.id, code.toLowerCase());
    await shopper.page.getByText(new RegExp(`Coupon ${code}: 20% off`)).first().waitFor();
    await placeOrder(shopper.page);
    await payWithCard(shopper.page, TEST_CARDS.succeeds);
    const number = await expectConfirmation(shopper.page);

    // The coupon's page lists the order and counts the use.
    await expect
      .poll(async () => {
        await page.reload();
        await page.getByRole('heading', { name: `Coupon ${code}`, level: 1 }).waitFor();
        return page.getByRole('link', { name: number }).count();
      })
      .toBe(1);
    await summary.getByText('Used 1 time of 5').waitFor();
    await page.getByRole('list', { name: 'Changes by admins' }).getByText(/created/).waitFor();
    await shoot(page, 'console-coupon');
    await expectAccessible(page, 'a coupon with its orders');

    // Ended now: the next shopper is refused.
    await summary.getByRole('button', { name: 'End now' }).click();
    await page.getByRole('button', { name: 'End it' }).click();
    await summary.getByText('Ended').waitFor();
    const late = await newShopper(browser, shop.url);
    await checkoutWithCoupon(late, mineral.id, code);
    await late.page.locator('#coupon-error').getByText(/expired/).waitFor();

    await page.getByRole('link', { name: '← Coupons' }).click();
    await page.getByRole('link', { name: code }).waitFor();
    await shoot(page, 'console-coupons');
    expect(pageErrors(page)).toEqual([]);
    expect(pageErrors(shopper.page)).toEqual([]);
    await shopper.page.context().close();
    await late.page.context().close();
  });

  it('the Sales page lists what is on sale now, next and lately ended', async () => {
    const { page } = admin;
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Sales' }).click();
    await page.getByRole('heading', { name: 'Sales', level: 1 }).waitFor();
    for (const name of ['On sale now', 'Next', 'Ended in the last 30 days']) await page.getByRole('heading', { name, level: 2 }).waitFor();
    await shoot(page, 'console-sales');
    await expectAccessible(page, 'the Sales page');
    expect(pageErrors(page)).toEqual([]);
  });
});
