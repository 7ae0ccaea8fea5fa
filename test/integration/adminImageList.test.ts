// The console's read of a mineral's photos: every photo in any state, in order — a pending upload is
// there at once, with nothing of its file yet — and a 404 for a mineral that does not exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalAdminAuthorizer } from '../../infra/local/adminAuthorizer';
import { adminSignIn } from '../../infra/local/cognito';
import { putMinerals } from '../../shared/db/minerals';
import { startLocalAdminAuth } from '../support/adminTokens';
import { startTestApi, type Json, type TestApi } from '../support/api';
import { aMineral } from '../support/builders';

let api: TestApi;
let auth: Awaited<ReturnType<typeof startLocalAdminAuth>>;
let adminToken: string;
beforeAll(async () => {
  auth = await startLocalAdminAuth();
  api = await startTestApi({ authorizer: createLocalAdminAuthorizer(auth.config) });
  adminToken = await adminSignIn(auth.config.endpoint, auth.config.clientId, auth.config.adminEmail, auth.config.adminPassword);
});
afterAll(async () => {
  await api?.close();
  await auth?.stop();
});

const asAdmin = (method: string, path: string, body?: unknown) =>
  api.request(method, path, { headers: { authorization: `Bearer ${adminToken}` }, ...(body === undefined ? {} : { body }) });

describe('GET /api/admin/minerals/{id}/images', () => {
  it('lists every photo of the mineral, a pending upload included, in the order they were added', async () => {
    const mineral = aMineral();
    await putMinerals([mineral]);
    expect((await asAdmin('GET', `/api/admin/minerals/${mineral.id}/images`)).body).toEqual({ items: [] });
    const first = await asAdmin('POST', `/api/admin/minerals/${mineral.id}/images`, { contentType: 'image/jpeg', alt: 'The front' });
    const second = await asAdmin('POST', `/api/admin/minerals/${mineral.id}/images`, { contentType: 'image/png', alt: 'The back' });
    expect([first.status, second.status]).toEqual([201, 201]);
    const listed = await asAdmin('GET', `/api/admin/minerals/${mineral.id}/images`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((i: Json) => [i.imageId, i.status, i.alt])).toEqual([
      [first.body.imageId, 'pending', 'The front'],
      [second.body.imageId, 'pending', 'The back'],
    ]);
    expect(listed.body.items[0].sizes).toEqual({});
  });

  it('answers 404 for a mineral that does not exist', async () => {
    const res = await asAdmin('GET', '/api/admin/minerals/no-such-mineral/images');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});
