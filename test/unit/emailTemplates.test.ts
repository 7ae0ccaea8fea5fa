import { describe, expect, it } from 'vitest';
import { parseEmailMessage, parseQueuedEmail } from '../../shared/email/message';
import {
  EMAIL_TEMPLATE_NAMES,
  escapeHtml,
  InvalidEmailError,
  renderEmail,
  SHOP_NAME,
  usd,
  type EmailTemplateData,
  type EmailTemplateName,
} from '../../shared/email/templates';

/** Valid data for every template; a test overrides what it is about. */
const validData: { [T in EmailTemplateName]: EmailTemplateData<T> } = {
  welcome: { name: 'Ada Lovelace', shopUrl: 'https://minerals.example/' },
  passwordReset: { name: 'Ada Lovelace', resetUrl: 'https://minerals.example/reset?token=abc123&u=1', expiresInMinutes: 30 },
  cartStockChanged: { name: 'Ada Lovelace', notices: ['Only 1 Rhodochrosite left — quantity lowered from 3 to 1.'], cartUrl: 'https://minerals.example/cart' },
  promotion: {
    name: 'Ada Lovelace',
    subject: 'Spring arrivals from Colorado',
    paragraphs: ['Fresh rhodochrosite from the Sweet Home mine.', 'First come, first served.'],
    featured: [{ name: 'Rhodochrosite', priceCents: 12_500, url: 'https://minerals.example/minerals/rhodochrosite' }],
    coupon: { code: 'SPRING10', description: '10% off' },
    shopUrl: 'https://minerals.example/',
    unsubscribeUrl: 'https://minerals.example/api/promotions/unsubscribe?token=abc',
    campaignId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    recipientId: 'b3c1f2e4-0000-4000-8000-000000000001',
  },
  trackingLinkReplaced: { name: 'Ada Lovelace', orderNumber: 'MS-1A2B3C4D', orderUrl: 'https://minerals.example/orders/1/track?token=abc' },
  restockConfirm: { mineralName: 'Rhodochrosite', confirmUrl: 'https://minerals.example/restock/confirm?token=abc', expiresInHours: 48 },
  restockAvailable: {
    name: 'Ada Lovelace',
    mineralName: 'Rhodochrosite',
    productUrl: 'https://minerals.example/minerals/rhodochrosite',
    unsubscribeUrl: 'https://minerals.example/api/restock-watches/unsubscribe?token=abc',
  },
  orderConfirmation: {
    name: 'Ada Lovelace',
    orderNumber: 'MS-1A2B3C4D',
    items: [
      { name: 'Rhodochrosite', quantity: 2, unitPriceCents: 12_500, lineTotalCents: 25_000 },
      { name: 'Smoky Quartz', quantity: 1, unitPriceCents: 4_999, lineTotalCents: 4_999 },
    ],
    subtotalCents: 29_999,
    discounts: [
      { description: 'Coupon WELCOME10: 10% off', amountCents: 3_000 },
      { description: 'Free standard shipping on orders of $150.00 or more', amountCents: 1_200 },
    ],
    shippingMethod: 'standard',
    shippingCents: 1_200,
    taxCents: 783,
    totalCents: 27_782,
    address: { name: 'Ada Lovelace', line1: '1 Quartz Way', city: 'Denver', region: 'CO', postalCode: '80202', country: 'US' },
    orderUrl: 'https://minerals.example/account/orders/0b7c5c8e-3f5a-4a3e-9d59-0c1f2a3b4c5d',
  },
  paymentFailed: {
    name: 'Ada Lovelace',
    orderNumber: 'MS-1A2B3C4D',
    reason: 'Your card has insufficient funds.',
    totalCents: 123_456,
    heldUntil: '2026-03-05T14:30:00.000Z',
    retryUrl: 'https://minerals.example/checkout/pay/0b7c5c8e-3f5a-4a3e-9d59-0c1f2a3b4c5d?token=aaa.bbb.ccc',
  },
  orderShipped: {
    name: 'Ada Lovelace',
    orderNumber: 'MS-1A2B3C4D',
    carrier: 'UPS',
    trackingNumber: '1Z999AA10123456784',
    trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784&loc=en_US',
    orderUrl: 'https://minerals.example/orders/0b7c5c8e-3f5a-4a3e-9d59-0c1f2a3b4c5d/track?token=aaa.bbb.ccc',
  },
  orderDelivered: { name: 'Ada Lovelace', orderNumber: 'MS-1A2B3C4D', orderUrl: 'https://minerals.example/account/orders/0b7c5c8e' },
  orderCancelled: { name: 'Ada Lovelace', orderNumber: 'MS-1A2B3C4D', refundCents: 27_782, orderUrl: 'https://minerals.example/account/orders/0b7c5c8e' },
  orderRefunded: {
    name: 'Ada Lovelace',
    orderNumber: 'MS-1A2B3C4D',
    refundCents: 27_782,
    inFull: true,
    note: 'Your payment arrived after the order expired and the last specimen had sold.',
    orderUrl: 'https://minerals.example/account/orders/0b7c5c8e',
  },
  passwordChanged: { name: 'Ada Lovelace', changedAt: '2026-03-05T14:30:00.000Z', how: 'change', resetUrl: 'https://minerals.example/account/forgot-password' },
  contactMessage: {
    name: 'Ada Lovelace',
    fromEmail: 'ada@example.com',
    topic: 'order',
    orderNumber: 'MS-1A2B3C4D',
    message: ['Does the rhodochrosite come with a label?', 'Thanks, Ada'],
    consoleUrl: 'https://minerals.example/admin/',
  },
};

