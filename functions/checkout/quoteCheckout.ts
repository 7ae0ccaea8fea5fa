// POST /api/checkout/quote — what the caller's cart costs delivered to an address: lines, discounts,
// shipping, tax and total, all recomputed by the server.
import { cartCallerFrom } from '../../shared/auth/cartAccess';
import { quoteCheckout } from '../../shared/checkout/quote';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { quoteCheckoutBody } from '../../shared/http/schemas/checkout';

export const handler = httpRoute({ body: quoteCheckoutBody }, async ({ body, headers }) =>
  json(200, await quoteCheckout(body, await cartCallerFrom(headers))),
);
