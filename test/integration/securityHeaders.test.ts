// The local server sends the security headers CloudFront adds in AWS (shared/http/securityHeaders.ts,
// the one definition both read): on the site's pages, its deep links (a tracking link with its token),
// and every /api answer, success or refusal — through the real server and real handlers.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer } from '../../infra/local/apiServer';
import { ROUTES } from '../../shared/http/routes';
import { securityHeaders } from '../../shared/http/securityHeaders';

const COGNITO = 'http://127.0.0.1:9130';
const S3 = 'http://127.0.0.1:9104';
let server: Server;
let base: string;
let siteDir: string;

beforeAll(async () => {
  siteDir = mkdtempSync(path.join(tmpdir(), 'headers-site-'));
  mkdirSync(path.join(siteDir, 'admin'), { recursive: true });
  mkdirSync(path.join(siteDir, 'assets'), { recursive: true });
  writeFileSync(path.join(siteDir, 'index.html'), '<title>shop</title>');
  writeFileSync(path.join(siteDir, 'admin', 'index.html'), '<title>console</title>');
  writeFileSync(path.join(siteDir, 'assets', 'app.js'), 'export {}');
  server = createApiServer({
    routes: ROUTES,
    siteDir,
    mediaOrigin: `${S3}/photos`,
    consoleConfig: { endpoint: `${COGNITO}/`, userPoolId: 'local_pool', clientId: 'client' },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(siteDir, { recursive: true, force: true });
});

const expected = securityHeaders([COGNITO, S3]);

describe('security headers on the local server', () => {
  it.each([
    ['the shop’s page', 'GET', '/'],
    ['a guest’s tracking link (a token in its URL)', 'GET', `/orders/${randomUUID()}/track?token=abc`],
    ['the console', 'GET', '/admin/'],
    ['a script', 'GET', '/assets/app.js'],
    ['a missing file', 'GET', '/assets/missing.js'],
    ['the console’s config', 'GET', '/admin/config.json'],
    ['a catalog read', 'GET', '/api/categories'],
    ['the OpenAPI document', 'GET', '/api/openapi.json'],
    ['a refused tracking token', 'GET', `/api/orders/${randomUUID()}/tracking?token=forged`],
    ['a malformed body', 'POST', '/api/checkout/quote'],
    ['an unknown API path', 'GET', '/api/no-such-thing'],
  ])('%s carries every header, as CloudFront sends it', async (_what, method, pathname) => {
    const res = await fetch(`${base}${pathname}`, { method, ...(method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: '{' } : {}) });
    await res.arrayBuffer();
    for (const [name, value] of Object.entries(expected)) expect(res.headers.get(name), `${name} on ${pathname} (${res.status})`).toBe(value);
  });

  it('lets the pages call only their own origin, Stripe, and the console’s sign-in and photo storage; framed by nobody', async () => {
    const csp = (await fetch(`${base}/`)).headers.get('content-security-policy') ?? '';
    const directives = Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['connect-src']).toEqual(["'self'", 'https://api.stripe.com', COGNITO, S3]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['script-src']).not.toContain("'unsafe-inline'");
    expect(directives['style-src']).toEqual(["'self'"]);
    // Style attributes only (the console's mail preview); never a <style> element or a script.
    expect(directives['style-src-attr']).toEqual(["'unsafe-inline'"]);
    expect(directives['style-src-elem']).toBeUndefined();
    expect((await fetch(`${base}/`)).headers.get('referrer-policy')).toBe('same-origin');
  });
});
