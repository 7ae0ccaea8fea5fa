// What a shopper does, step by step, as the e2e journeys need it: only what a person sees and
// uses (roles, labels, text), and Playwright's auto-waiting for everything that takes time.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const TEST_CARDS = { succeeds: '4242 4242 4242 4242', declined: '4000 0000 0000 0002', insufficientFunds: '4000 0000 0000 9995' } as const;

export interface AddressInput {
  name: string;
  line1: string;
  city: string;
  /** A US state code, chosen from the State list. */
  state: string;
  postalCode: string;
}

export const DENVER: AddressInput = { name: 'Ada Stone', line1: '1 Quartz Way', city: 'Denver', state: 'CO', postalCode: '80202' };

/** A link of the site's main navigation (the header). */
export function navLink(page: Page, name: string | RegExp) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
}

/** The cart link in the header says how many items the cart holds. */
export async function expectCartCount(page: Page, count: number): Promise<void> {
  await page.getByRole('link', { name: `Cart, ${count} ${count === 1 ? 'item' : 'items'}` }).waitFor();
}

/** Opens a mineral's page and adds it (one unit) to the cart. */
export async function addToCart(page: Page, mineralId: string): Promise<void> {
  await page.goto(`/minerals/${mineralId}`);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.getByText('Added to your cart').waitFor();
}

export async function fillAddress(page: Page, address: AddressInput): Promise<void> {
  await page.getByLabel('Full name').fill(address.name);
  await page.getByLabel('Street address').fill(address.line1);
  await page.getByLabel('City').fill(address.city);
  await page.getByLabel('Country').selectOption('US');
  await page.getByLabel('State').selectOption(address.state);
  await page.getByLabel('Postal code').fill(address.postalCode);
}

/** On the checkout page: waits for the server's quote, then places the order. Returns the total it showed. */
export async function placeOrder(page: Page): Promise<string> {
  const place = page.getByRole('button', { name: /^Place order and pay \$/ });
  await place.waitFor();
  const label = (await place.textContent()) ?? '';
  await place.click();
  await page.getByRole('heading', { name: 'Pay by card' }).waitFor();
  return label.replace('Place order and pay ', '');
}

/** On the payment step: pays with a test card of the sandbox. */
export async function payWithCard(page: Page, number: string): Promise<void> {
  const year = String((new Date().getFullYear() + 2) % 100).padStart(2, '0');
  await page.getByLabel('Card number').fill(number);
  await page.getByLabel('Expiry (MM/YY)').fill(`12/${year}`);
  await page.getByLabel('Security code').fill('123');
  await page.getByRole('button', { name: /^Pay \$/ }).click();
}

/** After paying: the confirmation page, once the order is paid. Returns the order number. */
export async function expectConfirmation(page: Page): Promise<string> {
  await page.getByRole('heading', { name: 'Thank you for your order' }).waitFor({ timeout: 60_000 });
  await expect.poll(() => page.getByText('A confirmation mail is on its way').isVisible()).toBe(true);
  return ((await page.locator('.order-number').textContent()) ?? '').trim();
}

/** The first link in a mail's text body whose path starts with `pathPrefix`. */
export function linkIn(text: string, pathPrefix: string): URL {
  const url = (text.match(/https?:\/\/[^\s<>"']+/g) ?? []).map((u) => new URL(u)).find((u) => u.pathname.startsWith(pathPrefix));
  if (!url) throw new Error(`no link to ${pathPrefix}… in the mail:\n${text}`);
  return url;
}

/** Signs in to the admin console (what happens next is the caller's to check). */
export async function signInToConsole(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/admin/');
  await page.getByRole('heading', { name: 'Sign in to the console' }).waitFor();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
