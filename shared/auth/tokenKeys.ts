// The keys that sign shopper access tokens: a JSON array of private JWKs (ES256), newest first. The
// newest signs; every key in the set verifies, so a new key can be added before the old one retires.
// In AWS the set lives in Secrets Manager; on one machine the local runtime generates it once.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { importJWK, type CryptoKey, type JWK } from 'jose';
import * as z from 'zod';
import { readEnv } from '../config';
import { DEPENDENCY_CLIENT_OPTIONS } from '../dependencies';
import { SECRETS } from '../secrets';

const { localEnv, arnEnv } = SECRETS.shopperTokenKeys;

const env = readEnv({
  [localEnv]: z.string().min(10).optional(),
  [arnEnv]: z.string().startsWith('arn:').optional(),
});

const jwkSchema = z.array(
  z.looseObject({ kid: z.string().min(1), kty: z.literal('EC'), crv: z.literal('P-256'), d: z.string().min(1), x: z.string(), y: z.string() }),
).min(1);

export interface SigningKeys {
  current: { kid: string; privateKey: CryptoKey };
  /** Public keys by key id. */
  verifying: Map<string, CryptoKey>;
}

async function importKeys(json: string): Promise<SigningKeys> {
  const jwks = jwkSchema.parse(JSON.parse(json));
  const verifying = new Map<string, CryptoKey>();
  for (const jwk of jwks) {
    const { d: _private, ...publicJwk } = jwk;
    verifying.set(jwk.kid, (await importJWK(publicJwk as JWK, 'ES256')) as CryptoKey);
  }
  const newest = jwks[0]!;
  return { current: { kid: newest.kid, privateKey: (await importJWK(newest as JWK, 'ES256')) as CryptoKey }, verifying };
}

async function loadSecret(): Promise<string> {
  const local = env[localEnv];
  if (local) return local;
  const arn = env[arnEnv];
  if (!arn) throw new Error(`Neither ${localEnv} nor ${arnEnv} is set: shopper tokens cannot be signed`);
  const res = await new SecretsManagerClient(DEPENDENCY_CLIENT_OPTIONS).send(new GetSecretValueCommand({ SecretId: arn }));
  if (!res.SecretString) throw new Error('The shopper token key secret is empty');
  return res.SecretString;
}

/** A function moves to signing with a rotated set's newest key within this long. */
export const KEYS_REFRESH_MS = 15 * 60_000;
/** A token whose key the cached set lacks makes the set be read again, at most this often. */
export const UNKNOWN_KID_REFRESH_MS = 30_000;

let cached: { keys: Promise<SigningKeys>; at: number } | undefined;

/** Reads the set again; if that fails, the set read before (if any) stays in use. */
function reload(now: number): Promise<SigningKeys> {
  const previous = cached;
  const keys = loadSecret().then(importKeys);
  cached = { keys, at: now };
  keys.catch(() => {
    if (cached?.keys === keys) cached = previous;
  });
  return previous ? keys.catch(() => previous.keys) : keys;
}

/** The signing keys: read at the first use, and again every KEYS_REFRESH_MS (a rotation reaches every function). */
export function signingKeys(now = Date.now()): Promise<SigningKeys> {
  if (!cached || now - cached.at > KEYS_REFRESH_MS) return reload(now);
  return cached.keys;
}

/**
 * The public key a token names. A key id the cached set does not hold (a key added by a rotation since
 * it was read) reads the set again first, at most once every UNKNOWN_KID_REFRESH_MS, so made-up key
 * ids cannot turn every request into a read of the secret.
 */
export async function verifyingKey(kid: string, now = Date.now()): Promise<CryptoKey | undefined> {
  const known = (await signingKeys(now)).verifying.get(kid);
  if (known || !cached || now - cached.at < UNKNOWN_KID_REFRESH_MS) return known;
  return (await reload(now)).verifying.get(kid);
}

export { generateKeySet } from './keySet';
