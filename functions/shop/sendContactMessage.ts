// POST /api/contact — a visitor's message, queued for the shop's own inbox.
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { contactBody } from '../../shared/http/schemas/shop';
import { sendContactMessage } from '../../shared/shop/contact';

export const handler = httpRoute({ body: contactBody }, async ({ body, event }) => {
  await sendContactMessage(body, event.requestContext.http.sourceIp);
  return json(202, { message: 'Thank you: your message is on its way to us. We answer within two working days.' });
});
