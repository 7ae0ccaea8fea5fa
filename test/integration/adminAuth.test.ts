// Admin routes behind Cognito: a real cognito-local issues the tokens, the local authorizer checks them
// as API Gateway's JWT authorizer would, and the handler checks the admin group.
import { createHash, createPublicKey, randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalAdminAuthorizer, UNAUTHORIZED } from '../../infra/local/adminAuthorizer';
import { adminSignIn, cognitoCall, ensurePoolUser, signIn } from '../../infra/local/cognito';
import { ADMIN_GROUP, requireAdmin } from '../../shared/auth/adminAccess';
import { createUser, type User } from '../../shared/db/users';
import { ForbiddenError, UnauthorizedError } from '../../shared/errors';
import { ROUTES, type RouteDefinition } from '../../shared/http/routes';
import {
  accessTokenClaims,
  cognitoLocalSigningKey,
  signToken,
  startForeignIssuer,
  startLocalAdminAuth,
  unsignedToken,
  type AdminAuthConfig,
} from '../support/adminTokens';
import { startTestApi, type Json, type TestApi } from '../support/api';

let auth: Awaited<ReturnType<typeof startLocalAdminAuth>>;
let config: AdminAuthConfig;
let api: TestApi;
let adminToken: string;

const listUsersRoute: RouteDefinition = ROUTES.find((r) => r.id === 'listUsers')!;

function aUser(email: string): User {
  const userId = randomUUID();
  const at = new Date(Date.UTC(2026, 0, 1)).toISOString();
  return {
    userId,
    username: `user-${userId.slice(0, 8)}`,
    email,
    name: email.split('@')[0]!,
    passwordHash: `scrypt$test$${createHash('sha256').update(userId).digest('hex')}`,
    addresses: [],
    defaultAddressId: null,
    preferences: { promotionalEmail: false, restockAlerts: true },
    disabled: false,
    createdAt: at,
    updatedAt: at,
  };
}

const shoppers = ['ann.adams@example.com', 'Ann.Baker@Example.com', 'anna.clark@example.com', 'bob.stone@example.com', 'carol.quartz@example.com'].map(aUser);
const byEmail = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const listUsers = (query: string, token: string | undefined = adminToken) =>
  api.request('GET', `/api/admin/users${query}`, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });

/** A bare API Gateway event, for calling the authorizer and requireAdmin directly. */
function eventWith(headers: Record<string, string>, authorizer?: unknown): APIGatewayProxyEventV2 {
  return { headers, requestContext: { ...(authorizer ? { authorizer } : {}) } } as unknown as APIGatewayProxyEventV2;
}

beforeAll(async () => {
  auth = await startLocalAdminAuth();
  config = auth.config;
  api = await startTestApi({ authorizer: createLocalAdminAuthorizer(config) });
  adminToken = await adminSignIn(config.endpoint, config.clientId, config.adminEmail, config.adminPassword);
  for (const user of shoppers) await createUser(user);
});
afterAll(async () => {
  await api?.close();
  await auth?.stop();
});

