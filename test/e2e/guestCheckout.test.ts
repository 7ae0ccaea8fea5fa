// A guest finds the last unique specimen through the catalog's filters, holds it in the cart (a second
// visitor can no longer have it), pays with a sandbox test card, sees the confirmation, and follows
// the tracking link from the confirmation mail.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newShopper, pageErrors, type Shopper } from './support/browser';
import { DENVER, expectCartCount, expectConfirmation, fillAddress, linkIn, payWithCard, placeOrder, TEST_CARDS } from './support/flows';
import { startShop, type Shop } from './support/shop';

const LAST_ONE = { id: 'gold-nugget-victoria', name: 'Gold nugget' };
const GUEST_EMAIL = 'ada.guest@example.com';

describe('a guest buying the last specimen', () => {
  let shop: Shop;
  let browser: Browser;
  let guest: Shopper;
  let rival: Shopper;
  let orderNumber = '';

  beforeAll(async () => {
    [shop, browser] = await Promise.all([startShop(), launchBrowser()]);
    [guest, rival] = await Promise.all([newShopper(browser, shop.url), newShopper(browser, shop.url)]);
  });

  afterAll(async () => {
    await browser?.close();
    await shop?.close();
  });

  it('browses and filters the catalog, and the filtered view survives a reload', async () => {
    const { page } = guest;
    await page.goto('/');
    await page.getByRole('heading', { name: 'Minerals', level: 1 }).waitFor();
    await expect.poll(() => page.getByRole('list', { name: 'Minerals' }).getByRole('listitem').count()).toBeGreaterThan(10);
    await expectAccessible(page, 'the catalog');

    // "Load more" appends the next page where the reader is, and moves focus to the first new card.
    const cards = page.getByRole('list', { name: 'Minerals' }).getByRole('listitem');
    const loadMore = page.getByRole('button', { name: 'Load more minerals' });
    await loadMore.scrollIntoViewIfNeeded();
    const scrolledTo = await page.evaluate(() => scrollY);
    expect(scrolledTo).toBeGreaterThan(0);
    await loadMore.click();
    await expect.poll(() => cards.count()).toBe(48);
    // Focus moves in an effect after the new cards are painted: wait for it, do not race it.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('li') === document.querySelectorAll('ul.grid > li')[24]))
      .toBe(true);
    const afterLoad = await page.evaluate(() => scrollY);
    expect(Math.abs(afterLoad - scrolledTo)).toBeLessThan(900);

    // To a product and back: the same 48 cards, at the same place.
    await cards.nth(30).getByRole('link').click();
    await page.getByRole('heading', { name: 'About this specimen' }).waitFor();
    await page.goBack();
    await expect.poll(() => cards.count()).toBe(48);
    await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(afterLoad - 50);
    await page.evaluate(() => scrollTo(0, 0));

    await page.getByLabel('Category').selectOption('native-elements');
    await page.getByRole('heading', { name: 'Native elements', level: 1 }).waitFor();
    await page.getByLabel('Sort by').selectOption('price_desc');
    await page.getByLabel('In stock only').check();
    await expect.poll(() => new URL(page.url()).search).toBe('?category=native-elements&inStock=true&sort=price_desc');
    const firstCard = page.getByRole('list', { name: 'Minerals' }).getByRole('listitem').first();
    await expect.poll(() => firstCard.getByRole('heading').textContent()).toBe(LAST_ONE.name);

    await page.reload();
    await page.getByRole('heading', { name: 'Native elements', level: 1 }).waitFor();
    expect(await page.getByLabel('Sort by').inputValue()).toBe('price_desc');
    expect(await page.getByLabel('In stock only').isChecked()).toBe(true);
    await expect.poll(() => firstCard.getByRole('heading').textContent()).toBe(LAST_ONE.name);

    await firstCard.getByRole('link').click();
    await page.getByRole('heading', { name: LAST_ONE.name, level: 1 }).waitFor();
    await page.getByText('Only 1 left').waitFor();
    await expectAccessible(page, 'a product page');
  });

  it('holds the last one for the first guest; a second visitor cannot add it', async () => {
    // The rival opened the page while the specimen was still there.
    await rival.page.goto(`/minerals/${LAST_ONE.id}`);
    await rival.page.getByRole('button', { name: 'Add to cart' }).waitFor();

    await guest.page.getByRole('button', { name: 'Add to cart' }).click();
    await guest.page.getByText(/Added to your cart and held for you for \d+ minutes/).waitFor();
    await expectCartCount(guest.page, 1);

    await rival.page.getByRole('button', { name: 'Add to cart' }).click();
    await rival.page.getByText('someone else just took this one').waitFor();
    await rival.page.getByText('Sold out — tell me when it is back').waitFor();
    await expectCartCount(rival.page, 0);
    await rival.page.reload();
    await rival.page.getByText('In someone’s cart', { exact: true }).waitFor();
    // Not sold: held in the guest's cart, and the page says until when and that it may come back.
    await rival.page.getByText(/It is in another shopper’s cart, held until .+ for now\. If they don’t buy it, it comes back to the shop\./).waitFor();
    expect(await rival.page.getByRole('button', { name: 'Add to cart' }).count()).toBe(0);

    // The rival asks to be told when it is back.
    await rival.page.getByLabel('Your email').fill('rival@example.com');
    await rival.page.getByRole('button', { name: 'Tell me when it is back' }).click();
    // A guest's address is confirmed first (double opt-in): the page says so, and the mail asks.
    await rival.page.getByText('Check your mail to confirm: we sent a link to rival@example.com.', { exact: false }).waitFor();
    const confirmation = await shop.waitForMail('rival@example.com', (m) => /^Confirm your restock alert/.test(m.subject));
    expect(confirmation.body.text).toContain('/restock/confirm?');
  });

  it('pays with the sandbox card and sees the confirmation, which survives a reload', async () => {
    const { page } = guest;
    await page.getByRole('link', { name: /^Cart, 1 item/ }).click();
    await page.getByRole('heading', { name: 'Your cart' }).waitFor();
    await page.getByText(/Held for you for \d+ more minutes/).waitFor();
    await expectAccessible(page, 'the cart');

    await page.getByRole('link', { name: 'Go to checkout' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    await page.getByLabel('Email', { exact: true }).fill(GUEST_EMAIL);
    await fillAddress(page, DENVER);
    await page.getByText('Total', { exact: true }).waitFor();
    await expectAccessible(page, 'the checkout');
    const total = await placeOrder(page);
    await page.getByText('4242 4242 4242 4242').waitFor();
    await expectAccessible(page, 'the payment form');

    await payWithCard(page, TEST_CARDS.succeeds);
    orderNumber = await expectConfirmation(page);
    expect(orderNumber).not.toBe('');
    await page.getByText(total).first().waitFor();
    await page.getByText(GUEST_EMAIL).waitFor();
    await expectAccessible(page, 'the confirmation');
    await expectCartCount(page, 0);

    await page.reload();
    await page.getByRole('heading', { name: 'Thank you for your order' }).waitFor();
    expect((await page.locator('.order-number').textContent())?.trim()).toBe(orderNumber);
  });

  it('follows the tracking link of the confirmation mail', async () => {
    const mail = await shop.waitForMail(GUEST_EMAIL, (m) => m.subject.includes(orderNumber));
    const link = linkIn(mail.body.text ?? '', '/orders/');
    expect(link.origin).toBe(shop.url);
    expect(link.pathname).toMatch(/^\/orders\/[0-9a-f-]{36}\/track$/);
    expect(link.searchParams.get('token')).toBeTruthy();

    // A fresh browser, as if the mail were opened on another device.
    const reader = await newShopper(browser, shop.url);
    const opened = await reader.page.goto(link.href);
    // The page carries a bearer token in its URL: no other site is told that URL.
    expect(opened?.headers()['referrer-policy']).toBe('same-origin');
    await reader.page.getByRole('heading', { name: `Order ${orderNumber}` }).waitFor();
    await reader.page.locator('.order-status', { hasText: 'Paid' }).first().waitFor();
    await reader.page.getByText(LAST_ONE.name).first().waitFor();
    // Read, the token leaves the address bar (and the history); a reload still shows the order.
    await expect.poll(() => new URL(reader.page.url()).search).toBe('');
    await reader.page.reload();
    await reader.page.getByRole('heading', { name: `Order ${orderNumber}` }).waitFor();
    await expectAccessible(reader.page, 'the tracking page');
    expect(pageErrors(reader.page)).toEqual([]);
    await reader.context.close();
  });

  it('threw no errors in the pages', () => {
    expect(pageErrors(guest.page)).toEqual([]);
    expect(pageErrors(rival.page)).toEqual([]);
  });
});
