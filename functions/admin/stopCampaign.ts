// POST /api/admin/campaigns/{id}/stop — stop a campaign being sent, before its next batch.
import { moveCampaign } from '../../shared/admin/campaigns';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { campaignParams } from '../../shared/http/schemas/adminCampaigns';

export const handler = httpRoute({ authorize: requireAdmin, params: campaignParams }, async ({ params, authorized }) => json(200, await moveCampaign(params.id, 'stopped', authorized)));
