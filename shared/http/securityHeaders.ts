// The security headers every response of the shop carries — the site, the admin console, /media and
// /api — written once: CloudFront's response headers policy is built from these (infra/constructs/
// shopSite.ts) and the local server sends the same (infra/local/apiServer.ts), so what the tests see
// is what production sends.
//
// The Content-Security-Policy is what the two apps need and no more: their own scripts, styles,
// images (/media/ is the same origin) and API; Stripe.js (its script, its card frames, its API) for
// the shop's payment step; and, passed in per deployment, the origins the admin console calls
// directly (Cognito's sign-in, the photo bucket's presigned uploads). No inline script, and no
// <style> element, anywhere (the built pages have none; Preact sets styles through the DOM, which CSP
// allows), no plugin, and no page of the shop may be framed by anyone. One exception, for style
// *attributes* only: the console previews a mail exactly as it is sent, in a sandboxed frame whose
// document inherits the page's policy, and a mail's styles must be inline attributes (mail clients
// drop stylesheets). A style attribute can run no script.

/** Stripe.js, as Stripe documents it for a Content-Security-Policy (no Address Element, so no Google Maps). */
const STRIPE = {
  scripts: ['https://js.stripe.com', 'https://*.js.stripe.com'],
  frames: ['https://js.stripe.com', 'https://*.js.stripe.com', 'https://hooks.stripe.com'],
  connect: ['https://api.stripe.com'],
  images: ['https://*.stripe.com'],
} as const;

export const SECURITY_HEADER_RULES = {
  /** HTTPS only, for two years, subdomains too (browsers ignore it on plain-http responses, such as the local shop's). */
  strictTransportSecurity: { maxAgeSeconds: 2 * 365 * 24 * 60 * 60, includeSubdomains: true },
  contentTypeOptions: 'nosniff',
  /** No page of the shop in anyone's frame (frame-ancestors 'none' says the same to browsers that read CSP). */
  frameOptions: 'DENY',
  /**
   * Full URLs go to the shop itself only: links carry secrets in their query (a guest's tracking
   * token, a confirmation link's), and no other site is told which page a visitor came from.
   */
  referrerPolicy: 'same-origin',
} as const;

/** The Content-Security-Policy directives; `connectSources` are the deployment's extra origins the pages call. */
export function contentSecurityPolicyDirectives(connectSources: readonly string[] = []): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", ...STRIPE.scripts],
    'style-src': ["'self'"],
    'style-src-attr': ["'unsafe-inline'"],
    'img-src': ["'self'", 'data:', ...STRIPE.images],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...STRIPE.connect, ...connectSources],
    'frame-src': [...STRIPE.frames],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
    'base-uri': ["'self'"],
    'object-src': ["'none'"],
  };
}

export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  return Object.entries(contentSecurityPolicyDirectives(connectSources))
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** Every security header and its value, as a response carries them (header names lower-case). */
export function securityHeaders(connectSources: readonly string[] = []): Record<string, string> {
  const hsts = SECURITY_HEADER_RULES.strictTransportSecurity;
  return {
    'content-security-policy': contentSecurityPolicy(connectSources),
    'strict-transport-security': `max-age=${hsts.maxAgeSeconds}${hsts.includeSubdomains ? '; includeSubDomains' : ''}`,
    'x-content-type-options': SECURITY_HEADER_RULES.contentTypeOptions,
    'x-frame-options': SECURITY_HEADER_RULES.frameOptions,
    'referrer-policy': SECURITY_HEADER_RULES.referrerPolicy,
  };
}
