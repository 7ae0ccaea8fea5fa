// POST /api/admin/reviews/{reviewId}/moderation — hide or restore a review with a reason.
import { moderateReview } from '../../shared/admin/reviews';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { moderationBody, moderationParams } from '../../shared/http/schemas/adminReviews';

export const handler = httpRoute({ authorize: requireAdmin, params: moderationParams, body: moderationBody }, async ({ params, body, authorized }) => {
  return json(200, await moderateReview(params.reviewId, body, authorized));
});
