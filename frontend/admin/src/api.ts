// The console's calls to the admin API: the site's fetchJson with the admin's access token. A 401
// means the session is over (revoked or lapsed): the console goes back to sign-in.
import { ApiError, fetchJson, type RequestOptions } from '../../src/api/http';
import { tokens } from './auth/session';

export async function adminFetch<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const token = tokens.value?.accessToken;
  try {
    return await fetchJson<T>(url, { ...options, headers: { ...options.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) tokens.value = undefined;
    throw error;
  }
}

export interface WaitingOrder {
  orderId: string;
  number: string;
  email: string;
  totalCents: number;
  placedAt: string;
  ageMinutes: number;
}

export interface PeriodFigures {
  revenueCents: number;
  paidOrders: number;
  units: number;
  failedPayments: number;
  averageOrderCents: number;
}

export interface StockMarker {
  mineralId: string;
  name: string;
  available: number;
  lowStockThreshold: number;
  watchers?: number;
}

/** GET /api/admin/dashboard (shared/admin/dashboard.ts). */
export interface Dashboard {
  asOf: string;
  periods: Record<'today' | 'last7Days' | 'last30Days', { current: PeriodFigures; previous: PeriodFigures }>;
  revenuePerDay: Array<{ day: string; revenueCents: number; paidOrders: number }>;
  waiting: { toPack: { count: number; oldest: WaitingOrder[] }; toShip: { count: number; oldest: WaitingOrder[] } };
  failedPayments24h: WaitingOrder[];
  lowStock: StockMarker[];
  soldOut: StockMarker[];
  holds: { units: number; valueCents: number };
  lastReconciliation: { at: string; mineralsChecked: number; drift: Array<{ mineralId: string; expected: number; actual: number }> } | null;
}

export interface AdminOrderSummary {
  orderId: string;
  number: string;
  status: string;
  createdAt: string;
  itemCount: number;
  totals: { totalCents: number };
  email: string;
  customerName: string;
  shippingMethod: string | null;
  shipTo: { name: string; city: string; region: string | null; country: string } | null;
  lines: Array<{ name: string; image: string; quantity: number }>;
  moreLines: number;
}

/** GET /api/admin/orders/{orderId} (shared/http/schemas/orders.ts, adminOrderViewSchema). */
export interface AdminOrder {
  orderId: string;
  number: string;
  status: string;
  createdAt: string;
  email: string;
  customerName: string;
  owner: { kind: 'guest' } | { kind: 'shopper'; userId: string };
  items: Array<{ mineralId: string; name: string; imageUrl: string; quantity: number; unitPriceCents: number; listUnitPriceCents: number; lineTotalCents: number }>;
  totals: { subtotalCents: number; discountCents: number; shippingCents: number; taxCents: number; totalCents: number; refundedCents: number };
  discounts: Array<{ description: string; amountCents: number }>;
  shippingMethod: string;
  address: { name: string; line1: string; line2: string | null; city: string; region: string | null; postalCode: string; country: string; phone: string | null };
  couponCode: string | null;
  timeline: Array<{ status: string; at: string; by: 'system' | 'admin' | 'shopper'; note: string | null }>;
  tracking: { carrier: string; trackingNumber: string; url: string | null } | null;
  payment: { status: string; failureMessage: string | null; provider: string; paymentId: string | null };
  /** by 'provider': made in the Stripe dashboard, not in this console. */
  refunds: Array<{ refundId: string; amountCents: number; at: string; reason: string | null; by: 'shop' | 'provider' }>;
  disputes: Array<{ disputeId: string; status: string; open: boolean; reason: string; amountCents: number; evidenceDueBy: string | null; openedAt: string; updatedAt: string }>;
  paymentMismatch: { paymentId: string; amountCents: number; currency: string; at: string } | null;
  refundStockReview: { refundIds: string[]; amountCents: number } | null;
  returnedUnits: Record<string, number>;
  refundedCents: number;
  mailsSent: string[];
  actions: { transitions: Array<'packed' | 'shipped' | 'delivered' | 'cancelled'>; refund: boolean; refundStock: boolean };
  version: number;
  updatedAt: string;
}

/** One row of GET /api/admin/minerals (shared/http/schemas/adminCatalog.ts). */
export interface AdminMineralSummary {
  id: string;
  name: string;
  category: string;
  status: 'draft' | 'published' | 'archived';
  featured: boolean;
  priceCents: number;
  available: number;
  held: number;
  lowStockThreshold: number;
  image: string;
  updatedAt: string;
}

export interface AdminMineralPage {
  items: AdminMineralSummary[];
  nextCursor: string | null;
}

export type Markdown = { kind: 'price'; unitPriceCents: number } | { kind: 'percent-off'; bp: number };

/** GET/PATCH /api/admin/minerals/{id} (shared/http/schemas/adminCatalog.ts). */
export interface AdminMineral extends AdminMineralSummary {
  description: string;
  quality: string;
  origin: string;
  mohsHardness: number;
  weightGrams: number;
  dimensions: { lengthMm: number; widthMm: number; heightMm: number } | null;
  flashSale: { markdown: Markdown; startsAt: string; endsAt: string } | null;
  bulkTiers: Array<{ minQuantity: number; markdown: Markdown }>;
  sold: number;
  returned: number;
  received: number;
  createdAt: string;
}

export interface LedgerEntry {
  id: string;
  kind: string;
  delta: number;
  reason: string;
  unitCostCents: number | null;
  by: { sub: string; email: string | null } | null;
  /** The order of a sale or return. */
  order: { orderId: string; number: string } | null;
  at: string;
}

export interface MineralHolds {
  mineralId: string;
  units: number;
  carts: number;
  earliestExpiry: string | null;
  lines: Array<{ cartId: string; quantity: number; expiresAt: string }>;
}

export interface ReconciliationRun {
  run: { id: string; at: string; mineralsChecked: number; report: Record<string, unknown> } | null;
}

/** A photo of a mineral (shared/http/schemas/adminPhotos.ts). */
export interface MineralImage {
  imageId: string;
  status: 'pending' | 'ready' | 'refused';
  alt: string;
  position: number;
  main: boolean;
  sizes: Record<string, string>;
  refusal: string | null;
}

export type CouponBenefit = { kind: 'percent'; bp: number } | { kind: 'fixed'; amountCents: number } | { kind: 'free-shipping' };

/** GET /api/admin/coupons (shared/http/schemas/adminCoupons.ts, adminCouponSchema). */
export interface AdminCoupon {
  code: string;
  benefit: CouponBenefit;
  description: string;
  minSubtotalCents: number;
  startsAt: string | null;
  endsAt: string | null;
  maxRedemptions: number | null;
  maxRedemptionsPerCustomer: number | null;
  categories: string[];
  mineralIds: string[];
  redemptions: number;
  state: 'scheduled' | 'active' | 'used-up' | 'ended';
  createdAt: string;
  editedAt: string;
}

/** GET /api/admin/coupons/{code}: the coupon with who used it and the orders that did. */
export interface AdminCouponDetail extends AdminCoupon {
  customers: Array<{ customer: string; times: number; lastRedeemedAt: string | null }>;
  moreCustomers: boolean;
  orders: Array<{ orderId: string; number: string; status: string; email: string; createdAt: string; totalCents: number; discountCents: number }>;
  minerals: Array<{ id: string; name: string }>;
}

export interface SaleRow {
  mineralId: string;
  name: string;
  status: string;
  priceCents: number;
  salePriceCents: number;
  startsAt: string;
  endsAt: string;
}

/** GET /api/admin/sales. */
export interface Sales {
  asOf: string;
  now: SaleRow[];
  next: SaleRow[];
  ended: SaleRow[];
}

/** GET /api/admin/reviews (shared/http/schemas/adminReviews.ts). */
export interface AdminReview {
  reviewId: string;
  mineralId: string;
  mineralName: string;
  userId: string;
  author: string;
  rating: number;
  title: string | null;
  text: string;
  verifiedPurchase: boolean;
  createdAt: string;
  updatedAt: string;
  hidden: { reason: string; at: string; by: string } | null;
}

export interface AdminUser {
  userId: string;
  username: string;
  email: string;
  name: string;
  disabled: boolean;
  createdAt: string;
}

/** GET /api/admin/customers/{id} (shared/http/schemas/admin.ts, adminCustomerSchema). */
export interface AdminCustomer extends AdminUser {
  addresses: Array<{ id: string; name: string; line1: string; line2?: string | null; city: string; region?: string | null; postalCode: string; country: string; phone?: string | null }>;
  defaultAddressId: string | null;
  preferences: { promotionalEmail: boolean; restockAlerts: boolean };
  signIn: { liveSessions: number; lastSignInAt: string | null };
  wishlistSize: number;
  lifetimeValueCents: number;
  orders: Array<{ orderId: string; number: string; status: string; createdAt: string; totalCents: number; refundedCents: number; itemCount: number }>;
  moreOrders: boolean;
  reviews: Array<{ reviewId: string; mineralId: string; rating: number; text: string; createdAt: string; hidden: boolean }>;
}

/** GET /api/admin/campaigns/{id} (shared/http/schemas/adminCampaigns.ts). */
export interface Campaign {
  campaignId: string;
  subject: string;
  text: string;
  mineralIds: string[];
  couponCode: string | null;
  status: 'draft' | 'sending' | 'stopped' | 'sent';
  queued: number;
  skipped: number;
  sent: number;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface CampaignDetail extends Campaign {
  preview: { subject: string; text: string; html: string };
}
