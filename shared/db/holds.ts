// The transactions that move stock between a mineral's shelf (`available`) and cart lines (`held`).
// Each keeps the invariant available + held + sold − returned = received: a unit leaves one counter
// in the same transaction that it enters another, and every write is conditional on what was read.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { CART_LIMITS, ttlFor } from '../domain/holds';
import { dynamo, tableName } from './client';
import { queryAll } from './query';
import { isTransientConflict, TransientConflictError } from './conflicts';
import { cartKey, lineKey, toLine, type CartLine } from './carts';
import { slotPut, type SlotClaim } from './holdSlots';
import { stockKey } from './minerals';
import { INDEXES, TTL_ATTRIBUTE } from './table';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const HOLDS_PARTITION = 'HOLDS';

/** The line changed (or vanished) since it was read; read again and retry. */
export class StaleLineError extends Error {
  override name = 'StaleLineError';
}

export { TransientConflictError };

/** The shelf has fewer units than the hold needs. */
export class InsufficientStockError extends Error {
  override name = 'InsufficientStockError';
  constructor(readonly available: number, readonly mineralName: string) {
    super(`only ${available} available`);
  }
}

export class MineralMissingError extends Error {
  override name = 'MineralMissingError';
}

export class CartClosedError extends Error {
  override name = 'CartClosedError';
}

export class CartFullError extends Error {
  override name = 'CartFullError';
}

/** Taking the units would take a mineral's last one, and the write was asked to leave one. */
export class LastUnitError extends Error {
  override name = 'LastUnitError';
}

/** The client slot the write meant to claim was taken meanwhile; pick another. */
export class SlotTakenError extends Error {
  override name = 'SlotTakenError';
}

/** What a line write may also do: leave the mineral's last unit on the shelf, or claim a client slot for it. */
export interface LineWriteOptions {
  leaveLastUnit?: boolean;
  slot?: SlotClaim;
}

export function holdIndexKeys(expiresAt: string, cartId: string, mineralId: string) {
  return {
    [INDEXES.holdsByExpiry.pk]: HOLDS_PARTITION,
    [INDEXES.holdsByExpiry.sk]: `${expiresAt}#${cartId}#${mineralId}`,
    [INDEXES.holdsByMineral.pk]: `HOLDS#${mineralId}`,
    [INDEXES.holdsByMineral.sk]: cartId,
  };
}

/** A released hold leaves both hold indexes: REMOVE these names (for an UpdateExpression's `REMOVE #gpk, #gsk, #mpk`). */
export const RELEASED_HOLD_KEYS = { '#gpk': INDEXES.holdsByExpiry.pk, '#gsk': INDEXES.holdsByExpiry.sk, '#mpk': INDEXES.holdsByMineral.pk };

/** The lines holding one mineral now, through the holdsByMineral index (never a Scan). */
export async function listHoldsOfMineral(mineralId: string): Promise<{ cartId: string; quantity: number; expiresAt: string }[]> {
  const items = await queryAll({
    TableName: tableName,
    IndexName: 'holdsByMineral',
    KeyConditionExpression: '#p = :p',
    ExpressionAttributeNames: { '#p': INDEXES.holdsByMineral.pk },
    ExpressionAttributeValues: { ':p': `HOLDS#${mineralId}` },
  });
  return items
    .filter((i) => Number(i.held) > 0 && typeof i.holdExpiresAt === 'string')
    .map((i) => ({ cartId: String(i.cartId), quantity: Number(i.held), expiresAt: String(i.holdExpiresAt) }));
}

function lineItem({ lastUnitSlot, ...line }: CartLine) {
  const holding = line.held > 0 && line.holdExpiresAt !== null;
  return {
    ...lineKey(line.cartId, line.mineralId),
    entity: 'cartLine',
    ...line,
    // Only a guest's hold on a last unit has one: the other lines are not made larger for it.
    ...(lastUnitSlot ? { lastUnitSlot } : {}),
    ...(holding ? holdIndexKeys(line.holdExpiresAt!, line.cartId, line.mineralId) : {}),
    ...(line.holdExpiresAt ? { [TTL_ATTRIBUTE]: ttlFor(new Date(line.holdExpiresAt)) } : {}),
  };
}

