// POST /api/carts — a new anonymous cart and the secret token that proves ownership of it.
import { createGuestCart } from '../../shared/carts/carts';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';

export const handler = httpRoute({}, async () => json(201, await createGuestCart()));
