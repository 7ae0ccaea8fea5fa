// `npm start`: the whole shop on one machine. Starts DynamoDB Local (data under .local/), creates
// the table from the CDK definition, seeds the demo shop, and serves the site and /api on
// 127.0.0.1. Ctrl-C stops everything it started.
import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { MissingJavaError, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb';
import { applyEnvironment, LOCAL_TABLE_NAME, localEnvironment } from './environment';
import { assertPortFree, PortInUseError } from './ports';
import { ensureTable } from './table';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const dataDir = path.join(root, '.local');

const port = Number(process.env.PORT ?? 3000);
const dynamoPort = Number(process.env.DYNAMODB_PORT ?? 8100);

async function main() {
  const started = Date.now();
  if (process.argv.includes('--reset')) {
    rmSync(path.join(dataDir, 'dynamodb'), { recursive: true, force: true });
    console.log('Reset: local data removed; the shop will be seeded afresh.');
  }
  await assertPortFree(port, 'the shop and its API', 'PORT');
  await assertPortFree(dynamoPort, 'DynamoDB Local', 'DYNAMODB_PORT');

  const stops: Array<() => Promise<void>> = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const stop of stops.reverse()) await stop().catch((e: unknown) => console.error(e));
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    const dynamo: DynamoDbLocal = await startDynamoDbLocal({ port: dynamoPort, dataDir: path.join(dataDir, 'dynamodb') });
    stops.push(dynamo.stop);
    applyEnvironment(localEnvironment({ tableName: LOCAL_TABLE_NAME, dynamoEndpoint: dynamo.endpoint }));
    process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

    const admin = new DynamoDBClient({ endpoint: dynamo.endpoint });
    const created = await ensureTable(admin, LOCAL_TABLE_NAME);
    admin.destroy();

    // Function code reads its environment at import, so it is loaded only now.
    const { seedShop } = await import('./seed/seedShop');
    const seeded = await seedShop();
    const { ROUTES } = await import('../../shared/http/routes');
    const { createApiServer } = await import('./apiServer');
    const { siteDirectory } = await import('./site');
    const { WORKERS } = await import('../../shared/workers');
    const { startScheduledWorkers } = await import('./workers');

    const server: Server = createApiServer({ routes: ROUTES, siteDir: siteDirectory(), accessLog: process.env.ACCESS_LOG === '1' });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    stops.push(await startScheduledWorkers(WORKERS, (line) => console.error(line)));

    const base = `http://127.0.0.1:${port}`;
    console.log(
      [
        '',
        `Mineral shop is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s).`,
        `  Shop:        ${base}/`,
        `  API:         ${base}/api/minerals`,
        `  OpenAPI:     ${base}/api/openapi.json`,
        `  DynamoDB:    ${dynamo.endpoint} (table ${LOCAL_TABLE_NAME}${created ? ', created now' : ''}; ${seeded.minerals ? `seeded ${seeded.minerals} minerals` : 'data kept from last run'})`,
        '',
        `Jobs:        ${WORKERS.flatMap((w) => (w.trigger.kind === 'schedule' ? [`${w.id} every ${w.trigger.everyMinutes} min`] : [])).join(', ')}`,
        '',
        'Data lives in .local/ and survives restarts; `npm run reset` starts from a fresh seed.',
        'Press Ctrl-C to stop everything.',
        '',
      ].join('\n'),
    );
  } catch (error) {
    if (error instanceof MissingJavaError || error instanceof PortInUseError) console.error(`\n${error.message}\n`);
    else console.error(error);
    await stopAll(1);
  }
}

main().catch(async (error: unknown) => {
  if (error instanceof PortInUseError || error instanceof MissingJavaError) console.error(`\n${error.message}\n`);
  else console.error(error);
  process.exit(1);
});
