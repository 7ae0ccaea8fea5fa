// The shop's emails. Each template is a zod schema for its data and a function that says what the mail
// says; one layout turns that into the HTML body (every value escaped) and a plain-text body with the
// same content. Adding a mail is adding one entry to EMAIL_TEMPLATES.
import * as z from 'zod';
import { SHIPPING_METHODS } from '../domain/shipping';

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
  /** Label and amount rows after the paragraphs (an order's lines and totals): a table in HTML, aligned lines in text. */
  summary?: SummaryRow[];
  /** Paragraphs after the summary. */
  closing?: string[];
  /** The one thing the mail asks the reader to do: a button in HTML, the bare link in text. */
  action?: { label: string; url: string };
  /** Further links after the action, each shown with its address. */
  links?: { label: string; url: string }[];
  /** Small print after the action. */
  footnote?: string;
}

export interface SummaryRow {
  label: string;
  value: string;
  /** A total: set apart in HTML. */
  total?: boolean;
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
/** A line of text from the shop's data or a person (a mineral's name, a carrier, a note): no control characters. */
const plainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');
const cents = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const orderNumber = z.string().regex(/^[A-Z0-9-]{3,40}$/, 'must be an order number such as MS-1A2B3C4D');
const deliveryAddress = z.strictObject({
  name: plainText(100),
  line1: plainText(120),
  line2: plainText(120).optional(),
  city: plainText(80),
  region: plainText(80).optional(),
  postalCode: plainText(12),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code'),
});
const orderLine = z.strictObject({ name: plainText(200), quantity: z.number().int().min(1).max(10_000), unitPriceCents: cents, lineTotalCents: cents });

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

  restockConfirm: defineTemplate(
    z.strictObject({ mineralName: plainText(200), confirmUrl: link, expiresInHours: z.number().int().min(1).max(24 * 14) }),
    ({ mineralName, confirmUrl, expiresInHours }) => ({
      subject: `Confirm your restock alert for ${mineralName} at ${SHOP_NAME}`,
      greeting: 'Hello,',
      paragraphs: [
        `Someone asked ${SHOP_NAME} to mail this address when ${mineralName} is back in stock.`,
        `If it was you, confirm with the button below (it works for the next ${duration(expiresInHours * 60)}). Until you do, we send you nothing about it.`,
      ],
      action: { label: 'Confirm the restock alert', url: confirmUrl },
      footnote: 'If you did not ask for this, ignore this mail: without your confirmation the request lapses by itself.',
    }),
  ),

  restockAvailable: defineTemplate(
    z.strictObject({ name: personName, mineralName: plainText(200), productUrl: link, unsubscribeUrl: link }),
    ({ name, mineralName, productUrl, unsubscribeUrl }) => ({
      subject: `${mineralName} is back at ${SHOP_NAME}`,
      greeting: `Hello ${name},`,
      paragraphs: [
        `You asked us to tell you when ${mineralName} was back in stock. It is, now: first come, first served.`,
        'This was your one mail about it; ask again on the mineral’s page if you miss it.',
      ],
      action: { label: `See ${mineralName}`, url: productUrl },
      footnote: `Not interested any more? Stop these mails with one click: ${unsubscribeUrl}`,
    }),
  ),

