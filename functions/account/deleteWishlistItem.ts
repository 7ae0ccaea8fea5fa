// DELETE /api/me/wishlist/{mineralId} — remove a mineral from the wishlist (204 whether or not it was there).
import { removeFromWishlist } from '../../shared/account/wishlist';
import { requireShopper } from '../../shared/auth/shopperTokens';
import { httpRoute } from '../../shared/http/handler';
import { noContent } from '../../shared/http/respond';
import { wishlistItemParams } from '../../shared/http/schemas/wishlist';

export const handler = httpRoute({ params: wishlistItemParams }, async ({ params, headers }) => {
  await removeFromWishlist(await requireShopper(headers), params.mineralId);
  return noContent();
});
