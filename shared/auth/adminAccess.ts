// Who is calling an admin route. In AWS, API Gateway's JWT authorizer has already verified the Cognito
// access token (signature, issuer, app client, expiry) before the function runs, and put its claims on
// the event; locally infra/local/adminAuthorizer.ts does the same. This reads only those claims, never
// a header, and checks what the authorizer cannot: that it is an access token of the admin group.
import type { APIGatewayEventRequestContextJWTAuthorizer, APIGatewayProxyEventV2 } from 'aws-lambda';
import { ForbiddenError, UnauthorizedError } from '../errors';

/** The Cognito group whose members run the shop. */
export const ADMIN_GROUP = 'admin';

export interface AdminCaller {
  /** The admin's Cognito `sub`. */
  adminId: string;
  /** Present when the token carries it (Cognito ID tokens do, access tokens do not). */
  email?: string;
}

type JwtClaims = APIGatewayEventRequestContextJWTAuthorizer['jwt']['claims'];

function jwtClaimsOf(event: APIGatewayProxyEventV2): JwtClaims | undefined {
  const context = event.requestContext as APIGatewayProxyEventV2['requestContext'] & { authorizer?: Partial<APIGatewayEventRequestContextJWTAuthorizer> };
  return context.authorizer?.jwt?.claims ?? undefined;
}

/**
 * The values of a list claim such as `cognito:groups`. API Gateway (payload 2.0) hands every claim
 * to the function as a string and prints a list the way Go prints a slice: `[admin editors]`.
 * A real array (a directly invoked function) is taken as is. Cognito group names cannot contain
 * whitespace, so splitting on it is exact; commas are not separators (a group may contain one).
 */
export function claimValues(value: JwtClaims[string] | undefined): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  const text = value.trim();
  const inner = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return inner.split(/\s+/).filter((v) => v.length > 0);
}

/** Returns the calling admin, or throws 401 (no verified access token) or 403 (not in the admin group). */
export function requireAdmin(event: APIGatewayProxyEventV2): AdminCaller {
  const claims = jwtClaimsOf(event);
  // In AWS the authorizer has already refused such a request; this is defence in depth.
  if (!claims) throw new UnauthorizedError('Sign in as an admin: send your Cognito access token as Authorization: Bearer <token>.');
  // API Gateway cannot tell an ID token from an access token (an ID token's `aud` is the app client too).
  if (claims.token_use !== 'access') throw new UnauthorizedError('Send a Cognito access token, not an ID token.');
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub === '') throw new UnauthorizedError('The access token names no user.');
  if (!claimValues(claims['cognito:groups']).includes(ADMIN_GROUP)) {
    throw new ForbiddenError(`Only members of the ${ADMIN_GROUP} group may do this; you are signed in, but not as an admin.`);
  }
  const email = claims.email;
  return { adminId: sub, ...(typeof email === 'string' && email !== '' ? { email } : {}) };
}
