// The shape of every HTTP Lambda: parse the event with zod, call one use case, respond. Middy carries
// the shared parts: structured logging with the Lambda context, and mapping errors to HTTP.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import * as z from 'zod';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../errors';
import { logger } from '../logger';
import { errorResponse, type HttpResult } from './respond';
import { parseOrThrow } from './validation';

/** Bodies larger than this are refused before they are parsed. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

export interface RouteSchemas<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType, A = undefined> {
  /**
   * Who may call, checked before anything of the request is read (e.g. requireAdmin): a caller without
   * the right is told so (401/403) whatever else is wrong with the request. Its result is `authorized`.
   */
  authorize?: (event: APIGatewayProxyEventV2) => A;
  query?: Q;
  params?: P;
  body?: B;
  maxBodyBytes?: number;
}

export interface ParsedRequest<Q, P, B, A = undefined> {
  /** What `authorize` returned (e.g. the admin caller). */
  authorized: A;
  query: Q;
  params: P;
  body: B;
  headers: Record<string, string | undefined>;
  event: APIGatewayProxyEventV2;
  /** The Lambda context (remaining time, request id). */
  context: Context;
}

type Out<S> = S extends z.ZodType ? z.infer<S> : undefined;

const noQuery = z.strictObject({});

function readJsonBody(event: APIGatewayProxyEventV2, maxBytes: number): unknown {
  const contentType = event.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(contentType)) {
    throw new UnsupportedMediaTypeError('Send the request body as JSON with content-type: application/json.');
  }
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text, 'utf8') > maxBytes) {
    throw new PayloadTooLargeError(`The request body is larger than ${maxBytes} bytes.`);
  }
  if (text.trim() === '') throw new ValidationError('The request body is empty; send a JSON object.', 'invalid_json');
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError('The request body is not valid JSON.', 'invalid_json');
  }
}

/**
 * Builds a Lambda handler for one HTTP route. The handler carries the schemas it parses with
 * (`handler.schemas`), so a test can hold them against the route table's (test/integration/routeSchemas.test.ts).
 */
export function httpRoute<Q extends z.ZodType = never, P extends z.ZodType = never, B extends z.ZodType = never, A = undefined>(
  schemas: RouteSchemas<Q, P, B, A>,
  handle: (request: ParsedRequest<Out<Q>, Out<P>, Out<B>, A>) => Promise<HttpResult>,
) {
  return Object.assign(lambdaFor(schemas, handle), { schemas });
}

function lambdaFor<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType, A>(
  schemas: RouteSchemas<Q, P, B, A>,
  handle: (request: ParsedRequest<Out<Q>, Out<P>, Out<B>, A>) => Promise<HttpResult>,
) {
  const maxBodyBytes = schemas.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return middy<APIGatewayProxyEventV2, HttpResult, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use({
      onError: async (request) => {
        request.response = errorResponse(request.error);
      },
    })
    .handler(async (event, context) => {
      const authorized = (schemas.authorize ? schemas.authorize(event) : undefined) as A;
      const query = parseOrThrow(schemas.query ?? noQuery, event.queryStringParameters ?? {}, 'query parameters');
      const params = schemas.params ? parseOrThrow(schemas.params, event.pathParameters ?? {}, 'path') : undefined;
      const body = schemas.body ? parseOrThrow(schemas.body, readJsonBody(event, maxBodyBytes), 'request body') : undefined;
      return handle({
        authorized,
        query: query as Out<Q>,
        params: params as Out<P>,
        body: body as Out<B>,
        headers: event.headers ?? {},
        event,
        context,
      });
    });
}
