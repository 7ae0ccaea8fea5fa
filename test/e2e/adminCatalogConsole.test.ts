// The console's catalog pages in Chromium against the whole local shop and cognito-local: the admin
// creates a mineral in the editor (refused first with inline problems), publishes it, receives stock
// on its inventory page, and a guest puts it in a cart. The editor, inventory and reconciliation
// pages are screenshot at phone and desktop width (screenshots/console-*.png) and run through axe.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalAdminAuth, type AdminAuthConfig } from '../support/adminTokens';
import { expectAccessible, launchBrowser, newShopper, pageErrors, shoot, type Shopper } from './support/browser';
import { addToCart, signInToConsole } from './support/flows';
import { startShop, type Shop } from './support/shop';

describe('the console’s catalog pages', () => {
  let auth: { config: AdminAuthConfig; stop: () => Promise<void> };
  let shop: Shop;
  let browser: Browser;
  let admin: Shopper;

  beforeAll(async () => {
    auth = await startLocalAdminAuth();
    [shop, browser] = await Promise.all([startShop({ adminAuth: auth.config }), launchBrowser()]);
    admin = await newShopper(browser, shop.url);
    const { page } = admin;
    await signInToConsole(page, auth.config.adminEmail, auth.config.adminPassword);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await shop?.close();
    await auth?.stop();
  });

  it('creates a mineral, publishes it and receives stock, and a shopper can put it in a cart', async () => {
    const { page } = admin;
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Minerals' }).click();
    await page.getByRole('link', { name: 'New mineral' }).click();
    await page.getByRole('heading', { name: 'New mineral', level: 1 }).waitFor();

    // Nothing is sent while a field is wrong: each says what it needs.
    await page.getByRole('button', { name: 'Create mineral' }).click();
    await page.getByText('Enter the name.').waitFor();
    expect(await page.getByLabel(/^Name/).getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Mohs hardness').fill('11');
    await page.getByText('Enter a Mohs hardness from 1 to 10.').waitFor();

    await page.getByLabel(/^Name/).fill('Blue fluorite from Rogerley');
    await page.getByLabel('Category').selectOption({ index: 1 });
    await page.getByLabel('Description').fill('A cube of deep blue fluorite with daylight fluorescence.');
    await page.getByLabel(/Quality notes/).fill('Sharp edges, one small contact on the back.');
    await page.getByLabel('Locality').fill('Rogerley Mine, Weardale, England');
    await page.getByLabel('Mohs hardness').fill('4');
    await page.getByLabel('Weight (grams)').fill('85');
    await page.getByLabel('Length').fill('40');
    await page.getByLabel('Width').fill('35');
    await page.getByLabel('Height').fill('30');
    await page.getByLabel('Price in dollars').fill('240');
    await page.getByLabel('Units on hand now').fill('0');
    await page.getByRole('button', { name: 'Add a quantity break' }).click();
    await page.getByLabel('From units').fill('2');
    await page.getByLabel('Percent off', { exact: true }).fill('5');
    await expectAccessible(page, 'the new mineral form');
    await shoot(page, 'console-mineral-new');
    await page.getByRole('button', { name: 'Create mineral' }).click();
    await page.getByRole('status').getByText('Blue fluorite from Rogerley created.').waitFor();
    await page.getByRole('heading', { name: 'Edit Blue fluorite from Rogerley', level: 1 }).waitFor();
    const mineralId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

    await page.getByLabel('Status').selectOption('published');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').getByText('Blue fluorite from Rogerley saved.').waitFor();
    await expectAccessible(page, 'the mineral editor');
    await shoot(page, 'console-mineral-edit');

    await page.getByRole('link', { name: 'Inventory of Blue fluorite from Rogerley' }).click();
    await page.getByRole('heading', { name: 'Inventory of Blue fluorite from Rogerley', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Receive stock' }).click();
    await page.getByText('Enter a whole number of units').waitFor();
    await page.getByLabel('Units received').fill('3');
    await page.getByLabel(/Cost per unit/).fill('60');
    await page.getByLabel('Note (optional)').fill('Delivery from the mine');
    await page.getByRole('button', { name: 'Receive stock' }).click();
    await page.getByRole('status').getByText('Received 3 units; 3 available.').waitFor();
    await page.getByRole('cell', { name: 'Delivery from the mine' }).waitFor();
    // An adjustment needs a reason before it is sent.
    await page.getByLabel(/Correct the count/).check();
    await page.getByLabel(/Units to add/).fill('-1');
    await page.getByRole('button', { name: 'Adjust stock' }).click();
    await page.getByText('Say why').waitFor();
    await expectAccessible(page, 'the inventory');
    await shoot(page, 'console-inventory');

    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Reconciliation' }).click();
    await page.getByRole('heading', { name: 'Reconciliation', level: 1 }).waitFor();
    await page.getByText(/Last run|has not run yet/).waitFor();
    await expectAccessible(page, 'the reconciliation');
    await shoot(page, 'console-reconciliation');
    expect(pageErrors(page)).toEqual([]);

    // Published with stock: a shopper finds it and can hold a unit.
    const guest = await newShopper(browser, shop.url);
    await addToCart(guest.page, mineralId);
    await guest.context.close();
  });
});
