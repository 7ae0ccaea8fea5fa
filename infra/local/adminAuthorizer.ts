// The local stand-in for API Gateway's JWT authorizer on admin routes: verifies the Cognito access token
// the way API Gateway does and hands the handler its claims in the shape API Gateway (payload 2.0) uses.
// What it checks, in API Gateway's order: a token in `Authorization` (bare, or after `Bearer `), an RS256
// signature by a key of the pool's JWKS (matched by `kid`), `iss` equal to the pool's issuer, `aud` — or
// `client_id` when there is no `aud` — among the app clients, `exp` after now, `nbf` and `iat` not after
// now. Every refusal is API Gateway's own 401 body. One check is ours: `token_use` must be `access`
// (API Gateway cannot tell an ID token from an access token; shared/auth/adminAccess.ts checks it in AWS).
import type { APIGatewayEventRequestContextJWTAuthorizer, APIGatewayProxyEventV2 } from 'aws-lambda';
import { createRemoteJWKSet, errors, jwtVerify, type FlattenedJWSInput, type JWSHeaderParameters, type JWTPayload } from 'jose';
import type { LocalAuthorizer } from './apiServer';

export interface LocalAdminAuthorizerOptions {
  /** Exactly the `iss` of the pool's tokens (see ensureAdminPool). */
  issuer: string;
  jwksUrl: string;
  /** The app client(s) whose tokens are accepted: the authorizer's `audience` in AWS. */
  clientId: string | readonly string[];
  /** The clock tokens are judged by (tests move it to expire a real token). */
  now?: () => Date;
  /** Told why a token was refused: API Gateway only says so in a `www-authenticate` header. */
  onRefused?: (reason: string) => void;
}

/** API Gateway's answer to a missing, malformed, forged, foreign or expired token. */
export const UNAUTHORIZED = { status: 401, body: { message: 'Unauthorized' } } as const;

class TokenRefused extends Error {
  override name = 'TokenRefused';
}

function tokenFrom(header: string | undefined): string | undefined {
  const token = header?.replace(/^bearer\s+/i, '').trim();
  return token ? token : undefined;
}

/** Every claim as the string API Gateway hands the function: lists as `[a b]`, objects as JSON, nulls left out. */
export function apiGatewayClaims(payload: JWTPayload): Record<string, string> {
  const render = (value: unknown): string =>
    Array.isArray(value) ? `[${value.map(render).join(' ')}]` : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  return Object.fromEntries(Object.entries(payload).flatMap(([name, value]) => (value === null || value === undefined ? [] : [[name, render(value)]])));
}

/** The token's scopes (`scp`, else the space-separated `scope`), or null when it has neither, as API Gateway does. */
function scopesOf(payload: JWTPayload): string[] | null {
  if (Array.isArray(payload.scp)) return payload.scp.map(String);
  if (typeof payload.scope === 'string') return payload.scope.split(/\s+/).filter((s) => s.length > 0);
  return null;
}

function checkAudience(payload: JWTPayload, audience: readonly string[]): void {
  // API Gateway reads `client_id` only when the token has no `aud` (Cognito access tokens have none).
  const claimed = payload.aud !== undefined ? [payload.aud].flat() : typeof payload.client_id === 'string' ? [payload.client_id] : [];
  if (!claimed.some((a) => audience.includes(a))) throw new TokenRefused('the token does not have a valid audience');
}

export function createLocalAdminAuthorizer(options: LocalAdminAuthorizerOptions): LocalAuthorizer {
  const jwks = createRemoteJWKSet(new URL(options.jwksUrl));
  const audience = [options.clientId].flat();

  const verify = async (token: string): Promise<JWTPayload> => {
    const currentDate = options.now?.() ?? new Date();
    // API Gateway picks the key by `kid` and refuses a token without one; jose alone would try the only key there is.
    const key = (header: JWSHeaderParameters, input: FlattenedJWSInput) => {
      if (!header.kid) throw new TokenRefused('the token has no key id (kid)');
      return jwks(header, input);
    };
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['RS256'],
      issuer: options.issuer,
      requiredClaims: ['exp'],
      currentDate,
    });
    checkAudience(payload, audience);
    if (typeof payload.iat === 'number' && payload.iat > currentDate.getTime() / 1000) throw new TokenRefused('the token was issued in the future');
    if (payload.token_use !== 'access') throw new TokenRefused('not an access token');
    return payload;
  };

  return async (route, event: APIGatewayProxyEventV2) => {
    if (route.access !== 'admin') return undefined;
    const token = tokenFrom(event.headers.authorization);
    if (!token) {
      options.onRefused?.('no token in the Authorization header');
      return UNAUTHORIZED;
    }
    let payload: JWTPayload;
    try {
      payload = await verify(token);
    } catch (error) {
      // A JWKS that cannot be fetched is the server's problem, not the caller's: let it become a 500.
      if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || !(error instanceof errors.JOSEError || error instanceof TokenRefused)) throw error;
      options.onRefused?.(error.message);
      return UNAUTHORIZED;
    }
    const authorizer: APIGatewayEventRequestContextJWTAuthorizer = { jwt: { claims: apiGatewayClaims(payload), scopes: scopesOf(payload) } };
    Object.assign(event.requestContext, { authorizer });
    return undefined;
  };
}
