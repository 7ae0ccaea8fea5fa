// GET /api/categories — the catalog's categories.
import { listCategories } from '../../shared/catalog/catalog';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';

export const handler = httpRoute({}, async () => json(200, listCategories(), { 'cache-control': 'public, max-age=300' }));
