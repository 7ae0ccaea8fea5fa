// POST /api/auth/login — sign in by username or email.
import { login } from '../../shared/account/auth';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { loginBody } from '../../shared/http/schemas/account';

export const handler = httpRoute({ body: loginBody }, async ({ body, event }) =>
  json(200, await login(body, event.requestContext.http.sourceIp)),
);