/** Moves `delta` units from the shelf to holds (delta > 0) or back (delta < 0). */
function moveStock(mineralId: string, delta: number, leaveLastUnit = false): TransactItem {
  if (delta > 0) {
    return {
      Update: {
        TableName: tableName,
        Key: stockKey(mineralId),
        UpdateExpression: 'SET available = available - :d, held = held + :d',
        // Only a published mineral (or one stored before statuses existed) can be put in a cart.
        ConditionExpression: `attribute_exists(pk) AND available ${leaveLastUnit ? '>' : '>='} :d AND (attribute_not_exists(#status) OR #status = :published)`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':d': delta, ':published': 'published' },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    };
  }
  return {
    Update: {
      TableName: tableName,
      Key: stockKey(mineralId),
      UpdateExpression: 'SET available = available + :r, held = held - :r',
      ConditionExpression: 'attribute_exists(pk) AND held >= :r',
      ExpressionAttributeValues: { ':r': -delta },
    },
  };
}

function lineUnchanged(current: CartLine | undefined) {
  return current
    ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': current.version } }
    : { ConditionExpression: 'attribute_not_exists(pk)' };
}

/**
 * A lapsed hold may go back on the shelf only while its cart is not in checkout: a cart in checkout
 * belongs to an order whose payment may have gone through (its webhook late or lost). Those holds
 * are settled by the order alone — sold when paid, released by the unpaid-order job once the provider
 * confirms the payment can no longer succeed — so a paid-for specimen is never put on sale again.
 */
function cartNotInCheckout(cartId: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: cartKey(cartId),
      ConditionExpression: 'attribute_not_exists(pk) OR #status <> :checkout',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':checkout': 'checkout' },
    },
  };
}

/** The hold belongs to a cart in checkout: its order settles it; a stream record is retried until then. */
export class HoldAwaitsOrderError extends Error {
  override name = 'HoldAwaitsOrderError';
}

/**
 * Writes a line's new wanted quantity and hold in one transaction with the stock it takes or gives
 * back. `next` null deletes the line. Conditional on: the line being as read, the cart being open,
 * and (when taking) the shelf having the units.
 */
export async function writeLine(cartId: string, mineralId: string, current: CartLine | undefined, next: CartLine | null, options: LineWriteOptions = {}): Promise<void> {
  const delta = (next?.held ?? 0) - (current?.held ?? 0);
  const items: TransactItem[] = [];
  if (delta !== 0) items.push(moveStock(mineralId, delta, options.leaveLastUnit === true && delta > 0));
  const mineralIndex = delta !== 0 ? 0 : -1;
  const lineIndex = items.length;
  if (next) {
    items.push({ Put: { TableName: tableName, Item: lineItem(next), ...lineUnchanged(current) } });
  } else if (current) {
    items.push({ Delete: { TableName: tableName, Key: lineKey(cartId, mineralId), ...lineUnchanged(current) } });
  } else {
    return;
  }
  const cartIndex = items.length;
  // The cart header counts its lines, so the per-cart limit holds even when adds race each other.
  const lineDelta = !current && next ? 1 : current && !next ? -1 : 0;
  items.push({
    Update: {
      TableName: tableName,
      Key: cartKey(cartId),
      UpdateExpression: 'SET updatedAt = :now, lineCount = if_not_exists(lineCount, :zero) + :delta',
      ConditionExpression:
        lineDelta > 0 ? '#status = :active AND (attribute_not_exists(lineCount) OR lineCount < :max)' : '#status = :active',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':now': new Date().toISOString(),
        ':active': 'active',
        ':zero': 0,
        ':delta': lineDelta,
        ...(lineDelta > 0 ? { ':max': CART_LIMITS.linesPerCart } : {}),
      },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  });
  const slotIndex = options.slot ? items.length : -1;
  if (options.slot) items.push(slotPut(options.slot, new Date()));
  await transact(items, { mineralIndex, lineIndex, cartIndex, slotIndex, taking: delta > 0, leaving: delta > 0 && options.leaveLastUnit === true ? delta : 0 });
}

