// PATCH /api/admin/customers/{id} — disable (sessions end, cart holds go back) or enable an account, with a reason.
import { setCustomerDisabled } from '../../shared/admin/customers';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { customerParams, updateCustomerBody } from '../../shared/http/schemas/admin';

export const handler = httpRoute({ authorize: requireAdmin, params: customerParams, body: updateCustomerBody }, async ({ params, body, authorized }) => {
  return json(200, await setCustomerDisabled(params.id, body, authorized));
});