/** The links a template's data carries, by field: each must refuse anything but http(s). */
const LINK_FIELDS: { [T in EmailTemplateName]: (keyof EmailTemplateData<T> & string)[] } = {
  welcome: ['shopUrl'],
  passwordReset: ['resetUrl'],
  cartStockChanged: ['cartUrl'],
  restockConfirm: ['confirmUrl'],
  trackingLinkReplaced: ['orderUrl'],
  restockAvailable: ['productUrl', 'unsubscribeUrl'],
  promotion: ['shopUrl', 'unsubscribeUrl'],
  orderConfirmation: ['orderUrl'],
  paymentFailed: ['retryUrl'],
  orderShipped: ['trackingUrl', 'orderUrl'],
  orderDelivered: ['orderUrl'],
  orderCancelled: ['orderUrl'],
  orderRefunded: ['orderUrl'],
  passwordChanged: ['resetUrl'],
  contactMessage: ['consoleUrl'],
};

/** How a mail addresses the name in its data: the shopper it greets, or (mail to the shop) the visitor who wrote; a restock confirmation knows no name. */
const greeting = (template: EmailTemplateName, name: string) =>
  template === 'contactMessage' ? `A message from ${name} ` : template === 'restockConfirm' ? 'Hello,' : `Hello ${name},`;

const ORDER_MAILS = ['orderConfirmation', 'paymentFailed', 'orderShipped', 'orderDelivered', 'orderCancelled', 'orderRefunded'] as const;

function render<T extends EmailTemplateName>(template: T, overrides: Partial<EmailTemplateData<T>> = {}) {
  return renderEmail(template, { ...validData[template], ...overrides });
}

