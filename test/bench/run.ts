// `npm run bench [-- <section> …]`: starts one in-memory DynamoDB Local on a loopback port, points the
// functions at a fresh table in it, runs each bench section in order (or only those whose name
// contains one of the arguments), and writes bench/reports/latest.{md,json} plus a timestamped copy.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startDynamoDbLocal } from '../../infra/local/dynamodb';
import { applyEnvironment, localEnvironment } from '../../infra/local/environment';
import { freePort } from '../../infra/local/ports';
import { ensureTable } from '../../infra/local/table';
import { sectionMarkdown, type BenchContext, type Section, type SectionModule } from './report';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const reportDir = path.join(repoRoot, 'bench', 'reports');

// Loaded lazily: section modules import the functions' code, which reads its environment at import.
const SECTIONS: Array<{ name: string; load: () => Promise<SectionModule> }> = [
  { name: 'catalog', load: () => import('./catalog') },
  // Before carts: the carts section loads the mail outbox and the token keys with placeholder settings,
  // and both are read once at import; the order processor needs the real ones (set by the section).
  { name: 'orders', load: () => import('./orders') },
  { name: 'carts', load: () => import('./carts') },
  { name: 'bundles', load: () => import('./bundles') },
  { name: 'site', load: () => import('./site') },
  { name: 'photos', load: () => import('./photos') },
  { name: 'dashboard', load: () => import('./dashboard') },
];

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

function machineInfo() {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

function failedSection(name: string, error: unknown): Section {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { name, title: `${name} (failed)`, rows: [], notes: [`The section crashed: ${message}`], raw: { error: message } };
}

async function main(): Promise<number> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const selected = SECTIONS.filter((s) => wanted.length === 0 || wanted.some((w) => s.name.includes(w)));
  if (selected.length === 0) {
    console.error(`No bench section matches ${wanted.join(', ')}; sections: ${SECTIONS.map((s) => s.name).join(', ')}`);
    return 2;
  }
  const machine = machineInfo();
  const started = Date.now();
  log(`starting DynamoDB Local (in memory) for: ${selected.map((s) => s.name).join(', ')}`);
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  const admin = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const sections: Section[] = [];
  let crashed = false;
  try {
    const tableName = `bench-${Date.now().toString(36)}`;
    applyEnvironment(localEnvironment({ tableName, dynamoEndpoint: dynamo.endpoint }));
    // As `npm start` runs: warnings and errors only; nothing is logged on a successful catalog read.
    process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
    await ensureTable(admin, tableName);
    const ctx: BenchContext = { dynamoEndpoint: dynamo.endpoint, tableName, admin, repoRoot, log };

    for (const s of selected) {
      const t = Date.now();
      log(`section ${s.name}…`);
      try {
        const mod = await s.load();
        sections.push(await mod.run(ctx));
      } catch (error) {
        crashed = true;
        console.error(error);
        sections.push(failedSection(s.name, error));
      }
      log(`section ${s.name} done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
  } finally {
    admin.destroy();
    await dynamo.stop();
  }

  const totalSeconds = (Date.now() - started) / 1000;
  const loadAverageAtEnd = os.loadavg().map((l) => Math.round(l * 100) / 100);
  const header = [
    '# Benchmark report',
    '',
    `- Date: ${machine.date}`,
    `- Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB RAM, ${machine.platform}`,
    `- Load average (1/5/15 min) at start ${machine.loadAverageAtStart.join(' / ')}, at end ${loadAverageAtEnd.join(' / ')} (the bench itself keeps about 2 busy; more means other work shared the machine)`,
    `- Node ${machine.node}; DynamoDB Local in memory on 127.0.0.1 (Java), sharing the same cores`,
    `- Sections: ${sections.map((s) => s.name).join(', ')}; whole run ${totalSeconds.toFixed(1)} s`,
  ].join('\n');
  const markdown = `${[header, ...sections.map(sectionMarkdown)].join('\n\n')}\n`;
  const json = { machine: { ...machine, loadAverageAtEnd }, totalSeconds, sections };

  mkdirSync(reportDir, { recursive: true });
  const stamp = machine.date.replace(/[:.]/g, '-');
  writeFileSync(path.join(reportDir, 'latest.md'), markdown);
  writeFileSync(path.join(reportDir, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(path.join(reportDir, `${stamp}.md`), markdown);
  writeFileSync(path.join(reportDir, `${stamp}.json`), `${JSON.stringify(json, null, 2)}\n`);
  process.stdout.write(markdown);
  log(`report written to ${path.relative(repoRoot, reportDir)}/latest.md and ${stamp}.md`);
  return crashed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
