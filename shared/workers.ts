// THE worker table: every Lambda that is not behind an HTTP route — scheduled jobs and stream or
// queue consumers. CDK builds one function per entry with only the grants it declares, and the local
// runtime runs the same handlers on timers. test/infra proves they agree.
import type { RouteNeeds } from './http/routes';
import type { QueueName } from './queues';

export type WorkerTrigger =
  | { kind: 'schedule'; everyMinutes: number }
  /**
   * The table's stream, filtered to TTL deletions of cart lines that still held stock
   * (`ttlRemovedHeldLines`), to changes of orders and of minerals' stock counters (`dashboardChanges`),
   * to changes of orders alone (`orderChanges`), to restocks of the items that carry a mineral's
   * stock counters (`stockChanges`), or to any change of a mineral's stock item (`stockItemChanges`).
   */
  | { kind: 'tableStream'; filter: 'ttlRemovedHeldLines' | 'dashboardChanges' | 'orderChanges' | 'stockChanges' | 'stockItemChanges' }
  /**
   * Messages of one queue, in batches, with partial batch failures; at most `maxConcurrency` batches
   * at once (2 at the least), to stay within what the services it calls allow (SES's send rate).
   */
  | { kind: 'queue'; queue: QueueName; batchSize: number; maxConcurrency: number };

export interface WorkerDefinition {
  id: string;
  handler: `functions/${string}.ts`;
  trigger: WorkerTrigger;
  needs: RouteNeeds;
  summary: string;
  /** Packages with native code it imports, shipped installed beside its bundle (infra/constructs/shopFunction.ts). */
  nativePackages?: readonly 'sharp'[];
  /** Concurrent runs kept for this worker alone, on stages that reserve them (see RouteDefinition). */
  reservedConcurrency?: number;
}

