// Promotion mail. The admin writes a campaign (subject, text, featured minerals, a coupon), sees it as
// a shopper will, mails a test to an address, then sends it: the sending job (sendCampaigns, every
// minute) pages the opted-in shoppers from their index in batches, claims each recipient before
// queuing their mail (so a run that died is picked up without mailing anyone twice), skips whoever is
// no longer opted in or is disabled, moves the campaign's cursor and counters once per batch, and stays
// under the mail service's rate. Stopping takes effect before the next batch. Every admin write is audited.
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import type { AdminCaller } from '../auth/adminAccess';
import { issueLinkToken, verifyLinkToken } from '../auth/trackingTokens';
import { actorOf, auditPut } from '../db/audit';
import {
  campaignStatusUpdate,
  claimRecipient,
  claimSendingLease,
  getCampaign,
  listCampaigns,
  newCampaignPut,
  nextRecipients,
  recordBatch,
  releaseSendingLease,
  sendingCampaigns,
  settleRecipient,
  type Campaign,
  type CampaignStatus,
} from '../db/campaigns';
import { readEnv } from '../config';
import { getCoupon } from '../db/coupons';
import { getMinerals } from '../db/minerals';
import { transactUnlessConditionFails } from '../db/transact';
import { getUser, stopPromotionalEmail } from '../db/users';
import { describeCouponBenefit } from '../domain/promotions';
import { SHOP_URL } from '../email/links';
import { enqueueEmail } from '../email/outbox';
import type { EmailMessage } from '../email/message';
import { renderEmail } from '../email/templates';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { logger } from '../logger';

const UNSUBSCRIBE_AUDIENCE = 'mineral-shop-promotion-unsubscribe';
const UNSUBSCRIBE_SECONDS = 365 * 24 * 60 * 60;

/** How fast campaigns go out, and in what batches. SES's sandbox allows 1 mail a second, a production account 14 or more. */
export const CAMPAIGN_SENDING = {
  batchSize: 25,
  mailsPerSecond: readEnv({
    CAMPAIGN_MAILS_PER_SECOND: z.string().regex(/^\d+$/, 'must be a whole number of mails a second').transform(Number).pipe(z.number().min(1).max(1000)).optional(),
  }).CAMPAIGN_MAILS_PER_SECOND ?? 10,
  /** A run stops taking batches after this long (the job runs every minute, its Lambda may run for 5). */
  runSeconds: 50,
} as const;

export interface CampaignInput {
  subject: string;
  text: string;
  mineralIds: string[];
  couponCode: string | null;
}

export function toCampaignView(c: Campaign) {
  const { cursor: _cursor, ...view } = c;
  return view;
}

/** The featured minerals and the coupon, checked: an unknown mineral or coupon is a 400. */
async function campaignExtras(input: Pick<CampaignInput, 'mineralIds' | 'couponCode'>) {
  const minerals = await getMinerals(input.mineralIds);
  const unknown = input.mineralIds.filter((id) => !minerals.has(id));
  if (unknown.length > 0) throw new ValidationError(`No mineral with id ${unknown.join(', ')}.`, 'unknown_mineral');
  const coupon = input.couponCode ? await getCoupon(input.couponCode) : undefined;
  if (input.couponCode && !coupon) throw new ValidationError(`No coupon ${input.couponCode}.`, 'unknown_coupon');
  return {
    featured: input.mineralIds.map((id) => minerals.get(id)!).map((m) => ({ name: m.name, priceCents: m.priceCents, url: `${SHOP_URL}/minerals/${m.id}` })),
    coupon: coupon ? { code: coupon.coupon.code, description: describeCouponBenefit(coupon.coupon.benefit) } : null,
  };
}

async function unsubscribeUrl(userId: string): Promise<string> {
  const token = await issueLinkToken(UNSUBSCRIBE_AUDIENCE, userId, UNSUBSCRIBE_SECONDS);
  return `${SHOP_URL}/unsubscribe?${new URLSearchParams({ userId, token }).toString()}`;
}

