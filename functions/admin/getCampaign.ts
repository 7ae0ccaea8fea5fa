// GET /api/admin/campaigns/{id} — a campaign, its progress and its preview.
import { campaignForAdmin } from '../../shared/admin/campaigns';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { campaignParams } from '../../shared/http/schemas/adminCampaigns';

export const handler = httpRoute({ authorize: requireAdmin, params: campaignParams }, async ({ params }) => json(200, await campaignForAdmin(params.id)));
