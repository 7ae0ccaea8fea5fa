// What a collector meets before buying, checked where the trial as a buyer found it broken: a rated
// product page (stars that assistive technology can read, a page that does not jump as it loads, one
// way to the cart after adding), a filled cart and a quoted checkout that pass axe, an unknown
// coupon's refusal that stays until the code is changed (on a phone), and a header that marks the
// one page you are on.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, expectAccessible, launchBrowser, newShopper, pageErrors, PHONE, screenshot, type Shopper } from './support/browser';
import { DENVER, fillAddress, navLink } from './support/flows';
import { startShop, type Shop } from './support/shop';

const RATED = { id: 'pyrite-cubes-navajun', name: 'Pyrite cube cluster' };
const DEMO = { login: 'demo@mineral-shop.local', password: 'quartz-and-feldspar' };

/** Posts a review as the demo shopper through the API, so the product page has a rating to show. */
async function reviewAsDemoShopper(shopUrl: string): Promise<void> {
  const login = await fetch(`${shopUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(DEMO) });
  expect(login.status).toBe(200);
  const { session } = (await login.json()) as { session: { accessToken: string } };
  const review = await fetch(`${shopUrl}/api/minerals/${RATED.id}/reviews`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session.accessToken}` },
    body: JSON.stringify({ rating: 4, title: 'Sharp cubes', text: 'Three bright cubes, one small chip as described.' }),
  });
  expect(review.status).toBeLessThan(300);
}

