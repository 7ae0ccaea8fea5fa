// GET /api/restock-watches/unsubscribe — the one-click link in a restock mail: ends that watch.
import { unsubscribeRestock } from '../../shared/admin/restock';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { unsubscribeRestockQuery } from '../../shared/http/schemas/catalog';

export const handler = httpRoute({ query: unsubscribeRestockQuery }, async ({ query }) => json(200, await unsubscribeRestock(query)));
