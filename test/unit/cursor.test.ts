import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, fingerprint } from '../../shared/db/cursor';
import { ValidationError } from '../../shared/errors';

const key = { pk: 'MINERAL#a', sk: 'MINERAL', gsi1pk: 'MINERALS', gsi1sk: '000000001000#a' };
const expected = { index: 'allByPrice', fingerprint: fingerprint({ s: 'price_asc' }) };
const cursor = encodeCursor({ v: 1, i: 'allByPrice', f: expected.fingerprint, k: key });

describe('page cursors', () => {
  it('round-trip the key of the last item', () => {
    expect(decodeCursor(cursor, expected)).toEqual(key);
  });

  it('are opaque URL-safe text', () => {
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it.each([
    ['garbage', 'hello'],
    ['an empty checksum', `${cursor.split('.')[0]}.`],
    ['an edited body', `x${cursor}`],
    ['an extra part', `${cursor}.more`],
    ['valid base64 of something else', `${Buffer.from('[1,2]').toString('base64url')}.abc`],
  ])('reject %s', (_what, bad) => {
    expect(() => decodeCursor(bad, expected)).toThrow(ValidationError);
  });

  it('reject a cursor made for another index or another query', () => {
    expect(() => decodeCursor(cursor, { ...expected, index: 'allByNewest' })).toThrow(/not valid for this listing/);
    expect(() => decodeCursor(cursor, { ...expected, fingerprint: fingerprint({ s: 'price_desc' }) })).toThrow(ValidationError);
  });

  it('fingerprints depend on every part of the query', () => {
    expect(fingerprint({ s: 'popular', c: null })).not.toBe(fingerprint({ s: 'popular', c: 'oxides' }));
    expect(fingerprint({ s: 'popular', c: null })).toBe(fingerprint({ s: 'popular', c: null }));
  });
});
