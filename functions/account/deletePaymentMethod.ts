// DELETE /api/me/payment-methods/{id} — forget a saved card (404 when it is not the shopper's).
import { requireShopper } from '../../shared/auth/shopperTokens';
import { httpRoute } from '../../shared/http/handler';
import { noContent } from '../../shared/http/respond';
import { paymentMethodParams } from '../../shared/http/schemas/payments';
import { forgetSavedCard } from '../../shared/payments/savedCards';

export const handler = httpRoute({ params: paymentMethodParams }, async ({ params, headers }) => {
  await forgetSavedCard(await requireShopper(headers), params.id);
  return noContent();
});
