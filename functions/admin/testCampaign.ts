// POST /api/admin/campaigns/{id}/test — mail the campaign, marked as a test, to one address (the admin's own).
import { sendCampaignTest } from '../../shared/admin/campaigns';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { campaignParams, campaignTestBody } from '../../shared/http/schemas/adminCampaigns';

export const handler = httpRoute({ authorize: requireAdmin, params: campaignParams, body: campaignTestBody }, async ({ params, body, authorized }) =>
  json(202, await sendCampaignTest(params.id, body.to, authorized)),
);
