// The db layer's one conflict classifier and retry policy (shared/db/conflicts.ts).
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { CONFLICT_RETRY, isTransientConflict, retryOnConflict, TransientConflictError } from '../../shared/db/conflicts';

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

describe('isTransientConflict', () => {
  it('recognizes a cancellation with a TransactionConflict reason, also as the cause of another error', () => {
    expect(isTransientConflict(cancelled('None', 'TransactionConflict'))).toBe(true);
    expect(isTransientConflict(new Error('order changed', { cause: cancelled('TransactionConflict') }))).toBe(true);
    expect(isTransientConflict(new TransientConflictError('conflict'))).toBe(true);
  });

  it('and only that: a failed condition, another error or a non-error is not one', () => {
    expect(isTransientConflict(cancelled('ConditionalCheckFailed', 'None'))).toBe(false);
    expect(isTransientConflict(new Error('order changed', { cause: cancelled('ConditionalCheckFailed') }))).toBe(false);
    expect(isTransientConflict(new TypeError('x is undefined'))).toBe(false);
    expect(isTransientConflict('TransactionConflict')).toBe(false);
  });
});

describe('retryOnConflict', () => {
  it('sends a conflicting operation again until it goes through', async () => {
    let calls = 0;
    const result = await retryOnConflict(async () => {
      calls += 1;
      if (calls < 3) throw new Error('order changed', { cause: cancelled('TransactionConflict') });
      return 'placed';
    });
    expect(result).toBe('placed');
    expect(calls).toBe(3);
  });

  it('never retries a failed condition, and gives up on conflicts after the policy’s attempts', async () => {
    let calls = 0;
    const changed = new Error('order changed', { cause: cancelled('ConditionalCheckFailed') });
    await expect(retryOnConflict(async () => ((calls += 1), Promise.reject(changed)))).rejects.toBe(changed);
    expect(calls).toBe(1);

    calls = 0;
    const conflict = cancelled('TransactionConflict');
    await expect(retryOnConflict(async () => ((calls += 1), Promise.reject(conflict)))).rejects.toBe(conflict);
    expect(calls).toBe(CONFLICT_RETRY.maxAttempts);
  });
});
