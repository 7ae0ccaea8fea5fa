// THE route table: every HTTP route of the shop, declared once. The CDK stack builds one Lambda per
// entry (granted only what `needs` says), the local API server dispatches from it, and the OpenAPI
// document is generated from it. test/infra/routes.test.ts proves the three agree.
import * as z from 'zod';
import type { QueueName } from '../queues';
import type { SecretName } from '../secrets';
import { errorSchema } from './schemas/common';
import {
  categoryListSchema,
  listMineralsQuery,
  mineralDetailSchema,
  mineralPageSchema,
  mineralParams,
  restockWatchSchema,
  watchRestockBody,
} from './schemas/catalog';
import { createImageUploadBody, imageUploadSchema, mineralImageParams, mineralImageSchema, updateImageBody } from './schemas/adminPhotos';
import {
  changePasswordBody,
  forgotPasswordBody,
  loginBody,
  profileSchema,
  refreshBody,
  registerBody,
  resetPasswordBody,
  sessionSchema,
  updateProfileBody,
} from './schemas/account';
import { cartItemParams, cartParams, cartViewSchema, createdCartSchema, setQuantityBody } from './schemas/carts';
import { adminUserPageSchema, listUsersQuery } from './schemas/admin';
import { wishlistItemParams, wishlistItemSchema, wishlistSchema } from './schemas/wishlist';
import { listReviewsQuery, postedReviewSchema, postReviewBody, reviewPageSchema, reviewParams } from './schemas/reviews';
import { paymentMethodParams, savedCardListSchema } from './schemas/payments';
import { placedOrderSchema, placeOrderBody, quoteCheckoutBody, quoteSchema } from './schemas/checkout';
import { refundOrderBody, transitionOrderBody } from './schemas/adminOrders';
import {
  adminOrderPageSchema,
  adminOrderViewSchema,
  listMyOrdersQuery,
  listOrdersQuery,
  orderPageSchema,
  orderParams as orderIdParams,
  orderViewSchema,
  trackOrderQuery,
} from './schemas/orders';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who may call a route. `admin` routes sit behind the Cognito JWT authorizer in AWS. */
export type Access = 'public' | 'guestOrShopper' | 'shopper' | 'admin' | 'webhook';

export interface RouteNeeds {
  /** Table access: none, read-only, or read and write. */
  table: 'none' | 'read' | 'readWrite';
  /** Queues the function sends to. */
  sendsTo?: readonly QueueName[];
  /** Secrets the function reads (see shared/secrets.ts). */
  secrets?: readonly SecretName[];
  /** Sends email through SES (needs ses:SendEmail, MAIL_FROM and, locally, SES_ENDPOINT). */
  sendsEmail?: boolean;
  /**
   * The photo bucket (PHOTO_BUCKET): `upload` signs uploads into uploads/; `process` reads and deletes
   * uploads and writes and deletes the sizes under media/.
   */
  photos?: 'upload' | 'process';
}

export interface RouteDefinition {
  /** Unique; names the Lambda function. */
  id: string;
  method: HttpMethod;
  /** Path as API Gateway sees it, with {params}. */
  path: `/api/${string}`;
  /** Entry file, relative to the repository root, exporting `handler`. */
  handler: `functions/${string}.ts`;
  access: Access;
  needs: RouteNeeds;
  summary: string;
  request?: { query?: z.ZodType; params?: z.ZodType; body?: z.ZodType };
  /** Documented responses; every route may also answer with the error body. */
  responses: Record<number, { description: string; schema?: z.ZodType }>;
}

const error = (description: string) => ({ description, schema: errorSchema });

