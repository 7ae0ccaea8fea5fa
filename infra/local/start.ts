// `npm start`: the whole shop on one machine. Starts DynamoDB Local (data under .local/), local SQS
// and SES, cognito-local, creates the table from the CDK definition, seeds the demo shop, and serves
// the site and /api on 127.0.0.1, with the scheduled jobs on timers and the queue workers polling.
// Ctrl-C stops everything it started.
import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DEFAULT_COGNITO_PORT, DEMO_ADMIN, ensureAdminPool } from './cognito';
import { MissingJavaError, startDynamoDbLocal } from './dynamodb';
import { applyEnvironment, LOCAL_TABLE_NAME, localEnvironment } from './environment';
import { ensureLocalSecrets } from './localSecrets';
import { createPaymentSandbox, SANDBOX_TEST_CARDS, type PaymentSandbox } from './paymentSandbox';
import { assertPortFree, PortInUseError } from './ports';
import { createQueues } from './sqs';
import { startAwsStandIns } from './standIns';
import { ensureTable, OutdatedTableError } from './table';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const dataDir = path.join(root, '.local');

const port = Number(process.env.PORT ?? 3000);
const dynamoPort = Number(process.env.DYNAMODB_PORT ?? 8100);
const sqsPort = Number(process.env.SQS_PORT ?? 8101);
const sesPort = Number(process.env.SES_PORT ?? 8102);
const cognitoPort = Number(process.env.COGNITO_PORT ?? DEFAULT_COGNITO_PORT);
const paymentSandboxPort = Number(process.env.PAYMENT_SANDBOX_PORT ?? 8103);
const s3Port = Number(process.env.S3_PORT ?? 8104);
/** With a Stripe test key in the environment the functions talk to Stripe itself, not the sandbox. */
const realStripe = Boolean(process.env.STRIPE_SECRET_KEY);
const adminEmail = process.env.ADMIN_EMAIL ?? DEMO_ADMIN.email;
const adminPassword = process.env.ADMIN_PASSWORD ?? DEMO_ADMIN.password;

/** What the banner says about payments: the sandbox and its test cards, or Stripe test mode. */
function paymentLines(sandboxUrl: string | undefined): string[] {
  if (sandboxUrl) {
    return [
      `  Payments:     local payment sandbox at ${sandboxUrl} (plays Stripe; no real money, no network)`,
      `  Test cards:   ${SANDBOX_TEST_CARDS.succeeds} succeeds · ${SANDBOX_TEST_CARDS.declined} is declined · ${SANDBOX_TEST_CARDS.insufficientFunds} has insufficient funds · ${SANDBOX_TEST_CARDS.disputed} is disputed after paying`,
      '                any future expiry date, any 3-digit CVC',
    ];
  }
  return [
    '  Payments:     Stripe TEST MODE (STRIPE_SECRET_KEY is set): use Stripe\'s test cards.',
    process.env.STRIPE_PUBLISHABLE_KEY ? '' : '                STRIPE_PUBLISHABLE_KEY is not set: the site cannot show Stripe\'s card form.',
    `                Webhooks reach this machine only through \`stripe listen --forward-to 127.0.0.1:${port}/api/webhooks/stripe\``,
    process.env.STRIPE_WEBHOOK_SECRET ? '' : '                and STRIPE_WEBHOOK_SECRET set to the secret it prints.',
  ].filter(Boolean);
}

