// Every HTTP response leaves through here, and every error is mapped to HTTP here and nowhere else.
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DEPENDENCY_RETRY_AFTER_SECONDS, isDependencyUnavailable } from '../dependencies';
import { AppError, DependencyUnavailableError, TooManyRequestsError } from '../errors';
import { NO_STORE } from './caching';
import { logger } from '../logger';

export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number };

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' } as const;

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { ...JSON_HEADERS, 'cache-control': NO_STORE, ...headers },
    body: JSON.stringify(body),
  };
}

export function noContent(): HttpResult {
  return { statusCode: 204, headers: { 'cache-control': NO_STORE }, body: '' };
}

export function errorBody(code: string, message: string, details?: Record<string, unknown>) {
  return { error: { code, message, ...(details ? { details } : {}) } };
}

/** Maps an error to its response. AppErrors are meant for the caller; anything else is a bug. */
export function errorResponse(thrown: unknown): HttpResult {
  const error = isDependencyUnavailable(thrown) && !(thrown instanceof AppError)
    ? new DependencyUnavailableError('The shop cannot reach one of its services right now. Please try again in a few seconds.', { cause: thrown })
    : thrown;
  if (error instanceof AppError) {
    const headers: Record<string, string> = {};
    if (error instanceof TooManyRequestsError) headers['retry-after'] = String(error.retryAfterSeconds);
    if (error instanceof DependencyUnavailableError) headers['retry-after'] = String(DEPENDENCY_RETRY_AFTER_SECONDS);
    if (error.status >= 500) logger.error('request failed', { error });
    else logger.info('request rejected', { status: error.status, code: error.code });
    return json(error.status, errorBody(error.code, error.message, error.details), headers);
  }
  logger.error('unhandled error', { error: error instanceof Error ? error : String(error) });
  return json(500, errorBody('internal_error', 'Something went wrong on our side. Please try again.'));
}
