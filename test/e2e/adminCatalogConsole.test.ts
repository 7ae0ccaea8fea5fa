// The console's catalog pages in Chromium against the whole local shop and cognito-local: the admin
// creates a mineral in the editor (refused first with inline problems), publishes it, receives stock
// on its inventory page, and a guest puts it in a cart; the admin adds a mineral with a photo (through
// the real presigned upload to the S3 emulator and the photo worker) that a shopper finds in the
// catalog, sees and buys, and the dashboard counts the sale; a sold-out mineral a shopper watches is
// restocked from the console and the shopper's mail arrives. The editor, inventory and reconciliation
// pages are screenshot at phone and desktop width (screenshots/console-*.png) and run through axe.
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalAdminAuth, type AdminAuthConfig } from '../support/adminTokens';
import { expectAccessible, launchBrowser, newShopper, pageErrors, shoot, type Shopper } from './support/browser';
import { addToCart, DENVER, expectConfirmation, fillAddress, linkIn, payWithCard, placeOrder, signInToConsole, TEST_CARDS } from './support/flows';
import { startShop, type Shop } from './support/shop';

/** Today's figure on the dashboard (e.g. "Units sold"), as shown, after a fresh load of it. */
async function todays(page: Page, label: string): Promise<string> {
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  return (await page.locator(`[data-figure="today-${label}"] .figure`).textContent()) ?? '';
}

