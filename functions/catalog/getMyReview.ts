// GET /api/minerals/{id}/reviews/mine — the signed-in shopper's own review, marked when the shop hid it.
import { requireShopper } from '../../shared/auth/shopperTokens';
import { getOwnReview } from '../../shared/catalog/reviews';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { reviewParams } from '../../shared/http/schemas/reviews';

export const handler = httpRoute({ params: reviewParams }, async ({ params, headers }) => {
  return json(200, await getOwnReview(await requireShopper(headers), params.id));
});
