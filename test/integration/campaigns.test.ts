// Promotion mail end to end against DynamoDB Local, the local queues and the local SES: a campaign to
// 500 opted-in shoppers whose sender dies half-way (its queue refuses a mail mid-batch) is picked up by
// the next run and sends exactly 500 mails, one each, none to shoppers who never opted in or are
// disabled; the counters say so; the one-click unsubscribe works signed out and takes that shopper off
// the list the next campaign reads; a stopped campaign queues nothing more; the admin's writes are audited.
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSentMail } from '../../infra/local/ses';
import { sendCampaigns } from '../../shared/admin/campaigns';
import { dynamo, tableName } from '../../shared/db/client';
import { nextRecipients, promoOptInItem } from '../../shared/db/campaigns';
import { putCoupon } from '../../shared/db/coupons';
import { putMinerals } from '../../shared/db/minerals';
import { createUser, getUser, updateProfile, userKey, type User } from '../../shared/db/users';
import { enqueueEmail } from '../../shared/email/outbox';
import type { EmailMessage } from '../../shared/email/message';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { startAdminTestApi } from '../support/adminApi';
import type { Json } from '../support/api';
import { aMineral } from '../support/builders';
import { deliverQueuedMail } from '../support/mail';

let setup: Awaited<ReturnType<typeof startAdminTestApi>>;
beforeAll(async () => {
  setup = await startAdminTestApi();
});
afterAll(() => setup?.close());

const run = randomUUID().slice(0, 8);