/** The mail one recipient gets. */
async function campaignMail(c: Campaign, extras: Awaited<ReturnType<typeof campaignExtras>>, to: { email: string; name: string; userId: string }): Promise<EmailMessage> {
  return {
    to: to.email,
    template: 'promotion',
    data: {
      name: to.name,
      subject: c.subject,
      paragraphs: c.text.split(/\n\s*\n/).map((p) => p.replace(/\s*\n\s*/g, ' ').trim()).filter(Boolean),
      featured: extras.featured,
      coupon: extras.coupon,
      shopUrl: SHOP_URL,
      unsubscribeUrl: await unsubscribeUrl(to.userId),
      campaignId: c.campaignId,
      recipientId: to.userId,
    },
  };
}

export async function createCampaign(input: CampaignInput, caller: AdminCaller) {
  await campaignExtras(input);
  const at = new Date().toISOString();
  const campaign: Campaign = {
    campaignId: randomUUID(), ...input, status: 'draft', queued: 0, skipped: 0, sent: 0, cursor: null, createdAt: at, updatedAt: at, startedAt: null, finishedAt: null,
  };
  await transactUnlessConditionFails([
    newCampaignPut(campaign),
    auditPut({ objectType: 'campaign', objectId: campaign.campaignId, action: 'campaign.create', by: actorOf(caller), at, before: null, after: toCampaignView(campaign) }),
  ]);
  return campaignForAdmin(campaign.campaignId);
}

async function readCampaign(campaignId: string): Promise<Campaign> {
  const c = await getCampaign(campaignId);
  if (!c) throw new NotFoundError(`No campaign ${campaignId}.`);
  return c;
}

/** A campaign with its progress and its preview (the mail as a shopper named "Ada" would get it). */
export async function campaignForAdmin(campaignId: string) {
  const c = await readCampaign(campaignId);
  const extras = await campaignExtras(c);
  const mail = await campaignMail(c, extras, { email: 'preview@example.com', name: 'Ada', userId: 'preview' });
  const rendered = renderEmail('promotion', mail.data as Extract<EmailMessage, { template: 'promotion' }>['data']);
  return { ...toCampaignView(c), preview: { subject: rendered.subject, text: rendered.text, html: rendered.html } };
}

export async function listCampaignsForAdmin(q: { limit: number; cursor?: string | undefined }) {
  const page = await listCampaigns(q);
  return { items: page.items.map(toCampaignView), nextCursor: page.nextCursor };
}

/** Mails the campaign to one address (the admin's own), marked as a test; it changes nothing else. */
export async function sendCampaignTest(campaignId: string, to: string, caller: AdminCaller) {
  const c = await readCampaign(campaignId);
  const mail = await campaignMail({ ...c, subject: `[Test] ${c.subject}` }, await campaignExtras(c), { email: to, name: 'Test reader', userId: 'test' });
  await enqueueEmail(mail);
  logger.info('campaign test queued', { campaignId, by: actorOf(caller).sub });
  return { mailedTo: to };
}

/** draft → sending (the job takes it from there), sending → stopped. Audited; a stale move is a 409. */
export async function moveCampaign(campaignId: string, to: 'sending' | 'stopped', caller: AdminCaller) {
  const c = await readCampaign(campaignId);
  const from: CampaignStatus = to === 'sending' ? 'draft' : 'sending';
  if (c.status !== from) throw new ConflictError(to === 'sending' ? `This campaign is ${c.status}: only a draft can be sent.` : `This campaign is ${c.status}: only one being sent can be stopped.`, 'campaign_status');
  const at = new Date().toISOString();
  const result = await transactUnlessConditionFails([
    campaignStatusUpdate(campaignId, from, to, at),
    auditPut({ objectType: 'campaign', objectId: campaignId, action: to === 'sending' ? 'campaign.send' : 'campaign.stop', by: actorOf(caller), at, before: { status: from }, after: { status: to } }),
  ]);
  if (result === 'conditionFailed') throw new ConflictError('The campaign changed meanwhile; reload it.', 'campaign_status');
  return campaignForAdmin(campaignId);
}

