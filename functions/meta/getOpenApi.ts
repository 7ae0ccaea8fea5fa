// GET /api/openapi.json — the API described from the route table's zod schemas.
import { cacheHeaders } from '../../shared/http/caching';
import { httpRoute } from '../../shared/http/handler';
import { buildOpenApiDocument } from '../../shared/http/openapi';
import { json } from '../../shared/http/respond';
import { ROUTES } from '../../shared/http/routes';

const document = buildOpenApiDocument(ROUTES);

export const handler = httpRoute({}, async () => json(200, document, cacheHeaders('deployed')));
