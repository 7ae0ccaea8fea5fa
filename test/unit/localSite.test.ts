// The local server answers the two apps' paths as CloudFront does (the same rewrite, infra/spaRewrite.ts):
// the shop's deep links get its shell, the console's deep links under /admin/ get the console's,
// files keep their path and a missing file is a 404, not a shell.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { createApiServer } from '../../infra/local/apiServer';

let server: Server;
let base: string;
let siteDir: string;

beforeAll(async () => {
  siteDir = mkdtempSync(path.join(tmpdir(), 'local-site-'));
  mkdirSync(path.join(siteDir, 'admin', 'assets'), { recursive: true });
  writeFileSync(path.join(siteDir, 'index.html'), '<title>shop</title>');
  writeFileSync(path.join(siteDir, 'admin', 'index.html'), '<title>console</title>');
  writeFileSync(path.join(siteDir, 'admin', 'assets', 'console.js'), 'console.log(1)');
  server = createApiServer({ routes: [], siteDir });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(siteDir, { recursive: true, force: true });
});

const get = async (pathname: string) => {
  const res = await fetch(`${base}${pathname}`);
  return { status: res.status, body: await res.text() };
};

describe('local site: two single-page apps', () => {
  it.each(['/', '/minerals/quartz-7', '/account/orders/', '/administrators'])('%s gets the shop', async (pathname) => {
    expect(await get(pathname)).toEqual({ status: 200, body: '<title>shop</title>' });
  });

  it.each(['/admin', '/admin/', '/admin/minerals/quartz-7', '/admin/dashboard'])('%s gets the console', async (pathname) => {
    expect(await get(pathname)).toEqual({ status: 200, body: '<title>console</title>' });
  });

  it('serves the console’s files at their path, and a missing file is a 404', async () => {
    expect(await get('/admin/assets/console.js')).toEqual({ status: 200, body: 'console.log(1)' });
    expect((await get('/admin/assets/missing.js')).status).toBe(404);
  });
});

describe('the local server’s access log', () => {
  it('never writes a link’s token or an address: those query values are replaced, the rest kept', async () => {
    const { loggablePath } = await import('../../infra/local/apiServer');
    const secret = 'eyJhbGciOiJFUzI1NiJ9.secret.part';
    expect(loggablePath(new URL(`http://x/api/orders/abc/tracking?token=${secret}`))).toBe('/api/orders/abc/tracking?token=[redacted]');
    expect(loggablePath(new URL(`http://x/api/restock-watches/unsubscribe?mineralId=m-1&email=a%40b.c&token=${secret}`))).toBe(
      '/api/restock-watches/unsubscribe?mineralId=m-1&email=[redacted]&token=[redacted]',
    );
    expect(loggablePath(new URL('http://x/api/minerals?sort=price_asc'))).toBe('/api/minerals?sort=price_asc');
    expect(loggablePath(new URL('http://x/api/minerals'))).toBe('/api/minerals');
  });
});
