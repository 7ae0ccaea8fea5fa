// The route and worker tables are the single source for the CDK stack and the local runtime: every
// entry must point at a real handler, and every handler file must be reachable through exactly one
// entry of one of them.
import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as z from 'zod';
import { REPO_ROOT } from '../../infra/paths';
import { ROUTES, type RouteDefinition } from '../../shared/http/routes';
import { SECRETS } from '../../shared/secrets';
import { QUEUES } from '../../shared/queues';
import { WORKERS, type WorkerDefinition } from '../../shared/workers';

/** Typed as the general shape, so the checks cover any route or worker the tables may gain. */
const routes: readonly RouteDefinition[] = ROUTES;
const workers: readonly WorkerDefinition[] = WORKERS;

const duplicates = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);

function functionEntryFiles(): string[] {
  return readdirSync(path.join(REPO_ROOT, 'functions'), { recursive: true, encoding: 'utf8' })
    .map((file) => `functions/${file.split(path.sep).join('/')}`)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.endsWith('.test.ts'))
    .sort();
}

/** Imports a handler file the way Lambda loads it, and returns what it exports as `handler`. */
async function importHandler(handler: string): Promise<unknown> {
  const file = path.join(REPO_ROOT, handler);
  expect(existsSync(file), `${handler} exists`).toBe(true);
  const module = (await import(pathToFileURL(file).href)) as { handler?: unknown };
  return module.handler;
}

beforeAll(() => {
  // Handler modules read their configuration when they load, as they do in Lambda: give them what the
  // stack gives every function that may need it (nothing here connects to anything).
  process.env.TABLE_NAME = 'routes-test';
  process.env.AWS_REGION = 'us-east-1';
  for (const { urlEnv } of Object.values(QUEUES)) process.env[urlEnv] = 'https://sqs.us-east-1.amazonaws.com/000000000000/routes-test';
  process.env.MAIL_FROM = 'Mineral shop <shop@example.com>';
  process.env.PHOTO_BUCKET = 'routes-test-photos';
  for (const { arnEnv } of Object.values(SECRETS)) process.env[arnEnv] = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:routes-test';
});

describe('route table', () => {
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
    expect(typeof (await importHandler(route.handler))).toBe('function');
  });
});

describe('worker table', () => {
  it('has unique worker ids, none of them a route id', () => {
    expect(duplicates(workers.map((w) => w.id))).toEqual([]);
    const routeIds = new Set(routes.map((r) => r.id));
    expect(workers.map((w) => w.id).filter((id) => routeIds.has(id))).toEqual([]);
  });

  it.each(workers.map((w) => [w.id, w] as const))('%s has a handler file that exports a handler function', async (_id, worker) => {
    expect(typeof (await importHandler(worker.handler))).toBe('function');
  });

  it.each(workers.flatMap((w) => (w.trigger.kind === 'schedule' ? [[w.id, w.trigger.everyMinutes] as const] : [])))(
    '%s runs every %i minute(s), a whole number EventBridge can schedule',
    (_id, everyMinutes) => {
      expect(Number.isInteger(everyMinutes)).toBe(true);
      expect(everyMinutes).toBeGreaterThanOrEqual(1);
    },
  );
});

describe('functions/', () => {
  it('holds only handlers, each of exactly one route or exactly one worker', () => {
    const files = functionEntryFiles();
    expect(files.length).toBeGreaterThan(0);
    const handlers = [...routes.map((r) => r.handler as string), ...workers.map((w) => w.handler as string)];
    for (const file of files) {
      expect(handlers.filter((h) => h === file), `routes and workers whose handler is ${file}`).toHaveLength(1);
    }
    expect(handlers.filter((h) => !files.includes(h)), 'handlers outside functions/').toEqual([]);
  });
});
