// Bench section "bundles": synthesizes the CDK app offline into a temporary folder and measures each
// Lambda's bundle (the index.mjs/index.js of its asset folder), mapped to its function through the
// template's `aws:asset:path` metadata. Skips, rather than fails, while the CDK app is not there yet.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { localEnvironment } from '../../infra/local/environment';
import { atMost, type BenchContext, type Row, type Section } from './report';
import { fmt } from './stats';

const TARGET_KB = 250;
const SYNTH_TIMEOUT_MS = 240_000;

interface Bundle {
  asset: string;
  file: string;
  bytes: number;
  gzipBytes: number;
  minified: boolean;
  functions: string[];
  /** Built by NodejsFunction (ours), as opposed to a handler shipped inside aws-cdk-lib. */
  bundledByUs: boolean;
}

interface TemplateResource {
  Type?: string;
  Metadata?: Record<string, unknown>;
}

const kb = (bytes: number) => bytes / 1024;

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
    const users = new Map<string, { names: string[]; bundled: boolean }>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.template.json'))) {
      const template = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { Resources?: Record<string, TemplateResource> };
      for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
        const metadata = resource.Metadata ?? {};
        const assetPath = metadata['aws:asset:path'];
        if (resource.Type !== 'AWS::Lambda::Function' || typeof assetPath !== 'string') continue;
        const entry = users.get(assetPath) ?? { names: [], bundled: false };
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
        // Minified output has few, very long lines.
        minified: content.length / lines > 400,
        functions: user?.names ?? [],
        bundledByUs: user?.bundled ?? false,
      });
    }
  }
  return bundles.sort((a, b) => b.bytes - a.bytes);
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
    const rows: Row[] = [
      {
        measure: `Largest Lambda bundle${ours.length ? ' built by NodejsFunction' : ''}: ${label(largest)}`,
        value: `${fmt(kb(largest.bytes), 1)} KB (${largest.bytes.toLocaleString('en')} bytes; ${largest.minified ? 'minified' : 'NOT minified'})`,
        target: `≤ ${TARGET_KB} KB, minified`,
        verdict: largest.minified ? atMost(kb(largest.bytes), TARGET_KB) : 'missed',
      },
      {
        measure: 'Bundles measured; total size',
        value: `${bundles.length} (${ours.length} ours); ${fmt(kb(bundles.reduce((n, b) => n + b.bytes, 0)), 1)} KB`,
        target: '',
        verdict: 'info',
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
          headers: ['Function(s)', 'Asset', 'File', 'Bytes', 'KB', 'gzip KB', 'Minified', 'Built by'],
          rows: bundles.map((b) => [
            label(b),
            b.asset.length > 18 ? `${b.asset.slice(0, 18)}…` : b.asset,
            b.file,
            b.bytes.toLocaleString('en'),
            fmt(kb(b.bytes), 1),
            fmt(kb(b.gzipBytes), 1),
            b.minified ? 'yes' : 'no',
            b.bundledByUs ? 'NodejsFunction' : 'aws-cdk-lib',
          ]),
        },
      ],
      notes: ['Sizes are of the main bundle file only (source maps and other files in the asset folder are not counted).'],
      raw: { synthSeconds, bundles },
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
