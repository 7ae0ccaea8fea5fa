// What the pricing engine (pricing.ts, rules 1–6) does with any coupon, in the words the console shows
// where a coupon is made, so nobody is surprised at checkout. No imports: the console reads it as it is.
export const COUPON_RULES = [
  'One coupon per order: a shopper cannot combine two.',
  'A coupon comes after the unit price. Each line is already at its lowest price (list, flash sale or quantity break, whichever is lowest; they never compound), and a percent coupon takes its percentage of those prices.',
  'A fixed amount never takes off more than the lines it covers cost.',
  'The minimum is checked on the lines the coupon covers, before the coupon; exactly the minimum qualifies.',
  'Free shipping waives the standard rate once. When the order already ships free by the shop’s threshold, the coupon adds nothing and the shopper is told so.',
  'A use is counted when the order is placed and given back if it is never paid; two orders can never both take the last use.',
  'The coupon works from its start (included) until its end (excluded); ending it now stops new orders at once.',
] as const;
