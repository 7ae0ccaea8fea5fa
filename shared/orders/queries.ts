// Reading orders: a shopper's own, a guest's through its tracking link, and the admin's queue. An order
// that is not the caller's is answered exactly as one that does not exist, so nobody learns which
// order ids are real.
import type { Shopper } from '../auth/shopperTokens';
import { getOrder, getOrderListings, listCustomerOrders, listOrdersByStatus } from '../db/orders';
import { orderIdsByEmail, orderIdsByNumber } from '../db/orderSearch';
import { NotFoundError, ValidationError } from '../errors';
import type { ListMyOrdersQuery, ListOrdersQuery } from '../http/schemas/orders';
import { orderOfTrackingLink } from './trackingLinks';
import { adminOrderSummary, adminOrderView, orderSummary, orderView } from './views';

const noSuchOrder = (orderId: string) => new NotFoundError(`No order with id ${orderId}.`);

/** The signed-in shopper's orders, newest first, a page at a time. */
export async function listMyOrders(shopper: Shopper, query: ListMyOrdersQuery) {
  const page = await listCustomerOrders(shopper.userId, { limit: query.limit, cursor: query.cursor });
  return { orders: page.orders.map(orderSummary), nextCursor: page.nextCursor };
}

/** One of the signed-in shopper's orders; 404 for a guest's or another shopper's. */
export async function getMyOrder(shopper: Shopper, orderId: string) {
  const order = await getOrder(orderId);
  if (!order || order.owner.kind !== 'shopper' || order.owner.userId !== shopper.userId) throw noSuchOrder(orderId);
  return orderView(order);
}

/** An order seen through its tracking link; 404 for a missing, wrong, expired or replaced link (a forged token before the order is read). */
export async function trackOrder(orderId: string, token: string | undefined, now = new Date()) {
  const order = await orderOfTrackingLink(orderId, token, now);
  if (!order) throw noSuchOrder(orderId);
  return orderView(order);
}

/** How an order number is written (orderNumber in shared/domain/orders.ts), with or without its MS-. */
const ORDER_NUMBER = /^(?:MS-?)?([0-9A-F]{8})$/i;

/**
 * The admin's search: orders in any status by number or by the email they were placed with, newest
 * first (one Query of the search items, one BatchGetItem of the listings). Anything else is a 400.
 */
async function searchOrdersForAdmin(q: string, limit: number) {
  const number = ORDER_NUMBER.exec(q.replace(/\s+/g, ''));
  let ids: string[];
  if (number) ids = await orderIdsByNumber(`MS-${number[1]!.toUpperCase()}`);
  else if (/^[^@\s]+@[^@\s]+$/.test(q)) ids = await orderIdsByEmail(q, limit);
  else throw new ValidationError('Search by an order number (MS-1A2B3C4D) or the email address an order was placed with.', 'invalid_query');
  const listings = await getOrderListings(ids);
  listings.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return { orders: listings.map(adminOrderSummary), nextCursor: null };
}

/** Orders in one status, oldest first: the admin's work queue; or, with `q`, the orders that match it. */
export async function listOrdersForAdmin(query: ListOrdersQuery) {
  if (query.q !== undefined) return searchOrdersForAdmin(query.q, query.limit);
  const placed = query.placedFrom || query.placedTo ? { from: query.placedFrom ?? '0000-01-01', to: `${query.placedTo ?? '9999-12-31'}T23:59:59.999Z` } : undefined;
  const page = await listOrdersByStatus(query.status, { limit: query.limit, cursor: query.cursor, placed });
  return { orders: page.orders.map(adminOrderSummary), nextCursor: page.nextCursor };
}

/** One order, everything an admin needs about it. */
export async function getOrderForAdmin(orderId: string) {
  const order = await getOrder(orderId);
  if (!order) throw noSuchOrder(orderId);
  return adminOrderView(order);
}
