// The shapes the shop's API answers with (see /api/openapi.json). Money is integer cents, always.

export interface ApiErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export interface Category {
  id: string;
  name: string;
  description: string;
}

export interface Rating {
  average: number | null;
  count: number;
}

/** An active flash sale, when the API sends one: the price to show against the regular one. */
export interface Sale {
  priceCents: number;
  endsAt: string;
}

/** An uploaded photo in the sizes the server made (`srcset` widths), and its largest size. */
export interface Photo {
  alt: string;
  src: string;
  srcset: string;
  thumb: string;
  full: string;
}

export interface MineralCard {
  id: string;
  name: string;
  category: string;
  priceCents: number;
  currency: 'USD';
  available: number;
  image: string;
  /** The main uploaded photo; null: show the generated `image`. */
  photo?: Photo | null;
  origin: string;
  mohsHardness: number;
  weightGrams: number;
  rating: Rating;
  createdAt: string;
  sale?: Sale | null;
}

export interface MineralDetail extends MineralCard {
  description: string;
  quality: string;
  popularity: number;
  updatedAt: string;
  /** Uploaded photos, the main one first; empty: show the generated `image`. */
  photos?: Photo[];
  /** The specimen's size, when the dealer measured it. */
  dimensions?: { lengthMm: number; widthMm: number; heightMm: number } | null;
  /** None available because shoppers' carts hold them: when the last hold ends for now. */
  heldUntil?: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Review {
  reviewId: string;
  author: string;
  rating: number;
  title: string | null;
  text: string;
  verifiedPurchase: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The author's own review (GET /api/minerals/{id}/reviews/mine): hidden while the shop hides it. */
export interface OwnReview extends Review {
  hidden: { reason: string; at: string } | null;
}

export interface RatingSummary {
  average: number | null;
  count: number;
  histogram: Record<'1' | '2' | '3' | '4' | '5', number>;
}

export interface ReviewPage extends Page<Review> {
  summary: RatingSummary;
}

export type CartStatus = 'active' | 'merged' | 'ordered' | 'checkout';

export interface CartLine {
  mineralId: string;
  name: string;
  image: string;
  unitPriceCents: number;
  /** The regular price: higher than unitPriceCents while a flash sale runs. */
  listUnitPriceCents: number;
  currency: 'USD';
  quantity: number;
  lineTotalCents: number;
  /** Units still on the shelf beyond what this line holds. */
  available: number;
  holdExpiresAt: string | null;
}

export interface Cart {
  cartId: string;
  status: CartStatus;
  lines: CartLine[];
  itemCount: number;
  subtotalCents: number;
  currency: 'USD';
  holdExpiresAt: string | null;
  notices: string[];
  /** While status is 'checkout': the order awaiting payment. */
  checkoutOrderId?: string | null;
}

export interface Address {
  id?: string;
  name: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode: string;
  country: string;
  phone?: string;
}

/** An order's address: the optional parts are null rather than absent. */
export interface OrderAddress {
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postalCode: string;
  country: string;
  phone: string | null;
}

export interface Profile {
  userId: string;
  username: string;
  email: string;
  name: string;
  addresses: Array<Address & { id: string }>;
  defaultAddressId: string | null;
  preferences: { promotionalEmail: boolean; restockAlerts: boolean };
  createdAt: string;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

export interface WishlistItem {
  mineralId: string;
  name: string;
  image: string;
  priceCents: number;
  currency: 'USD';
  available: number;
  addedAt: string;
}

export type ShippingMethod = 'standard' | 'express';

export interface Quote {
  currency: 'USD';
  lines: Array<{ mineralId: string; quantity: number; listUnitPriceCents: number; unitPriceCents: number; priceSource: string; subtotalCents: number }>;
  subtotalCents: number;
  discounts: Array<{ description: string; amountCents: number; appliesTo: 'goods' | 'shipping' }>;
  goodsDiscountCents: number;
  shipping: { method: ShippingMethod; rateCents: number; cents: number; waivedCents: number; zone: string };
  tax: { cents: number; description: string };
  coupon: { code: string; effective: boolean; message: string; discountCents: number } | null;
  totalCents: number;
}

export type OrderStatus =
  | 'pending_payment'
  | 'payment_failed'
  | 'paid'
  | 'packed'
  | 'shipped'
  | 'delivered'
  | 'cancelled'
  | 'refunded'
  | 'expired';

export interface OrderTotals {
  subtotalCents: number;
  discountCents: number;
  shippingCents: number;
  taxCents: number;
  totalCents: number;
  refundedCents: number;
}

export interface Order {
  orderId: string;
  number: string;
  status: OrderStatus;
  createdAt: string;
  email: string;
  items: Array<{ mineralId: string; name: string; imageUrl: string; quantity: number; unitPriceCents: number; listUnitPriceCents: number; lineTotalCents: number }>;
  totals: OrderTotals;
  discounts: Array<{ description: string; amountCents: number }>;
  shippingMethod: ShippingMethod;
  address: OrderAddress;
  couponCode: string | null;
  timeline: Array<{ status: OrderStatus; at: string; note: string | null }>;
  tracking: { carrier: string; trackingNumber: string; url: string | null } | null;
  paymentDeadline: string | null;
  payment: { status: string; failureMessage: string | null };
}

export interface OrderSummary {
  orderId: string;
  number: string;
  status: OrderStatus;
  createdAt: string;
  totals: OrderTotals;
  itemCount: number;
}

export interface OrderPage {
  orders: OrderSummary[];
  nextCursor: string | null;
}

export interface PaymentStart {
  provider: 'sandbox' | 'stripe';
  paymentId: string;
  clientSecret: string;
  publishableKey: string | null;
  sandboxConfirmUrl: string | null;
}

export interface PlacedOrder {
  order: Order;
  payment: PaymentStart;
  trackingToken?: string;
}

export interface SavedCard {
  paymentMethodId: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}
