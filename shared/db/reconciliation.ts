// The reconciliation job's runs: each run is kept twice in one transaction, as the latest (what the
// admin console shows) and in the history (sk RUN#<at>#<id>, oldest first). The job's report is
// stored as it wrote it, whatever kinds of findings it carries: nothing here reads or rewrites a count.
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { decodeItem } from './decode';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';

const PARTITION = 'RECONCILIATION';
const LATEST = 'LATEST';

export interface ReconciliationRun {
  id: string;
  at: string;
  mineralsChecked: number;
  report: Record<string, unknown>;
}

const runSchema: z.ZodType<ReconciliationRun> = z.object({
  id: z.string(),
  at: z.string(),
  mineralsChecked: z.number().int().min(0),
  report: z.record(z.string(), z.unknown()),
});

export async function storeReconciliationRun(report: { checked: number } & Record<string, unknown>, at = new Date().toISOString()): Promise<ReconciliationRun> {
  const run: ReconciliationRun = { id: randomUUID(), at, mineralsChecked: report.checked, report };
  await dynamo.send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName, Item: { pk: PARTITION, sk: LATEST, entity: 'reconciliation', ...run } } },
        { Put: { TableName: tableName, Item: { pk: PARTITION, sk: `RUN#${at}#${run.id}`, entity: 'reconciliation', ...run } } },
      ],
    }),
  );
  return run;
}

export async function latestReconciliationRun(): Promise<ReconciliationRun | null> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: { pk: PARTITION, sk: LATEST } }));
  if (!Item) return null;
  return decodeItem(runSchema, Item, 'reconciliation run');
}
