// GET /api/admin/reviews — the moderation queue: every review, latest first; status narrows it.
import { listReviewQueue } from '../../shared/admin/reviews';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { reviewQueueQuery } from '../../shared/http/schemas/adminReviews';

export const handler = httpRoute({ authorize: requireAdmin, query: reviewQueueQuery }, async ({ query }) => {
  return json(200, await listReviewQueue(query));
});
