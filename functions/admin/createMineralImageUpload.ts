// POST /api/admin/minerals/{id}/images — a presigned POST for one photo of the mineral (JPEG, PNG or
// WebP, at most 10 MB); the browser uploads straight to the bucket and the worker makes the sizes.
import { createImageUpload } from '../../shared/admin/photos';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { createImageUploadBody } from '../../shared/http/schemas/adminPhotos';
import { mineralParams } from '../../shared/http/schemas/catalog';

export const handler = httpRoute({ authorize: requireAdmin, params: mineralParams, body: createImageUploadBody }, async ({ params, body }) => {
  return json(201, await createImageUpload(params.id, body));
});
