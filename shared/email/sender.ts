// Sends one email through SES (v2 API): rendered here from its template, as a simple HTML + text mail.
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import * as z from 'zod';
import { readEnv } from '../config';
import { DEPENDENCY_CLIENT_OPTIONS } from '../dependencies';
import { SHOP_INBOX, type EmailMessage } from './message';
import { renderEmail } from './templates';

const env = readEnv({
  /** The verified sender: `shop@example.com` or `Mineral shop <shop@example.com>`. */
  MAIL_FROM: z
    .string()
    .regex(/^(?:[^<>\r\n]+<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/, 'expected "address" or "Name <address>"'),
  /** Set only on one machine, where aws-ses-v2-local plays the real service. */
  SES_ENDPOINT: z.url().optional(),
  /** Where mail to the shop itself goes (the contact form); the sender's address when unset. */
  SHOP_INBOX_ADDRESS: z.email().optional(),
  /** Where SES publishes deliveries, bounces and complaints, when the stack has one. */
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
});

/** The shop's own address: the verified sender's, unless the stack names another inbox. */
const shopInbox = env.SHOP_INBOX_ADDRESS ?? /<([^<>]+)>$/.exec(env.MAIL_FROM)?.[1] ?? env.MAIL_FROM;

const ses = new SESv2Client({ ...DEPENDENCY_CLIENT_OPTIONS, ...(env.SES_ENDPOINT ? { endpoint: env.SES_ENDPOINT } : {}) });

/** Renders and sends one email; returns SES's message id. Throws InvalidEmailError on data that does not fit its template. */
export async function sendEmail(message: EmailMessage): Promise<{ messageId: string }> {
  const { subject, html, text } = renderEmail(message.template, message.data);
  const sent = await ses.send(
    new SendEmailCommand({
      FromEmailAddress: env.MAIL_FROM,
      Destination: { ToAddresses: [message.to === SHOP_INBOX ? shopInbox : message.to] },
      Content: {
        Simple: {
          Subject: { Data: subject, Charset: 'UTF-8' },
          Body: { Html: { Data: html, Charset: 'UTF-8' }, Text: { Data: text, Charset: 'UTF-8' } },
        },
      },
      ConfigurationSetName: env.SES_CONFIGURATION_SET,
      // Lets SES events (bounces, complaints) be counted per template.
      EmailTags: [{ Name: 'template', Value: message.template }],
    }),
  );
  if (!sent.MessageId) throw new Error('SES accepted the email but returned no MessageId');
  return { messageId: sent.MessageId };
}
