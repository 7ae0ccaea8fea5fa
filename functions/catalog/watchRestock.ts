// POST /api/minerals/{id}/restock-alerts — be told when a sold-out mineral is back: 201/200 for a shopper's own
// address (201 the first time), 202 for any other address, which must confirm from the mail it is sent.
import { optionalShopper } from '../../shared/auth/shopperTokens';
import { watchRestock } from '../../shared/catalog/restockWatches';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { mineralParams, watchRestockBody } from '../../shared/http/schemas/catalog';

export const handler = httpRoute({ params: mineralParams, body: watchRestockBody }, async ({ params, body, headers }) => {
  const outcome = await watchRestock(await optionalShopper(headers), params.id, body);
  if (outcome.status === 'pending_confirmation') return json(202, outcome.watch);
  return json(outcome.created ? 201 : 200, outcome.watch);
});
