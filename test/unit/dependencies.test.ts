import { describe, expect, it } from 'vitest';
import { isDependencyUnavailable } from '../../shared/dependencies';
import { errorResponse } from '../../shared/http/respond';

const withCode = (code: string) => Object.assign(new Error(`connect ${code}`), { code });
const named = (name: string) => Object.assign(new Error(name), { name });

describe('recognising a dependency that is down', () => {
  it('knows refused, reset and timed-out connections and the SDK’s timeout and throttling errors', () => {
    for (const e of [withCode('ECONNREFUSED'), withCode('ECONNRESET'), named('TimeoutError'), named('ThrottlingException'), named('ServiceUnavailable')]) {
      expect(isDependencyUnavailable(e)).toBe(true);
    }
  });

  it('looks through causes', () => {
    expect(isDependencyUnavailable(new Error('wrapped', { cause: withCode('ECONNREFUSED') }))).toBe(true);
  });

  it('never takes a programming error or a refusal for an outage', () => {
    for (const e of [new TypeError('x is undefined'), named('ConditionalCheckFailedException'), named('ValidationException'), 'a string']) {
      expect(isDependencyUnavailable(e)).toBe(false);
    }
  });
});

describe('answering when a dependency is down', () => {
  it('is a 503 with Retry-After and a message without internals', () => {
    const res = errorResponse(withCode('ECONNREFUSED'));
    expect(res.statusCode).toBe(503);
    expect(res.headers?.['retry-after']).toBe('5');
    expect(JSON.parse(res.body as string).error.code).toBe('service_unavailable');
    expect(res.body).not.toMatch(/ECONNREFUSED/);
  });

  it('a bug is still a plain 500', () => {
    expect(errorResponse(new TypeError('boom')).statusCode).toBe(500);
  });
});
