// Screenshots of the key pages, at a phone's and a desktop's width, into screenshots/ (git-ignored):
// the demo shopper browses, buys with their saved address, and looks at the order in their account.
// Each page is also checked to fit the phone's width (no sideways scrolling).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SHOPPER } from '../../infra/local/seed/seedShop';
import { DESKTOP, launchBrowser, newShopper, pageErrors, shoot, type Shopper } from './support/browser';
import { expectConfirmation, navLink, payWithCard, placeOrder, TEST_CARDS } from './support/flows';
import { startShop, type Shop } from './support/shop';

describe('screenshots of the key pages', () => {
  let shop: Shop;
  let browser: Browser;
  let shopper: Shopper;

  beforeAll(async () => {
    [shop, browser] = await Promise.all([startShop(), launchBrowser()]);
    shopper = await newShopper(browser, shop.url, DESKTOP);
  });

  afterAll(async () => {
    await browser?.close();
    await shop?.close();
  });

  it('catalog, product, cart and checkout', async () => {
    const { page } = shopper;
    await page.goto('/account/sign-in');
    await page.getByLabel('Username or email').fill(DEMO_SHOPPER.username);
    await page.getByLabel('Password').fill(DEMO_SHOPPER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();

    await navLink(page, 'Catalog').click();
    await page.getByRole('list', { name: 'Minerals' }).getByRole('listitem').first().waitFor();
    await shoot(page, 'catalog');

    await page.goto('/minerals/amethyst-geode-artigas');
    await page.getByRole('heading', { name: 'Reviews' }).waitFor();
    await page.getByText(/No reviews yet/).first().waitFor();
    await shoot(page, 'product');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByText('Added to your cart').waitFor();

    await page.goto('/cart');
    await page.getByText(/Held for you for \d+ more minutes/).waitFor();
    await shoot(page, 'cart');

    await page.getByRole('link', { name: 'Go to checkout' }).click();
    await page.getByRole('radio', { name: /1 Quartz Way/ }).waitFor();
    await page.getByText('Total', { exact: true }).waitFor();
    await shoot(page, 'checkout');
  });

  it('payment, confirmation, account and order detail', async () => {
    const { page } = shopper;
    await placeOrder(page);
    await shoot(page, 'payment');
    await payWithCard(page, TEST_CARDS.succeeds);
    const orderNumber = await expectConfirmation(page);
    await shoot(page, 'confirmation');

    await navLink(page, 'Account').click();
    await page.getByRole('heading', { name: 'Addresses' }).waitFor();
    await shoot(page, 'account');

    await page.getByRole('navigation', { name: 'Your account' }).getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('link', { name: `Order ${orderNumber}` }).click();
    await page.getByRole('heading', { name: `Order ${orderNumber}` }).waitFor();
    await page.getByText('Paid', { exact: true }).first().waitFor();
    await shoot(page, 'order-detail');
    expect(pageErrors(page)).toEqual([]);
  });
});
