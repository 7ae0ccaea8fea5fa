// The one table: its key attributes, its indexes (named after the access pattern they serve) and
// its TTL attribute. CDK builds the real table from this and the local runtime creates DynamoDB
// Local's table from it, so the two cannot drift apart.

export const KEY = { pk: 'pk', sk: 'sk' } as const;

/** Epoch seconds after which DynamoDB's TTL may delete an item; always later than any logical expiry. */
export const TTL_ATTRIBUTE = 'ttl';

export interface IndexDefinition {
  pk: string;
  sk: string;
  /**
   * The non-key attributes the index carries (INCLUDE); without it the index projects ALL. An index
   * entry is rewritten (and paid for) whenever one of these changes, so keep the lists short.
   */
  projection?: readonly string[];
}

/**
 * DynamoDB allows 100 INCLUDE attributes summed over all of a table's indexes (the same name in two
 * indexes counts twice); projections are checked against it (test/unit/tableDefinition.test.ts).
 */
export const MAX_PROJECTED_ATTRIBUTES = 100;

/** What the admin's account list shows: never the password hash or anything else secret. */
export const USER_LIST_ATTRIBUTES = ['userId', 'username', 'email', 'name', 'disabled', 'createdAt'] as const;

/**
 * What the eight catalog indexes carry of a mineral: its card packed in one map (a listing needs ~15
 * fields, and eight indexes of them would pass the 100-attribute limit), the listed shelf the in-stock
 * filter and the badge read, and the price a price filter on another sort reads. Nothing a stock
 * move writes is among them, so an index entry is rewritten only when the card or the listed shelf
 * changes; and an entry of ~500 bytes keeps a page of 24 cards within 2 read units.
 */
export const CATALOG_CARD_ATTRIBUTES = ['card', 'listedStock', 'priceCents'] as const;

/**
 * What the two order indexes carry of an order: the `listing` map of what never changes once it is
 * placed (number, date, customer, totals) and the three fields that do (status, last change, refunded).
 * A payment id, a mail marker or a timeline note leaves the entries alone, and an entry of ~400 bytes
 * costs one write unit where the whole order (its quote, lines and timeline) costs four or more.
 */
export const ORDER_LISTING_ATTRIBUTES = ['listing', 'status', 'updatedAt', 'refundedCents'] as const;

export const INDEXES = {
  /** Whole catalog ordered by price (gsi1pk = MINERALS). */
  allByPrice: { pk: 'gsi1pk', sk: 'gsi1sk', projection: CATALOG_CARD_ATTRIBUTES },
  /** Whole catalog ordered by units sold. */
  allByPopularity: { pk: 'gsi2pk', sk: 'gsi2sk', projection: CATALOG_CARD_ATTRIBUTES },
  /** Whole catalog ordered by listing date. */
  allByNewest: { pk: 'gsi3pk', sk: 'gsi3sk', projection: CATALOG_CARD_ATTRIBUTES },
  /** Whole catalog ordered by average rating, then number of ratings. */
  allByRating: { pk: 'gsi4pk', sk: 'gsi4sk', projection: CATALOG_CARD_ATTRIBUTES },
  /** One category ordered by price (gsi5pk = CATEGORY#<id>). */
  categoryByPrice: { pk: 'gsi5pk', sk: 'gsi5sk', projection: CATALOG_CARD_ATTRIBUTES },
  categoryByPopularity: { pk: 'gsi6pk', sk: 'gsi6sk', projection: CATALOG_CARD_ATTRIBUTES },
  categoryByNewest: { pk: 'gsi7pk', sk: 'gsi7sk', projection: CATALOG_CARD_ATTRIBUTES },
  categoryByRating: { pk: 'gsi8pk', sk: 'gsi8sk', projection: CATALOG_CARD_ATTRIBUTES },
  /** Cart lines that hold stock, ordered by hold expiry (gsi9pk = HOLDS); sparse: released holds leave it. */
  holdsByExpiry: { pk: 'gsi9pk', sk: 'gsi9sk' },
  /** Shopper accounts ordered by lower-cased email (gsi10pk = USERS), for the admin's search. */
  usersByEmail: { pk: 'gsi10pk', sk: 'gsi10sk', projection: USER_LIST_ATTRIBUTES },
  /** One mineral's reviews ordered by when they were first posted (gsi11pk = REVIEWS#<mineralId>). */
  reviewsByNewest: { pk: 'gsi11pk', sk: 'gsi11sk' },
  /** One mineral's reviews ordered by rating, then by when they were first posted. */
  reviewsByRating: { pk: 'gsi12pk', sk: 'gsi12sk' },
  /** A shopper's orders, newest first (gsi13pk = CUSTOMER#<userId>); guests' orders are not in it. */
  ordersByCustomer: { pk: 'gsi13pk', sk: 'gsi13sk', projection: ORDER_LISTING_ATTRIBUTES },
  /** Orders in one status, oldest first (gsi14pk = ORDERS#<status>): the admin's queue and the unpaid-order job. */
  ordersByStatus: { pk: 'gsi14pk', sk: 'gsi14sk', projection: ORDER_LISTING_ATTRIBUTES },
  // — admin: minerals and inventory —
  /** Every mineral in any status by lower-cased name (gsi15pk = ADMIN_MINERALS): the admin's list and the reconciliation job. */
  mineralsByName: { pk: 'gsi15pk', sk: 'gsi15sk' },
  /** Cart lines holding one mineral (gsi16pk = HOLDS#<mineralId>, sk = cart id); sparse like holdsByExpiry. */
  holdsByMineral: { pk: 'gsi16pk', sk: 'gsi16sk' },
  /** Every admin write, oldest first (gsi17pk = AUDIT); one object's records are its own partition. */
  auditLog: { pk: 'gsi17pk', sk: 'gsi17sk' },
  /**
   * The admin's lists that have no partition of their own, one gsi18pk each, sparse: COUPONS (sk = code),
   * SALES (minerals with a flash sale, sk = `<endsAt>#<id>`), REVIEWS (the moderation queue, sk =
   * `<updatedAt>#<mineralId>#<userId>`), CUSTOMERS, PROMO_OPTIN, CAMPAIGNS, and ORDEREMAIL#<email> (one
   * customer's orders for the order search, sk = `<placedAt>#<orderId>`: shared/db/orderSearch.ts).
   */
  adminLists: { pk: 'gsi18pk', sk: 'gsi18sk' },
} as const satisfies Record<string, IndexDefinition>;

export type IndexName = keyof typeof INDEXES;

export const TABLE_DEFINITION = { key: KEY, indexes: INDEXES, ttlAttribute: TTL_ATTRIBUTE } as const;

/** Every index with its definition, typed as the general shape (projection included). */
export const INDEX_DEFINITIONS: ReadonlyArray<readonly [IndexName, IndexDefinition]> = Object.entries(INDEXES) as Array<[IndexName, IndexDefinition]>;
