// THE route table: every HTTP route of the shop, declared once. The CDK stack builds one Lambda per
// entry (granted only what `needs` says), the local API server dispatches from it, and the OpenAPI
// document is generated from it. test/infra/routes.test.ts proves the three agree.
import type { z } from 'zod';
import type { QueueName } from '../queues';
import type { SecretName } from '../secrets';
import { errorSchema } from './schemas/common';
import {
  categoryListSchema,
  listMineralsQuery,
  mineralDetailSchema,
  mineralPageSchema,
  mineralParams,
} from './schemas/catalog';
import { cartItemParams, cartParams, cartViewSchema, createdCartSchema, setQuantityBody } from './schemas/carts';

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
    needs: { table: 'readWrite' },
    summary: 'Start an anonymous cart',
    responses: { 201: { description: 'The cart and its secret token', schema: createdCartSchema } },
  },
  {
    id: 'getCart',
    method: 'GET',
    path: '/api/carts/{cartId}',
    handler: 'functions/cart/getCart.ts',
    access: 'guestOrShopper',
    needs: { table: 'readWrite' },
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
    needs: { table: 'readWrite' },
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
    needs: { table: 'readWrite' },
    summary: 'Remove a line and give its units back',
    request: { params: cartItemParams },
    responses: { 200: { description: 'The cart after the change', schema: cartViewSchema }, 404: error('No such cart') },
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