/** What a reader sees of an HTML body: tags dropped, entities decoded, whitespace collapsed. */
function visibleText(html: string): string {
  const body = html.replace(/^[\s\S]*<body[^>]*>/, '').replace(/<\/body>[\s\S]*$/, '');
  return body
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

const words = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('email templates', () => {
  it.each(EMAIL_TEMPLATE_NAMES)('%s renders a subject, an HTML body and a text body with the shop name', (template) => {
    const mail = render(template);
    expect(mail.subject).toContain(SHOP_NAME);
    expect(mail.html).toMatch(/^<!doctype html>/);
    expect(mail.html).toContain(`<title>${escapeHtml(mail.subject)}</title>`);
    expect(visibleText(mail.html)).toContain(SHOP_NAME);
    expect(mail.text).toContain(SHOP_NAME);
    expect(mail.text).toContain(greeting(template, 'Ada Lovelace'));
  });

  it.each(EMAIL_TEMPLATE_NAMES)('%s says the same in text as in HTML', (template) => {
    const mail = render(template);
    // Every paragraph of the text body appears in what the HTML shows (the HTML adds only the link hint).
    for (const paragraph of mail.text.split('\n\n').flatMap((p) => p.split('\n'))) {
      const line = words(paragraph.replace(/:$/, ''));
      if (line) expect(visibleText(mail.html)).toContain(line);
    }
  });

  it('welcome links to the shop', () => {
    const mail = render('welcome');
    expect(mail.subject).toBe('Welcome to Mineral shop');
    expect(mail.html).toContain('href="https://minerals.example/"');
    expect(mail.text).toContain('https://minerals.example/');
  });

  it('restock confirmation carries its link, says how long it works, and that nothing comes without it', () => {
    const mail = render('restockConfirm');
    expect(mail.text).toContain(validData.restockConfirm.confirmUrl);
    expect(mail.text).toContain('48 hours');
    expect(words(mail.text)).toContain('Until you do, we send you nothing about it.');
  });

  it('password reset carries the link and says how long it lasts', () => {
    const mail = render('passwordReset');
    expect(mail.subject).toBe('Reset your Mineral shop password');
    expect(mail.text).toContain('https://minerals.example/reset?token=abc123&u=1');
    expect(mail.text).toContain('next 30 minutes');
    // In HTML the link's & is escaped, in the href and in the visible copy of the link.
    expect(mail.html).toContain('href="https://minerals.example/reset?token=abc123&amp;u=1"');
    expect(mail.html).not.toContain('token=abc123&u=1');
    expect(mail.text).toContain('If you did not ask for this');
  });

  it.each([
    [1, '1 minute'],
    [45, '45 minutes'],
    [60, '1 hour'],
    [90, '90 minutes'],
    [120, '2 hours'],
  ])('password reset writes %i minutes as "%s"', (expiresInMinutes, words) => {
    expect(render('passwordReset', { expiresInMinutes }).text).toContain(`next ${words}.`);
  });

  it('escapes markup in a name in the HTML body, and keeps it as written in the text body', () => {
    const name = '<script>alert("x")</script> & \'Bob\'';
    const mail = render('welcome', { name });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Bob&#39;');
    expect(visibleText(mail.html)).toContain(`Hello ${name},`);
    expect(mail.text).toContain(`Hello ${name},`);
  });

  it('cannot be broken out of an attribute by a crafted link', () => {
    const mail = render('welcome', { shopUrl: 'https://minerals.example/?q="><img src=x onerror=alert(1)>' });
    expect(mail.html).not.toMatch(/<img/);
    expect(mail.html).toContain('href="https://minerals.example/?q=&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
  });

  it.each([
    ['an empty name', 'welcome', { name: '  ' }, 'data.name'],
    ['a name with a line break', 'welcome', { name: 'Ada\nBcc: x@y.z' }, 'data.name'],
    ['a very long name', 'welcome', { name: 'a'.repeat(101) }, 'data.name'],
    ['a link that is not http(s)', 'welcome', { shopUrl: 'javascript:alert(1)' }, 'data.shopUrl'],
    ['a link that is not a URL', 'passwordReset', { resetUrl: 'reset me' }, 'data.resetUrl'],
    ['a fractional expiry', 'passwordReset', { expiresInMinutes: 1.5 }, 'data.expiresInMinutes'],
    ['a zero expiry', 'passwordReset', { expiresInMinutes: 0 }, 'data.expiresInMinutes'],
    ['an unknown field', 'welcome', { coupon: 'FREE' }, 'data'],
  ] as const)('rejects %s', (_what, template, overrides, at) => {
    const bad = { ...validData[template], ...overrides } as never;
    expect(() => renderEmail(template, bad)).toThrow(InvalidEmailError);
    expect(() => renderEmail(template, bad)).toThrow(new RegExp(`${at.replace('.', '\\.')}\\b`));
  });

  it.each(EMAIL_TEMPLATE_NAMES)('%s links only to http(s) addresses, and refuses a javascript: link in any link field', (template) => {
    const mail = render(template);
    const hrefs = [...mail.html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
    for (const field of LINK_FIELDS[template]) {
      for (const bad of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'not a link']) {
        expect(() => renderEmail(template, { ...validData[template], [field]: bad } as never)).toThrow(new RegExp(`data\\.${field}\\b`));
      }
    }
  });

  // A restock confirmation goes to an address nobody has named yet: it greets no one.
  it.each(EMAIL_TEMPLATE_NAMES.filter((t) => 'name' in validData[t]))('%s escapes markup in the name it greets', (template) => {
    const name = '<img src=x onerror=alert(1)> & "Bob"';
    const mail = render(template, { name } as never);
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain(greeting(template, '&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Bob&quot;'));
    expect(mail.text).toContain(greeting(template, name));
  });

  it('rejects missing data', () => {
    expect(() => renderEmail('passwordReset', { name: 'Ada' } as never)).toThrow(/data\.resetUrl.*data\.expiresInMinutes/);
  });

  it('never puts the rejected value in the error', () => {
    const secretLink = 'ftp://minerals.example/reset?token=very-secret';
    expect(() => render('passwordReset', { resetUrl: secretLink })).toThrow(InvalidEmailError);
    try {
      render('passwordReset', { resetUrl: secretLink });
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('very-secret');
    }
  });
});

describe('queued email messages', () => {
  const message = { to: 'ada@example.com', template: 'welcome', data: validData.welcome } as const;

  it('round-trip through a queue body', () => {
    expect(parseQueuedEmail(JSON.stringify(message))).toEqual(message);
  });

  it.each([
    ['a body that is not JSON', '{"to":', 'body'],
    ['an unknown template', JSON.stringify({ ...message, template: 'orderTeleported' }), 'message.template'],
    ['a bad address', JSON.stringify({ ...message, to: 'ada' }), 'message.to'],
    ['an address with a display name', JSON.stringify({ ...message, to: 'Ada <ada@example.com>' }), 'message.to'],
    ['data of another template', JSON.stringify({ ...message, data: validData.passwordReset }), 'data'],
    ['an extra field', JSON.stringify({ ...message, bcc: 'eve@example.com' }), 'message'],
  ])('reject %s', (_what, body, at) => {
    expect(() => parseQueuedEmail(body)).toThrow(InvalidEmailError);
    expect(() => parseQueuedEmail(body)).toThrow(new RegExp(`${at.replace('.', '\\.')}\\b`));
  });

  it('are checked before they are queued, with the same rules', () => {
    expect(() => parseEmailMessage({ ...message, data: { name: 'Ada' } })).toThrow(/data\.shopUrl/);
  });
});

describe('order mails', () => {
  it.each([
    [0, '$0.00'],
    [5, '$0.05'],
    [99, '$0.99'],
    [100, '$1.00'],
    [123_456, '$1,234.56'],
    [100_000_000, '$1,000,000.00'],
    [-500, '-$5.00'],
  ])('money: %i cents is %s', (cents, text) => {
    expect(usd(cents)).toBe(text);
  });

  it('a confirmation lists each item with its quantity and price, the discounts, shipping, tax, total and the address', () => {
    const mail = render('orderConfirmation');
    expect(mail.subject).toBe('Your Mineral shop order MS-1A2B3C4D is confirmed');
    const shown = visibleText(mail.html);
    for (const line of [
      '2 × Rhodochrosite ($125.00 each) $250.00',
      '1 × Smoky Quartz $49.99',
      'Subtotal $299.99',
      'Coupon WELCOME10: 10% off -$30.00',
      'Free standard shipping on orders of $150.00 or more -$12.00',
      'Shipping (standard) $12.00',
      'Tax $7.83',
      'Total $277.82',
    ]) {
      expect(shown).toContain(line);
      expect(words(mail.text)).toContain(line);
    }
    expect(mail.text).toContain('We will send it to: Ada Lovelace, 1 Quartz Way, Denver, CO 80202, US.');
    expect(mail.html).toContain('href="https://minerals.example/account/orders/0b7c5c8e-3f5a-4a3e-9d59-0c1f2a3b4c5d"');
  });

  it('a confirmation lines its amounts up in the text body', () => {
    const lines = render('orderConfirmation').text.split('\n').filter((l) => /\$\d/.test(l) && /^\S/.test(l) && !l.startsWith('Thank'));
    expect(lines.length).toBe(8);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });

  it('a confirmation escapes markup in mineral names, discounts and the address', () => {
    const evil = '<b onmouseover="x()">Pyrite</b>';
    const mail = render('orderConfirmation', {
      items: [{ name: evil, quantity: 1, unitPriceCents: 100, lineTotalCents: 100 }],
      discounts: [{ description: `Coupon ${evil}`, amountCents: 10 }],
      address: { ...validData.orderConfirmation.address, line1: evil },
    });
    expect(mail.html).not.toContain('<b ');
    expect(mail.html.match(/&lt;b onmouseover=&quot;x\(\)&quot;&gt;Pyrite&lt;\/b&gt;/g)).toHaveLength(3);
    expect(mail.text).toContain(`1 × ${evil}`);
  });

  it('a failed payment gives the reason, how long the order is held and the retry link', () => {
    const mail = render('paymentFailed');
    expect(mail.subject).toContain('MS-1A2B3C4D');
    expect(mail.text).toContain('We could not take the payment of $1,234.56');
    expect(mail.text).toContain('Your bank or card provider said: Your card has insufficient funds.');
    expect(mail.text).toContain('until Mar 5, 2026, 2:30 PM UTC.');
    expect(mail.text).toContain('Try the payment again:\nhttps://minerals.example/checkout/pay/0b7c5c8e-3f5a-4a3e-9d59-0c1f2a3b4c5d?token=aaa.bbb.ccc');
    expect(render('paymentFailed', { reason: null }).text).toContain('did not say why');
  });

  it('a shipping mail gives carrier, tracking number, the carrier’s link and the order link', () => {
    const mail = render('orderShipped');
    expect(mail.subject).toBe('Your Mineral shop order MS-1A2B3C4D has shipped');
    expect(mail.text).toContain('Carrier: UPS. Tracking number: 1Z999AA10123456784.');
    expect(mail.html).toContain('href="https://www.ups.com/track?tracknum=1Z999AA10123456784&amp;loc=en_US"');
    expect(mail.text).toContain('Track it with UPS:\nhttps://www.ups.com/track?tracknum=1Z999AA10123456784&loc=en_US');
    expect(mail.text).toContain(`Your order:\n${validData.orderShipped.orderUrl}`);
  });

  it('a shipping mail without a carrier link sends the shopper to the order', () => {
    const mail = render('orderShipped', { trackingUrl: null });
    expect(mail.text).toContain(`See your order:\n${validData.orderShipped.orderUrl}`);
    expect(mail.html).not.toContain('ups.com');
    expect(mail.text).toContain('Tracking number: 1Z999AA10123456784');
  });

  it('a delivery mail links to the order', () => {
    const mail = render('orderDelivered');
    expect(mail.subject).toBe('Your Mineral shop order MS-1A2B3C4D was delivered');
    expect(mail.html).toContain(`href="${validData.orderDelivered.orderUrl}"`);
  });

  it('a cancellation says how much is refunded, or that nothing was charged', () => {
    expect(render('orderCancelled').text).toContain('We are refunding $277.82 to the card you paid with.');
    const free = render('orderCancelled', { refundCents: 0 }).text;
    expect(free).toContain('nothing to refund');
    expect(free).not.toContain('$');
  });

  it('a refund says the amount, whether it is the whole order, and the note', () => {
    const full = render('orderRefunded').text;
    expect(full).toContain('We have refunded your order MS-1A2B3C4D in full: $277.82 goes back');
    expect(full).toContain('Your payment arrived after the order expired and the last specimen had sold.');
    const part = render('orderRefunded', { refundCents: 1_050, inFull: false, note: null }).text;
    expect(part).toContain('We have refunded $10.50 of your order MS-1A2B3C4D');
    expect(part).not.toContain('in full');
  });

  it.each([
    ['fractional cents', 'orderConfirmation', { totalCents: 10.5 }, 'data.totalCents'],
    ['negative cents', 'orderCancelled', { refundCents: -1 }, 'data.refundCents'],
    ['a refund of nothing', 'orderRefunded', { refundCents: 0 }, 'data.refundCents'],
    ['an order without items', 'orderConfirmation', { items: [] }, 'data.items'],
    ['a zero quantity', 'orderConfirmation', { items: [{ name: 'Pyrite', quantity: 0, unitPriceCents: 1, lineTotalCents: 0 }] }, 'data.items.0.quantity'],
    ['a hold time that is not a time', 'paymentFailed', { heldUntil: 'tomorrow' }, 'data.heldUntil'],
    ['a note with a line break', 'orderRefunded', { note: 'a\nBcc: x@y.z' }, 'data.note'],
    ['a malformed order number', 'orderDelivered', { orderNumber: 'ms 1' }, 'data.orderNumber'],
  ] as const)('order mails reject %s', (_what, template, overrides, at) => {
    const bad = { ...validData[template], ...overrides } as never;
    expect(() => renderEmail(template, bad)).toThrow(new RegExp(`${at.replace(/\./g, '\\.')}\\b`));
  });

  it.each(ORDER_MAILS)('%s names the order number in its subject', (template) => {
    expect(render(template).subject).toContain('MS-1A2B3C4D');
  });
});