export const ROUTES = [
  {
    id: 'listMinerals',
    method: 'GET',
    path: '/api/minerals',
    handler: 'functions/catalog/listMinerals.ts',
    access: 'public',
    needs: { table: 'read' },
    summary: 'One page of the catalog, filtered and sorted',
    request: { query: listMineralsQuery },
    responses: { 200: { description: 'A page of minerals', schema: mineralPageSchema }, 400: error('Bad filter, sort, limit or cursor') },
  },
  {
    id: 'getMineral',
    method: 'GET',
    path: '/api/minerals/{id}',
    handler: 'functions/catalog/getMineral.ts',
    access: 'public',
    needs: { table: 'read' },
    summary: 'One mineral',
    request: { params: mineralParams },
    responses: { 200: { description: 'The mineral', schema: mineralDetailSchema }, 400: error('Malformed id'), 404: error('No such mineral') },
  },
  {
    id: 'listReviews',
    method: 'GET',
    path: '/api/minerals/{id}/reviews',
    handler: 'functions/catalog/listReviews.ts',
    access: 'public',
    needs: { table: 'read' },
    summary: 'One page of a mineral’s reviews (newest or highest rated first) and the summary of its ratings',
    request: { params: reviewParams, query: listReviewsQuery },
    responses: {
      200: { description: 'A page of reviews', schema: reviewPageSchema },
      400: error('Malformed id, or a bad sort, limit or cursor'),
      404: error('No such mineral'),
    },
  },
  {
    id: 'postReview',
    method: 'POST',
    path: '/api/minerals/{id}/reviews',
    handler: 'functions/catalog/postReview.ts',
    access: 'shopper',
    needs: { table: 'readWrite', secrets: ['shopperTokenKeys'] },
    summary: 'Review a mineral (one review per shopper: posting again replaces yours)',
    request: { params: reviewParams, body: postReviewBody },
    responses: {
      200: { description: 'Your earlier review, replaced', schema: postedReviewSchema },
      201: { description: 'Your first review of this mineral', schema: postedReviewSchema },
      400: error('Bad rating, title or text'),
      401: error('Not signed in'),
      404: error('No such mineral'),
      409: error('Too many reviews of this mineral at once; try again'),
    },
  },
  {
    id: 'watchRestock',
    method: 'POST',
    path: '/api/minerals/{id}/restock-alerts',
    handler: 'functions/catalog/watchRestock.ts',
    access: 'public',
    needs: { table: 'readWrite', secrets: ['shopperTokenKeys'] },
    summary: 'Be told by mail when a sold-out mineral is back (a guest gives an email; a signed-in shopper may omit it for their account’s)',
    request: { params: mineralParams, body: watchRestockBody },
    responses: {
      200: { description: 'That address watches this mineral already', schema: restockWatchSchema },
      201: { description: 'Watching', schema: restockWatchSchema },
      400: error('Malformed id or email, or no email from a guest'),
      401: error('A bearer token was sent but is invalid or expired'),
      404: error('No such mineral'),
      409: error('The mineral is in stock (in_stock): nothing to wait for'),
    },
  },
  {
    id: 'listCategories',
    method: 'GET',
    path: '/api/categories',
    handler: 'functions/catalog/listCategories.ts',
    access: 'public',
    needs: { table: 'none' },
    summary: 'The catalog categories',
    responses: { 200: { description: 'All categories', schema: categoryListSchema } },
  },
  {
    id: 'createCart',
    method: 'POST',
    path: '/api/carts',
    handler: 'functions/cart/createCart.ts',
    access: 'public',
    needs: { table: 'readWrite', secrets: ['shopperTokenKeys'] },
    summary: 'Open a cart: a new anonymous cart for a guest, the one active cart for a signed-in shopper',
    responses: {
      200: { description: 'The shopper’s active cart', schema: z.object({ cartId: z.string(), cart: cartViewSchema }) },
      201: { description: 'A new guest cart and its secret token', schema: createdCartSchema },
    },
  },
  {
    id: 'getCart',
    method: 'GET',
    path: '/api/carts/{cartId}',
    handler: 'functions/cart/getCart.ts',
    access: 'guestOrShopper',
    needs: { table: 'readWrite', secrets: ['shopperTokenKeys'] },
    summary: 'The cart, with lapsed holds re-acquired where stock allows',
    request: { params: cartParams },
    responses: { 200: { description: 'The cart', schema: cartViewSchema }, 404: error('No such cart, or not yours') },
  },
  {
    id: 'setCartItem',
    method: 'PUT',
    path: '/api/carts/{cartId}/items/{mineralId}',
    handler: 'functions/cart/setCartItem.ts',
    access: 'guestOrShopper',
    needs: { table: 'readWrite', secrets: ['shopperTokenKeys'] },
    summary: 'Hold exactly this many units of a mineral (0 removes the line)',
    request: { params: cartItemParams, body: setQuantityBody },
    responses: {
      200: { description: 'The cart after the change', schema: cartViewSchema },
      400: error('Bad quantity, id or body'),
      404: error('No such cart or mineral'),
      409: error('Not enough stock (details.available says how many there are), or the cart is closed'),
    },
  },
  {
    id: 'removeCartItem',
    method: 'DELETE',
    path: '/api/carts/{cartId}/items/{mineralId}',
    handler: 'functions/cart/removeCartItem.ts',
    access: 'guestOrShopper',
    needs: { table: 'readWrite', secrets: ['shopperTokenKeys'] },
    summary: 'Remove a line and give its units back',
    request: { params: cartItemParams },
    responses: { 200: { description: 'The cart after the change', schema: cartViewSchema }, 404: error('No such cart') },
  },
  {
    id: 'mergeCart',
    method: 'POST',
    path: '/api/carts/{cartId}/merge',
    handler: 'functions/cart/mergeCart.ts',
    access: 'shopper',
    needs: { table: 'readWrite', secrets: ['shopperTokenKeys'] },
    summary: 'Move a guest cart (its x-cart-token) into the signed-in shopper’s cart, atomically',
    request: { params: cartParams },
    responses: {
      200: { description: 'The shopper’s cart after the merge, with notices for anything that could not be kept', schema: cartViewSchema },
      401: error('Not signed in'),
      404: error('No such guest cart, or the token does not match'),
    },
  },
  {
    id: 'quoteCheckout',
    method: 'POST',
    path: '/api/checkout/quote',
    handler: 'functions/checkout/quoteCheckout.ts',
    access: 'guestOrShopper',
    needs: { table: 'read', secrets: ['shopperTokenKeys'] },
    summary: 'Price the cart for an address, shipping method and coupon: lines, discounts, shipping, tax and total (server-computed)',
    request: { body: quoteCheckoutBody },
    responses: {
      200: { description: 'The quote, in cents', schema: quoteSchema },
      400: error('Bad body; an unknown or unusable coupon; a destination the shop cannot ship to; or an empty cart (the code says which)'),
      404: error('No such cart, or not yours'),
      409: error('The cart was already checked out or merged'),
    },
  },
  {
    id: 'register',
    method: 'POST',
    path: '/api/auth/register',
    handler: 'functions/account/register.ts',
    access: 'public',
    needs: { table: 'readWrite', sendsTo: ['notifications'], secrets: ['shopperTokenKeys'] },
    summary: 'Create a shopper account (signed in at once; a welcome mail follows)',
    request: { body: registerBody },
    responses: {
      201: { description: 'The account and a session', schema: z.object({ user: profileSchema, session: sessionSchema }) },
      400: error('Bad input or a weak password'),
      409: error('Username or email taken'),
    },
  },
  {
    id: 'login',
    method: 'POST',
    path: '/api/auth/login',
    handler: 'functions/account/login.ts',
    access: 'public',
    needs: { table: 'readWrite', secrets: ['shopperTokenKeys'] },
    summary: 'Sign in with username or email and password',
    request: { body: loginBody },
    responses: {
      200: { description: 'The account and a session', schema: z.object({ user: profileSchema, session: sessionSchema }) },
      401: error('Wrong credentials'),
      429: error('Too many failed attempts (see Retry-After)'),
    },
  },
  {
    id: 'refreshSession',
    method: 'POST',
    path: '/api/auth/refresh',
    handler: 'functions/account/refresh.ts',
    access: 'public',
    needs: { table: 'readWrite', secrets: ['shopperTokenKeys'] },
    summary: 'Exchange a refresh token (single use) for new tokens',
    request: { body: refreshBody },
    responses: { 200: { description: 'New tokens', schema: sessionSchema }, 401: error('Session ended (expired, revoked or reused token)') },
  },
  {
    id: 'logout',
    method: 'POST',
    path: '/api/auth/logout',
    handler: 'functions/account/logout.ts',
    access: 'public',
    needs: { table: 'readWrite' },
    summary: 'End the session of a refresh token',
    request: { body: refreshBody },
    responses: { 204: { description: 'Signed out' } },
  },
  {
    id: 'forgotPassword',
    method: 'POST',
    path: '/api/auth/password/forgot',
    handler: 'functions/account/forgotPassword.ts',
    access: 'public',
    needs: { table: 'readWrite', sendsTo: ['notifications'] },
    summary: 'Mail a reset link (same answer whether or not the address has an account)',
    request: { body: forgotPasswordBody },
    responses: { 202: { description: 'Accepted' } },
  },
  {
    id: 'resetPassword',
    method: 'POST',
    path: '/api/auth/password/reset',
    handler: 'functions/account/resetPassword.ts',
    access: 'public',
    needs: { table: 'readWrite' },
    summary: 'Set a new password with a mailed single-use token; ends every session',
    request: { body: resetPasswordBody },
    responses: { 204: { description: 'Password changed' }, 400: error('Invalid or expired token, or a weak password') },
  },
  {
    id: 'changePassword',
    method: 'POST',
    path: '/api/auth/password/change',
    handler: 'functions/account/changePassword.ts',
    access: 'shopper',
    needs: { table: 'readWrite', secrets: ['shopperTokenKeys'] },
    summary: 'Change the password; every other session ends',
    request: { body: changePasswordBody },
    responses: { 204: { description: 'Password changed' }, 400: error('Wrong current password or a weak new one'), 401: error('Not signed in') },
  },
  {
    id: 'getMe',
    method: 'GET',
    path: '/api/me',
    handler: 'functions/account/getMe.ts',
    access: 'shopper',
    needs: { table: 'read', secrets: ['shopperTokenKeys'] },
    summary: 'The signed-in shopper’s profile',
    responses: { 200: { description: 'The profile', schema: profileSchema }, 401: error('Not signed in') },
  },
  {
    id: 'updateMe',
    method: 'PATCH',
    path: '/api/me',
    handler: 'functions/account/updateMe.ts',
    access: 'shopper',
    needs: { table: 'readWrite', secrets: ['shopperTokenKeys'] },
    summary: 'Change name, email (needs the password), addresses or preferences',
    request: { body: updateProfileBody },
    responses: { 200: { description: 'The profile', schema: profileSchema }, 400: error('Bad input'), 401: error('Not signed in'), 409: error('Email taken') },
  },
  {
    id: 'getWishlist',
    method: 'GET',
    path: '/api/me/wishlist',
    handler: 'functions/account/getWishlist.ts',
    access: 'shopper',
    needs: { table: 'read', secrets: ['shopperTokenKeys'] },
    summary: 'The signed-in shopper’s wishlist, newest first, with each mineral’s current price and availability',
    responses: { 200: { description: 'The wishlist', schema: wishlistSchema }, 401: error('Not signed in') },
  },
  {
    id: 'putWishlistItem',
    method: 'PUT',
    path: '/api/me/wishlist/{mineralId}',
    handler: 'functions/account/putWishlistItem.ts',
    access: 'shopper',
    needs: { table: 'readWrite', secrets: ['shopperTokenKeys'] },
    summary: 'Add a mineral to the wishlist (idempotent)',
    request: { params: wishlistItemParams },
    responses: {
      200: { description: 'It was on the wishlist already', schema: wishlistItemSchema },
      201: { description: 'Added', schema: wishlistItemSchema },
      400: error('Malformed id, or the wishlist is full'),
      401: error('Not signed in'),
      404: error('No such mineral'),
    },
  },
  {
    id: 'deleteWishlistItem',
    method: 'DELETE',
    path: '/api/me/wishlist/{mineralId}',
    handler: 'functions/account/deleteWishlistItem.ts',
    access: 'shopper',
    needs: { table: 'readWrite', secrets: ['shopperTokenKeys'] },
    summary: 'Remove a mineral from the wishlist (idempotent)',
    request: { params: wishlistItemParams },
    responses: { 204: { description: 'Not on the wishlist (any more)' }, 400: error('Malformed id'), 401: error('Not signed in') },
  },
  {
    id: 'listUsers',
    method: 'GET',
    path: '/api/admin/users',
    handler: 'functions/admin/listUsers.ts',
    access: 'admin',
    needs: { table: 'read' },
    summary: 'One page of shopper accounts ordered by email, searchable by email prefix (admin)',
    request: { query: listUsersQuery },
    responses: {
      200: { description: 'A page of accounts (never their password hashes)', schema: adminUserPageSchema },
      400: error('Bad email, limit or cursor'),
      401: { description: 'No valid Cognito access token (the JWT authorizer answers {"message":"Unauthorized"})' },
      403: error('Signed in, but not in the admin group'),
    },
  },
  // — admin: photos and dashboard —
  {
    id: 'createMineralImageUpload',
    method: 'POST',
    path: '/api/admin/minerals/{id}/images',
    handler: 'functions/admin/createMineralImageUpload.ts',
    access: 'admin',
    needs: { table: 'readWrite', photos: 'upload' },
    summary: 'A presigned POST for one photo of the mineral (JPEG, PNG or WebP, at most 10 MB); a worker checks it and makes its sizes (admin)',
    request: { params: mineralParams, body: createImageUploadBody },
    responses: {
      201: { description: 'The pending image and the form to upload its file with', schema: imageUploadSchema },
      400: error('Bad body: content type not JPEG, PNG or WebP, or alt text too long'),
      401: { description: 'No valid Cognito access token (the JWT authorizer answers {"message":"Unauthorized"})' },
      403: error('Signed in, but not in the admin group'),
      404: error('No such mineral'),
    },
  },
  {
    id: 'updateMineralImage',
    method: 'PATCH',
    path: '/api/admin/minerals/{id}/images/{imageId}',
    handler: 'functions/admin/updateMineralImage.ts',
    access: 'admin',
    needs: { table: 'readWrite' },
    summary: 'Change a photo’s alt text or position, or make it the main one (admin)',
    request: { params: mineralImageParams, body: updateImageBody },
    responses: {
      200: { description: 'The photo after the change', schema: mineralImageSchema },
      400: error('Bad body (nothing to change, unknown field, alt text too long)'),
      401: { description: 'No valid Cognito access token (the JWT authorizer answers {"message":"Unauthorized"})' },
      403: error('Signed in, but not in the admin group'),
      404: error('No such photo of that mineral'),
      409: error('The photo is still being checked, or was refused'),
    },
  },
  {
    id: 'deleteMineralImage',
    method: 'DELETE',
    path: '/api/admin/minerals/{id}/images/{imageId}',
    handler: 'functions/admin/deleteMineralImage.ts',
    access: 'admin',
    needs: { table: 'readWrite', photos: 'process' },
    summary: 'Delete a photo with its file and every size of it; the next photo becomes main if it was (admin)',
    request: { params: mineralImageParams },
    responses: {
      204: { description: 'Deleted' },
      400: error('Malformed ids'),
      401: { description: 'No valid Cognito access token (the JWT authorizer answers {"message":"Unauthorized"})' },
      403: error('Signed in, but not in the admin group'),
      404: error('No such photo of that mineral'),
    },
  },
  {
    id: 'getDashboard',
    method: 'GET',
    path: '/api/admin/dashboard',
    handler: 'functions/admin/getDashboard.ts',
    access: 'admin',
    needs: { table: 'read' },
    summary: 'Sales for today, 7 and 30 days against the period before, orders waiting, failed payments, low and sold-out stock, holds (admin)',
    responses: {
      200: { description: 'The dashboard, read from aggregates and index Queries (its consumedCapacity does not grow with the number of orders)' },
      401: { description: 'No valid Cognito access token (the JWT authorizer answers {"message":"Unauthorized"})' },
      403: error('Signed in, but not in the admin group'),
    },
  },
  // — saved payment methods (payments) —
  {
    id: 'listPaymentMethods',
    method: 'GET',
    path: '/api/me/payment-methods',
    handler: 'functions/account/listPaymentMethods.ts',
    access: 'shopper',
    needs: { table: 'read', secrets: ['shopperTokenKeys', 'stripeApiKey'] },
    summary: 'The cards the signed-in shopper kept for next time',
    responses: { 200: { description: 'The saved cards', schema: savedCardListSchema }, 401: error('Not signed in') },
  },
  {
    id: 'deletePaymentMethod',
    method: 'DELETE',
    path: '/api/me/payment-methods/{id}',
    handler: 'functions/account/deletePaymentMethod.ts',
    access: 'shopper',
    needs: { table: 'read', secrets: ['shopperTokenKeys', 'stripeApiKey'] },
    summary: 'Forget a saved card',
    request: { params: paymentMethodParams },
    responses: {
      204: { description: 'Forgotten' },
      400: error('Malformed id'),
      401: error('Not signed in'),
      404: error('No such saved card, or not yours'),
    },
  },
  // — orders and checkout —
  {
    id: 'listMyOrders',
    method: 'GET',
    path: '/api/me/orders',
    handler: 'functions/orders/listMyOrders.ts',
    access: 'shopper',
    needs: { table: 'read', secrets: ['shopperTokenKeys'] },
    summary: 'The signed-in shopper’s orders, newest first',
    request: { query: listMyOrdersQuery },
    responses: {
      200: { description: 'A page of order summaries', schema: orderPageSchema },
      400: error('Bad limit or cursor'),
      401: error('Not signed in'),
    },
  },
  {
    id: 'getMyOrder',
    method: 'GET',
    path: '/api/me/orders/{orderId}',
    handler: 'functions/orders/getMyOrder.ts',
    access: 'shopper',
    needs: { table: 'read', secrets: ['shopperTokenKeys'] },
    summary: 'One of the signed-in shopper’s orders: items, money, address, timeline and tracking',
    request: { params: orderIdParams },
    responses: {
      200: { description: 'The order', schema: orderViewSchema },
      400: error('Malformed order id'),
      401: error('Not signed in'),
      404: error('No such order, or not yours'),
    },
  },
  {
    id: 'trackOrder',
    method: 'GET',
    path: '/api/orders/{orderId}/tracking',
    handler: 'functions/orders/trackOrder.ts',
    access: 'public',
    needs: { table: 'read', secrets: ['shopperTokenKeys'] },
    summary: 'An order seen through the tracking link in its mail (guests have no account to sign in to)',
    request: { params: orderIdParams, query: trackOrderQuery },
    responses: {
      200: { description: 'The order', schema: orderViewSchema },
      400: error('Malformed order id'),
      404: error('No such order, or a missing, wrong or expired token (the same answer either way)'),
    },
  },
  {
    id: 'listOrders',
    method: 'GET',
    path: '/api/admin/orders',
    handler: 'functions/admin/listOrders.ts',
    access: 'admin',
    needs: { table: 'read' },
    summary: 'Orders in one status, oldest first; paid (the queue to pack) by default (admin)',
    request: { query: listOrdersQuery },
    responses: {
      200: { description: 'A page of order summaries with who ordered', schema: adminOrderPageSchema },
      400: error('Bad status, limit or cursor'),
      401: { description: 'No valid Cognito access token (the JWT authorizer answers {"message":"Unauthorized"})' },
      403: error('Signed in, but not in the admin group'),
    },
  },
  {
    id: 'getOrderAdmin',
    method: 'GET',
    path: '/api/admin/orders/{orderId}',
    handler: 'functions/admin/getOrder.ts',
    access: 'admin',
    needs: { table: 'read' },
    summary: 'One order with its owner, payment reference, refunds and version (admin)',
    request: { params: orderIdParams },
    responses: {
      200: { description: 'The order', schema: adminOrderViewSchema },
      400: error('Malformed order id'),
      401: { description: 'No valid Cognito access token (the JWT authorizer answers {"message":"Unauthorized"})' },
      403: error('Signed in, but not in the admin group'),
      404: error('No such order'),
    },
  },
  {
    id: 'transitionOrder',
    method: 'POST',
    path: '/api/admin/orders/{orderId}/transitions',
    handler: 'functions/admin/transitionOrder.ts',
    access: 'admin',
    needs: { table: 'readWrite', sendsTo: ['notifications'], secrets: ['shopperTokenKeys', 'stripeApiKey'] },
    summary: 'Move an order along: packed; shipped (carrier and tracking number); delivered; cancelled (refunded in full, stock back) (admin)',
    request: { params: orderIdParams, body: transitionOrderBody },
    responses: {
      200: { description: 'The order after the change', schema: adminOrderViewSchema },
      400: error('Bad body (shipping needs a carrier and tracking number)'),
      401: { description: 'No valid Cognito access token (the JWT authorizer answers {"message":"Unauthorized"})' },
      403: error('Signed in, but not in the admin group'),
      404: error('No such order'),
      409: error('The order cannot make that change from its status (details.status), or kept changing'),
    },
  },
  {
    id: 'refundOrder',
    method: 'POST',
    path: '/api/admin/orders/{orderId}/refund',
    handler: 'functions/admin/refundOrder.ts',
    access: 'admin',
    needs: { table: 'readWrite', sendsTo: ['notifications'], secrets: ['shopperTokenKeys', 'stripeApiKey'] },
    summary: 'Refund a paid order in full or in part through the payment provider; put stock back when asked (admin)',
    request: { params: orderIdParams, body: refundOrderBody },
    responses: {
      200: { description: 'The order after the refund', schema: adminOrderViewSchema },
      400: error('Bad amount (more than is left to refund) or units to return'),
      401: { description: 'No valid Cognito access token (the JWT authorizer answers {"message":"Unauthorized"})' },
      403: error('Signed in, but not in the admin group'),
      404: error('No such order'),
      409: error('The order is not paid, or kept changing'),
    },
  },
  {
    id: 'placeOrder',
    method: 'POST',
    path: '/api/checkout',
    handler: 'functions/checkout/placeOrder.ts',
    access: 'guestOrShopper',
    needs: { table: 'readWrite', secrets: ['shopperTokenKeys', 'stripeApiKey'] },
    summary:
      'Place an order for the cart (priced by the server) and open its payment; an Idempotency-Key header makes a retry return the same answer',
    request: { body: placeOrderBody },
    responses: {
      201: { description: 'The order, awaiting payment, and what the browser needs to pay', schema: placedOrderSchema },
      200: { description: 'The same request again: the order it placed', schema: placedOrderSchema },
      400: error('Bad body or Idempotency-Key; an unusable coupon; a destination the shop cannot ship to; an empty cart; no email for a guest'),
      404: error('No such cart (or saved address), or not yours'),
      409: error('The cart changed (details.notices), is being paid for in another order (checkout_in_progress), or the key was used for another request'),
    },
  },
  {
    id: 'cancelMyOrder',
    method: 'POST',
    path: '/api/orders/{orderId}/cancel',
    handler: 'functions/orders/cancelOrder.ts',
    access: 'guestOrShopper',
    needs: { table: 'readWrite', secrets: ['shopperTokenKeys', 'stripeApiKey'] },
    summary: 'Cancel an order that is not paid yet (its payment is cancelled and the cart opens again)',
    request: { params: orderIdParams },
    responses: {
      200: { description: 'The cancelled order', schema: orderViewSchema },
      404: error('No such order, or not yours'),
      409: error('The order is paid (or ended) and cannot be cancelled here'),
    },
  },
  {
    id: 'stripeWebhook',
    method: 'POST',
    path: '/api/webhooks/stripe',
    handler: 'functions/checkout/stripeWebhook.ts',
    access: 'webhook',
    needs: { table: 'none', sendsTo: ['orders'], secrets: ['stripeWebhookSecret'] },
    summary: 'Payment events from Stripe (or the local sandbox): signature checked on the raw body, queued for the order processor',
    responses: {
      200: { description: 'Received (queued, or acknowledged and ignored)' },
      400: error('Missing, wrong or expired Stripe-Signature, or not an event'),
      413: error('Body too large'),
    },
  },
  {
    id: 'getOpenApi',
    method: 'GET',
    path: '/api/openapi.json',
    handler: 'functions/meta/getOpenApi.ts',
    access: 'public',
    needs: { table: 'none' },
    summary: 'This API described as OpenAPI 3.1',
    responses: { 200: { description: 'The OpenAPI document' } },
  },
] as const satisfies readonly RouteDefinition[];

export type RouteId = (typeof ROUTES)[number]['id'];
