// GET /api/promotions/unsubscribe — the one-click link in every promotion mail: no more promotion mail.
import { unsubscribePromotions } from '../../shared/admin/campaigns';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { unsubscribePromotionsQuery } from '../../shared/http/schemas/adminCampaigns';

export const handler = httpRoute({ query: unsubscribePromotionsQuery }, async ({ query }) => json(200, await unsubscribePromotions(query)));