describe('GET /api/admin/users as the seeded admin', () => {
  it('pages through every shopper in email order with a cursor', async () => {
    const seen: Json[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await listUsers(`?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);

    expect(pages).toBeGreaterThanOrEqual(3);
    expect(seen.map((u) => u.email)).toEqual(shoppers.map((u) => u.email).sort((a, b) => byEmail(a.toLowerCase(), b.toLowerCase())));
    const ann = shoppers[0]!;
    expect(seen.find((u) => u.userId === ann.userId)).toEqual({
      userId: ann.userId,
      username: ann.username,
      email: ann.email,
      name: ann.name,
      disabled: false,
      createdAt: ann.createdAt,
    });
  });

  it('never sends a password hash', async () => {
    const res = await api.request('GET', '/api/admin/users?limit=100', { headers: { authorization: `Bearer ${adminToken}` } });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(shoppers.length);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('passwordHash');
    for (const user of shoppers) expect(text).not.toContain(user.passwordHash);
  });

  it('finds users by email prefix, whatever its case', async () => {
    const ann = await listUsers('?email=ANN');
    expect(ann.status).toBe(200);
    expect(ann.body.items.map((u: Json) => u.email)).toEqual(['ann.adams@example.com', 'Ann.Baker@Example.com', 'anna.clark@example.com']);
    expect(ann.body.nextCursor).toBeNull();

    const annDot = await listUsers('?email=ann.');
    expect(annDot.body.items.map((u: Json) => u.email)).toEqual(['ann.adams@example.com', 'Ann.Baker@Example.com']);

    const none = await listUsers('?email=zed');
    expect(none.body).toEqual({ items: [], nextCursor: null });
  });

  it('keeps a search when paging and refuses a cursor from another search', async () => {
    const first = await listUsers('?email=ann&limit=1');
    expect(first.body.items).toHaveLength(1);
    const second = await listUsers(`?email=ann&limit=5&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.body.items.map((u: Json) => u.email)).toEqual(['Ann.Baker@Example.com', 'anna.clark@example.com']);

    const mixed = await listUsers(`?email=bob&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.code).toBe('invalid_cursor');
  });

  it.each([
    ['limit=0', /limit must be at least 1/],
    ['limit=101', /limit must be at most 100/],
    ['limit=ten', /limit must be a whole number/],
    [`email=${'a'.repeat(255)}`, /email must be at most 254/],
    ['role=admin', /unknown field role/],
  ])('answers 400 to %s', async (query, message) => {
    const res = await listUsers(`?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('takes the token with or without the Bearer prefix, as API Gateway does', async () => {
    expect((await api.request('GET', '/api/admin/users', { headers: { authorization: adminToken } })).status).toBe(200);
    expect((await api.request('GET', '/api/admin/users', { headers: { authorization: `bearer ${adminToken}` } })).status).toBe(200);
  });
});

describe('the admin authorizer refuses with API Gateway’s 401', () => {
  const expectUnauthorized = async (authorization: string | undefined) => {
    const res = await api.request('GET', '/api/admin/users', authorization === undefined ? {} : { headers: { authorization } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ message: 'Unauthorized' });
  };

  it('a request without a token', async () => {
    await expectUnauthorized(undefined);
    await expectUnauthorized('Bearer ');
  });

  it.each(['Bearer not-a-jwt', 'Bearer a.b.c', 'Basic YWRtaW46cGFzc3dvcmQ=', 'Bearer eyJhbGciOiJSUzI1NiJ9.e30'])('a malformed token: %s', async (header) => {
    await expectUnauthorized(header);
  });

  it('an expired token, though signed with cognito-local’s own key', async () => {
    const now = Math.floor(Date.now() / 1000);
    const key = cognitoLocalSigningKey();
    // The same forgery with a live `exp` is accepted: only the expiry differs.
    expect((await listUsers('', await signToken(accessTokenClaims(config), key))).status).toBe(200);
    await expectUnauthorized(`Bearer ${await signToken(accessTokenClaims(config, { iat: now - 7200, auth_time: now - 7200, exp: now - 3600 }), key)}`);
  });

  it('a token that never expires (no exp)', async () => {
    const { exp: _exp, ...claims } = accessTokenClaims(config);
    await expectUnauthorized(`Bearer ${await signToken(claims, cognitoLocalSigningKey())}`);
  });

  it('a real admin token once its hour is up', async () => {
    const later = await startTestApi({ authorizer: createLocalAdminAuthorizer({ ...config, now: () => new Date(Date.now() + 61 * 60_000) }) });
    try {
      const res = await later.request('GET', '/api/admin/users', { headers: { authorization: `Bearer ${adminToken}` } });
      expect(res.status).toBe(401);
      expect(res.body).toEqual(UNAUTHORIZED.body);
    } finally {
      await later.close();
    }
  });

  it('a token not yet valid (nbf in the future)', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectUnauthorized(`Bearer ${await signToken(accessTokenClaims(config, { nbf: now + 600 }), cognitoLocalSigningKey())}`);
  });

  it('a token signed by a key that is not in the JWKS', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    await expectUnauthorized(`Bearer ${await signToken(accessTokenClaims(config), privateKey)}`);
    await expectUnauthorized(`Bearer ${await signToken(accessTokenClaims(config), privateKey, 'some-other-kid')}`);
  });

  it('a token without a key id, though signed with cognito-local’s key', async () => {
    const token = await new SignJWT(accessTokenClaims(config)).setProtectedHeader({ alg: 'RS256', typ: 'JWT' }).sign(cognitoLocalSigningKey());
    await expectUnauthorized(`Bearer ${token}`);
  });

  it('a token whose signature was tampered with', async () => {
    const [header, , signature] = adminToken.split('.');
    const claims = JSON.parse(Buffer.from(adminToken.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, sub: randomUUID() })).toString('base64url');
    await expectUnauthorized(`Bearer ${header}.${forgedPayload}.${signature}`);
  });

  it('an unsecured token (alg: none)', async () => {
    await expectUnauthorized(`Bearer ${unsignedToken(accessTokenClaims(config))}`);
  });

  it('an HS256 token keyed with the pool’s public key (algorithm confusion)', async () => {
    const publicPem = createPublicKey(cognitoLocalSigningKey()).export({ type: 'spki', format: 'pem' });
    const token = await new SignJWT(accessTokenClaims(config)).setProtectedHeader({ alg: 'HS256', kid: 'CognitoLocal' }).sign(Buffer.from(publicPem));
    await expectUnauthorized(`Bearer ${token}`);
  });

  it('a token from a foreign issuer with its own key and JWKS', async () => {
    const foreign = await startForeignIssuer();
    try {
      const token = await foreign.sign(accessTokenClaims(config));
      await expectUnauthorized(`Bearer ${token}`);
      // The token itself is sound: an authorizer that trusts that issuer takes it.
      const trusting = createLocalAdminAuthorizer({ issuer: foreign.issuer, jwksUrl: foreign.jwksUrl, clientId: config.clientId });
      expect(await trusting(listUsersRoute, eventWith({ authorization: `Bearer ${token}` }))).toBeUndefined();
    } finally {
      await foreign.close();
    }
  });

  it('a token from another user pool, though cognito-local signs it with the same key', async () => {
    const { UserPool } = await cognitoCall<{ UserPool: { Id: string } }>(config.endpoint, 'CreateUserPool', { PoolName: 'another-pool', UsernameAttributes: ['email'] });
    const { UserPoolClient } = await cognitoCall<{ UserPoolClient: { ClientId: string } }>(config.endpoint, 'CreateUserPoolClient', {
      UserPoolId: UserPool.Id,
      ClientName: 'another-client',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
    });
    await cognitoCall(config.endpoint, 'CreateGroup', { UserPoolId: UserPool.Id, GroupName: ADMIN_GROUP });
    await ensurePoolUser(config.endpoint, UserPool.Id, { email: 'intruder@example.com', password: 'Intruder-Passw0rd!', groups: [ADMIN_GROUP] });
    const token = await adminSignIn(config.endpoint, UserPoolClient.ClientId, 'intruder@example.com', 'Intruder-Passw0rd!');
    await expectUnauthorized(`Bearer ${token}`);
    // Its claims made out to our app client are still refused, for the issuer alone: with our issuer they pass.
    const claims = { ...JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()), client_id: config.clientId };
    await expectUnauthorized(`Bearer ${await signToken(claims, cognitoLocalSigningKey())}`);
    expect((await listUsers('', await signToken({ ...claims, iss: config.issuer }, cognitoLocalSigningKey()))).status).toBe(200);
  });

  it('a token issued to another app client of the pool', async () => {
    const { UserPoolClient } = await cognitoCall<{ UserPoolClient: { ClientId: string } }>(config.endpoint, 'CreateUserPoolClient', {
      UserPoolId: config.userPoolId,
      ClientName: 'some-other-app',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
    });
    await expectUnauthorized(`Bearer ${await adminSignIn(config.endpoint, UserPoolClient.ClientId, config.adminEmail, config.adminPassword)}`);
  });

  it('the admin’s ID token instead of the access token', async () => {
    const { idToken } = await signIn(config.endpoint, config.clientId, config.adminEmail, config.adminPassword);
    await expectUnauthorized(`Bearer ${idToken}`);
  });

  it('but leaves public routes alone, whatever they carry', async () => {
    const res = await api.request('GET', '/api/categories', { headers: { authorization: 'Bearer not-a-jwt' } });
    expect(res.status).toBe(200);
  });
});

