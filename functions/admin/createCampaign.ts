// POST /api/admin/campaigns — a draft promotion mail.
import { createCampaign } from '../../shared/admin/campaigns';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { createCampaignBody } from '../../shared/http/schemas/adminCampaigns';

export const handler = httpRoute({ authorize: requireAdmin, body: createCampaignBody }, async ({ body, authorized }) => json(201, await createCampaign(body, authorized)));
