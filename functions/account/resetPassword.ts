// POST /api/auth/password/reset — set a new password with the mailed single-use token.
import { resetPassword } from '../../shared/account/auth';
import { httpRoute } from '../../shared/http/handler';
import { noContent } from '../../shared/http/respond';
import { resetPasswordBody } from '../../shared/http/schemas/account';

export const handler = httpRoute({ body: resetPasswordBody }, async ({ body }) => {
  await resetPassword(body.token, body.password);
  return noContent();
});
