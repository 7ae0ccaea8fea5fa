// Guest tracking tokens: one order, its link's generation and life (at most TRACKING_TOKEN_MAX_SECONDS),
// signed with the shopper token keys — and refused for anything else, whatever way it is wrong. (The
// order's own checks, its link life and generation, are in test/integration/orderQueries.test.ts.)
import { randomUUID } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateKeySet } from '../../shared/auth/keySet';

type TrackingTokens = typeof import('../../shared/auth/trackingTokens');
type ShopperTokens = typeof import('../../shared/auth/shopperTokens');

/** Loads the token modules afresh with `keySet` as the signing keys (they read it once, at import). */
async function withKeys(keySet: string): Promise<TrackingTokens & Pick<ShopperTokens, 'issueAccessToken' | 'verifyAccessToken'>> {
  vi.resetModules();
  process.env.SHOPPER_TOKEN_KEYS = keySet;
  const tracking = await import('../../shared/auth/trackingTokens');
  const { issueAccessToken, verifyAccessToken } = await import('../../shared/auth/shopperTokens');
  return { ...tracking, issueAccessToken, verifyAccessToken };
}

const DAY_S = 24 * 60 * 60;
const now = new Date('2026-03-01T12:00:00.000Z');
const inSeconds = (s: number) => new Date(now.getTime() + s * 1000);

let keySet: string;
let tokens: Awaited<ReturnType<typeof withKeys>>;
const orderId = randomUUID();

