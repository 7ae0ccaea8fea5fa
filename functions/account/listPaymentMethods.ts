// GET /api/me/payment-methods — the cards the signed-in shopper kept for next time.
import { requireShopper } from '../../shared/auth/shopperTokens';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { listSavedCards } from '../../shared/payments/savedCards';

export const handler = httpRoute({}, async ({ headers }) => json(200, await listSavedCards(await requireShopper(headers))));
