// GET /api/minerals/{id} — one mineral's product page data.
import { getMineralDetail } from '../../shared/catalog/catalog';
import { cacheHeaders } from '../../shared/http/caching';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { mineralParams } from '../../shared/http/schemas/catalog';

export const handler = httpRoute({ params: mineralParams }, async ({ params }) => json(200, await getMineralDetail(params.id), cacheHeaders('productPage')));
