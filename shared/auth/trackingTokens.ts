// Guest order-tracking tokens: the secret in the link a guest's mail carries, which lets whoever holds
// it see that one order. ES256 JWTs signed with the shopper token keys, under their own audience so a
// shopper access token is never a tracking token (nor the other way round). Nothing is stored: the
// signature is what makes a token unguessable, the subject ties it to one order. A token lives as long
// as its order's link does (shared/domain/trackingLinks.ts), and carries the order's tracking-link
// generation (`tv`): the caller checks both against the order as stored (shared/orders/trackingLinks.ts),
// so a dealer can revoke every link of an order by moving its generation on.
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { TOKEN_ISSUER } from './shopperTokens';
import { signingKeys, verifyingKey } from './tokenKeys';

export const TRACKING_TOKEN_AUDIENCE = 'mineral-shop-order-tracking';
/**
 * No tracking token outlives this, whatever its order: the order's own link life
 * (TRACKING_LINK_RULES) is shorter for all but an order delivered months after it was placed.
 */
export const TRACKING_TOKEN_MAX_SECONDS = 180 * 24 * 60 * 60;

/** What a tracking token says beyond its order: its order's link generation, and until when it works. */
export interface TrackingLink {
  /** The order's tracking-link generation the token was issued in; tokens from before generations carry none (0). */
  version: number;
  /** When the link ends (the token's expiry; never more than TRACKING_TOKEN_MAX_SECONDS after issue). */
  until: Date;
}

/** A token that shows the order `orderId` to whoever holds it, until `link.until` at the latest. */
export function issueTrackingToken(
  orderId: string,
  now = new Date(),
  link: TrackingLink = { version: 0, until: new Date(now.getTime() + TRACKING_TOKEN_MAX_SECONDS * 1000) },
): Promise<string> {
  const seconds = Math.min(TRACKING_TOKEN_MAX_SECONDS, Math.floor((link.until.getTime() - now.getTime()) / 1000));
  return issueLinkToken(TRACKING_TOKEN_AUDIENCE, orderId, seconds, now, { tv: link.version });
}

/** The link generation a live tracking token for `orderId` carries (0 for a token from before generations); undefined for anything else. */
export async function readTrackingToken(token: string, orderId: string, now = new Date()): Promise<{ version: number } | undefined> {
  const claims = await verifyLinkTokenClaims(token, TRACKING_TOKEN_AUDIENCE, orderId, now);
  if (!claims) return undefined;
  const version = claims.tv ?? 0;
  return typeof version === 'number' && Number.isSafeInteger(version) ? { version } : undefined;
}

/** Whether `token` is a live tracking token for `orderId` (see verifyLinkToken); its order's own checks are readTrackingToken's caller's. */
export async function verifyTrackingToken(token: string, orderId: string, now = new Date()): Promise<boolean> {
  return (await readTrackingToken(token, orderId, now)) !== undefined;
}

/** A signed token for a link in a mail: it lets whoever holds it act on `subject`, for `audience` only. */
export async function issueLinkToken(audience: string, subject: string, seconds: number, now = new Date(), claims: Record<string, number | string> = {}): Promise<string> {
  const { current } = await signingKeys();
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: current.kid, typ: 'JWT' })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(audience)
    .setSubject(subject)
    .setIssuedAt(iat)
    .setExpirationTime(iat + seconds)
    .sign(current.privateKey);
}

/**
 * Whether `token` is a live link token of `audience` for `subject`. False for anything else — another
 * subject, a bad signature or key id, `alg: none`, an expired token, a shopper access token, garbage —
 * so a caller can answer every failure the same way.
 */
export async function verifyLinkToken(token: string, audience: string, subject: string, now = new Date()): Promise<boolean> {
  return (await verifyLinkTokenClaims(token, audience, subject, now)) !== undefined;
}

/** As verifyLinkToken, with the token's claims when it is live (undefined for every failure). */
export async function verifyLinkTokenClaims(token: string, audience: string, subject: string, now = new Date()): Promise<JWTPayload | undefined> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    return undefined;
  }
  const key = kid === undefined ? undefined : await verifyingKey(kid);
  if (!key) return undefined;
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['ES256'],
      issuer: TOKEN_ISSUER,
      audience,
      subject,
      requiredClaims: ['sub', 'iat', 'exp'],
      currentDate: now,
    });
    return payload;
  } catch (error) {
    if (error instanceof joseErrors.JOSEError) return undefined;
    throw error;
  }
}
