// POST /api/minerals/{id}/reviews — the signed-in shopper's review: 201 the first time, 200 when it replaces theirs.
import { requireShopper } from '../../shared/auth/shopperTokens';
import { postReview } from '../../shared/catalog/reviews';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { postReviewBody, reviewParams } from '../../shared/http/schemas/reviews';

export const handler = httpRoute({ params: reviewParams, body: postReviewBody }, async ({ params, body, headers }) => {
  const { created, review, summary } = await postReview(await requireShopper(headers), params.id, body);
  return json(created ? 201 : 200, { review, summary });
});
