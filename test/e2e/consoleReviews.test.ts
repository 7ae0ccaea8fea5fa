// Review moderation in Chromium against the local shop and cognito-local: a shopper's review is on the
// product page; the admin hides it from the console's queue with a reason; the product page no longer
// shows it and its rating leaves the summary; its author, signed in, still sees it, marked hidden with
// the reason. Restoring puts it back.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, newShopper, pageErrors, shoot, type Shopper } from './support/browser';

import { startConsoleSession, type ConsoleSession } from './support/console';
import type { Shop } from './support/shop';

describe('review moderation in the console', () => {
  let session: ConsoleSession;
  let shop: Shop;
  let browser: Browser;
  let admin: Shopper;

  beforeAll(async () => {
    session = await startConsoleSession();
    ({ shop, browser, admin } = session);
  });

  afterAll(async () => session?.close());

  it('a hidden review leaves the product page and its ratings; its author still sees it, marked hidden', async () => {
    const username = `moderated${Date.now().toString(36)}`;
    const password = 'correct horse battery';
    const registered = await fetch(`${shop.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, email: `${username}@example.com`, password, name: 'Grumpy Collector' }),
    });
    const { session } = (await registered.json()) as { session: { accessToken: string } };
    const listed = (await (await fetch(`${shop.url}/api/minerals?limit=24`)).json()) as { items: Array<{ id: string; name: string }> };
    const mineral = listed.items.at(-1)!;
    const text = `Terrible dealer, never again ${username}.`;
    const posted = await fetch(`${shop.url}/api/minerals/${mineral.id}/reviews`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.accessToken}` },
      body: JSON.stringify({ rating: 1, text }),
    });
    expect(posted.status).toBe(201);

    const visitor = await newShopper(browser, shop.url);
    await visitor.page.goto(`/minerals/${mineral.id}`);
    await visitor.page.getByText(text).waitFor();

    const { page } = admin;
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Reviews' }).click();
    await page.getByRole('heading', { name: 'Reviews', level: 1 }).waitFor();
    const item = page.getByRole('listitem', { name: `Grumpy Collector on ${mineral.name}` });
    await item.getByText(text).waitFor();
    await shoot(page, 'console-reviews');
    await expectAccessible(page, 'the review queue');
    await item.getByRole('button', { name: 'Hide' }).click();
    const dialog = page.getByRole('dialog', { name: 'Hide Grumpy Collector’s review' });
    await dialog.getByRole('button', { name: 'Hide it' }).click();
    await dialog.getByText('Give a reason').waitFor();
    await dialog.getByLabel('Reason').fill('Not about the specimen');
    await dialog.getByRole('button', { name: 'Hide it' }).click();
    await item.getByText(/hidden .*: Not about the specimen/).waitFor();

    await visitor.page.reload();
    await visitor.page.getByRole('heading', { name: 'Reviews' }).waitFor();
    await visitor.page.waitForLoadState('networkidle');
    expect(await visitor.page.getByText(text).count()).toBe(0);

    // Its author, signed in, sees it marked hidden with the reason.
    const author = await newShopper(browser, shop.url);
    await author.page.goto('/account/sign-in');
    await author.page.getByLabel('Username or email').fill(username);
    await author.page.getByLabel('Password').fill(password);
    await author.page.getByRole('button', { name: 'Sign in' }).click();
    await author.page.getByRole('heading', { name: 'Your account' }).waitFor();
    await author.page.goto(`/minerals/${mineral.id}`);
    await author.page.getByText('Your review is hidden.').waitFor();
    await author.page.getByText(/Not about the specimen/).waitFor();
    await author.page.getByRole('heading', { name: 'Edit your review' }).waitFor();
    await shoot(author.page, 'review-hidden-author');

    // Restored: back on the product page.
    await item.getByRole('button', { name: 'Restore' }).click();
    const restore = page.getByRole('dialog', { name: 'Restore Grumpy Collector’s review' });
    await restore.getByLabel('Reason').fill('Reconsidered');
    await restore.getByRole('button', { name: 'Restore it' }).click();
    await item.getByRole('button', { name: 'Hide' }).waitFor();
    await visitor.page.reload();
    await visitor.page.getByText(text).waitFor();
    for (const p of [page, visitor.page, author.page]) expect(pageErrors(p)).toEqual([]);
    await visitor.page.context().close();
    await author.page.context().close();
  });
});
