// The TTL release's reading of a cancelled transaction, with the table client stubbed: only the
// marker already being there means "released before"; a conflict, or a cart still in checkout, is
// thrown so the stream record comes back (acked, its units would stay held for good).
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.TABLE_NAME ??= 'unit-test-table';
});

const { dynamo } = await import('../../shared/db/client');
const { HoldAwaitsOrderError, releaseDeletedLineHold, TransientConflictError } = await import('../../shared/db/holds');

const line = {
  cartId: 'c1',
  mineralId: 'm1',
  quantity: 2,
  held: 2,
  version: 3,
  holdExpiresAt: '2026-01-01T00:00:00.000Z',
} as Parameters<typeof releaseDeletedLineHold>[0];

function cancelled(...codes: string[]) {
  return new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
}

afterEach(() => vi.restoreAllMocks());

describe('releaseDeletedLineHold', () => {
  it.each([
    ['a transaction conflict', cancelled('None', 'TransactionConflict', 'None'), TransientConflictError],
    ['a conflict on the marker', cancelled('TransactionConflict', 'None', 'None'), TransientConflictError],
    ['the cart in checkout', cancelled('None', 'None', 'ConditionalCheckFailed'), HoldAwaitsOrderError],
  ])('throws on %s, so the record is redelivered', async (_name, error, expected) => {
    vi.spyOn(dynamo, 'send').mockRejectedValue(error as never);
    await expect(releaseDeletedLineHold(line)).rejects.toThrow(expected);
  });

  it('answers skipped only when the marker says the hold was released already', async () => {
    vi.spyOn(dynamo, 'send').mockRejectedValue(cancelled('ConditionalCheckFailed', 'None', 'None') as never);
    expect(await releaseDeletedLineHold(line)).toBe('skipped');
  });

  it('throws a failed stock condition (the counters are wrong) rather than hiding it', async () => {
    vi.spyOn(dynamo, 'send').mockRejectedValue(cancelled('None', 'ConditionalCheckFailed', 'None') as never);
    await expect(releaseDeletedLineHold(line)).rejects.toThrow();
  });
});
