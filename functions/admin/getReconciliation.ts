// GET /api/admin/reconciliation — the latest inventory reconciliation run and its findings.
import { reconciliationForAdmin } from '../../shared/admin/catalog';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';

export const handler = httpRoute({ authorize: requireAdmin }, async () => {
  return json(200, await reconciliationForAdmin());
});
