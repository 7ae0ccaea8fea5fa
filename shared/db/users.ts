// Shopper accounts. A user is one item under USER#<id>; its username and email are each claimed by a
// uniqueness item (USERNAME#…, EMAIL#…) written in the same transaction, so two sign-ups can never
// take the same name or address.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import { decodeCursor, encodeCursor, fingerprint, invalidCursorError, queryFromCursor } from './cursor';
import { INDEXES, TTL_ATTRIBUTE, USER_LIST_ATTRIBUTES } from './table';
import { batchGet } from './batchGet';
import { promoOptInWrite } from './campaigns';
import { retryOnConflict } from './conflicts';
import { transactUnlessConditionFails } from './transact';
import { queryAll, queryPage } from './query';

export interface Address {
  id: string;
  name: string;
  line1: string;
  line2?: string | undefined;
  city: string;
  region?: string | undefined;
  postalCode: string;
  country: string;
  phone?: string | undefined;
}

export interface User {
  userId: string;
  username: string;
  email: string;
  name: string;
  /** scrypt hash with its parameters (see shared/auth/passwords.ts). */
  passwordHash: string;
  addresses: Address[];
  defaultAddressId: string | null;
  preferences: { promotionalEmail: boolean; restockAlerts: boolean };
  /** Set by an admin to stop a shopper signing in. */
  disabled: boolean;
  /** Bumped by every password or email change; a reset link is good only for the generation it was issued in. */
  resetGeneration?: number;
  /** The shopper's customer at the payment provider (Stripe's cus_…), once they have checked out. */
  paymentCustomerId?: string | undefined;
  createdAt: string;
  updatedAt: string;
}

export const USERS_PARTITION = 'USERS';
export const userKey = (userId: string) => ({ pk: `USER#${userId}`, sk: 'PROFILE' });
const usernameKey = (username: string) => ({ pk: `USERNAME#${username.toLowerCase()}`, sk: 'UNIQUE' });
const emailKey = (email: string) => ({ pk: `EMAIL#${email.toLowerCase()}`, sk: 'UNIQUE' });

export class UsernameTakenError extends Error {
  override name = 'UsernameTakenError';
}
export class EmailTakenError extends Error {
  override name = 'EmailTakenError';
}
export class ProfileChangedError extends Error {
  override name = 'ProfileChangedError';
}

export const CUSTOMERS_BY_NAME_PARTITION = 'CUSTOMERS';

/**
 * A shopper's entry in the console's search by name (adminLists, gsi18pk = CUSTOMERS, sk = lower-cased
 * name): a small item of its own, so the index never carries a profile (its hash, its addresses).
 * Written with the account and again with every change of name.
 */
export function customerNameItem(u: Pick<User, 'userId' | 'name'>) {
  return {
    pk: userKey(u.userId).pk, sk: 'NAMEKEY', entity: 'customerName', userId: u.userId, name: u.name,
    [INDEXES.adminLists.pk]: CUSTOMERS_BY_NAME_PARTITION, [INDEXES.adminLists.sk]: `${u.name.trim().toLowerCase()}#${u.userId}`,
  };
}

function userItem(u: User) {
  return {
    ...userKey(u.userId),
    entity: 'user',
    ...u,
    [INDEXES.usersByEmail.pk]: USERS_PARTITION,
    [INDEXES.usersByEmail.sk]: `${u.email.toLowerCase()}#${u.userId}`,
  };
}

/** What the account index carries of a user (USER_LIST_ATTRIBUTES): no hash, no addresses. */
export type UserSummary = Pick<User, (typeof USER_LIST_ATTRIBUTES)[number]>;

function toUserSummary(item: Record<string, unknown>): UserSummary {
  return {
    userId: String(item.userId),
    username: String(item.username),
    email: String(item.email),
    name: String(item.name ?? ''),
    disabled: Boolean(item.disabled),
    createdAt: String(item.createdAt),
  };
}

function toUser(item: Record<string, unknown>): User {
  return {
    ...toUserSummary(item),
    passwordHash: String(item.passwordHash),
    addresses: (item.addresses as Address[] | undefined) ?? [],
    defaultAddressId: (item.defaultAddressId as string | null | undefined) ?? null,
    preferences: (item.preferences as User['preferences'] | undefined) ?? { promotionalEmail: false, restockAlerts: true },
    resetGeneration: Number(item.resetGeneration ?? 0),
    paymentCustomerId: typeof item.paymentCustomerId === 'string' ? item.paymentCustomerId : undefined,
    updatedAt: String(item.updatedAt),
  };
}

