// What every console test starts with: cognito-local with the seeded admin, the local shop with its
// admin side, Chromium, and the admin signed in on the dashboard.
import type { Browser } from 'playwright-core';
import { startLocalAdminAuth, type AdminAuthConfig } from '../../support/adminTokens';
import { launchBrowser, newShopper, type Shopper } from './browser';
import { signInToConsole } from './flows';
import { startShop, type Shop } from './shop';

export interface ConsoleSession {
  auth: { config: AdminAuthConfig; stop: () => Promise<void> };
  shop: Shop;
  browser: Browser;
  /** The seeded admin, signed in to the console. */
  admin: Shopper;
  close: () => Promise<void>;
}

export async function startConsoleSession(): Promise<ConsoleSession> {
  const auth = await startLocalAdminAuth();
  const [shop, browser] = await Promise.all([startShop({ adminAuth: auth.config }), launchBrowser()]);
  const admin = await newShopper(browser, shop.url);
  await signInToConsole(admin.page, auth.config.adminEmail, auth.config.adminPassword);
  await admin.page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  return {
    auth,
    shop,
    browser,
    admin,
    close: async () => {
      await browser.close();
      await shop.close();
      await auth.stop();
    },
  };
}
