// GET /api/admin/minerals/{id}/images — every photo of a mineral, in any state, in order.
import { listImages } from '../../shared/admin/photos';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { mineralParams } from '../../shared/http/schemas/catalog';

export const handler = httpRoute({ authorize: requireAdmin, params: mineralParams }, async ({ params }) => json(200, await listImages(params.id)));