async function transact(
  items: TransactItem[],
  at: { mineralIndex: number; lineIndex: number; cartIndex: number; slotIndex: number; taking: boolean; leaving: number },
): Promise<void> {
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = error.CancellationReasons ?? [];
    if (isTransientConflict(error)) throw new TransientConflictError('transaction conflict', { cause: error });
    const failed = (i: number) => i >= 0 && reasons[i]?.Code === 'ConditionalCheckFailed';
    // A line that changed since it was read explains any other failure (a sweep released its hold,
    // so the mineral no longer has those units held): read again before judging the stock.
    if (failed(at.lineIndex)) throw new StaleLineError('cart line changed since it was read', { cause: error });
    if (failed(at.mineralIndex)) {
      // Giving units back can only fail if the counters are already wrong: that is a bug, not a 4xx.
      if (!at.taking) throw new Error('mineral held counter is below what a line gives back', { cause: error });
      const old = reasons[at.mineralIndex]?.Item;
      if (!old) throw new MineralMissingError('mineral does not exist', { cause: error });
      const status = (old.status as { S?: string } | undefined)?.S;
      if (status !== undefined && status !== 'published') throw new MineralMissingError('mineral is not for sale', { cause: error });
      // The old item comes back in the low-level attribute-value shape.
      const available = Number((old.available as { N?: string } | undefined)?.N ?? 0);
      const name = String((old.name as { S?: string } | undefined)?.S ?? 'This mineral');
      if (at.leaving > 0 && available >= at.leaving) throw new LastUnitError('the hold would take the last unit', { cause: error });
      throw new InsufficientStockError(available, name);
    }
    if (failed(at.slotIndex)) throw new SlotTakenError('the client slot was taken meanwhile', { cause: error });
    if (failed(at.cartIndex)) {
      const status = (reasons[at.cartIndex]?.Item?.status as { S?: string } | undefined)?.S;
      if (status === 'active') throw new CartFullError('cart has as many lines as it may', { cause: error });
      throw new CartClosedError('cart is not open', { cause: error });
    }
    throw error;
  }
}

/** Extends a held line's expiry (sliding window). False when the line changed meanwhile. */
export async function extendHold(line: CartLine, expiresAt: string, heldSince: string): Promise<boolean> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: lineKey(line.cartId, line.mineralId),
        // A line from before holds had a maximum life gets its start now, so it gets one too.
        UpdateExpression: 'SET holdExpiresAt = :e, #ttl = :ttl, #gsk = :gsk, version = :next, heldSince = if_not_exists(heldSince, :since)',
        ConditionExpression: 'version = :v AND held > :zero',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE, '#gsk': INDEXES.holdsByExpiry.sk },
        ExpressionAttributeValues: {
          ':e': expiresAt,
          ':ttl': ttlFor(new Date(expiresAt)),
          ':gsk': `${expiresAt}#${line.cartId}#${line.mineralId}`,
          ':next': line.version + 1,
          ':v': line.version,
          ':zero': 0,
          ':since': heldSince,
        },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Releases a lapsed hold: the line keeps the wanted quantity but holds nothing, and the units go
 * back on the shelf. Conditional on the line being exactly as the caller saw it, so two sweeps (or
 * a sweep and a shopper extending the hold) can never release the same units twice.
 */
export async function releaseHold(line: CartLine): Promise<'released' | 'skipped'> {
  if (line.held <= 0 || !line.holdExpiresAt) return 'skipped';
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: lineKey(line.cartId, line.mineralId),
              UpdateExpression: 'SET held = :zero, version = :next, updatedAt = :now REMOVE holdExpiresAt, #gpk, #gsk, #mpk',
              // The expiry too: a line removed and added again starts over at version 1, and a sweep
              // reading a lagging index must not release that new hold in place of the old one.
              ConditionExpression: 'version = :v AND held = :h AND holdExpiresAt = :seen',
              ExpressionAttributeNames: RELEASED_HOLD_KEYS,
              ExpressionAttributeValues: {
                ':zero': 0,
                ':next': line.version + 1,
                ':now': new Date().toISOString(),
                ':v': line.version,
                ':h': line.held,
                ':seen': line.holdExpiresAt,
              },
            },
          },
          moveStock(line.mineralId, -line.held),
          cartNotInCheckout(line.cartId),
        ],
      }),
    );
    return 'released';
  } catch (error) {
    if (error instanceof TransactionCanceledException) return 'skipped';
    throw error;
  }
}

/**
 * Releases the hold of a line that DynamoDB's TTL deleted before the sweep got to it. The line is
 * gone, so a marker item (one per line version) makes a redelivered stream record a no-op.
 */
export async function releaseDeletedLineHold(line: CartLine): Promise<'released' | 'skipped'> {
  if (line.held <= 0) return 'skipped';
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: {
                // Version and expiry together name one hold: versions restart when a line is removed and added again.
                pk: `HOLDRELEASE#${line.cartId}#${line.mineralId}#${line.version}#${line.holdExpiresAt}`,
                sk: 'HOLDRELEASE',
                entity: 'holdRelease',
                releasedAt: new Date().toISOString(),
                [TTL_ATTRIBUTE]: Math.floor(Date.now() / 1000) + 7 * 24 * 3600,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          moveStock(line.mineralId, -line.held),
          cartNotInCheckout(line.cartId),
        ],
      }),
    );
    return 'released';
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const [marker, , cart] = error.CancellationReasons ?? [];
    // Only "released already" ends the record; anything else leaves it to be delivered again, so a
    // conflict with another transaction can never leave the units held for good.
    if (marker?.Code === 'ConditionalCheckFailed') return 'skipped';
    if (cart?.Code === 'ConditionalCheckFailed') throw new HoldAwaitsOrderError('the line’s cart is in checkout; its order settles the hold', { cause: error });
    throw new TransientConflictError('releasing a TTL-deleted hold was cancelled; retry', { cause: error });
  }
}