describe('a signed-in Cognito user outside the admin group', () => {
  it('is refused by the handler with 403', async () => {
    await ensurePoolUser(config.endpoint, config.userPoolId, { email: 'clerk@mineral-shop.test', password: 'Clerk-Passw0rd!', groups: [] });
    const token = await adminSignIn(config.endpoint, config.clientId, 'clerk@mineral-shop.test', 'Clerk-Passw0rd!');
    const res = await listUsers('', token);
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/admin group/) });
  });
});

describe('the claims the handler sees', () => {
  it('are strings in API Gateway’s shape, with cognito:groups as [admin]', async () => {
    const event = eventWith({ authorization: `Bearer ${adminToken}` });
    expect(await createLocalAdminAuthorizer(config)(listUsersRoute, event)).toBeUndefined();
    const { jwt } = (event.requestContext as unknown as { authorizer: { jwt: { claims: Record<string, unknown>; scopes: unknown } } }).authorizer;
    expect(jwt.claims).toMatchObject({ 'cognito:groups': '[admin]', token_use: 'access', client_id: config.clientId, iss: config.issuer });
    expect(Object.values(jwt.claims).every((v) => typeof v === 'string')).toBe(true);
    expect(jwt.claims.exp).toMatch(/^\d+$/);
    expect(jwt.scopes).toEqual(['aws.cognito.signin.user.admin']);
    expect(requireAdmin(event)).toEqual({ adminId: jwt.claims.sub });
  });

  it.each([
    ['[admin]', true],
    ['[editors admin]', true],
    [['admin'], true],
    ['[administrators]', false],
    ['[admin,editors]', false],
    ['[]', false],
  ])('requireAdmin with cognito:groups %j lets in: %s', (groups, admitted) => {
    const event = eventWith({}, { jwt: { claims: { sub: 'a-sub', token_use: 'access', 'cognito:groups': groups }, scopes: null } });
    if (admitted) expect(requireAdmin(event)).toEqual({ adminId: 'a-sub' });
    else expect(() => requireAdmin(event)).toThrow(ForbiddenError);
  });

  it('requireAdmin answers 401 without claims or for an ID token, and never reads the header', () => {
    expect(() => requireAdmin(eventWith({ authorization: `Bearer ${adminToken}` }))).toThrow(UnauthorizedError);
    const idClaims = { jwt: { claims: { sub: 'a-sub', token_use: 'id', 'cognito:groups': '[admin]' }, scopes: null } };
    expect(() => requireAdmin(eventWith({}, idClaims))).toThrow(UnauthorizedError);
  });
});
