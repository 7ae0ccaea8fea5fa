// Shopper accounts. A user is one item under USER#<id>; its username and email are each claimed by a
// uniqueness item (USERNAME#…, EMAIL#…) written in the same transaction, so two sign-ups can never
// take the same name or address.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import { decodeCursor, encodeCursor, fingerprint, invalidCursorError, queryFromCursor } from './cursor';
import { INDEXES, USER_LIST_ATTRIBUTES } from './table';

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
    new UpdateCommand({
      TableName: tableName,
      Key: userKey(userId),
      UpdateExpression: 'SET #name = :name, addresses = :addresses, defaultAddressId = :def, preferences = :prefs, updatedAt = :now',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#name': 'name' },
      ExpressionAttributeValues: { ':name': fields.name, ':addresses': fields.addresses, ':def': fields.defaultAddressId, ':prefs': fields.preferences, ':now': now },
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

export async function setDisabled(userId: string, disabled: boolean, now: string): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: userKey(userId),
      UpdateExpression: 'SET disabled = :d, updatedAt = :now',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':d': disabled, ':now': now },
    }),
  );
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
