// POST /api/admin/customers/{id}/password-reset — mail the customer a reset link.
import { sendCustomerPasswordReset } from '../../shared/admin/customers';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { customerParams } from '../../shared/http/schemas/admin';

export const handler = httpRoute({ authorize: requireAdmin, params: customerParams }, async ({ params, authorized }) => {
  return json(202, await sendCustomerPasswordReset(params.id, authorized));
});
