// POST /api/auth/password/forgot — mail a reset link if the address has an account; same answer either way.
import { forgotPassword } from '../../shared/account/auth';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { forgotPasswordBody } from '../../shared/http/schemas/account';

export const handler = httpRoute({ body: forgotPasswordBody }, async ({ body, event }) => {
  await forgotPassword(body.email, event.requestContext.http.sourceIp);
  return json(202, { message: 'If an account uses that address, a reset link is on its way.' });
});
