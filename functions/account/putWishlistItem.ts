// PUT /api/me/wishlist/{mineralId} — add a mineral to the wishlist: 201 when added, 200 when it was there already.
import { addToWishlist } from '../../shared/account/wishlist';
import { requireShopper } from '../../shared/auth/shopperTokens';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { wishlistItemParams } from '../../shared/http/schemas/wishlist';

export const handler = httpRoute({ params: wishlistItemParams }, async ({ params, headers }) => {
  const { added, item } = await addToWishlist(await requireShopper(headers), params.mineralId);
  return json(added ? 201 : 200, item);
});
