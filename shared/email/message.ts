// What travels on the notifications queue: a recipient, a template name and that template's data.
// Producers check it before they send (outbox.ts) and the worker checks it again when it arrives
// (sender.ts may run a newer or older deploy than the producer).
import * as z from 'zod';
import { checked, EMAIL_TEMPLATE_NAMES, EMAIL_TEMPLATES, InvalidEmailError, type EmailTemplateData, type EmailTemplateName } from './templates';

/** One email to send, typed by its template. */
export type EmailMessage = {
  [T in EmailTemplateName]: { to: string; template: T; data: EmailTemplateData<T> };
}[EmailTemplateName];

/**
 * The shop's own inbox as a recipient: the mailer resolves it to the shop's address (the sender's own,
 * or SHOP_INBOX_ADDRESS). Mail a visitor starts (the contact form) goes only here.
 */
export const SHOP_INBOX = 'shop-inbox';

const envelopeSchema = z.strictObject({
  /** One plain address (no display name, so no header can be smuggled in with it), or the shop's inbox. */
  to: z.union([z.email(), z.literal(SHOP_INBOX)]),
  template: z.enum(EMAIL_TEMPLATE_NAMES),
  data: z.unknown(),
});

/** Checks an email message (its envelope, then its data against the template); throws InvalidEmailError. */
export function parseEmailMessage(input: unknown): EmailMessage {
  const { to, template, data } = checked(envelopeSchema, input, 'message');
  // The template's own schema has just checked `data`, so the pair is a valid EmailMessage.
  return { to, template, data: checked(EMAIL_TEMPLATES[template].schema, data, 'data') } as EmailMessage;
}

/** Parses the body of a queued email message; throws InvalidEmailError when it is not one. */
export function parseQueuedEmail(body: string): EmailMessage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new InvalidEmailError(['body: not JSON']);
  }
  return parseEmailMessage(json);
}