export const WORKERS = [
  {
    id: 'releaseExpiredHolds',
    handler: 'functions/jobs/releaseExpiredHolds.ts',
    trigger: { kind: 'schedule', everyMinutes: 1 },
    needs: { table: 'readWrite' },
    summary: 'Puts the units of lapsed cart holds back on the shelf, exactly once each',
  },
  {
    id: 'releaseTtlDeletedHolds',
    handler: 'functions/jobs/releaseTtlDeletedHolds.ts',
    trigger: { kind: 'tableStream', filter: 'ttlRemovedHeldLines' },
    needs: { table: 'readWrite' },
    summary: 'Releases the hold of any cart line that DynamoDB TTL deleted before the sweep reached it',
  },
  {
    id: 'reconcileInventory',
    handler: 'functions/jobs/reconcileInventory.ts',
    trigger: { kind: 'schedule', everyMinutes: 15 },
    // — admin: writes each run (latest + history) for GET /api/admin/reconciliation —
    needs: { table: 'readWrite' },
    summary: 'Checks available + held + sold − returned = received for every mineral, reports drift and keeps the run',
  },
  {
    id: 'refreshPopularity',
    handler: 'functions/jobs/refreshPopularity.ts',
    trigger: { kind: 'schedule', everyMinutes: 10 },
    needs: { table: 'readWrite' },
    summary: 'Folds each mineral\'s net sales (sold − returned) since the last run into its popularity and popularity sort keys',
  },
  {
    id: 'sendEmail',
    handler: 'functions/notifications/sendEmail.ts',
    // Two batches at once: SES sends 14 mails a second on a new production account.
    trigger: { kind: 'queue', queue: 'notifications', batchSize: 10, maxConcurrency: 2 },
    // readWrite: a promotion mail is counted as sent on its campaign (shared/db/campaigns.ts, recordSent).
    needs: { table: 'readWrite', sendsEmail: true },
    summary: 'Sends each queued email through SES; a message that keeps failing ends in the dead-letter queue',
  },
  {
    id: 'sendCampaigns',
    handler: 'functions/jobs/sendCampaigns.ts',
    trigger: { kind: 'schedule', everyMinutes: 1 },
    needs: { table: 'readWrite', sendsTo: ['notifications'], secrets: ['shopperTokenKeys'] },
    summary: 'Queues the mails of the promotion campaigns being sent, batch by batch at the mail service’s rate, each recipient once',
  },
  {
    id: 'processAccountRequests',
    handler: 'functions/account/processAccountRequests.ts',
    trigger: { kind: 'queue', queue: 'accountRequests', batchSize: 10, maxConcurrency: 2 },
    needs: { table: 'readWrite', sendsTo: ['notifications'] },
    summary: 'Looks up the account behind each queued reset request and mails it a link (nothing when there is none), so the API answers alike either way',
  },
  {
    id: 'processOrderEvents',
    handler: 'functions/orders/processOrderEvents.ts',
    // FIFO by order: five orders' events at once is plenty for one dealer, well inside Stripe's rate.
    trigger: { kind: 'queue', queue: 'orders', batchSize: 10, maxConcurrency: 5 },
    reservedConcurrency: 5,
    needs: { table: 'readWrite', sendsTo: ['notifications'], secrets: ['shopperTokenKeys', 'stripeApiKey'] },
    summary: 'Applies each verified payment event to its order (paid, payment failed, late payment), once however often it arrives',
  },
  {
    id: 'reconcilePayments',
    handler: 'functions/jobs/reconcilePayments.ts',
    trigger: { kind: 'schedule', everyMinutes: 1 },
    needs: { table: 'read', sendsTo: ['orders'], secrets: ['stripeApiKey'] },
    summary: 'Asks the payment provider about every unpaid order older than a minute and applies a success whose webhook never came, once',
  },
  {
    id: 'mailDeclinedPayments',
    handler: 'functions/jobs/mailDeclinedPayments.ts',
    trigger: { kind: 'schedule', everyMinutes: 1 },
    needs: { table: 'readWrite', sendsTo: ['notifications'], secrets: ['shopperTokenKeys'] },
    summary: 'Mails an order still unpaid some minutes after its card was declined, once, with the link to pay it on any device',
  },
  {
    id: 'expireUnpaidOrders',
    handler: 'functions/jobs/expireUnpaidOrders.ts',
    trigger: { kind: 'schedule', everyMinutes: 1 },
    // The orders queue: a payment it finds gone through is applied by the processor, like a webhook.
    needs: { table: 'readWrite', sendsTo: ['orders'], secrets: ['stripeApiKey'] },
    summary: 'Cancels the payment of every order not paid within its window, then puts its held stock back, once',
  },
  // — admin: photos and dashboard —
  {
    id: 'processPhotoUploads',
    handler: 'functions/photos/processPhotoUploads.ts',
    trigger: { kind: 'queue', queue: 'photoUploads', batchSize: 5, maxConcurrency: 2 },
    needs: { table: 'readWrite', photos: 'process' },
    nativePackages: ['sharp'],
    summary: 'Checks each uploaded photo for what it really is, refuses and deletes anything else, and makes its thumb, card and full sizes',
  },
  {
    id: 'updateDashboard',
    handler: 'functions/jobs/updateDashboard.ts',
    trigger: { kind: 'tableStream', filter: 'dashboardChanges' },
    needs: { table: 'readWrite' },
    summary: 'Keeps the dashboard’s sharded daily counters, gauges and low-stock markers from order and stock changes, once per stream record',
  },
  {
    id: 'recordStockMoves',
    handler: 'functions/jobs/recordStockMoves.ts',
    trigger: { kind: 'tableStream', filter: 'orderChanges' },
    needs: { table: 'readWrite' },
    summary: 'Puts each order’s sales and returns on its minerals’ ledgers, once per move, off the payment and refund paths',
  },
  {
    id: 'notifyRestocks',
    handler: 'functions/jobs/notifyRestocks.ts',
    trigger: { kind: 'tableStream', filter: 'stockChanges' },
    needs: { table: 'readWrite', sendsTo: ['notifications'], secrets: ['shopperTokenKeys'] },
    summary: 'Mails each watcher once when a sold-out mineral is on the shelf again (its available goes from 0 to more)',
  },
  {
    id: 'updateListedStock',
    handler: 'functions/jobs/updateListedStock.ts',
    trigger: { kind: 'tableStream', filter: 'stockItemChanges' },
    needs: { table: 'readWrite' },
    summary: 'Copies each mineral\'s shelf, capped, onto the mineral item for the catalog\'s cards and in-stock filter, only when the copy changes',
  },
] as const satisfies readonly WorkerDefinition[];
