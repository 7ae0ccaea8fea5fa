// Opaque page cursors. A cursor carries the key of the last item a page returned, the index it
// belongs to and a fingerprint of the query that made it, plus a checksum. It is not a secret:
// a forged but well-formed cursor can only seek within the same index partition, which paging
// reaches anyway. The checksum and the checks below turn garbage or edits into a clean 400.
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { ValidationError } from '../errors';

const payloadSchema = z.strictObject({
  v: z.literal(1),
  /** Index the key belongs to. */
  i: z.string().min(1).max(64),
  /** Fingerprint of the query (filters and sort) that produced the cursor. */
  f: z.string().min(1).max(64),
  /** DynamoDB key of the last item returned. */
  k: z.record(z.string().max(200), z.string().max(400)),
});

export type CursorPayload = z.infer<typeof payloadSchema>;

function checksum(text: string): string {
  return createHash('sha256').update(`mineral-shop-cursor:${text}`).digest('base64url').slice(0, 22);
}

export function fingerprint(parts: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

export function encodeCursor(payload: CursorPayload): string {
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${body}.${checksum(body)}`;
}

const invalid = () =>
  new ValidationError('cursor is not valid for this listing; start again from the first page without a cursor.', 'invalid_cursor');

/** Decodes a cursor and checks it belongs to `expected`; throws a 400 otherwise. */
export function decodeCursor(cursor: string, expected: { index: string; fingerprint: string }): Record<string, string> {
  const [body, sum, ...rest] = cursor.split('.');
  if (!body || !sum || rest.length > 0 || checksum(body) !== sum) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const result = payloadSchema.safeParse(parsed);
  if (!result.success) throw invalid();
  if (result.data.i !== expected.index || result.data.f !== expected.fingerprint) throw invalid();
  return result.data.k;
}

export { invalid as invalidCursorError };

/**
 * Runs a Query that starts from a caller's cursor. The checks above catch what can be checked
 * without the database; if DynamoDB still refuses the start key (ValidationException: a well-formed
 * key outside the query's key range, say), that is the caller's cursor at fault: a 400, not a 500.
 */
export async function queryFromCursor<T>(startKey: Record<string, string> | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (startKey && (error as { name?: string }).name === 'ValidationException') throw invalid();
    throw error;
  }
}