/** The environment as it was, put back after this file (the token modules read it at import). */
const savedEnv = { SHOPPER_TOKEN_KEYS: process.env.SHOPPER_TOKEN_KEYS };
afterAll(() => {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

beforeAll(async () => {
  keySet = await generateKeySet();
  tokens = await withKeys(keySet);
});

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const parts = (token: string) => token.split('.') as [string, string, string];

describe('tracking tokens', () => {
  it('open the order they were issued for, until their link ends, and never longer than the cap', async () => {
    const token = await tokens.issueTrackingToken(orderId, now, { version: 0, until: inSeconds(44 * DAY_S) });
    expect(await tokens.verifyTrackingToken(token, orderId, now)).toBe(true);
    expect(await tokens.verifyTrackingToken(token, orderId, inSeconds(44 * DAY_S - 1))).toBe(true);
    expect(await tokens.verifyTrackingToken(token, orderId, inSeconds(44 * DAY_S + 1))).toBe(false);
    const capped = await tokens.issueTrackingToken(orderId, now, { version: 0, until: inSeconds(400 * DAY_S) });
    expect(decodeJwt(capped).exp! - decodeJwt(capped).iat!).toBe(tokens.TRACKING_TOKEN_MAX_SECONDS);
    expect(tokens.TRACKING_TOKEN_MAX_SECONDS).toBeLessThan(365 * DAY_S);
  });

  it('are ES256 JWTs with the key id, issuer, audience, the order as subject, its link generation and expiry', async () => {
    const token = await tokens.issueTrackingToken(orderId, now, { version: 3, until: inSeconds(30 * DAY_S) });
    const [{ kid }] = JSON.parse(keySet) as [{ kid: string }];
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', kid, typ: 'JWT' });
    const iat = Math.floor(now.getTime() / 1000);
    expect(decodeJwt(token)).toEqual({ iss: 'mineral-shop', aud: 'mineral-shop-order-tracking', sub: orderId, iat, exp: iat + 30 * DAY_S, tv: 3 });
    expect(await tokens.readTrackingToken(token, orderId, now)).toEqual({ version: 3 });
  });

  it('read a token mailed before link generations (no generation claim, a year long) as generation 0', async () => {
    const legacy = await tokens.issueLinkToken(tokens.TRACKING_TOKEN_AUDIENCE, orderId, 365 * DAY_S, now);
    expect(await tokens.readTrackingToken(legacy, orderId, inSeconds(200 * DAY_S))).toEqual({ version: 0 });
  });

  it('differ every time, even for the same order at the same instant (nothing to guess)', async () => {
    const [a, b] = await Promise.all([tokens.issueTrackingToken(orderId, now), tokens.issueTrackingToken(orderId, now)]);
    expect(a).not.toBe(b);
  });

  it('do not open another order', async () => {
    const token = await tokens.issueTrackingToken(orderId, now);
    expect(await tokens.verifyTrackingToken(token, randomUUID(), now)).toBe(false);
  });

  it('are refused with a payload changed to name another order', async () => {
    const other = randomUUID();
    const [header, payload, signature] = parts(await tokens.issueTrackingToken(orderId, now));
    const forged = part({ ...(JSON.parse(Buffer.from(payload, 'base64url').toString()) as object), sub: other });
    expect(await tokens.verifyTrackingToken(`${header}.${forged}.${signature}`, other, now)).toBe(false);
  });

  it('are refused with a tampered signature', async () => {
    const [header, payload, signature] = parts(await tokens.issueTrackingToken(orderId, now));
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    expect(await tokens.verifyTrackingToken(`${header}.${payload}.${flipped}`, orderId, now)).toBe(false);
    expect(await tokens.verifyTrackingToken(`${header}.${payload}.`, orderId, now)).toBe(false);
  });

  it('are refused unsigned (alg: none), even with the right key id and claims', async () => {
    const [header, payload] = parts(await tokens.issueTrackingToken(orderId, now));
    const none = part({ ...(JSON.parse(Buffer.from(header, 'base64url').toString()) as object), alg: 'none' });
    expect(await tokens.verifyTrackingToken(`${none}.${payload}.`, orderId, now)).toBe(false);
  });

  it('are refused when signed by another key under the shop’s key id', async () => {
    const [{ kid }] = JSON.parse(keySet) as [{ kid: string }];
    const { privateKey } = await generateKeyPair('ES256');
    const iat = Math.floor(now.getTime() / 1000);
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid })
      .setIssuer('mineral-shop')
      .setAudience('mineral-shop-order-tracking')
      .setSubject(orderId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + DAY_S)
      .sign(privateKey);
    expect(await tokens.verifyTrackingToken(forged, orderId, now)).toBe(false);
  });

  it('are refused when HS256-keyed with the shop’s public key (algorithm confusion)', async () => {
    const [jwk] = JSON.parse(keySet) as [JWK & { kid: string }];
    const { d: _private, ...publicJwk } = jwk;
    const publicKey = (await importJWK(publicJwk, 'ES256')) as CryptoKey;
    const spki = Buffer.from(await crypto.subtle.exportKey('spki', publicKey));
    const iat = Math.floor(now.getTime() / 1000);
    const forged = await new SignJWT({ sub: orderId, iss: 'mineral-shop', aud: 'mineral-shop-order-tracking', iat, exp: iat + DAY_S })
      .setProtectedHeader({ alg: 'HS256', kid: jwk.kid })
      .sign(spki);
    expect(await tokens.verifyTrackingToken(forged, orderId, now)).toBe(false);
  });

  it('are not shopper access tokens, even one whose subject is the order id', async () => {
    const access = await tokens.issueAccessToken({ userId: orderId, sessionId: randomUUID() }, now);
    expect(await tokens.verifyTrackingToken(access, orderId, now)).toBe(false);
  });

  it('are not accepted as shopper access tokens either', async () => {
    const token = await tokens.issueTrackingToken(orderId, now);
    await expect(tokens.verifyAccessToken(token, now)).rejects.toThrow(/Sign in again/);
  });

  it.each(['', 'garbage', 'a.b.c', 'a.b', '...', `${part({ alg: 'ES256', kid: 'nope' })}.${part({ sub: 'x' })}.sig`, 'x'.repeat(5000)])(
    'answer false, never throw, for garbage: %j',
    async (token) => {
      expect(await tokens.verifyTrackingToken(token, orderId, now)).toBe(false);
    },
  );
});

describe('tracking tokens across a key rotation', () => {
  it('keep working while their key is still in the set, and stop once it is retired', async () => {
    const token = await tokens.issueTrackingToken(orderId, now);
    const newer = await generateKeySet();

    const rotated = await withKeys(JSON.stringify([...(JSON.parse(newer) as unknown[]), ...(JSON.parse(keySet) as unknown[])]));
    expect(await rotated.verifyTrackingToken(token, orderId, now)).toBe(true);
    const fresh = await rotated.issueTrackingToken(orderId, now);
    expect(decodeProtectedHeader(fresh).kid).toBe((JSON.parse(newer) as [{ kid: string }])[0].kid);

    const retired = await withKeys(newer);
    expect(await retired.verifyTrackingToken(token, orderId, now)).toBe(false);
    expect(await retired.verifyTrackingToken(fresh, orderId, now)).toBe(true);
  });
});
