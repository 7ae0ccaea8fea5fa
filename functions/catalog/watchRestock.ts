// POST /api/minerals/{id}/restock-alerts — be told when a sold-out mineral is back: 201 the first time, 200 when already watching.
import { optionalShopper } from '../../shared/auth/shopperTokens';
import { watchRestock } from '../../shared/catalog/restockWatches';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { mineralParams, watchRestockBody } from '../../shared/http/schemas/catalog';

export const handler = httpRoute({ params: mineralParams, body: watchRestockBody }, async ({ params, body, headers }) => {
  const { created, watch } = await watchRestock(await optionalShopper(headers), params.id, body);
  return json(created ? 201 : 200, watch);
});
