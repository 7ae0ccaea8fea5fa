import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { CONFLICT_RETRY, retryRaces } from '../../shared/db/conflicts';

class Lost extends Error {}
const conflict = () => new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'TransactionConflict' }] });
const policy = { lost: (e: unknown) => e instanceof Lost, exhausted: (cause: unknown) => new Error('busy', { cause }) };

describe('losing a race: read again and decide again, under the one policy', () => {
  it('runs the step again after a lost race or a transient conflict, and returns what it finally gives', async () => {
    let calls = 0;
    const result = await retryRaces(async () => {
      calls += 1;
      if (calls === 1) throw new Lost();
      if (calls === 2) throw conflict();
      return 'written';
    }, policy);
    expect(result).toBe('written');
    expect(calls).toBe(3);
  });

  it('throws a refusal or a programming error at once, never retrying it', async () => {
    let calls = 0;
    const refusal = new TypeError('x is undefined');
    await expect(
      retryRaces(async () => {
        calls += 1;
        throw refusal;
      }, policy),
    ).rejects.toBe(refusal);
    expect(calls).toBe(1);
    // A failed condition that is not a lost race (the caller did not say so) is not retried either.
    const failed = new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'ConditionalCheckFailed' }] });
    await expect(retryRaces(async () => Promise.reject(failed), policy)).rejects.toBe(failed);
  });

  it('gives up after the policy’s attempts with the caller’s error, carrying the last race as its cause', async () => {
    let calls = 0;
    const lost = new Lost();
    const error = await retryRaces(async () => {
      calls += 1;
      throw lost;
    }, policy).catch((e: unknown) => e as Error);
    expect(calls).toBe(CONFLICT_RETRY.maxAttempts);
    expect(error.message).toBe('busy');
    expect(error.cause).toBe(lost);
  });
});