/** Creates a user, claiming username and email in the same transaction. */
export async function createUser(u: User): Promise<void> {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName, Item: userItem(u), ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: tableName, Item: { ...usernameKey(u.username), entity: 'usernameClaim', userId: u.userId }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: tableName, Item: { ...emailKey(u.email), entity: 'emailClaim', userId: u.userId }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: tableName, Item: customerNameItem(u) } },
          ...(u.preferences.promotionalEmail ? [promoOptInWrite(u.userId, true)] : []),
        ],
      }),
    );
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const reasons = error.CancellationReasons ?? [];
      if (reasons[1]?.Code === 'ConditionalCheckFailed') throw new UsernameTakenError('username taken', { cause: error });
      if (reasons[2]?.Code === 'ConditionalCheckFailed') throw new EmailTakenError('email taken', { cause: error });
    }
    throw error;
  }
}

export async function getUser(userId: string): Promise<User | undefined> {
  const res = await dynamo.send(new GetCommand({ TableName: tableName, Key: userKey(userId), ConsistentRead: true }));
  return res.Item ? toUser(res.Item) : undefined;
}

/** Finds the user who holds a username or an email address. */
export async function findUserByLogin(login: string): Promise<User | undefined> {
  const key = login.includes('@') ? emailKey(login) : usernameKey(login);
  const claim = await dynamo.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  return claim.Item ? getUser(String(claim.Item.userId)) : undefined;
}

/** Writes profile fields (not username, email or password: they have their own operations). */
export async function updateProfile(userId: string, fields: Pick<User, 'name' | 'addresses' | 'defaultAddressId' | 'preferences'>, now: string): Promise<void> {
  await dynamo.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName,
            Key: userKey(userId),
            UpdateExpression: 'SET #name = :name, addresses = :addresses, defaultAddressId = :def, preferences = :prefs, updatedAt = :now',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#name': 'name' },
            ExpressionAttributeValues: { ':name': fields.name, ':addresses': fields.addresses, ':def': fields.defaultAddressId, ':prefs': fields.preferences, ':now': now },
          },
        },
        { Put: { TableName: tableName, Item: customerNameItem({ userId, name: fields.name }) } },
        promoOptInWrite(userId, fields.preferences.promotionalEmail),
      ],
    }),
  );
}

/** Moves a user to a new email address: releases the old claim and takes the new one atomically. */
export async function changeEmail(user: User, newEmail: string, now: string): Promise<void> {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName, Item: { ...emailKey(newEmail), entity: 'emailClaim', userId: user.userId }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Delete: { TableName: tableName, Key: emailKey(user.email), ConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': user.userId } } },
          {
            Update: {
              TableName: tableName,
              Key: userKey(user.userId),
              UpdateExpression: 'SET email = :e, #gsk = :gsk, updatedAt = :now ADD resetGeneration :one',
              ConditionExpression: 'email = :old',
              ExpressionAttributeNames: { '#gsk': INDEXES.usersByEmail.sk },
              ExpressionAttributeValues: { ':e': newEmail, ':gsk': `${newEmail.toLowerCase()}#${user.userId}`, ':now': now, ':old': user.email, ':one': 1 },
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      if (error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') throw new EmailTakenError('email taken', { cause: error });
      // The old address was already released, or the profile changed meanwhile: a concurrent change.
      throw new ProfileChangedError('profile changed while the email was being changed', { cause: error });
    }
    throw error;
  }
}

export async function setPasswordHash(userId: string, passwordHash: string, now: string): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: userKey(userId),
      // A new password (or address, below) voids every reset link issued before it.
      UpdateExpression: 'SET passwordHash = :h, updatedAt = :now ADD resetGeneration :one',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':h': passwordHash, ':now': now, ':one': 1 },
    }),
  );
}

/** The user's stored payment customer id, read without the rest of the profile. */
export async function getPaymentCustomerId(userId: string): Promise<string | undefined> {
  const res = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: userKey(userId), ProjectionExpression: 'paymentCustomerId', ConsistentRead: true }),
  );
  const id = res.Item?.paymentCustomerId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Stores the user's payment customer id unless one is stored already, and returns the one that is:
 * when two checkouts race to make a customer, both end up using the first one written.
 */
export async function claimPaymentCustomerId(userId: string, customerId: string): Promise<string> {
  const res = await dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: userKey(userId),
      UpdateExpression: 'SET paymentCustomerId = if_not_exists(paymentCustomerId, :c)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':c': customerId },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return String(res.Attributes?.paymentCustomerId ?? customerId);
}

/**
 * The TransactWriteItems entry that disables or enables an account (put beside the admin's audit
 * record). Conditional on the state read, so two admins acting at once cannot both record a change.
 */
export function disabledUpdate(userId: string, disabled: boolean, now: string) {
  return {
    Update: {
      TableName: tableName,
      Key: userKey(userId),
      UpdateExpression: 'SET disabled = :d, updatedAt = :now',
      ConditionExpression: 'attribute_exists(pk) AND disabled = :was',
      ExpressionAttributeValues: { ':d': disabled, ':now': now, ':was': !disabled },
    },
  };
}

