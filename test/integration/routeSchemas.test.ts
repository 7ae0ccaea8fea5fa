// Every route's schemas are written twice: in the route table (what CDK, the local server and the
// OpenAPI document read) and in its handler (what the Lambda parses with). This holds them against
// each other: the same schema objects, for every route, so the contract cannot drift from the code.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/local/apiServer';
import { ROUTES } from '../../shared/http/routes';

interface HandlerModule {
  handler: { schemas?: { params?: unknown; query?: unknown; body?: unknown } };
}

describe('the route table and the handlers', () => {
  it.each(ROUTES.filter((r) => r.access !== 'webhook').map((r) => [r.id, r] as const))('%s parses with the schemas the route table declares', async (_id, route) => {
    const mod = (await import(path.join(REPO_ROOT, route.handler))) as HandlerModule;
    const declared = (route as { request?: { params?: unknown; query?: unknown; body?: unknown } }).request ?? {};
    const parsed = mod.handler.schemas;
    expect(parsed, `${route.handler} is not built with httpRoute`).toBeDefined();
    for (const part of ['params', 'query', 'body'] as const) {
      expect(parsed?.[part], `${route.id}: ${part}`).toBe(declared[part]);
    }
  });
});
