// POST /api/restock-watches/confirm — the site's page for the link in a restock confirmation mail: the watch is live.
import { confirmRestock } from '../../shared/catalog/restockWatches';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { confirmRestockWatchBody } from '../../shared/http/schemas/catalog';

export const handler = httpRoute({ body: confirmRestockWatchBody }, async ({ body }) => json(200, await confirmRestock(body)));