async function shoppers(count: number, kind: 'optedIn' | 'optedOut' | 'disabled'): Promise<User[]> {
  const now = new Date().toISOString();
  const users: User[] = Array.from({ length: count }, (_, i) => ({
    userId: randomUUID(),
    username: `${kind}${run}${i}`.toLowerCase(),
    email: `${kind}-${run}-${i}@example.com`.toLowerCase(),
    name: `Collector ${i}`,
    passwordHash: 'not-a-real-hash',
    addresses: [],
    defaultAddressId: null,
    preferences: { promotionalEmail: kind !== 'optedOut', restockAlerts: true },
    disabled: kind === 'disabled',
    createdAt: now,
    updatedAt: now,
  }));
  // Written as the account's transaction writes them (createUser), in batches: an account is its profile
  // (the claims matter only to sign-up and sign-in), and an opted-in one its entry on the list.
  const items = users.flatMap((u) => [
    { ...userKey(u.userId), entity: 'user', ...u },
    ...(u.preferences.promotionalEmail ? [promoOptInItem(u.userId)] : []),
  ]);
  for (let i = 0; i < items.length; i += 25) {
    await dynamo.send(new BatchWriteCommand({ RequestItems: { [tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
  return users;
}

const campaignMails = async (subject: string) => (await fetchSentMail(inject('sesEndpoint'))).filter((m) => m.subject.startsWith(subject));

describe('a promotion campaign', () => {
  // Some 500 accounts and 1,000 writes: more time than the project's default.
  it('to 500 opted-in shoppers, its sender dying half-way, sends exactly 500 mails and none to anyone else', { timeout: 180_000 }, async () => {
    const optedIn = await shoppers(500, 'optedIn');
    const optedOut = await shoppers(20, 'optedOut');
    const disabled = await shoppers(3, 'disabled');
    const mineral = aMineral({ priceCents: 12_500 });
    await putMinerals([mineral]);
    const code = `PROMO-${run}`.toUpperCase();
    await putCoupon({ code, benefit: { kind: 'percent', bp: 1_000 } });
    const subject = `Spring arrivals ${run}`;

    const made = await setup.admin('POST', '/api/admin/campaigns', { subject, text: 'Fresh from Colorado.\n\nFirst come, first served.', mineralIds: [mineral.id], couponCode: code.toLowerCase() });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const id = made.body.campaignId as string;
    expect(made.body).toMatchObject({ status: 'draft', couponCode: code, queued: 0 });
    expect(made.body.preview.text).toContain('Use the code');
    expect(made.body.preview.text).toContain(mineral.name);
    expect(made.body.preview.text).toMatch(/unsubscribe/i);

    // A test to the admin first: one mail, marked, and the campaign is still a draft.
    expect((await setup.admin('POST', `/api/admin/campaigns/${id}/test`, { to: 'dealer@example.com' })).status).toBe(202);
    await deliverQueuedMail();
    expect((await campaignMails(`[Test] ${subject}`)).map((m) => m.destination.to)).toEqual([['dealer@example.com']]);
    expect((await setup.admin('GET', `/api/admin/campaigns/${id}`)).body.status).toBe('draft');

    expect((await setup.admin('POST', `/api/admin/campaigns/${id}/send`)).status).toBe(202);
    expect((await setup.admin('POST', `/api/admin/campaigns/${id}/send`)).status).toBe(409);

    // The sender dies after queuing 260 mails: the 261st is refused, mid-batch.
    let queuedByFirst = 0;
    const dying = async (message: EmailMessage) => {
      if (queuedByFirst === 260) throw new Error('the sender died');
      queuedByFirst += 1;
      return enqueueEmail(message);
    };
    await expect(sendCampaigns({ enqueue: dying, pace: false })).rejects.toThrow('the sender died');
    const halfway = (await setup.admin('GET', `/api/admin/campaigns/${id}`)).body;
    expect(halfway.status).toBe('sending');
    expect(halfway.queued).toBeLessThan(503);

    // The next run takes over (its lease long lapsed) and finishes.
    const later = new Date(Date.now() + 10 * 60_000);
    for (let i = 0; i < 5 && (await setup.admin('GET', `/api/admin/campaigns/${id}`)).body.status === 'sending'; i++) {
      await sendCampaigns({ pace: false, now: () => later });
    }
    await deliverQueuedMail();

    const mails = await campaignMails(subject);
    const to = mails.map((m) => m.destination.to[0]!);
    expect(mails).toHaveLength(500);
    expect(new Set(to).size).toBe(500);
    expect(new Set(to)).toEqual(new Set(optedIn.map((u) => u.email)));
    for (const u of [...optedOut, ...disabled]) expect(to).not.toContain(u.email);

    const done = (await setup.admin('GET', `/api/admin/campaigns/${id}`)).body;
    expect(done).toMatchObject({ status: 'sent', queued: 500, skipped: 3, sent: 500 });
    expect(done.finishedAt).toEqual(expect.any(String));
    const audit = (await setup.admin('GET', `/api/admin/audit?objectType=campaign&objectId=${id}`)).body.items as Json[];
    expect(audit.map((r) => r.action)).toEqual(['campaign.create', 'campaign.send']);

    // One click in a mail, signed out: no more promotion mail for that shopper.
    const one = mails.find((m) => m.destination.to[0] === optedIn[0]!.email)!;
    // The mail links to the shop's page, which asks the API with the same query.
    const link = new URL(/https?:\/\/\S+\/unsubscribe\?\S+/.exec(one.body.text ?? '')![0]);
    expect(link.pathname).toBe('/unsubscribe');
    const clicked = await setup.api.request('GET', `/api/promotions/unsubscribe${link.search}`);
    expect(clicked.status).toBe(200);
    expect((await setup.api.request('GET', `/api/promotions/unsubscribe?userId=${optedIn[0]!.userId}&token=forged`)).status).toBe(404);
    // Off the list the sender reads, and the profile it re-checks says no.
    // (The three disabled accounts stay on it: they opted in; the sender passes them over.)
    const listed = await nextRecipients(null, 1000);
    expect(listed).toHaveLength(499 + 3);
    expect(listed).not.toContain(optedIn[0]!.userId);
    expect((await getUser(optedIn[0]!.userId))!.preferences.promotionalEmail).toBe(false);
  });

  it('stops before its next batch when the admin stops it', async () => {
    const c = await setup.admin('POST', '/api/admin/campaigns', { subject: `Stopped ${run}`, text: 'Never mind.' });
    const id = c.body.campaignId as string;
    await setup.admin('POST', `/api/admin/campaigns/${id}/send`);
    await sendCampaigns({ pace: false, maxRecipients: 25 });
    const stopped = await setup.admin('POST', `/api/admin/campaigns/${id}/stop`);
    expect(stopped.status).toBe(200);
    expect(stopped.body.status).toBe('stopped');
    await sendCampaigns({ pace: false });
    const after = (await setup.admin('GET', `/api/admin/campaigns/${id}`)).body;
    expect(after.queued + after.skipped).toBe(25);
    expect((await setup.admin('POST', `/api/admin/campaigns/${id}/stop`)).status).toBe(409);
    const listed = (await setup.admin('GET', '/api/admin/campaigns')).body.items.map((x: Json) => x.campaignId);
    expect(listed[0]).toBe(id);
  });

  it('puts an account created opted in on the list, and a profile change takes it off', async () => {
    const now = new Date().toISOString();
    const user: User = {
      userId: randomUUID(), username: `joiner${run}`, email: `joiner-${run}@example.com`, name: 'Joiner', passwordHash: 'not-a-real-hash',
      addresses: [], defaultAddressId: null, preferences: { promotionalEmail: true, restockAlerts: true }, disabled: false, createdAt: now, updatedAt: now,
    };
    await createUser(user);
    expect(await nextRecipients(null, 2000)).toContain(user.userId);
    await updateProfile(user.userId, { name: user.name, addresses: [], defaultAddressId: null, preferences: { promotionalEmail: false, restockAlerts: true } }, now);
    expect(await nextRecipients(null, 2000)).not.toContain(user.userId);
  });

  it('refuses an unknown coupon or mineral, and an empty subject, writing nothing', async () => {
    expect((await setup.admin('POST', '/api/admin/campaigns', { subject: 'x', text: 'y', couponCode: 'NO-SUCH-CODE' })).status).toBe(400);
    expect((await setup.admin('POST', '/api/admin/campaigns', { subject: 'x', text: 'y', mineralIds: ['no-such-mineral'] })).status).toBe(400);
    expect((await setup.admin('POST', '/api/admin/campaigns', { subject: ' ', text: 'y' })).status).toBe(400);
  });
});