/**
 * One page of held lines whose hold expired before `now`, oldest first: work proportional to what
 * expired. Pass the returned `next` to continue past lines that could not be released.
 */
export async function findExpiredHolds(
  now: Date,
  limit: number,
  startKey?: Record<string, unknown>,
): Promise<{ lines: CartLine[]; next: Record<string, unknown> | undefined }> {
  const res = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'holdsByExpiry',
      KeyConditionExpression: '#p = :p AND #s < :now',
      ExpressionAttributeNames: { '#p': INDEXES.holdsByExpiry.pk, '#s': INDEXES.holdsByExpiry.sk },
      ExpressionAttributeValues: { ':p': HOLDS_PARTITION, ':now': now.toISOString() },
      Limit: limit,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    }),
  );
  return { lines: (res.Items ?? []).map(toLine), next: res.LastEvaluatedKey };
}

/** Every cart line that holds stock now (the sparse holds index): work proportional to live holds. */
export async function listHeldLines(): Promise<CartLine[]> {
  const items = await queryAll({
    TableName: tableName,
    IndexName: 'holdsByExpiry',
    KeyConditionExpression: '#p = :p',
    ExpressionAttributeNames: { '#p': INDEXES.holdsByExpiry.pk },
    ExpressionAttributeValues: { ':p': HOLDS_PARTITION },
  });
  return items.map(toLine);
}

export interface MergePlan {
  guestCartId: string;
  targetCartId: string;
  /** Lines to write into the target cart, each conditional on the version read (or absence). */
  writes: Array<{ current: CartLine | undefined; next: CartLine }>;
  /** Guest lines to delete, conditional on the version read. */
  deletes: CartLine[];
  /** Units to put back on the shelf per mineral (holds that did not fit). */
  release: Map<string, number>;
}

/**
 * Moves a guest cart's lines into a shopper's cart in ONE transaction: holds move with their lines
 * (the mineral's counters do not change for them), what does not fit goes back on the shelf, and
 * the guest cart is closed as merged. Any line changed meanwhile fails the whole move (StaleLineError).
 */
export async function mergeCarts(plan: MergePlan, now: Date): Promise<void> {
  const items: TransactItem[] = [];
  for (const { current, next } of plan.writes) items.push({ Put: { TableName: tableName, Item: lineItem(next), ...lineUnchanged(current) } });
  for (const line of plan.deletes) items.push({ Delete: { TableName: tableName, Key: lineKey(line.cartId, line.mineralId), ...lineUnchanged(line) } });
  for (const [mineralId, units] of plan.release) if (units > 0) items.push(moveStock(mineralId, -units));
  // Within DynamoDB's 100 actions: both carts are capped at linesPerCart lines (3 actions a guest line at most, plus 2).
  if (items.length + 2 > 100) throw new Error(`merge plan of ${items.length + 2} actions exceeds a transaction`);
  const added = plan.writes.filter((w) => !w.current).length;
  items.push({
    Update: {
      TableName: tableName,
      Key: cartKey(plan.guestCartId),
      UpdateExpression: 'SET #status = :merged, mergedInto = :target, updatedAt = :now, lineCount = :zero',
      ConditionExpression: '#status = :active',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':merged': 'merged', ':target': plan.targetCartId, ':now': now.toISOString(), ':active': 'active', ':zero': 0 },
    },
  });
  items.push({
    Update: {
      TableName: tableName,
      Key: cartKey(plan.targetCartId),
      UpdateExpression: 'SET updatedAt = :now, lineCount = if_not_exists(lineCount, :zero) + :added',
      ConditionExpression: '#status = :active AND (attribute_not_exists(lineCount) OR lineCount <= :room)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':now': now.toISOString(), ':active': 'active', ':zero': 0, ':added': added, ':room': CART_LIMITS.linesPerCart - added },
    },
  });
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    if (isTransientConflict(error)) throw new TransientConflictError('merge conflicted', { cause: error });
    throw new StaleLineError('a cart changed during the merge', { cause: error });
  }
}