/** A page of users ordered by email, optionally only those whose email starts with `emailPrefix`. */
export async function listUsers(options: { emailPrefix?: string | undefined; limit: number; cursor?: string | undefined }) {
  const index = INDEXES.usersByEmail;
  const prefix = options.emailPrefix?.toLowerCase();
  const fp = fingerprint({ users: prefix ?? null });
  let startKey: Record<string, string> | undefined;
  if (options.cursor) {
    startKey = decodeCursor(options.cursor, { index: 'usersByEmail', fingerprint: fp });
    const names = Object.keys(startKey).sort().join(',');
    const userPk = /^USER#[0-9a-f-]{36}$/.test(startKey.pk ?? '');
    const inPrefix = !prefix || (startKey[index.sk] ?? '').startsWith(prefix);
    if (names !== ['pk', 'sk', index.pk, index.sk].sort().join(',') || startKey[index.pk] !== USERS_PARTITION || startKey.sk !== 'PROFILE' || !userPk || !inPrefix) {
      throw invalidCursorError();
    }
  }
  const res = await queryFromCursor(startKey, () => dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'usersByEmail',
      KeyConditionExpression: prefix ? '#p = :p AND begins_with(#s, :prefix)' : '#p = :p',
      ExpressionAttributeNames: { '#p': index.pk, ...(prefix ? { '#s': index.sk } : {}) },
      ExpressionAttributeValues: { ':p': USERS_PARTITION, ...(prefix ? { ':prefix': prefix } : {}) },
      Limit: options.limit,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    }),
  ));
  const last = res.LastEvaluatedKey as Record<string, string> | undefined;
  return {
    items: (res.Items ?? []).map(toUserSummary),
    nextCursor: last ? encodeCursor({ v: 1, i: 'usersByEmail', f: fp, k: last }) : null,
  };
}

/** Account summaries of these users (one BatchGetItem per hundred), in the order asked; unknown ids are left out. */
export async function getUserSummaries(userIds: readonly string[]): Promise<UserSummary[]> {
  const items = await batchGet([...new Set(userIds)].map(userKey), { consistent: false });
  const byId = new Map(items.map((item) => [String(item.userId), toUserSummary(item)]));
  return userIds.flatMap((id) => byId.get(id) ?? []);
}

/** One page of shoppers whose name starts with `prefix` (any case), by name: the console's search by name. */
export async function listUsersByName(q: { prefix: string; limit: number; cursor?: string | undefined }) {
  const { pk, sk } = INDEXES.adminLists;
  const prefix = q.prefix.trim().toLowerCase();
  const page = await queryPage(
    {
      TableName: tableName,
      IndexName: 'adminLists',
      KeyConditionExpression: '#p = :p AND begins_with(#s, :prefix)',
      ExpressionAttributeNames: { '#p': pk, '#s': sk },
      ExpressionAttributeValues: { ':p': CUSTOMERS_BY_NAME_PARTITION, ':prefix': prefix },
    },
    { index: { pk, sk }, fingerprint: fingerprint({ customersByName: prefix }), limit: q.limit, cursor: q.cursor },
  );
  return { items: await getUserSummaries(page.items.map((i) => String(i.userId))), nextCursor: page.nextCursor };
}

/** A shopper's sign-in state and wishlist size, from their own partition: live sessions and when the latest began. */
export async function getUserActivity(userId: string, now: Date): Promise<{ liveSessions: number; lastSignInAt: string | null; wishlistSize: number }> {
  const [families, counter] = await Promise.all([
    queryAll({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :family)',
      ExpressionAttributeValues: { ':pk': userKey(userId).pk, ':family': 'FAMILY#' },
      ConsistentRead: true,
    }),
    dynamo.send(new GetCommand({ TableName: tableName, Key: { pk: userKey(userId).pk, sk: 'WISHLIST' }, ConsistentRead: true })),
  ]);
  const nowSeconds = now.getTime() / 1000;
  const live = families.filter((f) => f.revoked === false && (typeof f[TTL_ATTRIBUTE] !== 'number' || (f[TTL_ATTRIBUTE] as number) > nowSeconds));
  const started = families.map((f) => String(f.createdAt ?? '')).filter(Boolean).sort();
  return { liveSessions: live.length, lastSignInAt: started.at(-1) ?? null, wishlistSize: Number(counter.Item?.entryCount ?? 0) };
}

/**
 * The one-click unsubscribe of a promotion mail: promotion mail off, and off the list, together. False
 * when there is no such account; a transaction that merely met another write is sent again.
 */
export async function stopPromotionalEmail(userId: string, now: string): Promise<boolean> {
  const result = await retryOnConflict(() =>
    transactUnlessConditionFails([
      {
        Update: {
          TableName: tableName,
          Key: userKey(userId),
          UpdateExpression: 'SET preferences.promotionalEmail = :off, updatedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND attribute_exists(preferences)',
          ExpressionAttributeValues: { ':off': false, ':now': now },
        },
      },
      promoOptInWrite(userId, false),
    ]),
  );
  return result === 'done';
}
