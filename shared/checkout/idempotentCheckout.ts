// Checkout with an `Idempotency-Key`: Powertools idempotency, its records in the shop's one table.
// The key is scoped to the caller (a shopper's id, or the hash of a guest's cart token), so one
// caller's key never answers another's request. The record keeps only the order id — never the
// payment's client secret or a tracking token — and a replay builds the answer again from the order.
// The same key with a different body is refused; a request still running under the key is a 409.
import { createHash } from 'node:crypto';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import type { CartCaller } from '../auth/cartAccess';
import { dynamoClient, tableName } from '../db/client';
import { TTL_ATTRIBUTE } from '../db/table';
import { ConflictError } from '../errors';
import { placedOrderAgain, placeOrder, type PlacedOrder, type PlaceOrderRequest } from './placeOrder';

/** How long a key is remembered: a day covers any sane retry. */
const KEY_LIFETIME_SECONDS = 24 * 60 * 60;

const persistenceStore = new DynamoDBPersistenceLayer({
  tableName,
  keyAttr: 'pk',
  sortKeyAttr: 'sk',
  staticPkValue: 'IDEMPOTENCY#checkout',
  expiryAttr: TTL_ATTRIBUTE,
  awsSdkV3Client: dynamoClient,
});

interface IdempotentInput {
  key: string;
  request: PlaceOrderRequest;
  caller: CartCaller;
  placed: (result: PlacedOrder) => void;
}

// The Lambda's remaining time bounds an in-progress record, so a checkout that dies mid-way frees its
// key when the invocation would have timed out, not a day later.
const idempotencyConfig = new IdempotencyConfig({ eventKeyJmesPath: 'key', payloadValidationJmesPath: 'request', expiresAfterSeconds: KEY_LIFETIME_SECONDS });

const placeOnce = makeIdempotent(
  async (input: IdempotentInput): Promise<{ orderId: string }> => {
    const result = await placeOrder(input.request, input.caller);
    input.placed(result);
    return { orderId: result.order.orderId };
  },
  {
    persistenceStore,
    config: idempotencyConfig,
  },
);

function callerScope(caller: CartCaller): string {
  if (caller.shopperId) return `shopper:${caller.shopperId}`;
  return `guest:${createHash('sha256').update(caller.cartToken ?? '').digest('base64url')}`;
}

/** Places the order, or with a key already used by this caller, answers as the first request did. */
export async function placeOrderIdempotently(
  request: PlaceOrderRequest,
  caller: CartCaller,
  idempotencyKey: string | undefined,
  context?: Context,
): Promise<PlacedOrder> {
  if (!idempotencyKey) return placeOrder(request, caller);
  if (context) idempotencyConfig.registerLambdaContext(context);
  let fresh: PlacedOrder | undefined;
  try {
    const { orderId } = await placeOnce({
      key: `${callerScope(caller)}:${idempotencyKey}`,
      request,
      caller,
      placed: (result) => (fresh = result),
    });
    return fresh ?? placedOrderAgain(orderId);
  } catch (error) {
    if (error instanceof IdempotencyValidationError) {
      throw new ConflictError('This Idempotency-Key was used for a different checkout request; use a new key for a new request.', 'idempotency_key_reused');
    }
    if (error instanceof IdempotencyAlreadyInProgressError) {
      throw new ConflictError('The same checkout request is still being processed; try again in a moment.', 'request_in_progress');
    }
    throw error;
  }
}
