// Bench section "bundles": synthesizes the CDK app offline into a temporary folder and measures each
// Lambda's bundle (the index.mjs/index.js of its asset folder), mapped to its function through the
// template's `aws:asset:path` metadata. Skips, rather than fails, while the CDK app is not there yet.
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { localEnvironment } from '../../infra/local/environment';
import { QUEUES } from '../../shared/queues';
import { atMost, type BenchContext, type Row, type Section } from './report';
import { fmt, p50 } from './stats';

const TARGET_KB = 250;
/**
 * p50 over our functions of the cold import (best of 5 each) before the bundles were lightened
 * (commit c82c01d: Stripe SDK in 8 bundles, zod classic, source maps enabled), on the 2-core bench machine.
 */
const BASELINE_COLD_IMPORT_P50_MS = 111;
const COLD_IMPORT_TARGET_RATIO = 0.7;
const SYNTH_TIMEOUT_MS = 240_000;

interface Bundle {
  asset: string;
  file: string;
  bytes: number;
  gzipBytes: number;
  /** Every file of code in the asset folder: the entry and what it imports lazily (its node_modules), maps aside. */
  totalBytes: number;
  minified: boolean;
  functions: string[];
  /** Built by NodejsFunction (ours), as opposed to a handler shipped inside aws-cdk-lib. */
  bundledByUs: boolean;
  /** The environment of (the first) function using it, as the template sets it; tokens left as they are. */
  environment: Record<string, unknown>;
}

interface TemplateResource {
  Type?: string;
  Metadata?: Record<string, unknown>;
  Properties?: { Environment?: { Variables?: Record<string, unknown> } };
}

/** KB as 1,000 bytes, the unit every figure of the shop is quoted in. */
const kb = (bytes: number) => bytes / 1000;

/** Bytes of every .js/.mjs/.cjs file under `dir` (source maps and other files not counted). */
function codeBytes(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(m|c)?js$/.test(f))
    .reduce((n, f) => n + statSync(path.join(dir, f)).size, 0);
}

function skipped(reason: string, raw: Record<string, unknown> = {}): Section {
  return { name: 'bundles', title: 'Lambda bundle sizes', rows: [], skipped: reason, raw: { skipped: reason, ...raw } };
}

/** The environment for the CDK CLI: ours minus what the runner set for the local functions, and no phoning home. */
function synthEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(localEnvironment({ tableName: 'x', dynamoEndpoint: 'http://127.0.0.1' }))) delete env[key];
  delete env.POWERTOOLS_LOG_LEVEL;
  return { ...env, CDK_DISABLE_CLI_TELEMETRY: 'true', CDK_DISABLE_VERSION_CHECK: 'true', npm_config_update_notifier: 'false' };
}

function synth(repoRoot: string, outDir: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  const cdk = path.join(repoRoot, 'node_modules', '.bin', 'cdk');
  return new Promise((resolve) => {
    execFile(
      cdk,
      ['synth', '--no-notices', '--quiet', '-o', outDir],
      { cwd: repoRoot, env: synthEnvironment(), timeout: SYNTH_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        if (!error) return resolve({ ok: true });
        // The lines that name the error, not the stack under it; then the CLI's last word.
        const lines = `${stderr}`.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('at '));
        const errorLines = lines.filter((l) => /error/i.test(l)).slice(0, 3);
        const detail = [...new Set([...errorLines, ...lines.slice(-1)])].join(' ⏎ ');
        const why = error.killed ? `timed out after ${SYNTH_TIMEOUT_MS / 1000} s` : `exit code ${String(error.code)}`;
        resolve({ ok: false, reason: `cdk synth failed (${why}): ${detail.slice(0, 600)}` });
      },
    );
  });
}

/** Every folder of the cloud assembly that holds templates (the root and any nested stage assemblies). */
function assemblyDirs(root: string): string[] {
  const dirs = [root];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name.startsWith('assembly-')) dirs.push(...assemblyDirs(path.join(root, entry.name)));
  }
  return dirs;
}

function functionName(logicalId: string, metadata: Record<string, unknown>): string {
  const cdkPath = typeof metadata['aws:cdk:path'] === 'string' ? metadata['aws:cdk:path'] : '';
  const parts = cdkPath.split('/').filter((p) => p && p !== 'Resource');
  return parts.length >= 2 ? parts.slice(1).join('/') : logicalId;
}