/** The one-click unsubscribe in every promotion mail: works signed out; a wrong or expired link is a 404. */
export async function unsubscribePromotions(q: { userId: string; token: string }) {
  if (!(await verifyLinkToken(q.token, UNSUBSCRIBE_AUDIENCE, q.userId))) throw new NotFoundError('This unsubscribe link is not valid (it may have expired). Change your mail preferences in your account.');
  await stopPromotionalEmail(q.userId, new Date().toISOString());
  return { unsubscribed: true as const };
}

export interface SendingOptions {
  now?: () => Date;
  /** Queues one mail (the notifications queue); a test may make it fail to play a sender that dies. */
  enqueue?: (message: EmailMessage) => Promise<unknown>;
  /** Most recipients this run handles (the rate budget by default). */
  maxRecipients?: number;
  /** Keep to the mail service's rate by waiting between batches (true but in tests). */
  pace?: boolean;
}

/** One run of the sending job: every campaign being sent gets batches until the run's budget is spent. */
export async function sendCampaigns(options: SendingOptions = {}) {
  const now = options.now ?? (() => new Date());
  const budget = options.maxRecipients ?? CAMPAIGN_SENDING.mailsPerSecond * CAMPAIGN_SENDING.runSeconds;
  const report: Array<{ campaignId: string; queued: number; skipped: number; finished: boolean }> = [];
  let left = budget;
  for (const campaign of await sendingCampaigns()) {
    if (left <= 0) break;
    const start = now();
    if (!(await claimSendingLease(campaign.campaignId, start, new Date(start.getTime() + (CAMPAIGN_SENDING.runSeconds + 30) * 1000)))) continue;
    try {
      const done = await sendSome(campaign.campaignId, left, options);
      left -= done.queued + done.skipped;
      report.push({ campaignId: campaign.campaignId, ...done });
    } finally {
      await releaseSendingLease(campaign.campaignId);
    }
  }
  return report;
}

async function sendSome(campaignId: string, budget: number, options: SendingOptions) {
  const now = options.now ?? (() => new Date());
  const enqueue = options.enqueue ?? enqueueEmail;
  const totals = { queued: 0, skipped: 0, finished: false };
  const started = Date.now();
  while (totals.queued + totals.skipped < budget) {
    const c = await getCampaign(campaignId);
    if (!c || c.status !== 'sending') return totals; // stopped meanwhile
    const recipients = await nextRecipients(c.cursor, Math.min(CAMPAIGN_SENDING.batchSize, budget - totals.queued - totals.skipped));
    if (recipients.length === 0) {
      await transactUnlessConditionFails([campaignStatusUpdate(campaignId, 'sending', 'sent', now().toISOString())]);
      totals.finished = true;
      return totals;
    }
    const extras = await campaignExtras(c);
    // One recipient at a time, each claimed, checked, queued and settled in that order: a sender that
    // dies leaves at most one recipient between "queued" and "settled" (the one window for a second mail).
    const batch = { queued: 0, skipped: 0 };
    for (const userId of recipients) {
      const at = now().toISOString();
      const claim = await claimRecipient(campaignId, userId, at);
      if (claim !== 'claimed') {
        batch[claim] += 1; // settled by a run that died before recording its batch
        continue;
      }
      // Opted out or disabled since the list was read: the profile decides, not the list.
      const profile = await getUser(userId);
      if (!profile || profile.disabled || !profile.preferences.promotionalEmail) {
        await settleRecipient(campaignId, userId, 'skipped', at);
        batch.skipped += 1;
        continue;
      }
      await enqueue(await campaignMail(c, extras, { email: profile.email, name: profile.name.trim() || profile.username, userId }));
      await settleRecipient(campaignId, userId, 'queued', at);
      batch.queued += 1;
    }
    if (!(await recordBatch(campaignId, c.cursor, recipients.at(-1)!, batch, now().toISOString()))) return totals;
    totals.queued += batch.queued;
    totals.skipped += batch.skipped;
    // Stay under the mail service's rate: a batch of n mails takes at least n / rate seconds.
    const due = (1000 * (totals.queued + totals.skipped)) / CAMPAIGN_SENDING.mailsPerSecond - (Date.now() - started);
    if (due > 0 && options.pace !== false) await new Promise((resolve) => setTimeout(resolve, due));
    if (Date.now() - started > CAMPAIGN_SENDING.runSeconds * 1000) return totals;
  }
  return totals;
}
