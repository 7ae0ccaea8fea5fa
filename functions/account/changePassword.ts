// POST /api/auth/password/change — a new password for the signed-in shopper; other sessions end.
import { changePassword } from '../../shared/account/auth';
import { requireShopper } from '../../shared/auth/shopperTokens';
import { httpRoute } from '../../shared/http/handler';
import { noContent } from '../../shared/http/respond';
import { changePasswordBody } from '../../shared/http/schemas/account';

export const handler = httpRoute({ body: changePasswordBody }, async ({ body, headers, event }) => {
  await changePassword(await requireShopper(headers), body.currentPassword, body.newPassword, event.requestContext.http.sourceIp);
  return noContent();
});