function measureBundles(outDir: string): Bundle[] {
  const bundles: Bundle[] = [];
  for (const dir of assemblyDirs(outDir)) {
    // Asset folder → functions that use it, and whether NodejsFunction built it.
    const users = new Map<string, { names: string[]; bundled: boolean; environment: Record<string, unknown> }>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.template.json'))) {
      const template = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { Resources?: Record<string, TemplateResource> };
      for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
        const metadata = resource.Metadata ?? {};
        const assetPath = metadata['aws:asset:path'];
        if (resource.Type !== 'AWS::Lambda::Function' || typeof assetPath !== 'string') continue;
        const entry = users.get(assetPath) ?? { names: [], bundled: false, environment: resource.Properties?.Environment?.Variables ?? {} };
        entry.names.push(functionName(logicalId, metadata));
        entry.bundled ||= metadata['aws:asset:is-bundled'] === true;
        users.set(assetPath, entry);
      }
    }
    for (const asset of readdirSync(dir).filter((f) => f.startsWith('asset.'))) {
      const assetDir = path.join(dir, asset);
      if (!statSync(assetDir).isDirectory()) continue;
      const main = ['index.mjs', 'index.js'].find((f) => existsSync(path.join(assetDir, f)));
      const user = users.get(asset);
      if (!main) continue; // not code: site files, a BucketDeployment source
      const content = readFileSync(path.join(assetDir, main));
      const lines = content.toString('utf8').split('\n').length;
      bundles.push({
        asset,
        file: main,
        bytes: content.length,
        gzipBytes: gzipSync(content).length,
        totalBytes: codeBytes(assetDir),
        // Minified output has few, very long lines.
        minified: content.length / lines > 400,
        functions: user?.names ?? [],
        bundledByUs: user?.bundled ?? false,
        environment: user?.environment ?? {},
      });
    }
  }
  return bundles.sort((a, b) => b.bytes - a.bytes);
}

// ---------------------------------------------------------------------------------------------------
// Cold import: a fresh Node process imports the built bundle, as Lambda's runtime does at a cold start.

const COLD_IMPORT_RUNS = 5;

/**
 * The function's environment from the template, with CloudFormation references (table name, queue
 * URLs, secret ARNs) replaced by values of the right shape: the shared modules check them at import.
 */
function coldStartEnvironment(template: Record<string, unknown>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'cold-start',
    AWS_SECRET_ACCESS_KEY: 'cold-start',
    AWS_LAMBDA_FUNCTION_NAME: 'cold-start',
  };
  for (const [name, value] of Object.entries(template)) {
    if (typeof value === 'string') env[name] = value;
    else if (name.endsWith('_QUEUE_URL')) env[name] = `https://sqs.us-east-1.amazonaws.com/000000000000/${name.toLowerCase()}`;
    else if (name.endsWith('_ARN')) env[name] = `arn:aws:secretsmanager:us-east-1:000000000000:secret:${name.toLowerCase()}`;
    else env[name] = `cold-start-${name.toLowerCase()}`;
  }
  return env;
}

/** Milliseconds `import()` of the bundle takes in a fresh process (Node's own start not counted), each of `runs`; or the error it threw. */
function coldImportMs(file: string, env: NodeJS.ProcessEnv, runs: number): number[] | string {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    try {
      times.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 })));
    } catch (error) {
      // The thrown error's own line, not the minified source line Node prints above it.
      const lines = String((error as { stderr?: unknown }).stderr ?? error).split('\n');
      return (lines.find((l) => l.length < 400 && /^\S*(Error|Exception)\b|^\S* \[\w*(Error|Exception)\]/.test(l)) ?? 'failed').slice(0, 200);
    }
  }
  return times;
}

export interface ColdImport {
  /** Best of COLD_IMPORT_RUNS, ms; undefined when it could not be measured. */
  bestMs: number | undefined;
  /** Why the import failed with the template's environment alone (then measured with every queue URL set). */
  failsWithTemplateEnv: string | undefined;
}

/**
 * Copies each bundle's asset folder under the repository's node_modules (so the AWS SDK, which Lambda
 * provides and the bundles leave out, resolves as it would in the runtime) and times its cold import.
 */
