// GET /api/minerals/{id}/reviews — one page of a mineral's reviews and the summary of its ratings.
import { listReviews } from '../../shared/catalog/reviews';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { listReviewsQuery, reviewParams } from '../../shared/http/schemas/reviews';

export const handler = httpRoute({ params: reviewParams, query: listReviewsQuery }, async ({ params, query }) =>
  json(200, await listReviews(params.id, query)),
);
