// The one conflict classifier and the one retry policy of the shop. A transaction DynamoDB cancels
// with a TransactionConflict reason met another one on the same item at the same instant: nothing was
// written and the same transaction may simply be sent again (retryOnConflict). A failed condition
// means something the caller read has changed: it is the caller's to judge, and a caller that lost
// such a race reads again and decides again (retryRaces) — under the same policy.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/** Another transaction touched the same items at the same moment; retrying is safe. */
export class TransientConflictError extends Error {
  override name = 'TransientConflictError';
}

/** How often and how patiently a conflicting transaction is retried. */
// Fifteen attempts with jittered backoff capped at 200 ms: about a second and a half at worst, enough
// for a crowd racing for one item (twenty reviews of one mineral at once) inside any Lambda timeout.
export const CONFLICT_RETRY = { maxAttempts: 15, firstDelayMs: 10, maxDelayMs: 200 } as const;

/**
 * True for a TransactionCanceledException with a TransactionConflict reason, and only that (also
 * when it is the cause of an error of ours, or wrapped as TransientConflictError).
 */
export function isTransientConflict(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current instanceof TransientConflictError) return true;
    if (current instanceof TransactionCanceledException) return (current.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict');
    current = current.cause;
  }
  return false;
}

/** Waits before retry `attempt` (1, 2…): doubling from firstDelayMs, capped, with full jitter. */
export function conflictBackoff(attempt: number): Promise<void> {
  const cap = Math.min(CONFLICT_RETRY.maxDelayMs, CONFLICT_RETRY.firstDelayMs * 2 ** (attempt - 1));
  return new Promise((resolve) => setTimeout(resolve, Math.random() * cap));
}

/** Runs `operation`, sending it again while it fails with a transient conflict, up to the policy's attempts. */
export async function retryOnConflict<T>(operation: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isTransientConflict(error) || attempt >= CONFLICT_RETRY.maxAttempts) throw error;
      await conflictBackoff(attempt);
    }
  }
}

/**
 * Runs `step` — which reads, decides and writes conditionally — again while it loses a race: a
 * transient conflict, or an error `lost` says means "what I read changed". Anything else (a refusal,
 * a programming error) is thrown at once. Past the policy's attempts, throws `exhausted(lastError)`:
 * a clear 409 for the caller to show, never a 500.
 */
export async function retryRaces<T>(step: () => Promise<T>, options: { lost: (error: unknown) => boolean; exhausted: (cause: unknown) => Error }): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (!isTransientConflict(error) && !options.lost(error)) throw error;
      if (attempt >= CONFLICT_RETRY.maxAttempts) throw options.exhausted(error);
      await conflictBackoff(attempt);
    }
  }
}