/** A photo as a camera would give it: a real JPEG, 1600×1200. */
const aPhoto = () =>
  sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 70, g: 110, b: 170 } } })
    .jpeg({ quality: 85 })
    .toBuffer();

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

  it('adds a mineral with a photo that a shopper finds in the catalog, sees and buys, and the dashboard counts the sale', async () => {
    const { page } = admin;
    const soldBefore = Number(await todays(page, 'Units sold'));
    const paidBefore = Number(await todays(page, 'Paid orders'));

    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Minerals' }).click();
    await page.getByRole('link', { name: 'New mineral' }).click();
    await page.getByRole('heading', { name: 'New mineral', level: 1 }).waitFor();
    await page.getByLabel(/^Name/).fill('Dogtooth calcite from Elmwood');
    await page.getByLabel('Category').selectOption({ label: 'Carbonates' });
    await page.getByLabel('Description').fill('Golden dogtooth calcite crystals on a sphalerite matrix.');
    await page.getByLabel(/Quality notes/).fill('Crystal tips complete; a small repair on the base.');
    await page.getByLabel('Locality').fill('Elmwood Mine, Carthage, Tennessee, USA');
    await page.getByLabel('Mohs hardness').fill('3');
    await page.getByLabel('Weight (grams)').fill('310');
    await page.getByLabel('Price in dollars').fill('180');
    await page.getByLabel('Units on hand now').fill('2');
    await page.getByRole('button', { name: 'Create mineral' }).click();
    await page.getByRole('heading', { name: 'Edit Dogtooth calcite from Elmwood', level: 1 }).waitFor();
    const mineralId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

    // A photo straight from the browser to storage; the worker checks it and makes its sizes, and the
    // editor shows its thumbnail once they exist. A file that only claims to be a JPEG is refused, with why.
    const photos = page.getByRole('region', { name: 'Photos' });
    await photos.getByLabel(/Add photos/).setInputFiles({ name: 'elmwood.jpg', mimeType: 'image/jpeg', buffer: await aPhoto() });
    await page.getByRole('status').getByText('elmwood.jpg uploaded; its sizes are being made.').waitFor();
    const thumb = photos.getByRole('img', { name: /^Photo 1:/ });
    await thumb.waitFor({ timeout: 30_000 });
    expect(await thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await photos.getByLabel(/Add photos/).setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('a shopping list, not a photo') });
    await photos.getByText('Photo 2 refused').waitFor({ timeout: 30_000 });
    await photos.getByText('The file is not an image that can be read (it may be damaged, or not a photo at all).').waitFor();
    await photos.getByRole('button', { name: 'Delete' }).nth(1).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete the photo' }).click();
    await page.getByRole('status').getByText('Photo deleted with all its sizes.').waitFor();
    await expect.poll(() => photos.getByRole('listitem').count()).toBe(1);
    await photos.getByLabel('Alt text of photo 1').fill('Golden dogtooth calcite crystals on dark sphalerite');
    await photos.getByRole('button', { name: 'Save alt text' }).click();
    await page.getByRole('status').getByText('Alt text saved.').waitFor();
    await expectAccessible(page, 'the mineral editor with a photo');
    await shoot(page, 'console-mineral-photos');

    await page.getByLabel('Status').selectOption('published');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').getByText('Dogtooth calcite from Elmwood saved.').waitFor();
    expect(pageErrors(page)).toEqual([]);

    // A shopper browsing the newest minerals finds it, with its photo, and buys it.
    const guest = await newShopper(browser, shop.url);
    await guest.page.goto('/?sort=newest');
    const card = guest.page.getByRole('link', { name: /Dogtooth calcite from Elmwood/ });
    await card.waitFor();
    expect(await card.locator('img').first().getAttribute('src')).toMatch(/^\/media\//);
    await card.click();
    await guest.page.getByRole('heading', { name: 'Dogtooth calcite from Elmwood', level: 1 }).waitFor();
    const shown = guest.page.getByRole('img', { name: 'Golden dogtooth calcite crystals on dark sphalerite' }).first();
    await shown.waitFor();
    await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await guest.page.getByRole('button', { name: 'Add to cart' }).click();
    await guest.page.getByText('Added to your cart').waitFor();
    await guest.page.goto('/checkout');
    await guest.page.getByLabel('Email', { exact: true }).fill('calcite.buyer@example.com');
    await fillAddress(guest.page, DENVER);
    await placeOrder(guest.page);
    await payWithCard(guest.page, TEST_CARDS.succeeds);
    const orderNumber = await expectConfirmation(guest.page);
    expect(pageErrors(guest.page)).toEqual([]);
    await guest.context.close();

    // The dashboard counts it (from the table's stream, a moment after the payment).
    await expect.poll(async () => Number(await todays(page, 'Paid orders')), { timeout: 30_000, interval: 500 }).toBe(paidBefore + 1);
    expect(Number(await todays(page, 'Units sold'))).toBe(soldBefore + 1);
    // Its ledger shows the sale, with the order, beside the stock it was created with.
    await expect
      .poll(
        async () => {
          await page.goto(`/admin/minerals/${encodeURIComponent(mineralId)}/inventory`);
          await page.getByRole('heading', { name: 'Inventory of Dogtooth calcite from Elmwood', level: 1 }).waitFor();
          await page.getByRole('table', { name: /Ledger entries/ }).waitFor();
          return page.getByRole('row').filter({ hasText: `Sold in order ${orderNumber}` }).count();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(1);
    await page.getByRole('row').filter({ hasText: 'Initial stock' }).waitFor();
  });

  it('restocks a sold-out mineral a shopper watches, and the shopper’s mail arrives with the product link', async () => {
    const watcher = await newShopper(browser, shop.url);
    await watcher.page.goto('/minerals/halite-blue-carlsbad');
    await watcher.page.getByText('Sold out — tell me when it is back').waitFor();
    await watcher.page.getByLabel('Your email').fill('halite.watcher@example.com');
    await watcher.page.getByRole('button', { name: 'Tell me when it is back' }).click();
    await watcher.page.getByText('Check your mail to confirm: we sent a link to halite.watcher@example.com.', { exact: false }).waitFor();
    // Double opt-in: the guest confirms from the mail, and the page takes the token out of the address bar.
    const confirmation = await shop.waitForMail('halite.watcher@example.com', (m) => /^Confirm your restock alert for Blue halite/.test(m.subject));
    const confirmLink = linkIn(confirmation.body.text ?? '', '/restock/confirm');
    await watcher.page.goto(`${confirmLink.pathname}${confirmLink.search}`);
    await watcher.page.getByText('Confirmed: we will email halite.watcher@example.com once when it is back in stock.', { exact: false }).waitFor();
    expect(new URL(watcher.page.url()).searchParams.get('token')).toBeNull();

    // The dealer sees on the dashboard that a shopper waits for it, and receives a delivery from there.
    const { page } = admin;
    const soldOut = page.getByRole('region', { name: 'Low stock' }).getByRole('listitem').filter({ hasText: 'Blue halite' });
    await expect
      .poll(async () => (await todays(page, 'Paid orders'), (await soldOut.textContent()) ?? ''), { timeout: 30_000, interval: 500 })
      .toBe('Blue halite: 1 shopper waiting for a restock');
    await soldOut.getByRole('link', { name: 'Blue halite' }).click();
    await page.getByRole('heading', { name: 'Inventory of Blue halite', level: 1 }).waitFor();
    await page.getByLabel('Units received').fill('2');
    await page.getByLabel('Note (optional)').fill('Two more blocks from Carlsbad');
    await page.getByRole('button', { name: 'Receive stock' }).click();
    await page.getByRole('status').getByText('Received 2 units; 2 available.').waitFor();

    const mail = await shop.waitForMail('halite.watcher@example.com', (m) => /^Blue halite is back/.test(m.subject));
    expect(mail.subject).toMatch(/^Blue halite is back/);
    const product = linkIn(mail.body.text ?? '', '/minerals/');
    expect(product.pathname).toBe('/minerals/halite-blue-carlsbad');
    expect(linkIn(mail.body.text ?? '', '/api/restock-watches/unsubscribe').searchParams.get('email')).toBe('halite.watcher@example.com');
    await watcher.page.goto(product.pathname);
    await watcher.page.getByRole('button', { name: 'Add to cart' }).click();
    await watcher.page.getByText('Added to your cart').waitFor();
    // One mail for the restock, however the stream and queues redeliver.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await shop.mailTo('halite.watcher@example.com')).filter((m) => /Blue halite is back/.test(m.subject))).toHaveLength(1);
    await watcher.context.close();
  });
});
