// Each check of a shopper access token on its own: a token that is right in every way but one is
// refused — signed by the shop's own key under a foreign issuer, or with a wrong audience alone, or
// missing its session — so no check hides behind another.
import { importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateKeySet } from '../../shared/auth/keySet';

type ShopperTokens = typeof import('../../shared/auth/shopperTokens');

const savedEnv = { SHOPPER_TOKEN_KEYS: process.env.SHOPPER_TOKEN_KEYS };
afterAll(() => {
  if (savedEnv.SHOPPER_TOKEN_KEYS === undefined) delete process.env.SHOPPER_TOKEN_KEYS;
  else process.env.SHOPPER_TOKEN_KEYS = savedEnv.SHOPPER_TOKEN_KEYS;
});

const now = new Date('2026-03-01T12:00:00.000Z');
let tokens: ShopperTokens;
let jwk: JWK & { kid: string };

beforeAll(async () => {
  const keySet = await generateKeySet();
  vi.resetModules();
  process.env.SHOPPER_TOKEN_KEYS = keySet;
  tokens = await import('../../shared/auth/shopperTokens');
  jwk = (JSON.parse(keySet) as Array<JWK & { kid: string }>)[0]!;
});

/** A token signed with the shop's own current key, with the claims given (the good ones unless overridden). */
async function signed(claims: { iss?: string; aud?: string; sub?: string; sid?: string | undefined; exp?: number }) {
  const iat = Math.floor(now.getTime() / 1000);
  const payload: Record<string, unknown> = { sid: 'session-1' };
  if ('sid' in claims && claims.sid === undefined) delete payload.sid;
  else if (claims.sid) payload.sid = claims.sid;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'ES256', kid: jwk.kid, typ: 'JWT' })
    .setIssuer(claims.iss ?? tokens.TOKEN_ISSUER)
    .setAudience(claims.aud ?? tokens.TOKEN_AUDIENCE)
    .setSubject(claims.sub ?? 'user-1')
    .setIssuedAt(iat)
    .setExpirationTime(claims.exp ?? iat + 600)
    .sign(await importJWK(jwk, 'ES256'));
}

describe('a shopper access token', () => {
  it('signed by the shop’s key with every claim right is accepted (the baseline the others differ from)', async () => {
    expect(await tokens.verifyAccessToken(await signed({}), now)).toEqual({ userId: 'user-1', sessionId: 'session-1' });
  });

  it('from a foreign issuer is refused, though its signature is the shop’s own', async () => {
    await expect(tokens.verifyAccessToken(await signed({ iss: 'https://elsewhere.example' }), now)).rejects.toThrow('Sign in again');
  });

  it('for another audience alone is refused (a tracking link’s token is not a sign-in)', async () => {
    await expect(tokens.verifyAccessToken(await signed({ aud: 'mineral-shop-order-tracking' }), now)).rejects.toThrow('Sign in again');
    await expect(tokens.verifyAccessToken(await signed({ aud: 'mineral-shop-devices' }), now)).rejects.toThrow('Sign in again');
  });

  it('without the session it belongs to is refused', async () => {
    await expect(tokens.verifyAccessToken(await signed({ sid: undefined }), now)).rejects.toThrow('Sign in again');
  });

  it('past its expiry alone is refused', async () => {
    await expect(tokens.verifyAccessToken(await signed({ exp: Math.floor(now.getTime() / 1000) - 1 }), now)).rejects.toThrow('Sign in again');
  });
});
