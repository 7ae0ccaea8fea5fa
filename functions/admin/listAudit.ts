// GET /api/admin/audit — the audit trail: one object's records, or the whole log, oldest first.
import { auditForAdmin } from '../../shared/admin/catalog';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { auditQuery } from '../../shared/http/schemas/adminCatalog';

export const handler = httpRoute({ authorize: requireAdmin, query: auditQuery }, async ({ query }) => {
  return json(200, await auditForAdmin(query));
});
