// Which answers browsers and CloudFront may keep: the public catalog reads the route table marks
// carry their rule's Cache-Control (through the real HTTP path, as CloudFront would see it); their
// errors, and every other route's answers, say no-store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putMinerals } from '../../shared/db/minerals';
import { cacheControl, NO_STORE } from '../../shared/http/caching';
import { ROUTES, type RouteDefinition } from '../../shared/http/routes';
import { startTestApi, type TestApi } from '../support/api';
import { aMineral } from '../support/builders';

const routes: readonly RouteDefinition[] = ROUTES;
const mineral = aMineral({ id: 'cache-quartz', available: 3 });

let api: TestApi;
beforeAll(async () => {
  await putMinerals([mineral]);
  api = await startTestApi();
});
afterAll(async () => api?.close());

/** A route's path with every {param} filled in with the test mineral's id. */
const concrete = (route: RouteDefinition) => route.path.replace(/\{\w+\}/g, mineral.id);

async function cacheControlOf(method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; cacheControl: string | null }> {
  const res = await api.request(method, path, { headers });
  return { status: res.status, cacheControl: res.headers.get('cache-control') };
}

describe('Cache-Control of the API', () => {
  it('marks exactly the public reads cacheable: the four catalog reads and the shop’s published rates and policies', () => {
    expect(routes.filter((r) => r.cache).map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /api/categories',
      'GET /api/minerals',
      'GET /api/minerals/{id}',
      'GET /api/openapi.json',
      'GET /api/policies',
      'GET /api/shipping',
    ]);
  });

  it.each(routes.filter((r) => r.cache).map((r) => [r.id, r] as const))('%s answers with its rule’s Cache-Control', async (_id, route) => {
    expect(await cacheControlOf(route.method, concrete(route))).toEqual({ status: 200, cacheControl: cacheControl(route.cache!) });
  });

  it('keeps card lists half a minute, and a product page’s stock only seconds, at CloudFront alone', async () => {
    expect((await cacheControlOf('GET', '/api/minerals?sort=price_asc&limit=5')).cacheControl).toBe('public, max-age=30');
    expect((await cacheControlOf('GET', `/api/minerals/${mineral.id}`)).cacheControl).toBe('public, max-age=0, s-maxage=5');
    expect((await cacheControlOf('GET', '/api/categories')).cacheControl).toBe('public, max-age=300');
  });

  it('never lets an error of a cacheable route be kept', async () => {
    expect(await cacheControlOf('GET', '/api/minerals?sort=cheapest')).toEqual({ status: 400, cacheControl: NO_STORE });
    expect(await cacheControlOf('GET', '/api/minerals/no-such-mineral')).toEqual({ status: 404, cacheControl: NO_STORE });
  });

  it.each(routes.filter((r) => !r.cache).map((r) => [`${r.method} ${r.path}`, r] as const))('%s says no-store, whatever it answers', async (_name, route) => {
    const { status, cacheControl: header } = await cacheControlOf(route.method, concrete(route));
    expect(status).toBeLessThan(500);
    expect(header).toBe(NO_STORE);
  });

  it('says no-store to a shopper’s own cart', async () => {
    const created = await api.request('POST', '/api/carts');
    expect(created.headers.get('cache-control')).toBe(NO_STORE);
    const { cartId, cartToken } = created.body as { cartId: string; cartToken: string };
    expect(await cacheControlOf('GET', `/api/carts/${cartId}`, { 'x-cart-token': cartToken })).toEqual({ status: 200, cacheControl: NO_STORE });
  });
});
