// Carts and cart lines. A cart is one partition: its header (owner, status) and one item per line.
// A line IS a hold: `held` units are taken off the mineral's `available` while the hold lasts.
// Every change to a line and the mineral's counters happens in one transaction (see holds.ts).
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import { queryAll } from './query';

export type CartOwner = { kind: 'guest'; tokenHash: string } | { kind: 'shopper'; userId: string };

export interface CartHeader {
  cartId: string;
  owner: CartOwner;
  /** `checkout`: an order placed from it awaits payment; its lines are frozen until it is paid, cancelled or expires. */
  status: 'active' | 'checkout' | 'merged' | 'ordered';
  /** For a merged guest cart: the shopper cart it went into. */
  mergedInto?: string | undefined;
  /** While in checkout: the order awaiting payment. */
  checkoutOrderId?: string | undefined;
  createdAt: string;
  updatedAt: string;
}

export interface CartLine {
  cartId: string;
  mineralId: string;
  /** Units the shopper wants. */
  quantity: number;
  /** Units currently held for this line (taken off the mineral's `available`). */
  held: number;
  /** When the hold lapses; null once released. */
  holdExpiresAt: string | null;
  /** When the line's hold was first taken, for its maximum life (HOLD_LIMITS); null on lines from before. */
  heldSince: string | null;
  /** The client slot a guest's hold on a mineral's last unit took (shared/db/holdSlots.ts), if any. */
  lastUnitSlot?: string | null;
  /** Bumped by every change; every write to a line is conditional on the version it read. */
  version: number;
  addedAt: string;
  updatedAt: string;
}

export const cartKey = (cartId: string) => ({ pk: `CART#${cartId}`, sk: 'CART' });
export const lineKey = (cartId: string, mineralId: string) => ({ pk: `CART#${cartId}`, sk: `LINE#${mineralId}` });

/** Writes a new cart header; fails if the id is taken. */
export async function createCart(header: CartHeader): Promise<void> {
  await dynamo.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...cartKey(header.cartId), entity: 'cart', ...header },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/** Reads a cart's header and all its lines in one strongly consistent query. */
export async function loadCart(cartId: string): Promise<{ header: CartHeader; lines: CartLine[] } | undefined> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': `CART#${cartId}` },
    ConsistentRead: true,
  });
  const header = items.find((i) => i.sk === 'CART');
  if (!header) return undefined;
  return {
    header: toHeader(header),
    lines: items.filter((i) => String(i.sk).startsWith('LINE#')).map(toLine),
  };
}

/** Reads one line (strongly consistent). */
export async function getLine(cartId: string, mineralId: string): Promise<CartLine | undefined> {
  const res = await dynamo.send(new GetCommand({ TableName: tableName, Key: lineKey(cartId, mineralId), ConsistentRead: true }));
  return res.Item ? toLine(res.Item) : undefined;
}

function toHeader(item: Record<string, unknown>): CartHeader {
  return {
    cartId: String(item.cartId),
    owner: item.owner as CartOwner,
    status: item.status as CartHeader['status'],
    mergedInto: typeof item.mergedInto === 'string' ? item.mergedInto : undefined,
    checkoutOrderId: typeof item.checkoutOrderId === 'string' ? item.checkoutOrderId : undefined,
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
  };
}

export function toLine(item: Record<string, unknown>): CartLine {
  return {
    cartId: String(item.cartId),
    mineralId: String(item.mineralId),
    quantity: Number(item.quantity),
    held: Number(item.held ?? 0),
    holdExpiresAt: typeof item.holdExpiresAt === 'string' ? item.holdExpiresAt : null,
    heldSince: typeof item.heldSince === 'string' ? item.heldSince : null,
    lastUnitSlot: typeof item.lastUnitSlot === 'string' ? item.lastUnitSlot : null,
    version: Number(item.version ?? 0),
    addedAt: String(item.addedAt),
    updatedAt: String(item.updatedAt),
  };
}

const activeCartKey = (userId: string) => ({ pk: `USER#${userId}`, sk: 'ACTIVECART' });

/** The id of a shopper's active cart, if they have one. */
export async function getActiveCartId(userId: string): Promise<string | undefined> {
  const res = await dynamo.send(new GetCommand({ TableName: tableName, Key: activeCartKey(userId), ConsistentRead: true }));
  return res.Item ? String(res.Item.cartId) : undefined;
}

/**
 * Makes `header` the shopper's active cart, unless another request did so first (then that cart
 * wins and its id is returned): a shopper has one active cart, whichever device asks.
 */
export async function claimActiveCart(userId: string, header: CartHeader, replacing: string | undefined): Promise<string> {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName, Item: { ...cartKey(header.cartId), entity: 'cart', ...header }, ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Put: {
              TableName: tableName,
              Item: { ...activeCartKey(userId), entity: 'activeCart', cartId: header.cartId },
              ...(replacing
                ? { ConditionExpression: 'cartId = :old', ExpressionAttributeValues: { ':old': replacing } }
                : { ConditionExpression: 'attribute_not_exists(pk)' }),
            },
          },
        ],
      }),
    );
    return header.cartId;
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const winner = await getActiveCartId(userId);
      if (winner) return winner;
    }
    throw error;
  }
}
