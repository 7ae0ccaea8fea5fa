// Guest order-tracking tokens: the secret in the link a guest's mail carries, which lets whoever holds
// it see that one order. ES256 JWTs signed with the shopper token keys, under their own audience so a
// shopper access token is never a tracking token (nor the other way round). Nothing is stored: the
// signature is what makes a token unguessable, the subject ties it to one order.
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { TOKEN_ISSUER } from './shopperTokens';
import { signingKeys } from './tokenKeys';

export const TRACKING_TOKEN_AUDIENCE = 'mineral-shop-order-tracking';
/** A tracking link keeps working for a year: long enough for a delivery, a return and a refund. */
export const TRACKING_TOKEN_SECONDS = 365 * 24 * 60 * 60;

/** A token that shows the order `orderId` to whoever holds it, for a year from `now`. */
export function issueTrackingToken(orderId: string, now = new Date()): Promise<string> {
  return issueLinkToken(TRACKING_TOKEN_AUDIENCE, orderId, TRACKING_TOKEN_SECONDS, now);
}

/** Whether `token` is a live tracking token for `orderId` (see verifyLinkToken). */
export function verifyTrackingToken(token: string, orderId: string, now = new Date()): Promise<boolean> {
  return verifyLinkToken(token, TRACKING_TOKEN_AUDIENCE, orderId, now);
}

/** A signed token for a link in a mail: it lets whoever holds it act on `subject`, for `audience` only. */
export async function issueLinkToken(audience: string, subject: string, seconds: number, now = new Date()): Promise<string> {
  const { current } = await signingKeys();
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({})
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
  const { verifying } = await signingKeys();
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    return false;
  }
  const key = kid === undefined ? undefined : verifying.get(kid);
  if (!key) return false;
  try {
    await jwtVerify(token, key, {
      algorithms: ['ES256'],
      issuer: TOKEN_ISSUER,
      audience,
      subject,
      requiredClaims: ['sub', 'iat', 'exp'],
      currentDate: now,
    });
    return true;
  } catch (error) {
    if (error instanceof joseErrors.JOSEError) return false;
    throw error;
  }
}
