// The contact form: a visitor's message goes to the shop's own inbox through the notifications queue,
// never to an address the visitor names (the mail's recipient is the SHOP_INBOX marker, which only the
// mailer resolves), so the form cannot relay mail to anyone else. Throttled per client address and per
// sender address in fixed windows, like sign-in.
import { claimAttempt, windowOf } from '../db/throttle';
import { SHOP_INBOX } from '../email/message';
import { SHOP_URL } from '../email/links';
import { enqueueEmail } from '../email/outbox';
import { TooManyRequestsError } from '../errors';
import type { ContactBody } from '../http/schemas/shop';

/** Messages allowed per hour, from one client and from one sender address. */
export const CONTACT_LIMITS = { windowSeconds: 60 * 60, perClient: 5, perSender: 3 } as const;

export async function sendContactMessage(body: ContactBody, clientIp: string, now = new Date()): Promise<void> {
  const w = windowOf(now, CONTACT_LIMITS.windowSeconds);
  const [client, sender] = await Promise.all([
    claimAttempt('contactClient', clientIp, w, CONTACT_LIMITS.perClient),
    claimAttempt('contactSender', body.email.toLowerCase(), w, CONTACT_LIMITS.perSender),
  ]);
  if (!client || !sender) {
    const retryAfter = Math.max(1, w.end - Math.floor(now.getTime() / 1000));
    throw new TooManyRequestsError(`Thank you — we already have your messages. You can write again in ${Math.ceil(retryAfter / 60)} minutes.`, retryAfter);
  }
  await enqueueEmail({
    to: SHOP_INBOX,
    template: 'contactMessage',
    data: { name: body.name, fromEmail: body.email, topic: body.topic, orderNumber: body.orderNumber ?? null, message: body.message.split(/\r?\n/).map((line) => line.trim()).filter(Boolean),
      consoleUrl: `${SHOP_URL}/admin/`,
    },
  });
}
