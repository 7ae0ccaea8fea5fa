// Two journeys where something goes wrong first: a declined card (the shopper tries another on the
// same order and it goes through), and a forgotten password (reset through the mailed link).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SHOPPER } from '../../infra/local/seed/seedShop';
import { expectAccessible, launchBrowser, newShopper, pageErrors } from './support/browser';
import { addToCart, DENVER, expectCartCount, expectConfirmation, fillAddress, linkIn, navLink, payWithCard, placeOrder, TEST_CARDS } from './support/flows';
import { startShop, type Shop } from './support/shop';

describe('when something goes wrong first', () => {
  let shop: Shop;
  let browser: Browser;

  beforeAll(async () => {
    [shop, browser] = await Promise.all([startShop(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await shop?.close();
  });

  it('a declined card, then another card on the same order goes through, also from the mailed pay-again link', async () => {
    const { page, context } = await newShopper(browser, shop.url);
    const email = 'grace.declined@example.com';
    await addToCart(page, 'fluorite-cave-in-rock');
    await page.goto('/checkout');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await fillAddress(page, { ...DENVER, name: 'Grace Hopper' });
    await placeOrder(page);

    // While the order awaits payment the cart is locked; "Edit cart" cancels the order and reopens it.
    await page.getByRole('button', { name: 'Edit cart' }).click();
    await page.getByRole('heading', { name: 'Your cart' }).waitFor();
    await page.getByRole('button', { name: 'Update' }).waitFor();
    expect(await page.getByLabel('Quantity').isEnabled()).toBe(true);
    await page.getByRole('link', { name: 'Go to checkout' }).click();
    await page.getByLabel('Email', { exact: true }).fill(email);
    await fillAddress(page, { ...DENVER, name: 'Grace Hopper' });
    const total = await placeOrder(page);

    await payWithCard(page, TEST_CARDS.declined);
    const declined = page.getByRole('alert').filter({ hasText: 'Nothing was charged' });
    await declined.waitFor();
    expect(await declined.textContent()).toMatch(/declined/i);
    await expectAccessible(page, 'the payment form after a decline');

    // The mail about the failed payment links back to paying, and the link works on another device:
    // a fresh browser with no cart, no session and no payment in hand (the guest opens the mail on a laptop).
    // The shopper walks away; minutes later the order is still unpaid, and the mail about it goes out.
    const { mailDeclinedPayments } = await import('../../shared/orders/declinedPayments');
    const { PAYMENT_FAILED_MAIL_AFTER_MINUTES } = await import('../../shared/domain/orders');
    expect(await mailDeclinedPayments(new Date(Date.now() + (PAYMENT_FAILED_MAIL_AFTER_MINUTES + 1) * 60_000))).toBe(1);
    const failedMail = await shop.waitForMail(email, (m) => /did not go through/.test(m.subject));
    const payAgain = linkIn(failedMail.body.text ?? '', '/checkout/pay/');
    expect(payAgain.origin).toBe(shop.url);
    const laptop = await newShopper(browser, shop.url);
    await laptop.page.goto(payAgain.href);
    await laptop.page.getByRole('heading', { name: 'Pay for your order' }).waitFor();
    await laptop.page.getByRole('heading', { name: 'Pay by card' }).waitFor();
    await laptop.page.getByText(`total ${total}`).waitFor();

    await payWithCard(laptop.page, TEST_CARDS.insufficientFunds);
    await laptop.page.getByRole('alert').filter({ hasText: /insufficient funds/i }).waitFor();

    await payWithCard(laptop.page, TEST_CARDS.succeeds);
    const orderNumber = await expectConfirmation(laptop.page);
    await laptop.page.getByText(total).first().waitFor();
    await shop.waitForMail(email, (m) => m.subject.includes(orderNumber) && !/did not go through/.test(m.subject));
    expect(pageErrors(laptop.page)).toEqual([]);
    await laptop.context.close();
    // The phone that placed the order sees it paid, and its cart empty.
    await page.reload();
    await expectCartCount(page, 0);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('resets a forgotten password through the mailed link', async () => {
    const { page, context } = await newShopper(browser, shop.url);
    const newPassword = 'calcite-dolomite-aragonite';
    await page.goto('/account/sign-in');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await page.getByLabel('Email').fill(DEMO_SHOPPER.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText(`If an account uses ${DEMO_SHOPPER.email}, a link to choose a new password is on its way.`).waitFor();

    const mail = await shop.waitForMail(DEMO_SHOPPER.email, (m) => /password/i.test(m.subject));
    const link = linkIn(mail.body.text ?? '', '/reset-password');
    expect(link.origin).toBe(shop.url);
    await page.goto(link.href);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await expectAccessible(page, 'the password reset page');
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('New password again').fill(newPassword);
    await page.getByRole('button', { name: 'Set the new password' }).click();

    await page.getByText('Your password was changed. Sign in with the new one.').waitFor();
    await page.getByLabel('Username or email').fill(DEMO_SHOPPER.email);
    await page.getByLabel('Password').fill(DEMO_SHOPPER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('Password').fill(newPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    await navLink(page, 'Account').waitFor();

    // The link is single use.
    await page.goto(link.href);
    await page.getByLabel('New password', { exact: true }).fill('another-new-password-1');
    await page.getByLabel('New password again').fill('another-new-password-1');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByRole('alert').filter({ hasText: /invalid or has expired/ }).waitFor();
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
