// The audit trail: one record per admin write, put in the SAME transaction as the write it describes,
// so a change without its record (or a record without its change) cannot exist. One object's records
// are its own partition (pk AUDIT#<type>#<id>), oldest first; the whole log is the auditLog index, newest first.
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { AUDIT_OBJECT_TYPES, type AuditObjectType } from '../domain/audit';
import { decodeItem } from './decode';
import { tableName } from './client';
import { fingerprint } from './cursor';
import { queryPage } from './query';
import { INDEXES } from './table';

export interface Actor {
  /** The admin's Cognito subject. */
  sub: string;
  /** The admin's email when the token carries it. */
  email: string | null;
}

/** The admin a request's caller is (shared/auth/adminAccess.ts: requireAdmin), as the audit records it. */
export function actorOf(caller: { adminId: string; email?: string | undefined }): Actor {
  return { sub: caller.adminId, email: caller.email ?? null };
}

export interface AuditRecord {
  id: string;
  objectType: AuditObjectType;
  objectId: string;
  /** What was done, e.g. mineral.create, stock.receipt, order.refund. */
  action: string;
  by: Actor;
  at: string;
  before: unknown;
  after: unknown;
}

const AUDIT_PARTITION = 'AUDIT';
const objectPartition = (objectType: string, objectId: string) => `AUDIT#${objectType}#${objectId}`;

/** The TransactWriteItems entry that records one admin write; add it to the write's own transaction. */
export function auditPut(record: Omit<AuditRecord, 'id'>, id: string = randomUUID()) {
  const sortKey = `${record.at}#${id}`;
  return {
    Put: {
      TableName: tableName,
      Item: {
        pk: objectPartition(record.objectType, record.objectId),
        sk: sortKey,
        entity: 'audit',
        [INDEXES.auditLog.pk]: AUDIT_PARTITION,
        [INDEXES.auditLog.sk]: sortKey,
        ...record,
        id,
        before: record.before ?? null,
        after: record.after ?? null,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

const auditRecordSchema: z.ZodType<AuditRecord> = z.object({
  id: z.string(),
  objectType: z.enum(AUDIT_OBJECT_TYPES),
  objectId: z.string(),
  action: z.string(),
  by: z.object({ sub: z.string(), email: z.string().nullable() }),
  at: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

function toAuditRecord(item: Record<string, unknown>): AuditRecord {
  return decodeItem(auditRecordSchema, item, 'audit record');
}

/** Most records one page of a narrowed whole log reads through (a short page then comes with a cursor). */
export const AUDIT_FILTER_READ_BUDGET = 500;

/**
 * One page of the audit trail: one object's records oldest first, or the whole log newest first,
 * narrowed to one kind of object and/or one admin (a filtered Query of the log's partition, with a
 * read budget: a page may come back short, with a cursor to read on).
 */
export async function queryAudit(q: { objectType?: string | undefined; objectId?: string | undefined; by?: string | undefined; limit: number; cursor?: string | undefined }) {
  if (q.objectType && q.objectId) {
    const page = await queryPage(
      { TableName: tableName, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': objectPartition(q.objectType, q.objectId) } },
      { fingerprint: fingerprint({ t: q.objectType, o: q.objectId }), limit: q.limit, cursor: q.cursor },
    );
    return { items: page.items.map(toAuditRecord), nextCursor: page.nextCursor };
  }
  const filters: string[] = [];
  const names: Record<string, string> = { '#p': INDEXES.auditLog.pk };
  const values: Record<string, unknown> = { ':p': AUDIT_PARTITION };
  if (q.objectType) {
    filters.push('objectType = :type');
    values[':type'] = q.objectType;
  }
  if (q.by) {
    filters.push('#by.#sub = :by');
    names['#by'] = 'by';
    names['#sub'] = 'sub';
    values[':by'] = q.by;
  }
  const page = await queryPage(
    {
      TableName: tableName,
      IndexName: 'auditLog',
      KeyConditionExpression: '#p = :p',
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      // The whole log is read for what happened lately: newest first. One object's reads as its history.
      ScanIndexForward: false,
    },
    { index: INDEXES.auditLog, fingerprint: fingerprint({ t: q.objectType ?? null, o: null, by: q.by ?? null }), limit: q.limit, cursor: q.cursor, readBudget: AUDIT_FILTER_READ_BUDGET },
  );
  return { items: page.items.map(toAuditRecord), nextCursor: page.nextCursor };
}
