// GET /api/categories — the catalog's categories.
import { listCategories } from '../../shared/catalog/catalog';
import { cacheHeaders } from '../../shared/http/caching';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';

export const handler = httpRoute({}, async () => json(200, listCategories(), cacheHeaders('deployed')));
