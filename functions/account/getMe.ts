// GET /api/me — the signed-in shopper's profile.
import { getProfile } from '../../shared/account/profile';
import { requireShopper } from '../../shared/auth/shopperTokens';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';

export const handler = httpRoute({}, async ({ headers }) => json(200, await getProfile(await requireShopper(headers))));
