// The one table: its key attributes, its indexes (named after the access pattern they serve) and
// its TTL attribute. CDK builds the real table from this and the local runtime creates DynamoDB
// Local's table from it, so the two cannot drift apart.

export const KEY = { pk: 'pk', sk: 'sk' } as const;

/** Epoch seconds after which DynamoDB's TTL may delete an item; always later than any logical expiry. */
export const TTL_ATTRIBUTE = 'ttl';

export interface IndexDefinition {
  pk: string;
  sk: string;
}

export const INDEXES = {
  /** Whole catalog ordered by price (gsi1pk = MINERALS). */
  allByPrice: { pk: 'gsi1pk', sk: 'gsi1sk' },
  /** Whole catalog ordered by units sold. */
  allByPopularity: { pk: 'gsi2pk', sk: 'gsi2sk' },
  /** Whole catalog ordered by listing date. */
  allByNewest: { pk: 'gsi3pk', sk: 'gsi3sk' },
  /** Whole catalog ordered by average rating, then number of ratings. */
  allByRating: { pk: 'gsi4pk', sk: 'gsi4sk' },
  /** One category ordered by price (gsi5pk = CATEGORY#<id>). */
  categoryByPrice: { pk: 'gsi5pk', sk: 'gsi5sk' },
  categoryByPopularity: { pk: 'gsi6pk', sk: 'gsi6sk' },
  categoryByNewest: { pk: 'gsi7pk', sk: 'gsi7sk' },
  categoryByRating: { pk: 'gsi8pk', sk: 'gsi8sk' },
  /** Cart lines that hold stock, ordered by hold expiry (gsi9pk = HOLDS); sparse: released holds leave it. */
  holdsByExpiry: { pk: 'gsi9pk', sk: 'gsi9sk' },
  /** Shopper accounts ordered by lower-cased email (gsi10pk = USERS), for the admin's search. */
  usersByEmail: { pk: 'gsi10pk', sk: 'gsi10sk' },
  /** One mineral's reviews ordered by when they were first posted (gsi11pk = REVIEWS#<mineralId>). */
  reviewsByNewest: { pk: 'gsi11pk', sk: 'gsi11sk' },
  /** One mineral's reviews ordered by rating, then by when they were first posted. */
  reviewsByRating: { pk: 'gsi12pk', sk: 'gsi12sk' },
  /** A shopper's orders, newest first (gsi13pk = CUSTOMER#<userId>); guests' orders are not in it. */
  ordersByCustomer: { pk: 'gsi13pk', sk: 'gsi13sk' },
  /** Orders in one status, oldest first (gsi14pk = ORDERS#<status>): the admin's queue and the unpaid-order job. */
  ordersByStatus: { pk: 'gsi14pk', sk: 'gsi14sk' },
  // — admin: minerals and inventory —
  /** Every mineral in any status by lower-cased name (gsi15pk = ADMIN_MINERALS): the admin's list and the reconciliation job. */
  mineralsByName: { pk: 'gsi15pk', sk: 'gsi15sk' },
  /** Cart lines holding one mineral (gsi16pk = HOLDS#<mineralId>, sk = cart id); sparse like holdsByExpiry. */
  holdsByMineral: { pk: 'gsi16pk', sk: 'gsi16sk' },
  /** Every admin write, oldest first (gsi17pk = AUDIT); one object's records are its own partition. */
  auditLog: { pk: 'gsi17pk', sk: 'gsi17sk' },
} as const satisfies Record<string, IndexDefinition>;

export type IndexName = keyof typeof INDEXES;

export const TABLE_DEFINITION = { key: KEY, indexes: INDEXES, ttlAttribute: TTL_ATTRIBUTE } as const;
