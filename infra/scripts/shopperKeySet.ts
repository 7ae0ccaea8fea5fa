// The rotation rule for the shopper token key set (see shared/auth/tokenKeys.ts): the new key goes
// first (it signs from now on), the previous newest stays to verify the tokens it signed, and older
// keys retire. Pure, so the rule is tested without AWS.
import * as z from 'zod';

/** Keys kept after a rotation: the new signer and the one before it. */
export const KEPT_KEYS = 2;

const keySetSchema = z.array(
  z.looseObject({ kid: z.string().min(1), kty: z.literal('EC'), crv: z.literal('P-256'), d: z.string().min(1), x: z.string(), y: z.string() }),
);

export type KeySet = z.infer<typeof keySetSchema>;

/** Parses a stored key set; a secret with no value yet is an empty set. Throws on anything else. */
export function parseKeySet(secretString: string | undefined): KeySet {
  if (secretString === undefined) return [];
  return keySetSchema.parse(JSON.parse(secretString));
}

/** The set after a rotation: `fresh` (a set of one new key, as generateKeySet makes) first, at most KEPT_KEYS in all. */
export function rotateKeySet(current: KeySet, fresh: string): KeySet {
  const [newKey, ...extra] = parseKeySet(fresh);
  if (!newKey || extra.length > 0) throw new Error('Expected exactly one new key');
  if (current.some((key) => key.kid === newKey.kid)) throw new Error(`Key id ${newKey.kid} is already in the set`);
  return [newKey, ...current].slice(0, KEPT_KEYS);
}
