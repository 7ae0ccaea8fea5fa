// The shop's emails. Each template is a zod schema for its data and a function that says what the mail
// says; one layout turns that into the HTML body (every value escaped) and a plain-text body with the
// same content. Adding a mail is adding one entry to EMAIL_TEMPLATES.
import * as z from 'zod';

export const SHOP_NAME = 'Mineral shop';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** What a mail says, written once; the layout makes both bodies from it. */
export interface EmailContent {
  subject: string;
  /** The opening line, e.g. "Hello Ada,". */
  greeting: string;
  paragraphs: string[];
  /** The one thing the mail asks the reader to do: a button in HTML, the bare link in text. */
  action?: { label: string; url: string };
  /** Small print after the action. */
  footnote?: string;
}

/** Data that does not fit its template (or a queued message that is not an email): a bug in the producer. */
export class InvalidEmailError extends Error {
  override name = 'InvalidEmailError';
  /** Where and what, never the offending values (they may be addresses or reset links). */
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid email message: ${problems.join('; ')}`);
    this.problems = problems;
  }
}

export interface EmailTemplate<S extends z.ZodType> {
  readonly schema: S;
  /** Checks `data` against the schema, then writes the mail. */
  readonly compose: (data: unknown) => EmailContent;
}

function defineTemplate<S extends z.ZodType>(schema: S, compose: (data: z.output<S>) => EmailContent): EmailTemplate<S> {
  return { schema, compose: (data) => compose(checked(schema, data, 'data')) };
}

/** Parses `value` with `schema`, or throws an InvalidEmailError that names the fields at fault. */
export function checked<S extends z.ZodType>(schema: S, value: unknown, at: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InvalidEmailError(result.error.issues.map((i) => `${[at, ...i.path.map(String)].join('.')}: ${i.message}`));
  }
  return result.data;
}

// Field types the templates share.
const personName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');
/** Only http(s) links: a `javascript:` URL in a button is a script. */
// Not z.httpUrl(): it refuses hosts without a dot, such as 127.0.0.1 in the local shop's links.
const link = z.url({ protocol: /^https?$/ });

export const EMAIL_TEMPLATES = {
  welcome: defineTemplate(z.strictObject({ name: personName, shopUrl: link }), ({ name, shopUrl }) => ({
    subject: `Welcome to ${SHOP_NAME}`,
    greeting: `Hello ${name},`,
    paragraphs: [
      `Thank you for creating an account at ${SHOP_NAME}.`,
      'Your cart now follows you between visits and devices, and you can follow your orders and keep a wishlist of the specimens you have your eye on.',
    ],
    action: { label: 'Browse the minerals', url: shopUrl },
  })),

  passwordReset: defineTemplate(
    z.strictObject({ name: personName, resetUrl: link, expiresInMinutes: z.number().int().min(1).max(24 * 60) }),
    ({ name, resetUrl, expiresInMinutes }) => ({
      subject: `Reset your ${SHOP_NAME} password`,
      greeting: `Hello ${name},`,
      paragraphs: [
        `Someone asked to reset the password of your ${SHOP_NAME} account.`,
        `The link below lets you choose a new one. It works once, and only for the next ${duration(expiresInMinutes)}.`,
      ],
      action: { label: 'Choose a new password', url: resetUrl },
      footnote: 'If you did not ask for this, ignore this mail: your password stays as it is.',
    }),
  ),

  cartStockChanged: defineTemplate(
    z.strictObject({ name: personName, notices: z.array(z.string().min(1).max(300)).min(1).max(30), cartUrl: link }),
    ({ name, notices, cartUrl }) => ({
      subject: `Your ${SHOP_NAME} cart changed`,
      greeting: `Hello ${name},`,
      paragraphs: [
        'Some of the minerals you were holding sold out while your cart was waiting:',
        ...notices,
        'The rest of your cart is still held for you.',
      ],
      action: { label: 'See your cart', url: cartUrl },
    }),
  ),
} as const satisfies Record<string, EmailTemplate<z.ZodType>>;

export type EmailTemplateName = keyof typeof EMAIL_TEMPLATES;

/** The data a template takes, as producers write it. */
export type EmailTemplateData<T extends EmailTemplateName> = z.input<(typeof EMAIL_TEMPLATES)[T]['schema']>;

export const EMAIL_TEMPLATE_NAMES = Object.keys(EMAIL_TEMPLATES) as [EmailTemplateName, ...EmailTemplateName[]];

/** Renders one template; throws InvalidEmailError when the data does not fit it. */
export function renderEmail<T extends EmailTemplateName>(template: T, data: EmailTemplateData<T>): RenderedEmail {
  const content = EMAIL_TEMPLATES[template].compose(data);
  return { subject: content.subject, html: htmlLayout(content), text: textLayout(content) };
}

/** "30 minutes", "1 hour", "90 minutes", "2 hours". */
function duration(minutes: number): string {
  if (minutes % 60 === 0) return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and for double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** The last line of every mail, in both bodies. */
const SIGN_OFF = `— ${SHOP_NAME}`;

const colours = { page: '#f4f1ec', card: '#ffffff', ink: '#2b2622', muted: '#6b625a', rule: '#e7e1d8', accent: '#5b3f8c' };

function htmlLayout(content: EmailContent): string {
  const e = escapeHtml;
  const p = (text: string, style = '') => `<p style="margin:0 0 16px;${style}">${e(text)}</p>`;
  const action = content.action
    ? `<p style="margin:24px 0;"><a href="${e(content.action.url)}" style="display:inline-block;padding:12px 20px;border-radius:6px;background:${colours.accent};color:#ffffff;text-decoration:none;font-weight:bold;">${e(content.action.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:14px;color:${colours.muted};">If the button does not work, copy this link into your browser:<br><a href="${e(content.action.url)}" style="color:${colours.accent};word-break:break-all;">${e(content.action.url)}</a></p>`
    : '';
  return [
    '<!doctype html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(content.subject)}</title></head>`,
    `<body style="margin:0;padding:0;background:${colours.page};">`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:${colours.page};padding:24px 12px;"><tr><td align="center">`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:${colours.card};border-radius:8px;font-family:Georgia,'Times New Roman',serif;color:${colours.ink};">`,
    `<tr><td style="padding:20px 32px;border-bottom:1px solid ${colours.rule};font-size:20px;font-weight:bold;">${e(SHOP_NAME)}</td></tr>`,
    `<tr><td style="padding:24px 32px 8px;font-size:16px;line-height:1.5;">`,
    p(content.greeting),
    ...content.paragraphs.map((text) => p(text)),
    action,
    content.footnote ? p(content.footnote, `font-size:14px;color:${colours.muted};`) : '',
    '</td></tr>',
    `<tr><td style="padding:16px 32px;border-top:1px solid ${colours.rule};font-size:12px;color:${colours.muted};">${e(SIGN_OFF)}</td></tr>`,
    '</table>',
    '</td></tr></table>',
    '</body>',
    '</html>',
  ]
    .filter(Boolean)
    .join('\n');
}

function textLayout(content: EmailContent): string {
  return [
    SHOP_NAME,
    content.greeting,
    ...content.paragraphs,
    content.action ? `${content.action.label}:\n${content.action.url}` : '',
    content.footnote ?? '',
    SIGN_OFF,
  ]
    .filter(Boolean)
    .join('\n\n')
    .concat('\n');
}
