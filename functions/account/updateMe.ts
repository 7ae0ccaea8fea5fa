// PATCH /api/me — change name, email (with the password), addresses or preferences.
import { patchProfile } from '../../shared/account/profile';
import { requireShopper } from '../../shared/auth/shopperTokens';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { updateProfileBody } from '../../shared/http/schemas/account';

export const handler = httpRoute({ body: updateProfileBody }, async ({ body, headers, event }) =>
  json(200, await patchProfile(await requireShopper(headers), body, event.requestContext.http.sourceIp)),
);