/** Records the page's cumulative layout shift (the CLS of Core Web Vitals) from its first paint. */
async function recordLayoutShift(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { layoutShift: number };
    w.layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
        if (!entry.hadRecentInput) w.layoutShift += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

describe('what a collector meets before buying', () => {
  let shop: Shop;
  let browser: Browser;

  beforeAll(async () => {
    [shop, browser] = await Promise.all([startShop(), launchBrowser()]);
    await reviewAsDemoShopper(shop.url);
  });

  afterAll(async () => {
    await browser?.close();
    await shop?.close();
  });

  for (const [width, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    it(`a rated product page on a ${width} is accessible and keeps still while it loads`, async () => {
      const { page } = await newShopper(browser, shop.url, viewport);
      await recordLayoutShift(page);
      await page.goto(`/minerals/${RATED.id}`);
      await page.getByRole('heading', { name: RATED.name, level: 1 }).waitFor();
      await page.getByText('Sharp cubes').waitFor();
      await page.getByRole('button', { name: 'Add to cart' }).waitFor();
      await page.waitForLoadState('networkidle');
      // Stars are an image with a text alternative, in the summary and on the review.
      await page.getByRole('img', { name: /^Rated 4\.0 out of 5 by 1 shopper$/ }).first().waitFor();
      // Before checkout: what it costs to ship here, from the quote's own rates, and the promises.
      const line = page.locator('.shipping-line');
      await expect.poll(() => line.textContent()).toMatch(/^Standard \$\d+\.\d\d · Express \$\d+\.\d\d · standard is free on orders of \$150\.00 or more$/);
      await page.getByLabel('Ship to').selectOption('eu');
      await expect.poll(() => line.textContent()).toMatch(/^Standard \$\d+\.\d\d · Express \$\d+\.\d\d$/);
      await page.getByRole('link', { name: '30-day returns' }).waitFor();
      await expectAccessible(page, `a rated product page (${width})`);
      await screenshot(page, `collector-product-${width}`);
      // Good is 0.1 or less by Core Web Vitals; a page that reserves its space shifts by (almost) nothing.
      const shift = await page.evaluate(() => (window as unknown as { layoutShift: number }).layoutShift);
      expect(shift).toBeLessThanOrEqual(0.05);
      expect(pageErrors(page)).toEqual([]);
      await page.context().close();
    });
  }

  it('after adding, the product page offers one way to the cart; the filled cart and the quoted checkout pass axe; an unknown coupon stays refused until the code changes', async () => {
    const guest: Shopper = await newShopper(browser, shop.url, PHONE);
    const { page } = guest;
    await page.goto(`/minerals/${RATED.id}`);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByText('Added to your cart').waitFor();
    await expect.poll(() => page.getByRole('link', { name: 'View cart' }).count()).toBe(1);

    await page.goto('/cart');
    await page.getByRole('link', { name: RATED.name }).waitFor();
    await expectAccessible(page, 'a filled cart');

    await page.goto('/checkout');
    await page.getByLabel('Email').fill('collector@example.com');
    await fillAddress(page, DENVER);
    await page.getByRole('button', { name: /^Place order and pay \$/ }).waitFor();
    await expectAccessible(page, 'a quoted checkout');
    for (const link of ['Shipping rates', 'Returns', 'Authenticity guarantee', 'Terms of sale']) await page.getByRole('main').getByRole('link', { name: link }).waitFor();

    const code = page.getByLabel('Coupon code');
    await code.fill('NO-SUCH-CODE');
    await page.getByRole('button', { name: 'Apply' }).click();
    const refusal = page.locator('#coupon-error');
    await refusal.waitFor();
    const message = (await refusal.textContent()) ?? '';
    expect(message).toMatch(/coupon/i);
    // The quote runs again without the refused code; when it has settled, the refusal is still there.
    await page.waitForLoadState('networkidle');
    await page.getByRole('button', { name: /^Place order and pay \$/ }).waitFor();
    expect(await refusal.textContent()).toBe(message);
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    // Changing the code is what clears it.
    await code.press('End');
    await code.press('Backspace');
    await expect.poll(() => refusal.count()).toBe(0);
    expect(await code.getAttribute('aria-invalid')).toBeNull();
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('on a phone the catalog shows minerals on the first screen, two to a row, with the filters behind one button', async () => {
    const { page } = await newShopper(browser, shop.url, PHONE);
    await page.goto('/');
    const cards = page.getByRole('list', { name: 'Minerals' }).getByRole('listitem');
    await expect.poll(() => cards.count()).toBeGreaterThan(10);
    const [first, second] = [(await cards.nth(0).boundingBox())!, (await cards.nth(1).boundingBox())!];
    expect(first.y + first.height / 2).toBeLessThan(PHONE.height);
    expect(second.y).toBe(first.y);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(await page.getByLabel('Category').isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Filter and sort' }).click();
    const toggle = page.getByRole('button', { name: 'Hide filters' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.getByLabel('Category').selectOption('sulfides');
    await page.getByRole('heading', { name: 'Sulfides', level: 1 }).waitFor();
    await page.getByRole('button', { name: /^(Filter and sort|Hide filters) \(1 on\)$/ }).waitFor();
    await expectAccessible(page, 'the catalog on a phone');
    await screenshot(page, 'collector-catalog-phone');
    await page.context().close();
  });

  it('the trust pages are linked from every page and from checkout, readable at phone width, and the contact form reaches the shop', async () => {
    const { page } = await newShopper(browser, shop.url, PHONE);
    await page.goto('/');
    const footer = page.getByRole('navigation', { name: 'The shop' });
    for (const [link, heading] of [
      ['Shipping', 'Shipping'],
      ['Returns', 'Returns'],
      ['Authenticity guarantee', 'Authenticity guarantee'],
      ['About us', 'About the dealer'],
      ['Privacy', 'Privacy'],
      ['Terms', 'Terms of sale'],
    ] as const) {
      await footer.getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await expectAccessible(page, `the ${heading} page`);
      await screenshot(page, `collector-${link.split(' ')[0]!.toLowerCase()}-phone`);
    }
    // The shipping page shows the quote's own rates: the contiguous US's first band.
    await page.goto('/shipping');
    await page.getByRole('heading', { name: 'United States', level: 2 }).waitFor();
    await page.getByText('Standard shipping is free on orders of $150.00 or more.').waitFor();
    await page.getByRole('cell', { name: '$6.95' }).first().waitFor();
    // The returns page states the window the API gives.
    await page.goto('/returns');
    await page.getByText(/within 30 days of delivery/).waitFor();

    await footer.getByRole('link', { name: 'Contact' }).click();
    await page.getByRole('heading', { name: 'Contact us', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Send the message' }).click();
    await page.getByText('Enter your name.').waitFor();
    await page.getByLabel('Your name').fill('Ada Collector');
    await page.getByLabel('Your email').fill('ada.collector@example.com');
    await page.getByLabel('About').selectOption('question');
    await page.getByLabel('Your message').fill('Is the pyrite cluster from an old collection?\nThank you.');
    await expectAccessible(page, 'the contact form');
    await page.getByRole('button', { name: 'Send the message' }).click();
    await page.getByText(/your message is on its way/).waitFor();
    const mail = await shop.waitForMail('shop@mineral-shop.local', (m) => m.body.text?.includes('old collection') ?? false);
    expect(mail.body.text).toContain('ada.collector@example.com');
    await page.context().close();
  });

  it('on the wishlist page the header marks Wishlist as the page, not Account too', async () => {
    const { page } = await newShopper(browser, shop.url);
    await page.goto('/account/sign-in');
    await page.getByLabel('Username or email').fill(DEMO.login);
    await page.getByLabel('Password').fill(DEMO.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await navLink(page, 'Account').waitFor();
    await page.goto('/account/wishlist');
    await page.getByRole('heading', { name: /wishlist/i, level: 1 }).waitFor();
    expect(await navLink(page, 'Wishlist').getAttribute('aria-current')).toBe('page');
    expect(await navLink(page, 'Account').getAttribute('aria-current')).toBeNull();
    await page.goto('/account');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await navLink(page, 'Account').getAttribute('aria-current')).toBe('page');
    expect(await navLink(page, 'Wishlist').getAttribute('aria-current')).toBeNull();
    await page.context().close();
  });
});
