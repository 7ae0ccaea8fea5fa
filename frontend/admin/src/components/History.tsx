// One object's history of admins' changes (GET /api/admin/audit?objectType=&objectId=), oldest first:
// when, what (as `describe` words it) and who.
import { messageOf } from '../../../src/api/http';
import { formatDateTime } from '../../../src/lib/format';
import { useAsync } from '../../../src/lib/useAsync';
import { adminFetch } from '../api';
import { adminName } from '../auth/session';

export interface AuditEntry {
  id: string;
  action: string;
  by: { sub: string; email: string | null };
  at: string;
  after: unknown;
}

interface HistoryProps {
  objectType: string;
  objectId: string;
  /** Changes when the object did, to read the history again. */
  version: unknown;
  describe: (entry: AuditEntry) => string;
}

export function History({ objectType, objectId, version, describe }: HistoryProps) {
  const url = `/api/admin/audit?objectType=${objectType}&objectId=${encodeURIComponent(objectId)}&limit=100`;
  const audit = useAsync((signal) => adminFetch<{ items: AuditEntry[] }>(url, { signal }), [url, version]);
  return (
    <section class="card">
      <h2>History</h2>
      {audit.data && audit.data.items.length > 0 ? (
        <ul class="plain-list" aria-label="Changes by admins">
          {audit.data.items.map((r) => (
            <li key={r.id}>
              {formatDateTime(r.at)} · {describe(r)} · by {adminName(r.by)}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{audit.error ? messageOf(audit.error) : audit.data ? 'None.' : 'Loading…'}</p>
      )}
    </section>
  );
}