function measureColdImports(repoRoot: string, outDir: string, bundles: readonly Bundle[]): Map<string, ColdImport> {
  const cache = path.join(repoRoot, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const work = mkdtempSync(path.join(cache, 'bench-cold-'));
  const results = new Map<string, ColdImport>();
  try {
    for (const b of bundles) {
      const source = assemblyDirs(outDir).map((d) => path.join(d, b.asset)).find((d) => existsSync(d));
      if (!source) continue;
      const copy = path.join(work, b.asset);
      cpSync(source, copy, { recursive: true });
      const file = path.join(copy, b.file);
      const env = coldStartEnvironment(b.environment);
      const first = coldImportMs(file, env, 1);
      const failsWithTemplateEnv = typeof first === 'string' ? first : undefined;
      const everyQueue = Object.fromEntries(Object.values(QUEUES).map((q) => [q.urlEnv, `https://sqs.us-east-1.amazonaws.com/000000000000/${q.urlEnv.toLowerCase()}`]));
      const times = coldImportMs(file, failsWithTemplateEnv ? { ...everyQueue, ...env } : env, COLD_IMPORT_RUNS);
      results.set(b.asset, { bestMs: typeof times === 'string' ? undefined : Math.min(...times), failsWithTemplateEnv: failsWithTemplateEnv ?? (typeof times === 'string' ? times : undefined) });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return results;
}

/** The AWS SDK's DynamoDB clients alone, as every function imports them (the runtime provides them): best of COLD_IMPORT_RUNS. */
function sdkImportMs(repoRoot: string): number | undefined {
  const cache = path.join(repoRoot, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const work = mkdtempSync(path.join(cache, 'bench-sdk-'));
  try {
    const file = path.join(work, 'sdk.mjs');
    writeFileSync(file, "await import('@aws-sdk/client-dynamodb'); await import('@aws-sdk/lib-dynamodb');\n");
    const times = coldImportMs(file, { PATH: process.env.PATH, AWS_REGION: 'us-east-1' }, COLD_IMPORT_RUNS);
    return typeof times === 'string' ? undefined : Math.min(...times);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Every bundle of a synthesized cloud assembly with its cold import time (for comparing two builds). */
export function measureAssembly(repoRoot: string, outDir: string): Array<Bundle & ColdImport> {
  const bundles = measureBundles(outDir).filter((b) => b.bundledByUs);
  const times = measureColdImports(repoRoot, outDir, bundles);
  return bundles.map((b) => ({ ...b, ...(times.get(b.asset) ?? { bestMs: undefined, failsWithTemplateEnv: 'not measured' }) }));
}

export async function run(ctx: BenchContext): Promise<Section> {
  const missing = ['cdk.json', 'infra/app.ts'].filter((f) => !existsSync(path.join(ctx.repoRoot, f)));
  if (missing.length) return skipped(`the CDK app is not there yet (${missing.join(', ')} missing)`);
  if (!existsSync(path.join(ctx.repoRoot, 'node_modules', '.bin', 'cdk'))) return skipped('the CDK CLI is not installed (node_modules/.bin/cdk)');

  const outDir = mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
  try {
    ctx.log(`cdk synth into ${outDir}…`);
    const started = performance.now();
    const result = await synth(ctx.repoRoot, outDir);
    const synthSeconds = (performance.now() - started) / 1000;
    if (!result.ok) return skipped(result.reason, { synthSeconds });

    const bundles = measureBundles(outDir);
    if (bundles.length === 0) return skipped('cdk synth produced no Lambda bundle (no asset folder with index.mjs or index.js)', { synthSeconds });
    const ours = bundles.filter((b) => b.bundledByUs);
    const judged = ours.length ? ours : bundles;
    const largest = judged[0]!;
    const label = (b: Bundle) => (b.functions.length ? b.functions.join(', ') : `(${b.asset}, no function in the template)`);
    ctx.log(`cold import of ${ours.length} bundles, best of ${COLD_IMPORT_RUNS} fresh processes each…`);
    const cold = measureColdImports(ctx.repoRoot, outDir, ours);
    const coldMs = [...cold.values()].flatMap((c) => (c.bestMs === undefined ? [] : [c.bestMs]));
    const coldP50 = p50(coldMs);
    const failing = [...cold.entries()].filter(([, c]) => c.failsWithTemplateEnv);
    const sdkMs = sdkImportMs(ctx.repoRoot);
    const rows: Row[] = [
      {
        measure: `Largest Lambda bundle${ours.length ? ' built by NodejsFunction' : ''}: ${label(largest)}`,
        value: `${fmt(kb(largest.bytes), 1)} KB (${largest.bytes.toLocaleString('en')} bytes; ${largest.minified ? 'minified' : 'NOT minified'})`,
        target: `≤ ${TARGET_KB} KB, minified`,
        verdict: largest.minified ? atMost(kb(largest.bytes), TARGET_KB) : 'missed',
      },
      (() => {
        const heaviest = [...ours].sort((a, b) => b.totalBytes - a.totalBytes)[0] ?? largest;
        return {
          measure: `… with the JavaScript shipped beside the entry in the asset's node_modules (the Stripe SDK, loaded on first use; sharp, installed with its native binaries, not counted), the largest: ${label(heaviest)}`,
          value: `${fmt(kb(heaviest.totalBytes), 1)} KB in all (entry ${fmt(kb(heaviest.bytes), 1)} KB)`,
          target: '',
          verdict: 'info' as const,
        };
      })(),
      {
        measure: 'Bundles measured; total size',
        value: `${bundles.length} (${ours.length} ours); ${fmt(kb(bundles.reduce((n, b) => n + b.bytes, 0)), 1)} KB`,
        target: '',
        verdict: 'info',
      },
      {
        measure: `Cold import (a fresh Node process imports the bundle with its function's environment and NODE_OPTIONS; best of ${COLD_IMPORT_RUNS}), p50 over ${coldMs.length} functions ÷ ${BASELINE_COLD_IMPORT_P50_MS} ms before the bundles were lightened`,
        value: `${fmt(coldP50, 1)} ms (${fmt(coldP50 / BASELINE_COLD_IMPORT_P50_MS)}×); slowest ${fmt(Math.max(...coldMs), 1)} ms`,
        target: `≤ ${COLD_IMPORT_TARGET_RATIO}×`,
        verdict: atMost(coldP50 / BASELINE_COLD_IMPORT_P50_MS, COLD_IMPORT_TARGET_RATIO),
      },
      {
        measure: '… of which the AWS SDK\'s DynamoDB clients, imported alone in a fresh process (every function loads them; Lambda\'s runtime provides them, so no bundle change makes them lighter); the p50 less that',
        value: sdkMs === undefined ? 'not measured' : `${fmt(sdkMs, 1)} ms; ${fmt(coldP50 - sdkMs, 1)} ms`,
        target: '',
        verdict: 'info',
      },
      {
        measure: 'Functions whose cold import fails with the environment the template gives them (measured with every queue URL set)',
        value: failing.length ? `${failing.length}: ${failing.map(([asset, c]) => `${label(ours.find((b) => b.asset === asset)!)} (${c.failsWithTemplateEnv})`).join('; ')}` : 'none',
        target: 'none',
        verdict: failing.length ? 'missed' : 'met',
      },
      { measure: 'cdk synth time (offline, local esbuild)', value: `${fmt(synthSeconds, 1)} s`, target: '', verdict: 'info' },
    ];
    return {
      name: 'bundles',
      title: 'Lambda bundle sizes',
      rows,
      tables: [
        {
          title: 'Every bundle, largest first',
          headers: ['Function(s)', 'Asset', 'File', 'Bytes', 'KB', 'gzip KB', 'With node_modules JS KB', 'Minified', 'Built by', 'Cold import ms'],
          rows: bundles.map((b) => [
            label(b),
            b.asset.length > 18 ? `${b.asset.slice(0, 18)}…` : b.asset,
            b.file,
            b.bytes.toLocaleString('en'),
            fmt(kb(b.bytes), 1),
            fmt(kb(b.gzipBytes), 1),
            fmt(kb(b.totalBytes), 1),
            b.minified ? 'yes' : 'no',
            b.bundledByUs ? 'NodejsFunction' : 'aws-cdk-lib',
            cold.get(b.asset)?.bestMs === undefined ? '' : fmt(cold.get(b.asset)!.bestMs!, 1),
          ]),
        },
      ],
      notes: [
        'Sizes are of the entry file (index.mjs), which Lambda loads at every cold start; "with lazy packages" adds the code files beside it in the asset\'s node_modules (the Stripe SDK, bundled there and imported only when a function first calls Stripe; sharp and its dependencies as npm installed them, imported with the photo worker\'s entry; native binaries are not counted). Source maps are not counted (none are built unless a stage asks with -c sourceMaps=true).',
        'Cold import: each asset folder is copied under node_modules/.cache (so the AWS SDK, which the Lambda runtime provides, resolves), and a fresh `node` imports it with the template\'s environment for that function (CloudFormation references replaced by values of the right shape), timing `import()` alone, not Node\'s own start; best of 5. The baseline is a constant measured on this machine, so read the ratio with the load average in mind.',
      ],
      raw: { synthSeconds, bundles, coldImports: Object.fromEntries(cold), sdkImportMs: sdkMs },
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
