// POST /api/auth/refresh — trade a refresh token (once) for a new access and refresh token.
import { refresh } from '../../shared/account/auth';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { refreshBody } from '../../shared/http/schemas/account';

export const handler = httpRoute({ body: refreshBody }, async ({ body }) => json(200, await refresh(body.refreshToken)));
