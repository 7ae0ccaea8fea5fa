// Builds the OpenAPI 3.1 document from the route table and its zod schemas (zod's own JSON Schema
// output; OpenAPI 3.1 speaks JSON Schema 2020-12), so the document cannot disagree with the code.
import * as z from 'zod';
import type { RouteDefinition } from './routes';

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  return rest;
}

function objectShape(schema: z.ZodType | undefined): Record<string, z.ZodType> {
  if (!schema) return {};
  if (schema instanceof z.ZodObject) return schema.shape as Record<string, z.ZodType>;
  throw new Error('Query and path schemas must be zod objects');
}

function parameters(route: RouteDefinition) {
  const out: JsonSchema[] = [];
  for (const [where, schema] of [['path', route.request?.params], ['query', route.request?.query]] as const) {
    for (const [name, field] of Object.entries(objectShape(schema))) {
      const optional = field.safeParse(undefined).success;
      out.push({ name, in: where, required: where === 'path' || !optional, schema: toSchema(field) });
    }
  }
  return out;
}

export function buildOpenApiDocument(routes: readonly RouteDefinition[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const operation: JsonSchema = {
      operationId: route.id,
      summary: route.summary,
      tags: [route.handler.split('/')[1]],
      parameters: parameters(route),
      responses: Object.fromEntries(
        Object.entries(route.responses).map(([status, r]) => [
          status,
          { description: r.description, ...(r.schema ? { content: { 'application/json': { schema: toSchema(r.schema) } } } : {}) },
        ]),
      ),
      ...(route.access === 'admin' ? { security: [{ adminJwt: [] }] } : {}),
      ...(route.access === 'shopper' ? { security: [{ shopperJwt: [] }] } : {}),
      ...(route.access === 'guestOrShopper' ? { security: [{ cartToken: [] }, { shopperJwt: [] }] } : {}),
    };
    if (route.request?.body) {
      operation.requestBody = { required: true, content: { 'application/json': { schema: toSchema(route.request.body) } } };
    }
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Mineral shop API', version: '1.0.0', description: 'Money is in integer minor units (cents). Errors are {"error":{"code","message"}}.' },
    paths,
    components: {
      securitySchemes: {
        shopperJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        cartToken: { type: 'apiKey', in: 'header', name: 'x-cart-token', description: 'The guest cart token from POST /api/carts' },
        adminJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Cognito access token of a member of the admin group' },
      },
    },
  };
}
