// Shopper access tokens: short-lived ES256 JWTs with a key id, issuer and audience. One verifier for
// every route that needs a signed-in shopper: algorithm pinned, issuer, audience and expiry checked,
// and the session the token belongs to still live (so signing out ends it at once).
import { errors as joseErrors, jwtVerify, SignJWT, decodeProtectedHeader } from 'jose';
import { isFamilyActive } from '../db/sessions';
import { UnauthorizedError } from '../errors';
import { signingKeys, verifyingKey } from './tokenKeys';

export const TOKEN_ISSUER = 'mineral-shop';
export const TOKEN_AUDIENCE = 'mineral-shop-shoppers';
export const ACCESS_TOKEN_SECONDS = 15 * 60;

export interface Shopper {
  userId: string;
  /** The refresh-token family (sign-in session) the token belongs to. */
  sessionId: string;
}

export async function issueAccessToken(shopper: Shopper, now = new Date()): Promise<string> {
  const { current } = await signingKeys();
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ sid: shopper.sessionId })
    .setProtectedHeader({ alg: 'ES256', kid: current.kid, typ: 'JWT' })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setSubject(shopper.userId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ACCESS_TOKEN_SECONDS)
    .sign(current.privateKey);
}

const unauthorized = () => new UnauthorizedError('Sign in again: your access token is missing, invalid or expired.');

export async function verifyAccessToken(token: string, now = new Date()): Promise<Shopper> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    throw unauthorized();
  }
  const key = kid ? await verifyingKey(kid) : undefined;
  if (!key) throw unauthorized();
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['ES256'],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      requiredClaims: ['sub', 'exp', 'iat', 'sid'],
      currentDate: now,
    });
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') throw unauthorized();
    return { userId: payload.sub, sessionId: payload.sid };
  } catch (error) {
    if (error instanceof joseErrors.JOSEError || error instanceof UnauthorizedError) throw unauthorized();
    throw error;
  }
}

/** The bearer token of a request, if it sent one. Malformed Authorization headers are a 401. */
export function bearerToken(headers: Record<string, string | undefined>): string | undefined {
  const header = headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(header.trim());
  if (!match) throw unauthorized();
  return match[1];
}

/**
 * A valid token is not enough: its session must still be live. Signing out, a password change or
 * reset, and an admin disabling the account revoke sessions, and their access tokens are refused at
 * once rather than when they expire. One small read (the session's item) per authenticated request.
 */
async function liveShopper(token: string): Promise<Shopper> {
  const shopper = await verifyAccessToken(token);
  if (!(await isFamilyActive(shopper.userId, shopper.sessionId))) throw new UnauthorizedError('This session has ended; sign in again.');
  return shopper;
}

/** The signed-in shopper of a live session, or a 401. */
export async function requireShopper(headers: Record<string, string | undefined>): Promise<Shopper> {
  const token = bearerToken(headers);
  if (!token) throw new UnauthorizedError('Sign in to do this.');
  return liveShopper(token);
}

/** The signed-in shopper when a token was sent (it must then be valid and its session live), else undefined. */
export async function optionalShopper(headers: Record<string, string | undefined>): Promise<Shopper | undefined> {
  const token = bearerToken(headers);
  return token ? liveShopper(token) : undefined;
}
