// GET /api/policies — the numbers behind the shop's promises.
import { cacheHeaders } from '../../shared/http/caching';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { shopPolicies } from '../../shared/shop/shipping';

export const handler = httpRoute({}, async () => json(200, shopPolicies(), cacheHeaders('deployed')));
