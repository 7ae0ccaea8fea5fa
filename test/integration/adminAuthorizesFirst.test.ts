// An admin route checks who is calling before it reads anything of the request: a signed-in Cognito
// user outside the admin group is told 403 on every admin route even when the path, query or body is
// malformed (found: a non-admin with bad parameters got a 400 that described the route's contract);
// without a token, or with a shopper's token from the shop's own sign-in, every admin route is a 401.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalAdminAuthorizer } from '../../infra/local/adminAuthorizer';
import { adminSignIn, ensurePoolUser } from '../../infra/local/cognito';
import { ROUTES } from '../../shared/http/routes';
import { startLocalAdminAuth } from '../support/adminTokens';
import { startTestApi, type TestApi } from '../support/api';

let auth: Awaited<ReturnType<typeof startLocalAdminAuth>>;
let api: TestApi;
let clerkToken: string;

beforeAll(async () => {
  auth = await startLocalAdminAuth();
  api = await startTestApi({ authorizer: createLocalAdminAuthorizer(auth.config) });
  await ensurePoolUser(auth.config.endpoint, auth.config.userPoolId, { email: 'clerk2@mineral-shop.test', password: 'Clerk-Passw0rd!', groups: [] });
  clerkToken = await adminSignIn(auth.config.endpoint, auth.config.clientId, 'clerk2@mineral-shop.test', 'Clerk-Passw0rd!');
});
afterAll(async () => {
  await api?.close();
  await auth?.stop();
});

/** The route's path with every parameter malformed. */
const malformedPath = (path: string) => path.replace(/\{[^}]+\}/g, '%20not%20an%20id%20');

describe('every admin route, called by a signed-in user outside the admin group with a malformed request', () => {
  it.each(ROUTES.filter((r) => r.access === 'admin').map((r) => [`${r.method} ${r.path}`, r] as const))('%s answers 403', async (_name, route) => {
    const res = await api.request(route.method, `${malformedPath(route.path)}?limit=-5&bogus=1`, {
      headers: { authorization: `Bearer ${clerkToken}` },
      ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: { not: 'the contract' } }),
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });
});

describe('every admin route, called without a token or with a shopper’s token', () => {
  let shopperToken: string;
  beforeAll(async () => {
    const username = `notadmin${Date.now().toString(36)}`;
    const res = await api.request('POST', '/api/auth/register', { body: { username, email: `${username}@example.com`, password: 'correct horse battery', name: 'Not Admin' } });
    expect(res.status).toBe(201);
    shopperToken = res.body.session.accessToken as string;
  });

  const adminRoutes = ROUTES.filter((r) => r.access === 'admin').map((r) => [`${r.method} ${r.path}`, r] as const);
  const call = (route: (typeof adminRoutes)[number][1], headers: Record<string, string>) =>
    api.request(route.method, route.path.replace(/\{[^}]+\}/g, '7c9e6679-7425-40de-944b-e07fc1f90ae7'), {
      headers,
      ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: {} }),
    });

  it.each(adminRoutes)('%s answers 401 without a token', async (_name, route) => {
    expect((await call(route, {})).status).toBe(401);
  });

  it.each(adminRoutes)('%s answers 401 to a shopper’s token (the shop’s own, not the admin pool’s)', async (_name, route) => {
    expect((await call(route, { authorization: `Bearer ${shopperToken}` })).status).toBe(401);
  });
});
