// GET /api/admin/campaigns — promotion campaigns, newest first, with their progress.
import { listCampaignsForAdmin } from '../../shared/admin/campaigns';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { listCampaignsQuery } from '../../shared/http/schemas/adminCampaigns';

export const handler = httpRoute({ authorize: requireAdmin, query: listCampaignsQuery }, async ({ query }) => json(200, await listCampaignsForAdmin(query)));
