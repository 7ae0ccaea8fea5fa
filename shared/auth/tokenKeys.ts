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

let keys: Promise<SigningKeys> | undefined;

/** The signing keys, fetched once per cold start. */
export function signingKeys(): Promise<SigningKeys> {
  keys ??= loadSecret().then(importKeys);
  keys.catch(() => (keys = undefined));
  return keys;
}

export { generateKeySet } from './keySet';
