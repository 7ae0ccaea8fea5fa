// The route table is the single source for the CDK stack and the local server: every entry must
// point at a real handler, and every handler file must be reachable through exactly one entry.
import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as z from 'zod';
import { REPO_ROOT } from '../../infra/paths';
import { ROUTES, type RouteDefinition } from '../../shared/http/routes';

// Scheduled and queue-driven entries (DESIGN §1, functions/jobs/) are Lambdas without a route.
const NON_HTTP_DIRECTORIES = ['functions/jobs/'];

/** Typed as the general shape, so the checks cover any route the table may gain. */
const routes: readonly RouteDefinition[] = ROUTES;

const duplicates = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);

function functionEntryFiles(): string[] {
  return readdirSync(path.join(REPO_ROOT, 'functions'), { recursive: true, encoding: 'utf8' })
    .map((file) => `functions/${file.split(path.sep).join('/')}`)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.endsWith('.test.ts'))
    .filter((file) => !NON_HTTP_DIRECTORIES.some((dir) => file.startsWith(dir)))
    .sort();
}

describe('route table', () => {
  beforeAll(() => {
    // Handler modules read their configuration when they load, as they do in Lambda.
    process.env.TABLE_NAME = 'routes-test';
    process.env.AWS_REGION = 'us-east-1';
  });

  it('has unique route ids', () => {
    expect(duplicates(routes.map((r) => r.id))).toEqual([]);
  });

  it('has unique method and path pairs', () => {
    expect(duplicates(routes.map((r) => `${r.method} ${r.path}`))).toEqual([]);
  });

  it.each(routes.map((r) => [r.id, r] as const))('%s lives under /api/ with a well-formed path', (_id, route) => {
    expect(route.path.startsWith('/api/')).toBe(true);
    // API Gateway path segments: literals or whole-segment {params}; no trailing slash, no empty segment.
    expect(route.path).toMatch(/^(\/([\w.-]+|\{\w+\}))+$/);
  });

  it.each(routes.map((r) => [r.id, r] as const))('%s declares a params schema for exactly the {params} in its path', (_id, route) => {
    const placeholders = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
    const params = route.request?.params;
    if (placeholders.length === 0) {
      expect(params).toBeUndefined();
      return;
    }
    expect(params).toBeInstanceOf(z.ZodObject);
    expect(Object.keys((params as z.ZodObject).shape).sort()).toEqual(placeholders);
  });

  it.each(routes.map((r) => [r.id, r] as const))('%s has a handler file that exports a handler function', async (_id, route) => {
    const file = path.join(REPO_ROOT, route.handler);
    expect(existsSync(file), `${route.handler} exists`).toBe(true);
    const module = (await import(pathToFileURL(file).href)) as { handler?: unknown };
    expect(typeof module.handler).toBe('function');
  });

  it('maps every HTTP function file to exactly one route', () => {
    const files = functionEntryFiles();
    expect(files.length).toBeGreaterThan(0);
    const handlers = routes.map((r) => r.handler as string);
    for (const file of files) {
      expect(handlers.filter((h) => h === file), `routes whose handler is ${file}`).toHaveLength(1);
    }
    expect(handlers.filter((h) => !files.includes(h)), 'handlers outside functions/').toEqual([]);
  });
});
