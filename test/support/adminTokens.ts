// Admin auth for tests: a real cognito-local with the admin pool set up as `npm start` does, and the
// forged, foreign and expired tokens an authorizer must refuse.
import { createPrivateKey, randomUUID, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { ensureAdminPool, startCognitoLocal, type AdminPool } from '../../infra/local/cognito';
import { freePort } from '../../infra/local/ports';

export interface AdminAuthConfig extends AdminPool {
  /** cognito-local's endpoint, for sign-ins and Admin* calls. */
  endpoint: string;
  adminEmail: string;
  adminPassword: string;
}

/**
 * Starts cognito-local on a free loopback port with the admin pool and a seeded admin. Returns plain
 * data (it can be handed from a global setup to test files with `provide`/`inject`) and `stop`.
 */
export async function startLocalAdminAuth(): Promise<{ config: AdminAuthConfig; stop: () => Promise<void> }> {
  const cognito = await startCognitoLocal({ port: await freePort() });
  try {
    const admin = { adminEmail: 'admin@mineral-shop.test', adminPassword: 'Test-Admin-Passw0rd!' };
    const pool = await ensureAdminPool(cognito.endpoint, admin);
    return { config: { ...pool, ...admin, endpoint: cognito.endpoint }, stop: cognito.stop };
  } catch (error) {
    await cognito.stop();
    throw error;
  }
}

/** The key cognito-local signs every token with: it ships in the npm package (so, publicly known). */
export function cognitoLocalSigningKey(): KeyObject {
  const keys = path.join(path.dirname(createRequire(import.meta.url).resolve('cognito-local/package.json')), 'lib/keys/cognitoLocal.private.json');
  return createPrivateKey((JSON.parse(readFileSync(keys, 'utf8')) as { pem: string }).pem);
}

/** Signs `claims` as an RS256 JWT with the given key and key id; `iat` is kept if given, else now. */
export function signToken(claims: JWTPayload, key: KeyObject | CryptoKey, kid = 'CognitoLocal'): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid });
  if (claims.iat === undefined) jwt.setIssuedAt();
  return jwt.sign(key);
}

/** An unsecured JWT (`alg: none`, empty signature) carrying `claims`. */
export function unsignedToken(claims: JWTPayload): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

/** The claims of a Cognito access token of the admin group, for forging look-alikes. */
export function accessTokenClaims(config: AdminAuthConfig, overrides: JWTPayload = {}): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: '00000000-0000-4000-8000-000000000000',
    'cognito:groups': ['admin'],
    iss: config.issuer,
    client_id: config.clientId,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: now,
    iat: now,
    exp: now + 3600,
    jti: randomUUID(),
    username: '00000000-0000-4000-8000-000000000000',
    ...overrides,
  };
}

/** An identity provider of our own on 127.0.0.1: its own RS256 key, its JWKS served over HTTP. */
export async function startForeignIssuer(kid = 'CognitoLocal') {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] };
  const server = createServer((req, res) => {
    res.writeHead(req.url?.endsWith('/.well-known/jwks.json') ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/local_Foreign01`;
  return {
    issuer,
    jwksUrl: `${issuer}/.well-known/jwks.json`,
    sign: (claims: JWTPayload) => signToken({ ...claims, iss: issuer }, privateKey, kid),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
