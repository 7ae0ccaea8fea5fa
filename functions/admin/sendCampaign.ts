// POST /api/admin/campaigns/{id}/send — start sending a draft to every opted-in shopper (the sending job does it).
import { moveCampaign } from '../../shared/admin/campaigns';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { campaignParams } from '../../shared/http/schemas/adminCampaigns';

export const handler = httpRoute({ authorize: requireAdmin, params: campaignParams }, async ({ params, authorized }) => json(202, await moveCampaign(params.id, 'sending', authorized)));
