// Bench section "site": the shopper site's initial JS + CSS (what index.html loads before the first
// render: its script, module preloads and stylesheet), gzip-compressed as a CDN would serve it,
// against the 100 KB target; and the time to the first catalog render in headless Chromium (Debian's
// /usr/bin/chromium through playwright-core), each run in a fresh browser context (empty cache), the
// site and API served by the local server over the bench table. Also the admin console's initial
// JS + CSS (its own bundle, frontend/dist/admin) against its 120 KB target.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { createApiServer } from '../../infra/local/apiServer';
import { ensureSiteBuilt } from '../../infra/local/site';
import { atMost, type BenchContext, type Row, type Section } from './report';
import { closeServer, listenOnLoopback } from './servers';
import { fmt, summarize } from './stats';

const TARGET_KB = 100;
const CONSOLE_TARGET_KB = 120;
const CHROMIUM = '/usr/bin/chromium';
const RENDER_RUNS = 10;
const RENDER_WARMUP = 2;
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Asset {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** KB as 1,000 bytes, the unit every figure of the shop is quoted in. */
const kb = (bytes: number) => bytes / 1000;

function measure(dist: string, href: string): Asset {
  const content = readFileSync(path.join(dist, href.replace(/^\//, '')));
  return { file: href, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

/** What an app's page (index.html, admin/index.html) makes the browser fetch before the app can render: entry script, module preloads, stylesheets. */
function initialAssets(dist: string, page = 'index.html'): Asset[] {
  const html = readFileSync(path.join(dist, page), 'utf8');
  const hrefs = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const src = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if (!src || /^(data:|https?:)/.test(src)) continue;
    const isScript = tag.startsWith('<script') && /type="module"/.test(tag);
    const isPreload = /rel="modulepreload"/.test(tag);
    const isStyle = /rel="stylesheet"/.test(tag);
    if (isScript || isPreload || isStyle) hrefs.add(src);
  }
  return [...hrefs].map((href) => measure(dist, href));
}

function allAssets(dist: string): Asset[] {
  const dir = path.join(dist, 'assets');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(js|css)$/.test(f) && statSync(path.join(dir, f)).isFile())
    .map((f) => measure(dist, `/assets/${f}`));
}

interface RenderRun {
  /** Navigation start → the first mineral card in the DOM. */
  renderMs: number;
  fcpMs: number;
  /** Cumulative layout shift until the page and its images have loaded. */
  cls: number;
}

type Probe = Window & { __firstCard?: number; __cls?: number };

async function firstCatalogRender(browser: Browser, url: string): Promise<RenderRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as Probe;
      w.__cls = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
          if (!entry.hadRecentInput) w.__cls = (w.__cls ?? 0) + entry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
      new MutationObserver((_, observer) => {
        if (document.querySelector('ul.grid li')) {
          w.__firstCard = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as Probe).__firstCard !== undefined, undefined, { timeout: 30_000 });
    await page.waitForLoadState('load');
    // The images in view (lazy ones below the fold never load, and shift nothing anyone sees).
    await page.waitForFunction(() => Array.from(document.images).every((img) => img.complete || img.getBoundingClientRect().top > innerHeight), undefined, {
      timeout: 30_000,
    });
    return await page.evaluate(() => ({
      renderMs: (window as Probe).__firstCard!,
      fcpMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
      cls: (window as Probe).__cls ?? 0,
    }));
  } finally {
    await context.close();
  }
}

export async function run(ctx: BenchContext): Promise<Section> {
  await ensureSiteBuilt(ctx.log);
  const dist = path.join(ctx.repoRoot, 'frontend', 'dist');
  const initial = initialAssets(dist);
  const all = allAssets(dist);
  const initialGzip = initial.reduce((n, a) => n + a.gzipBytes, 0);
  const consoleInitial = initialAssets(dist, 'admin/index.html');
  const consoleGzip = consoleInitial.reduce((n, a) => n + a.gzipBytes, 0);
  const lazyGzip = all.filter((a) => !initial.some((i) => i.file === a.file)).reduce((n, a) => n + a.gzipBytes, 0);

  const rows: Row[] = [
    {
      measure: 'Initial JS + CSS, gzip (entry script, module preloads, stylesheet)',
      value: `${fmt(kb(initialGzip), 1)} KB (${initial.length} files; ${fmt(kb(initial.reduce((n, a) => n + a.bytes, 0)), 1)} KB before gzip)`,
      target: `≤ ${TARGET_KB} KB`,
      verdict: atMost(kb(initialGzip), TARGET_KB),
    },
    {
      measure: 'Admin console initial JS + CSS, gzip (its own bundle, frontend/dist/admin)',
      value: `${fmt(kb(consoleGzip), 1)} KB (${consoleInitial.length} files)`,
      target: `≤ ${CONSOLE_TARGET_KB} KB`,
      verdict: atMost(kb(consoleGzip), CONSOLE_TARGET_KB),
    },
    {
      measure: 'Lazy chunks (other pages, Stripe loader), gzip, all together',
      value: `${fmt(kb(lazyGzip), 1)} KB in ${all.length - initial.length} files`,
      target: '',
      verdict: 'info',
    },
  ];
  const notes = ['gzip at level 9 of each file on its own, as a CDN compresses them; images are not counted (they load lazily below the fold).'];
  const raw: Record<string, unknown> = { initial, all, initialGzip, lazyGzip, consoleInitial, consoleGzip };

  if (!existsSync(CHROMIUM)) {
    notes.push(`No Chromium at ${CHROMIUM}: the first-render time was not measured.`);
  } else {
    // The seed catalog, unless this table has it already (it only writes what is missing).
    const { seedShop } = await import('../../infra/local/seed/seedShop');
    await seedShop();
    const { ROUTES } = await import('../../shared/http/routes');
    const server: Server = createApiServer({ routes: ROUTES, siteDir: dist });
    const base = await listenOnLoopback(server);
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
    try {
      for (let i = 0; i < RENDER_WARMUP; i++) await firstCatalogRender(browser, `${base}/`);
      const runs: RenderRun[] = [];
      for (let i = 0; i < RENDER_RUNS; i++) runs.push(await firstCatalogRender(browser, `${base}/`));
      const render = summarize(runs.map((r) => r.renderMs));
      const fcp = summarize(runs.map((r) => r.fcpMs).filter(Number.isFinite));
      rows.push(
        {
          measure: `Time to the first catalog render (navigation start → first mineral card), fresh context each run, ${RENDER_RUNS} runs`,
          value: `p50 ${fmt(render.p50, 0)} ms, p95 ${fmt(render.p95, 0)} ms`,
          target: '',
          verdict: 'info',
        },
        { measure: 'First contentful paint', value: `p50 ${fmt(fcp.p50, 0)} ms, p95 ${fmt(fcp.p95, 0)} ms`, target: '', verdict: 'info' },
        {
          measure: 'Cumulative layout shift while the catalog and its images load (worst run)',
          value: fmt(Math.max(...runs.map((r) => r.cls)), 3),
          target: '≤ 0.1 (a "good" CLS)',
          verdict: atMost(Math.max(...runs.map((r) => r.cls)), 0.1),
        },
      );
      raw.runs = runs;
      raw.render = render;
      raw.fcp = fcp;
      notes.push('Loopback server, no network latency or throttling: the render time is what the code costs (parse, run, two API calls, paint), not what a phone on a slow link sees.');
    } finally {
      await browser.close();
      await closeServer(server);
    }
  }

  return {
    name: 'site',
    title: 'Shopper site: initial bundle and first catalog render; the admin console’s initial bundle',
    rows,
    tables: [
      {
        title: 'Initial files',
        headers: ['File', 'Bytes', 'gzip bytes'],
        rows: initial.map((a) => [a.file, a.bytes.toLocaleString('en'), a.gzipBytes.toLocaleString('en')]),
      },
    ],
    notes,
    raw,
  };
}
