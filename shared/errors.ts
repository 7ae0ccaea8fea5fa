// One error hierarchy for the whole shop. Use cases throw these; shared/http/respond.ts maps them to
// HTTP in one place. Anything that is not an AppError is a bug and becomes a plain 500.

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  /** Extra fields a caller may act on (e.g. how many units are available). Never internals. */
  readonly details: Record<string, unknown> | undefined;

  constructor(message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, { cause: options?.cause });
    this.details = options?.details;
  }
}

/** A service the shop depends on is down or too slow right now: 503 with Retry-After, never a 500. */
export class DependencyUnavailableError extends AppError {
  override name = 'DependencyUnavailableError';
  readonly status = 503;
  readonly code = 'service_unavailable';
}

export class ValidationError extends AppError {
  override name = 'ValidationError';
  readonly status = 400;
  readonly code: string;
  constructor(message: string, code = 'invalid_request', options?: { details?: Record<string, unknown> }) {
    super(message, options);
    this.code = code;
  }
}

export class UnauthorizedError extends AppError {
  override name = 'UnauthorizedError';
  readonly status = 401;
  readonly code = 'unauthorized';
}

export class ForbiddenError extends AppError {
  override name = 'ForbiddenError';
  readonly status = 403;
  readonly code = 'forbidden';
}

export class NotFoundError extends AppError {
  override name = 'NotFoundError';
  readonly status = 404;
  readonly code = 'not_found';
}

export class ConflictError extends AppError {
  override name = 'ConflictError';
  readonly status = 409;
  readonly code: string;
  constructor(message: string, code = 'conflict', options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options);
    this.code = code;
  }
}

export class PayloadTooLargeError extends AppError {
  override name = 'PayloadTooLargeError';
  readonly status = 413;
  readonly code = 'payload_too_large';
}

export class UnsupportedMediaTypeError extends AppError {
  override name = 'UnsupportedMediaTypeError';
  readonly status = 415;
  readonly code = 'unsupported_media_type';
}

export class TooManyRequestsError extends AppError {
  override name = 'TooManyRequestsError';
  readonly status = 429;
  readonly code = 'too_many_requests';
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}
