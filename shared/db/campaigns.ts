// Promotion mail. Who may get one: each opted-in shopper has a small item `USER#<id>` / `PROMO` in the
// adminLists index (gsi18pk = PROMO_OPTIN, sk = user id), written and deleted with their preference.
// A campaign is `CAMPAIGN#<id>` / `CAMPAIGN` (in adminLists under CAMPAIGNS, newest first) with its
// status, its progress counters and `cursor`, the last recipient a finished batch reached. Each
// recipient gets a marker `CAMPAIGN#<id>` / `TO#<userId>` claimed before their mail is queued, so a
// batch run again after a crash queues nobody twice; the cursor and the counters move together, once
// per batch, conditional on the cursor the batch started from.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import { transactUnlessConditionFails } from './transact';
import { fingerprint } from './cursor';
import { queryPage } from './query';
import { INDEXES } from './table';

export const PROMO_OPTIN_PARTITION = 'PROMO_OPTIN';
const CAMPAIGNS_PARTITION = 'CAMPAIGNS';

const { pk: LIST_PK, sk: LIST_SK } = INDEXES.adminLists;

export const promoOptInKey = (userId: string) => ({ pk: `USER#${userId}`, sk: 'PROMO' });

/** A shopper's entry on the promotion list. */
export function promoOptInItem(userId: string) {
  return { ...promoOptInKey(userId), entity: 'promoOptIn', userId, [LIST_PK]: PROMO_OPTIN_PARTITION, [LIST_SK]: userId };
}

/** The TransactWriteItems entry that puts a shopper on (or takes them off) the promotion list. */
export function promoOptInWrite(userId: string, optedIn: boolean) {
  return optedIn ? { Put: { TableName: tableName, Item: promoOptInItem(userId) } } : { Delete: { TableName: tableName, Key: promoOptInKey(userId) } };
}

/** The next opted-in shoppers after `after` (a user id), in id order: one page of recipients. */
export async function nextRecipients(after: string | null, limit: number): Promise<string[]> {
  const res = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'adminLists',
      KeyConditionExpression: after ? '#p = :p AND #s > :after' : '#p = :p',
      ExpressionAttributeNames: { '#p': LIST_PK, ...(after ? { '#s': LIST_SK } : {}) },
      ExpressionAttributeValues: { ':p': PROMO_OPTIN_PARTITION, ...(after ? { ':after': after } : {}) },
      Limit: limit,
    }),
  );
  return (res.Items ?? []).map((i) => String(i.userId));
}

export type CampaignStatus = 'draft' | 'sending' | 'stopped' | 'sent';

export interface Campaign {
  campaignId: string;
  subject: string;
  text: string;
  mineralIds: string[];
  couponCode: string | null;
  status: CampaignStatus;
  /** Mails handed to the mail queue, recipients passed over (no longer opted in, or disabled), mails the mail service took. */
  queued: number;
  skipped: number;
  sent: number;
  cursor: string | null;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export const campaignKey = (campaignId: string) => ({ pk: `CAMPAIGN#${campaignId}`, sk: 'CAMPAIGN' });
const recipientKey = (campaignId: string, userId: string) => ({ pk: `CAMPAIGN#${campaignId}`, sk: `TO#${userId}` });

function toCampaign(item: Record<string, unknown>): Campaign {
  return {
    campaignId: String(item.campaignId),
    subject: String(item.subject),
    text: String(item.text),
    mineralIds: Array.isArray(item.mineralIds) ? item.mineralIds.map(String) : [],
    couponCode: typeof item.couponCode === 'string' ? item.couponCode : null,
    status: item.status as CampaignStatus,
    queued: Number(item.queued ?? 0),
    skipped: Number(item.skipped ?? 0),
    sent: Number(item.sent ?? 0),
    cursor: typeof item.cursor === 'string' ? item.cursor : null,
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
    startedAt: typeof item.startedAt === 'string' ? item.startedAt : null,
    finishedAt: typeof item.finishedAt === 'string' ? item.finishedAt : null,
  };
}

/** The TransactWriteItems entry that writes a new campaign (a draft). */
export function newCampaignPut(c: Campaign) {
  return {
    Put: {
      TableName: tableName,
      Item: { ...campaignKey(c.campaignId), entity: 'campaign', ...c, [LIST_PK]: CAMPAIGNS_PARTITION, [LIST_SK]: `${c.createdAt}#${c.campaignId}` },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export async function getCampaign(campaignId: string): Promise<Campaign | undefined> {
  const res = await dynamo.send(new GetCommand({ TableName: tableName, Key: campaignKey(campaignId), ConsistentRead: true }));
  return res.Item ? toCampaign(res.Item) : undefined;
}

/** One page of campaigns, newest first. */
export async function listCampaigns(q: { limit: number; cursor?: string | undefined }) {
  const page = await queryPage(
    {
      TableName: tableName,
      IndexName: 'adminLists',
      KeyConditionExpression: '#p = :p',
      ExpressionAttributeNames: { '#p': LIST_PK },
      ExpressionAttributeValues: { ':p': CAMPAIGNS_PARTITION },
      ScanIndexForward: false,
    },
    { index: { pk: LIST_PK, sk: LIST_SK }, fingerprint: fingerprint({ list: CAMPAIGNS_PARTITION }), limit: q.limit, cursor: q.cursor },
  );
  return { items: page.items.map(toCampaign), nextCursor: page.nextCursor };
}

/** The campaigns being sent now (few at a time: a filtered read of the newest hundred). */
export async function sendingCampaigns(): Promise<Campaign[]> {
  const res = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'adminLists',
      KeyConditionExpression: '#p = :p',
      FilterExpression: '#status = :sending',
      ExpressionAttributeNames: { '#p': LIST_PK, '#status': 'status' },
      ExpressionAttributeValues: { ':p': CAMPAIGNS_PARTITION, ':sending': 'sending' },
      ScanIndexForward: false,
      Limit: 100,
    }),
  );
  return (res.Items ?? []).map(toCampaign);
}

/** The TransactWriteItems entry that moves a campaign from one status to another (and stamps when). */
export function campaignStatusUpdate(campaignId: string, from: CampaignStatus, to: CampaignStatus, at: string) {
  const stamp = to === 'sending' ? ', startedAt = if_not_exists(startedAt, :at)' : to === 'sent' || to === 'stopped' ? ', finishedAt = :at' : '';
  return {
    Update: {
      TableName: tableName,
      Key: campaignKey(campaignId),
      UpdateExpression: `SET #status = :to, updatedAt = :at${stamp}`,
      ConditionExpression: '#status = :from',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':to': to, ':from': from, ':at': at },
    },
  };
}

