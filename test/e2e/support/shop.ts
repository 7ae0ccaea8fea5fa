// The whole shop for one e2e test file, in-process: the seeded catalog (with the demo shopper and demo
// coupons) in the file's own table, the real API server serving the built site and /api on the port
// shopUrl.ts chose, the file's payment sandbox under /_sandbox/ with its webhooks pointed here, its
// photo bucket's sizes under /media/, and the queue workers (order processor, photo worker, mailer)
// pumped in the background, as `npm start` runs them.
import path from 'node:path';
import { expect, inject } from 'vitest';
import { REPO_ROOT } from '../../../infra/local/apiServer';
import { drainQueues } from '../../../infra/local/queuePoller';
import { fetchSentMail, type SentMail } from '../../../infra/local/ses';
import type { AdminAuthConfig } from '../../support/adminTokens';
import { fileQueueUrls } from '../../support/mail';
import { paymentSandbox } from '../../support/payments';

export interface Shop {
  /** http://127.0.0.1:<port>, the same origin the mail links point at. */
  url: string;
  /** Mail the shop sent to `address`, oldest first. */
  mailTo: (address: string) => Promise<SentMail[]>;
  /** The first mail to `address` that `matches`, once it has been sent (the mailer runs in the background). */
  waitForMail: (address: string, matches: (mail: SentMail) => boolean) => Promise<SentMail>;
  close: () => Promise<void>;
}

/** Runs the queue workers over whatever is queued, every `everyMs`, until stopped. */
function pumpQueues(everyMs: number): () => Promise<void> {
  let stopped = false;
  const sqsEndpoint = inject('sqsEndpoint');
  const run = (async () => {
    const { WORKERS } = await import('../../../shared/workers');
    // The order processor first (it queues mail), then the mailer.
    const mailLast = [...WORKERS.filter((w) => w.id !== 'sendEmail'), ...WORKERS.filter((w) => w.id === 'sendEmail')];
    while (!stopped) {
      await drainQueues(mailLast, fileQueueUrls(), sqsEndpoint).catch((error: unknown) => {
        if (!stopped) console.error('e2e queue pump:', error);
      });
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return async () => {
    stopped = true;
    await run;
  };
}

export interface ShopOptions {
  /** The admin side too: admin routes checked against this pool, the console's config served, and the table's stream fed to the dashboard. */
  adminAuth?: AdminAuthConfig;
}

/** The admin routes' authorizer, the console's config and the dashboard's stream feed; a no-op stop without `adminAuth`. */
async function startAdminSide(adminAuth: AdminAuthConfig | undefined) {
  if (!adminAuth) return { serverOptions: {}, stop: () => Promise.resolve() };
  const { createLocalAdminAuthorizer } = await import('../../../infra/local/adminAuthorizer');
  const { startTableStreamWorkers } = await import('../../../infra/local/tableStream');
  const { WORKERS } = await import('../../../shared/workers');
  const feed = await startTableStreamWorkers(WORKERS, { endpoint: inject('dynamoEndpoint'), tableName: process.env.TABLE_NAME!, intervalMs: 250 });
  return {
    serverOptions: {
      authorizer: createLocalAdminAuthorizer(adminAuth),
      consoleConfig: { endpoint: adminAuth.endpoint, userPoolId: adminAuth.userPoolId, clientId: adminAuth.clientId },
    },
    stop: feed.stop,
  };
}

export async function startShop(options: ShopOptions = {}): Promise<Shop> {
  const port = Number(process.env.E2E_SHOP_PORT);
  if (!port) throw new Error('E2E_SHOP_PORT is not set: test/e2e/support/shopUrl.ts must run first (vitest.config.ts setupFiles)');
  // Function code reads the environment when it loads, so it is loaded only now.
  const { seedShop } = await import('../../../infra/local/seed/seedShop');
  const { createApiServer } = await import('../../../infra/local/apiServer');
  const { ROUTES } = await import('../../../shared/http/routes');
  await seedShop();

  const sandbox = paymentSandbox();
  const admin = await startAdminSide(options.adminAuth);
  // Photos the console uploads go to the file's bucket in the run's S3 emulator; /media/ serves their sizes.
  const mediaOrigin = `${inject('s3Endpoint')}/${process.env.PHOTO_BUCKET}`;
  const server = createApiServer({ routes: ROUTES, siteDir: path.join(REPO_ROOT, 'frontend', 'dist'), paymentSandbox: sandbox, mediaOrigin, ...admin.serverOptions });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${port}`;
  sandbox.setWebhookUrl(`${url}/api/webhooks/stripe`);
  const stopPump = pumpQueues(250);
  const sesEndpoint = inject('sesEndpoint');
  const mailTo = async (address: string) => (await fetchSentMail(sesEndpoint)).filter((m) => m.destination.to.includes(address));

  return {
    url,
    mailTo,
    waitForMail: async (address, matches) => {
      let found: SentMail | undefined;
      await expect.poll(async () => (found = (await mailTo(address)).find(matches)), { timeout: 30_000, interval: 250 }).toBeDefined();
      return found!;
    },
    close: async () => {
      sandbox.setWebhookUrl(undefined);
      await sandbox.idle();
      await stopPump();
      await admin.stop();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
