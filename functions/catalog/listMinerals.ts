// GET /api/minerals — one page of the catalog, filtered and sorted.
import { listMinerals } from '../../shared/catalog/catalog';
import { cacheHeaders } from '../../shared/http/caching';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { listMineralsQuery } from '../../shared/http/schemas/catalog';

export const handler = httpRoute({ query: listMineralsQuery }, async ({ query }) => json(200, await listMinerals(query), cacheHeaders('catalogList')));
