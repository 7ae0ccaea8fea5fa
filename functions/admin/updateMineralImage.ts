// PATCH /api/admin/minerals/{id}/images/{imageId} — alt text, position, main photo.
import { updateImage } from '../../shared/admin/photos';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { mineralImageParams, updateImageBody } from '../../shared/http/schemas/adminPhotos';

export const handler = httpRoute({ authorize: requireAdmin, params: mineralImageParams, body: updateImageBody }, async ({ params, body }) => {
  return json(200, await updateImage(params.id, params.imageId, body));
});
