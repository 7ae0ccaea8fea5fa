// How long a public catalog read may be kept by browsers and by CloudFront. The route table names a
// rule for each cacheable route (every other route answers no-store); the handler sends the rule's
// Cache-Control on success, and the site's CloudFront behaviours for those paths cache what it says.
//
// Stock is the one thing on these pages that moves quickly. The truth is kept by the cart: adding
// more than is left answers 409 with what is left, and the site shows that at once. So a card list
// may show stock up to half a minute old; a product page, where the shopper decides, is kept only
// by CloudFront and only for a few seconds (enough to absorb a rush on one page), never by the
// browser, so reloading after a 409 shows the stock as it is.

export interface CacheRule {
  /** How long the browser may reuse the answer without asking (max-age). */
  readonly browserSeconds: number;
  /** How long CloudFront may (s-maxage); the same as the browser when omitted. */
  readonly edgeSeconds?: number;
}

export const CACHE_RULES = {
  /** A page of cards: names, prices, images, and whether each is in stock. */
  catalogList: { browserSeconds: 30 },
  /** A product page with its live stock count. */
  productPage: { browserSeconds: 0, edgeSeconds: 5 },
  /** What changes only with a deploy: the categories, the OpenAPI document. */
  deployed: { browserSeconds: 300 },
} as const satisfies Record<string, CacheRule>;

export type CacheRuleName = keyof typeof CACHE_RULES;

/** What every answer that is not a public catalog read says: keep nothing. */
export const NO_STORE = 'no-store';

export function cacheControl(name: CacheRuleName): string {
  const rule: CacheRule = CACHE_RULES[name];
  const edge = rule.edgeSeconds === undefined || rule.edgeSeconds === rule.browserSeconds ? '' : `, s-maxage=${rule.edgeSeconds}`;
  return `public, max-age=${rule.browserSeconds}${edge}`;
}

/** The headers a successful answer under `name` carries. */
export const cacheHeaders = (name: CacheRuleName): Record<string, string> => ({ 'cache-control': cacheControl(name) });
