// The token keys after a rotation: a function that read the set before a key was added still accepts
// tokens signed with the new key (it reads the set again on a key id it does not know, at most every
// UNKNOWN_KID_REFRESH_MS), and moves to signing with the newest key within KEYS_REFRESH_MS. Secrets
// Manager is the one adapter here, so it is mocked.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { decodeProtectedHeader, importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateKeySet } from '../../shared/auth/keySet';

type ShopperTokens = typeof import('../../shared/auth/shopperTokens');
type TokenKeys = typeof import('../../shared/auth/tokenKeys');

const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:shopper-token-keys';
const secrets = mockClient(SecretsManagerClient);
const saved = { keys: process.env.SHOPPER_TOKEN_KEYS, arn: process.env.SHOPPER_TOKEN_KEYS_SECRET_ARN };
let tokens: ShopperTokens;
let keys: TokenKeys;
let oldSet: string;
let newSet: string;

beforeAll(async () => {
  oldSet = await generateKeySet();
  const added = JSON.parse(await generateKeySet()) as JWK[];
  // A rotation puts the new key first and keeps the old one to verify its tokens.
  newSet = JSON.stringify([...added, ...(JSON.parse(oldSet) as JWK[])]);
  vi.resetModules();
  delete process.env.SHOPPER_TOKEN_KEYS;
  process.env.SHOPPER_TOKEN_KEYS_SECRET_ARN = ARN;
  tokens = await import('../../shared/auth/shopperTokens');
  keys = await import('../../shared/auth/tokenKeys');
});
afterAll(() => {
  secrets.restore();
  vi.useRealTimers();
  for (const [name, value] of [['SHOPPER_TOKEN_KEYS', saved.keys], ['SHOPPER_TOKEN_KEYS_SECRET_ARN', saved.arn]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** A shopper token signed with the newest key of `set`, as a function that already read it would sign. */
async function signedWithNewest(set: string, at: Date) {
  const jwk = (JSON.parse(set) as Array<JWK & { kid: string }>)[0]!;
  const iat = Math.floor(at.getTime() / 1000);
  return new SignJWT({ sid: 'session-1' })
    .setProtectedHeader({ alg: 'ES256', kid: jwk.kid, typ: 'JWT' })
    .setIssuer(tokens.TOKEN_ISSUER)
    .setAudience(tokens.TOKEN_AUDIENCE)
    .setSubject('user-1')
    .setIssuedAt(iat)
    .setExpirationTime(iat + 600)
    .sign(await importJWK(jwk, 'ES256'));
}

describe('shopper token keys after a rotation', () => {
  it('accept a token of the added key once the set is read again, never more often than allowed, and sign with the newest key soon after', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = new Date('2026-12-01T12:00:00.000Z');
    vi.setSystemTime(start);
    secrets.on(GetSecretValueCommand, { SecretId: ARN }).resolves({ SecretString: oldSet });
    const before = await tokens.issueAccessToken({ userId: 'user-1', sessionId: 'session-1' }, start);
    expect((await tokens.verifyAccessToken(before, start)).userId).toBe('user-1');
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);

    // Another function rotated the set and signed with the added key.
    secrets.on(GetSecretValueCommand, { SecretId: ARN }).resolves({ SecretString: newSet });
    const fromNewKey = await signedWithNewest(newSet, start);
    // Within UNKNOWN_KID_REFRESH_MS of the last read, an unknown key id is refused without a read.
    await expect(tokens.verifyAccessToken(fromNewKey, start)).rejects.toMatchObject({ status: 401 });
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);

    const later = new Date(start.getTime() + keys.UNKNOWN_KID_REFRESH_MS + 1);
    vi.setSystemTime(later);
    expect((await tokens.verifyAccessToken(fromNewKey, later)).userId).toBe('user-1');
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
    // The old key still verifies its tokens; a made-up key id right after is refused without a read.
    expect((await tokens.verifyAccessToken(before, later)).userId).toBe('user-1');
    const madeUp = await signedWithNewest(await generateKeySet(), later);
    await expect(tokens.verifyAccessToken(madeUp, later)).rejects.toMatchObject({ status: 401 });
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);

    // This function signs with the added key now that it has read the set.
    const after = await tokens.issueAccessToken({ userId: 'user-1', sessionId: 'session-1' }, later);
    expect(decodeProtectedHeader(after).kid).toBe((JSON.parse(newSet) as Array<{ kid: string }>)[0]!.kid);
  });

  it('keep the set read before when a read fails', async () => {
    const at = new Date(Date.now() + keys.KEYS_REFRESH_MS + 1);
    vi.setSystemTime(at);
    secrets.on(GetSecretValueCommand, { SecretId: ARN }).rejects(new Error('Secrets Manager is unreachable'));
    const token = await signedWithNewest(newSet, at);
    expect((await tokens.verifyAccessToken(token, at)).userId).toBe('user-1');
  });
});
