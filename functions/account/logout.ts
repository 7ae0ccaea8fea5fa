// POST /api/auth/logout — end the session the refresh token belongs to.
import { logout } from '../../shared/account/auth';
import { httpRoute } from '../../shared/http/handler';
import { noContent } from '../../shared/http/respond';
import { refreshBody } from '../../shared/http/schemas/account';

export const handler = httpRoute({ body: refreshBody }, async ({ body }) => {
  await logout(body.refreshToken);
  return noContent();
});