  promotion: defineTemplate(
    z.strictObject({
      name: personName,
      subject: plainText(150),
      paragraphs: z.array(z.string().trim().min(1).max(2000).regex(/^[^\p{Cc}]*$/u, 'must not contain control characters')).min(1).max(30),
      featured: z.array(z.strictObject({ name: plainText(200), priceCents: cents, url: link })).max(6),
      coupon: z.strictObject({ code: z.string().regex(/^[A-Z0-9-]{3,32}$/), description: plainText(200) }).nullable(),
      shopUrl: link,
      unsubscribeUrl: link,
      /** Which campaign and recipient: the mail worker counts the mail as sent on the campaign. */
      campaignId: z.uuid(),
      recipientId: z.string().min(1).max(80),
    }),
    ({ name, subject, paragraphs, featured, coupon, shopUrl, unsubscribeUrl }) => ({
      subject: `${subject} · ${SHOP_NAME}`,
      greeting: `Hello ${name},`,
      paragraphs: [...paragraphs, ...(coupon ? [`Use the code ${coupon.code} at checkout: ${coupon.description}.`] : [])],
      ...(featured.length > 0 ? { summary: featured.map((f) => ({ label: f.name, value: usd(f.priceCents) })) } : {}),
      action: { label: 'Visit the shop', url: shopUrl },
      ...(featured.length > 0 ? { links: featured.map((f) => ({ label: f.name, url: f.url })) } : {}),
      footnote: `You get these mails because you asked for news and offers. Stop them with one click: ${unsubscribeUrl}`,
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

  orderConfirmation: defineTemplate(
    z.strictObject({
      name: personName,
      orderNumber,
      items: z.array(orderLine).min(1).max(100),
      subtotalCents: cents,
      discounts: z.array(z.strictObject({ description: plainText(300), amountCents: cents })).max(10),
      shippingMethod: z.enum(SHIPPING_METHODS),
      shippingCents: cents,
      taxCents: cents,
      totalCents: cents,
      address: deliveryAddress,
      orderUrl: link,
    }),
    (d) => ({
      subject: `Your ${SHOP_NAME} order ${d.orderNumber} is confirmed`,
      greeting: `Hello ${d.name},`,
      paragraphs: [`Thank you for your order ${d.orderNumber}: we have your payment, and we are getting your minerals ready.`],
      summary: [
        ...d.items.map((item) => ({
          label: item.quantity === 1 ? `1 × ${item.name}` : `${item.quantity} × ${item.name} (${usd(item.unitPriceCents)} each)`,
          value: usd(item.lineTotalCents),
        })),
        { label: 'Subtotal', value: usd(d.subtotalCents) },
        ...d.discounts.map((discount) => ({ label: discount.description, value: usd(-discount.amountCents) })),
        { label: `Shipping (${d.shippingMethod})`, value: usd(d.shippingCents) },
        { label: 'Tax', value: usd(d.taxCents) },
        { label: 'Total', value: usd(d.totalCents), total: true },
      ],
      closing: [`We will send it to: ${oneLine(d.address)}.`, 'We will write again when it ships, with its tracking number.'],
      action: { label: 'See your order', url: d.orderUrl },
    }),
  ),

  paymentFailed: defineTemplate(
    z.strictObject({
      name: personName,
      orderNumber,
      reason: plainText(300).nullable(),
      totalCents: cents,
      heldUntil: z.iso.datetime(),
      retryUrl: link,
    }),
    (d) => ({
      subject: `The payment for your ${SHOP_NAME} order ${d.orderNumber} did not go through`,
      greeting: `Hello ${d.name},`,
      paragraphs: [
        `We could not take the payment of ${usd(d.totalCents)} for your order ${d.orderNumber}.`,
        d.reason ? `Your bank or card provider said: ${d.reason}` : 'Your bank or card provider did not say why.',
        `We are holding your minerals until ${dateTime(d.heldUntil)}. Pay before then, with the same card or another, and the order is yours.`,
      ],
      action: { label: 'Try the payment again', url: d.retryUrl },
      footnote: 'Nothing was charged. If you pay nothing, the order lapses and the minerals go back on sale.',
    }),
  ),

  orderShipped: defineTemplate(
    z.strictObject({
      name: personName,
      orderNumber,
      carrier: plainText(60),
      trackingNumber: plainText(80),
      trackingUrl: link.nullable(),
      orderUrl: link,
    }),
    (d) => ({
      subject: `Your ${SHOP_NAME} order ${d.orderNumber} has shipped`,
      greeting: `Hello ${d.name},`,
      paragraphs: [`Your order ${d.orderNumber} is on its way.`, `Carrier: ${d.carrier}. Tracking number: ${d.trackingNumber}.`],
      action: d.trackingUrl ? { label: `Track it with ${d.carrier}`, url: d.trackingUrl } : { label: 'See your order', url: d.orderUrl },
      ...(d.trackingUrl ? { links: [{ label: 'Your order', url: d.orderUrl }] } : {}),
    }),
  ),

  trackingLinkReplaced: defineTemplate(z.strictObject({ name: personName, orderNumber, orderUrl: link }), (d) => ({
    subject: `A new link to your ${SHOP_NAME} order ${d.orderNumber}`,
    greeting: `Hello ${d.name},`,
    paragraphs: [
      `We have replaced the link to your order ${d.orderNumber}: the links in our earlier mails no longer open it.`,
      'Use the button below from now on, and keep this mail to yourself: anyone with the link can see the order.',
    ],
    action: { label: 'See your order', url: d.orderUrl },
  })),

  orderDelivered: defineTemplate(z.strictObject({ name: personName, orderNumber, orderUrl: link }), (d) => ({
    subject: `Your ${SHOP_NAME} order ${d.orderNumber} was delivered`,
    greeting: `Hello ${d.name},`,
    paragraphs: [
      `The carrier says your order ${d.orderNumber} was delivered. We hope the minerals are everything you hoped for.`,
      'If anything arrived damaged or is not what you ordered, reply to this mail and we will put it right.',
    ],
    action: { label: 'See your order', url: d.orderUrl },
  })),

  orderCancelled: defineTemplate(z.strictObject({ name: personName, orderNumber, refundCents: cents, orderUrl: link }), (d) => ({
    subject: `Your ${SHOP_NAME} order ${d.orderNumber} was cancelled`,
    greeting: `Hello ${d.name},`,
    paragraphs: [
      `We have cancelled your order ${d.orderNumber}.`,
      d.refundCents > 0
        ? `We are refunding ${usd(d.refundCents)} to the card you paid with. Depending on your bank it shows up within 5 to 10 business days.`
        : 'Nothing was charged for it, so there is nothing to refund.',
    ],
    action: { label: 'See your order', url: d.orderUrl },
    footnote: 'If you did not expect this, reply to this mail and we will tell you why.',
  })),

  orderRefunded: defineTemplate(
    z.strictObject({
      name: personName,
      orderNumber,
      refundCents: cents.min(1),
      inFull: z.boolean(),
      note: plainText(500).nullable(),
      orderUrl: link,
    }),
    (d) => ({
      subject: `A refund for your ${SHOP_NAME} order ${d.orderNumber}`,
      greeting: `Hello ${d.name},`,
      paragraphs: [
        d.inFull
          ? `We have refunded your order ${d.orderNumber} in full: ${usd(d.refundCents)} goes back to the card you paid with.`
          : `We have refunded ${usd(d.refundCents)} of your order ${d.orderNumber} to the card you paid with.`,
        ...(d.note ? [d.note] : []),
        'Depending on your bank the money shows up within 5 to 10 business days.',
      ],
      action: { label: 'See your order', url: d.orderUrl },
    }),
  ),

  passwordChanged: defineTemplate(
    z.strictObject({ name: personName, changedAt: z.iso.datetime(), how: z.enum(['reset', 'change']), resetUrl: link }),
    (d) => ({
      subject: `Your ${SHOP_NAME} password was changed`,
      greeting: `Hello ${d.name},`,
      paragraphs: [
        `The password of your ${SHOP_NAME} account was changed on ${dateTime(d.changedAt)}, ${d.how === 'reset' ? 'with a reset link from our mail' : 'from your account settings'}.`,
        d.how === 'reset' ? 'Every session of your account was signed out.' : 'Every other session of your account was signed out.',
        'If this was you, there is nothing more to do.',
      ],
      action: { label: 'It was not me: reset my password', url: d.resetUrl },
      footnote: 'If you did not change it, someone else knows your password: reset it now, and check the addresses and orders in your account.',
    }),
  ),
  // — a visitor's message from the contact form, to the shop's own inbox (never to the visitor's address) —
  contactMessage: defineTemplate(
    z.strictObject({
      /** The visitor's name, as typed. */
      name: personName,
      fromEmail: z.email().max(254),
      topic: z.enum(['question', 'order', 'selling', 'other']),
      orderNumber: orderNumber.nullable(),
      /** The message's lines, as typed (blank lines dropped). */
      message: z.array(plainText(4000)).min(1).max(100),
      consoleUrl: link,
    }),
    (d) => ({
      subject: `${SHOP_NAME} contact form (${d.topic}${d.orderNumber ? `, order ${d.orderNumber}` : ''}) from ${d.name}`,
      greeting: `A message from ${d.name} <${d.fromEmail}>:`,
      paragraphs: d.message,
      action: { label: 'Open the console', url: d.consoleUrl },
      footnote: `Answer by writing to ${d.fromEmail}. Sent through the shop's contact form; the address is as the visitor typed it, unverified.`,
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

const usdFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** Integer cents as a person reads them: 123456 → "$1,234.56", -500 → "-$5.00". */
export function usd(cents: number): string {
  return usdFormat.format(cents / 100);
}

const dateTimeFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** An instant in one unambiguous zone: "Mar 5, 2026, 2:30 PM UTC". */
function dateTime(iso: string): string {
  return `${dateTimeFormat.format(new Date(iso))} UTC`;
}

/** "Ada Lovelace, 1 Quartz Way, Denver, CO 80202, US". */
function oneLine(a: z.output<typeof deliveryAddress>): string {
  return [a.name, a.line1, a.line2, a.city, [a.region, a.postalCode].filter(Boolean).join(' '), a.country].filter(Boolean).join(', ');
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
  const summary = content.summary?.length
    ? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="margin:0 0 16px;border-collapse:collapse;">` +
      content.summary
        .map((row) => {
          const style = row.total ? `padding:8px 0 4px;border-top:1px solid ${colours.rule};font-weight:bold;` : 'padding:4px 0;';
          return `<tr><td style="${style}">${e(row.label)}</td><td align="right" style="${style}padding-left:16px;white-space:nowrap;">${e(row.value)}</td></tr>`;
        })
        .join('') +
      '</table>'
    : '';
  const links = (content.links ?? [])
    .map((l) => `<p style="margin:0 0 16px;font-size:14px;">${e(l.label)}:<br><a href="${e(l.url)}" style="color:${colours.accent};word-break:break-all;">${e(l.url)}</a></p>`)
    .join('');
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
    summary,
    ...(content.closing ?? []).map((text) => p(text)),
    action,
    links,
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
    textSummary(content.summary ?? []),
    ...(content.closing ?? []),
    content.action ? `${content.action.label}:\n${content.action.url}` : '',
    ...(content.links ?? []).map((l) => `${l.label}:\n${l.url}`),
    content.footnote ?? '',
    SIGN_OFF,
  ]
    .filter(Boolean)
    .join('\n\n')
    .concat('\n');
}

/** Summary rows as aligned lines: labels padded, amounts right-aligned. */
function textSummary(rows: SummaryRow[]): string {
  const labelWidth = Math.max(0, ...rows.map((r) => r.label.length));
  const valueWidth = Math.max(0, ...rows.map((r) => r.value.length));
  return rows.map((r) => `${r.label.padEnd(labelWidth)}  ${r.value.padStart(valueWidth)}`).join('\n');
}