/**
 * Claims a recipient before their mail is queued. 'claimed': queue it now (a marker left 'claimed' by
 * a run that died before queuing is claimed again); 'queued': it was queued before; 'skipped': passed over before.
 */
export async function claimRecipient(campaignId: string, userId: string, at: string): Promise<'claimed' | 'queued' | 'skipped'> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...recipientKey(campaignId, userId), entity: 'campaignRecipient', state: 'claimed', at },
        ConditionExpression: 'attribute_not_exists(pk) OR #state = :claimed',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':claimed': 'claimed' },
      }),
    );
    return 'claimed';
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const res = await dynamo.send(new GetCommand({ TableName: tableName, Key: recipientKey(campaignId, userId), ConsistentRead: true }));
    return res.Item?.state === 'skipped' ? 'skipped' : 'queued';
  }
}

/** Records what became of a claimed recipient: their mail is queued, or they were passed over. */
export async function settleRecipient(campaignId: string, userId: string, state: 'queued' | 'skipped', at: string): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: recipientKey(campaignId, userId),
      UpdateExpression: 'SET #state = :state, #at = :at',
      ExpressionAttributeNames: { '#state': 'state', '#at': 'at' },
      ExpressionAttributeValues: { ':state': state, ':at': at },
    }),
  );
}

/**
 * Moves the campaign past one finished batch: its cursor to `to` and its counters up, conditional on
 * the cursor the batch began from (a batch recorded twice would count twice) and on it still sending.
 * False when that no longer holds.
 */
export async function recordBatch(campaignId: string, from: string | null, to: string, counts: { queued: number; skipped: number }, at: string): Promise<boolean> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: campaignKey(campaignId),
        UpdateExpression: 'SET #cursor = :to, queued = queued + :q, skipped = skipped + :s, updatedAt = :at',
        ConditionExpression: `${from === null ? 'attribute_not_exists(#cursor) OR #cursor = :null' : '#cursor = :from'}`,
        ExpressionAttributeNames: { '#cursor': 'cursor' },
        ExpressionAttributeValues: { ':to': to, ':q': counts.queued, ':s': counts.skipped, ':at': at, ...(from === null ? { ':null': null } : { ':from': from }) },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** The mail service took a campaign's mail: counted once per recipient, however often the queue delivers it. */
export async function recordSent(campaignId: string, userId: string, at: string): Promise<void> {
  // A failed condition: this recipient was counted already (a redelivery), so there is nothing to do.
  await transactUnlessConditionFails([
    {
      Update: {
        TableName: tableName,
        Key: recipientKey(campaignId, userId),
        UpdateExpression: 'SET #state = :sent, sentAt = :at',
        ConditionExpression: '#state = :queued OR #state = :claimed',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sent': 'sent', ':queued': 'queued', ':claimed': 'claimed', ':at': at },
      },
    },
    { Update: { TableName: tableName, Key: campaignKey(campaignId), UpdateExpression: 'ADD sent :one', ExpressionAttributeValues: { ':one': 1 } } },
  ]);
}

/**
 * Takes the campaign's sending lease until `until`, unless another run holds a live one: one sender
 * per campaign at a time, and a sender that died is replaced once its lease lapses.
 */
export async function claimSendingLease(campaignId: string, now: Date, until: Date): Promise<boolean> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: campaignKey(campaignId),
        UpdateExpression: 'SET leaseUntil = :until',
        ConditionExpression: '#status = :sending AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':until': until.toISOString(), ':now': now.toISOString(), ':sending': 'sending' },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Gives the lease back at the end of a run, so the next run need not wait for it to lapse. */
export async function releaseSendingLease(campaignId: string): Promise<void> {
  await dynamo.send(new UpdateCommand({ TableName: tableName, Key: campaignKey(campaignId), UpdateExpression: 'REMOVE leaseUntil' }));
}
