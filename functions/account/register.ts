// POST /api/auth/register — a new shopper account, signed in.
import { register } from '../../shared/account/auth';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { registerBody } from '../../shared/http/schemas/account';

export const handler = httpRoute({ body: registerBody }, async ({ body }) => json(201, await register(body)));