async function main() {
  const started = Date.now();
  if (process.argv.includes('--reset')) {
    rmSync(dataDir, { recursive: true, force: true });
    console.log('Reset: local data removed; the shop will be seeded afresh.');
  }
  await assertPortFree(port, 'the shop and its API', 'PORT');
  await assertPortFree(dynamoPort, 'DynamoDB Local', 'DYNAMODB_PORT');
  await assertPortFree(sqsPort, 'local SQS', 'SQS_PORT');
  await assertPortFree(sesPort, 'local SES and its mail viewer', 'SES_PORT');
  await assertPortFree(cognitoPort, 'cognito-local (admin sign-in)', 'COGNITO_PORT');
  if (!realStripe) await assertPortFree(paymentSandboxPort, 'the payment sandbox', 'PAYMENT_SANDBOX_PORT');
  await assertPortFree(s3Port, 'the S3 emulator (mineral photos)', 'S3_PORT');

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
  process.on('SIGHUP', () => void stopAll(0));
  // `npm start` runs us under a shell; if whatever started us goes away without passing a signal on
  // (a signal sent to npm alone, a closed terminal), stop everything rather than linger as an orphan.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stopAll(0);
  }, 1_000).unref();

  try {
    const [dynamo, standIns] = await Promise.all([
      startDynamoDbLocal({ port: dynamoPort, dataDir: path.join(dataDir, 'dynamodb') }),
      startAwsStandIns({ sqsPort, sesPort, cognitoPort, cognitoDir: path.join(dataDir, 'cognito') }),
    ]);
    stops.push(dynamo.stop, standIns.stop);
    const sqs = { endpoint: standIns.sqsEndpoint };
    const ses = { endpoint: standIns.sesEndpoint };
    const cognito = { endpoint: standIns.cognitoEndpoint };

    const base = `http://127.0.0.1:${port}`;
    const [queueUrls, secrets, adminPool] = await Promise.all([
      createQueues(sqs.endpoint, 'mineral-shop-'),
      ensureLocalSecrets(dataDir),
      ensureAdminPool(cognito.endpoint, { adminEmail, adminPassword }),
    ]);
    // — admin: photos — the S3 emulator with the photo bucket; uploads are announced on photoUploads.
    const { startLocalS3, ensurePhotoBucket, LOCAL_PHOTO_BUCKET } = await import('./s3');
    const s3 = await startLocalS3({ port: s3Port, directory: path.join(dataDir, 's3'), sqsEndpoint: sqs.endpoint, uploadsQueueFor: () => queueUrls.photoUploads });
    stops.push(s3.stop);
    await ensurePhotoBucket(s3.endpoint, LOCAL_PHOTO_BUCKET, base);
    let paymentSandbox: PaymentSandbox | undefined;
    let paymentSandboxUrl: string | undefined;
    if (!realStripe) {
      paymentSandbox = createPaymentSandbox({
        webhookSecret: secrets.stripeWebhookSecret,
        webhookUrl: `${base}/api/webhooks/stripe`,
        stateFile: path.join(dataDir, 'payment-sandbox.json'),
      });
      paymentSandboxUrl = await paymentSandbox.listen(paymentSandboxPort);
      stops.push(paymentSandbox.close);
    }
    applyEnvironment(
      localEnvironment({
        tableName: LOCAL_TABLE_NAME,
        dynamoEndpoint: dynamo.endpoint,
        sqsEndpoint: sqs.endpoint,
        queueUrls,
        sesEndpoint: ses.endpoint,
        // With real Stripe, the webhook secret is the one `stripe listen` (or the dashboard) gave.
        secrets: { ...secrets, stripeWebhookSecret: (realStripe && process.env.STRIPE_WEBHOOK_SECRET) || secrets.stripeWebhookSecret },
        shopUrl: base,
        ...(paymentSandboxUrl ? { paymentSandboxUrl } : {}),
        s3Endpoint: s3.endpoint,
        photoBucket: LOCAL_PHOTO_BUCKET,
      }),
    );
    process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

    const admin = new DynamoDBClient({ endpoint: dynamo.endpoint });
    const created = await ensureTable(admin, LOCAL_TABLE_NAME);
    admin.destroy();

    // Function code reads its environment at import, so it is loaded only now.
    const { seedShop, DEMO_SHOPPER } = await import('./seed/seedShop');
    const seeded = await seedShop();
    const { ROUTES } = await import('../../shared/http/routes');
    const { WORKERS } = await import('../../shared/workers');
    const { createApiServer } = await import('./apiServer');
    const { createLocalAdminAuthorizer } = await import('./adminAuthorizer');
    const { ensureSiteBuilt, siteDirectory } = await import('./site');
    await ensureSiteBuilt(); // a fresh clone, or changed site sources: build frontend/dist first
    const { startScheduledWorkers } = await import('./workers');
    const { startQueuePollers } = await import('./queuePoller');

    const accessLog = process.env.ACCESS_LOG === '1';
    const server: Server = createApiServer({
      routes: ROUTES,
      siteDir: siteDirectory(),
      // /media/* from the photo bucket, as CloudFront serves it in AWS.
      mediaOrigin: `${s3.endpoint}/${LOCAL_PHOTO_BUCKET}`,
      accessLog,
      ...(paymentSandbox ? { paymentSandbox } : {}),
      consoleConfig: { endpoint: cognito.endpoint, userPoolId: adminPool.userPoolId, clientId: adminPool.clientId },
      authorizer: createLocalAdminAuthorizer({
        ...adminPool,
        ...(accessLog ? { onRefused: (why: string) => console.log(`admin token refused: ${why}`) } : {}),
      }),
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    stops.push(await startScheduledWorkers(WORKERS, (line) => console.error(line)));
    stops.push(await startQueuePollers(WORKERS, queueUrls, sqs.endpoint, (line) => console.error(line)));
    // — admin: the table's stream feeds its consumers (the dashboard's aggregates) —
    const { startTableStreamWorkers } = await import('./tableStream');
    stops.push((await startTableStreamWorkers(WORKERS, { endpoint: dynamo.endpoint, tableName: LOCAL_TABLE_NAME, intervalMs: 1_000 })).stop);

    const schedules = WORKERS.flatMap((w) => (w.trigger.kind === 'schedule' ? [`${w.id} every ${w.trigger.everyMinutes} min`] : []));
    const consumers = WORKERS.flatMap((w) => (w.trigger.kind === 'queue' ? [`${w.id} ← ${w.trigger.queue}`] : []));
    console.log(
      [
        '',
        `Mineral shop is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s).`,
        '',
        `  Shop:         ${base}/`,
        `  Mail viewer:  ${ses.endpoint}/   (every mail the shop sends)`,
        `  API:          ${base}/api/minerals   (described at ${base}/api/openapi.json)`,
        '',
        `  Demo shopper: ${DEMO_SHOPPER.email} / ${DEMO_SHOPPER.password}   (or username ${DEMO_SHOPPER.username})`,
        `  Console:      ${base}/admin/   (sign in as the demo admin)`,
        `  Demo admin:   ${adminEmail} / ${adminPassword}`,
        '',
        ...paymentLines(paymentSandboxUrl),
        '',
        `  DynamoDB:     ${dynamo.endpoint} (table ${LOCAL_TABLE_NAME}${created ? ', created now' : ''}; ${seeded.minerals ? `seeded ${seeded.minerals} minerals` : 'data kept from last run'})`,
        `  SQS:          ${sqs.endpoint}   SES: ${ses.endpoint}   cognito-local: ${cognito.endpoint}`,
        `  Jobs:         ${schedules.join(', ')}; queue workers: ${consumers.join(', ')}`,
        '',
        'Data lives in .local/ and survives restarts (queued and sent mail do not); `npm run reset` starts afresh.',
        'Press Ctrl-C to stop everything.',
        '',
      ].join('\n'),
    );
  } catch (error) {
    if (error instanceof MissingJavaError || error instanceof PortInUseError || error instanceof OutdatedTableError) console.error(`\n${error.message}\n`);
    else console.error(error);
    await stopAll(1);
  }
}

main().catch((error: unknown) => {
  if (error instanceof PortInUseError || error instanceof MissingJavaError || error instanceof OutdatedTableError) console.error(`\n${error.message}\n`);
  else console.error(error);
  process.exit(1);
});
