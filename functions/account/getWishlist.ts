// GET /api/me/wishlist — the signed-in shopper's wishlist, newest first, at today's prices.
import { getWishlist } from '../../shared/account/wishlist';
import { requireShopper } from '../../shared/auth/shopperTokens';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';

export const handler = httpRoute({}, async ({ headers }) => json(200, await getWishlist(await requireShopper(headers))));
