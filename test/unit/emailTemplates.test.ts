import { describe, expect, it } from 'vitest';
import { parseEmailMessage, parseQueuedEmail } from '../../shared/email/message';
import {
  EMAIL_TEMPLATE_NAMES,
  escapeHtml,
  InvalidEmailError,
  renderEmail,
  SHOP_NAME,
  type EmailTemplateData,
  type EmailTemplateName,
} from '../../shared/email/templates';

/** Valid data for every template; a test overrides what it is about. */
const validData: { [T in EmailTemplateName]: EmailTemplateData<T> } = {
  welcome: { name: 'Ada Lovelace', shopUrl: 'https://minerals.example/' },
  passwordReset: { name: 'Ada Lovelace', resetUrl: 'https://minerals.example/reset?token=abc123&u=1', expiresInMinutes: 30 },
  cartStockChanged: { name: 'Ada Lovelace', notices: ['Only 1 Rhodochrosite left — quantity lowered from 3 to 1.'], cartUrl: 'https://minerals.example/cart' },
};

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
    expect(mail.text).toContain('Hello Ada Lovelace,');
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
    ['an unknown template', JSON.stringify({ ...message, template: 'orderShipped' }), 'message.template'],
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
