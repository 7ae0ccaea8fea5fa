// An admin route checks who is calling before it reads anything of the request: a signed-in Cognito
// user outside the admin group is told 403 on every admin route even when the path, query or body is
// malformed (found: a non-admin with bad parameters got a 400 that described the route's contract).
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
