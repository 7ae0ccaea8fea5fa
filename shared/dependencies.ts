// How long the shop waits for the services it depends on (DynamoDB, SQS, SES, Secrets Manager), and
// how it recognises one that is down. A Lambda behind the API has 10 s in all: each call gets a
// second to connect and three to answer, and one retry, so a dead dependency costs at most ~8 s and
// the shopper gets a prompt 503 with Retry-After instead of a hang or a 500 (shared/http/respond.ts).
// The Stripe client has its own, equivalent budget (shared/payments/stripeGateway.ts).
import * as z from 'zod';
import { readEnv } from './config';

/** A whole number of milliseconds from the environment, with the AWS default when unset. */
const milliseconds = (fallback: number) =>
  z.string().regex(/^\d+$/, 'must be a whole number of milliseconds').transform(Number).pipe(z.number().min(100).max(60_000)).default(fallback);

const env = readEnv({
  /**
   * How long one call may wait for its answer. 3 s in AWS; the local runtime sets more, because
   * DynamoDB Local runs transactions one at a time and 200 concurrent adds queue for seconds there.
   */
  DEPENDENCY_REQUEST_TIMEOUT_MS: milliseconds(3_000),
  /** How long one call may wait to connect: 1 s in AWS; more locally, where 200 concurrent calls queue at DynamoDB Local's door. */
  DEPENDENCY_CONNECT_TIMEOUT_MS: milliseconds(1_000),
});

/** Options every AWS SDK client of the shop is built with. */
export const DEPENDENCY_CLIENT_OPTIONS = {
  maxAttempts: 2,
  requestHandler: { connectionTimeout: env.DEPENDENCY_CONNECT_TIMEOUT_MS, requestTimeout: env.DEPENDENCY_REQUEST_TIMEOUT_MS, throwOnRequestTimeout: true },
} as const;

/** Seconds a caller is asked to wait before trying again when a dependency is unavailable. */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 5;

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);
const UNAVAILABLE_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalServerError',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
]);

/**
 * True when `error` says a dependency could not be reached or could not answer in time (after the
 * SDK's own retry): the request may succeed later. False for everything else, programming errors
 * and refusals included.
 */
export function isDependencyUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    if (UNAVAILABLE_NAMES.has(e.name)) return true;
    // Errors the SDK wraps around a socket that timed out or closed mid-request.
    if (e.name === 'Error' && /socket hang up|Connection timed out|timed out after/i.test(e.message)) return true;
  }
  return false;
}
