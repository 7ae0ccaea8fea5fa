// DELETE /api/admin/minerals/{id}/images/{imageId} — the photo, its file and its sizes.
import { deleteImage } from '../../shared/admin/photos';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { noContent } from '../../shared/http/respond';
import { mineralImageParams } from '../../shared/http/schemas/adminPhotos';

export const handler = httpRoute({ authorize: requireAdmin, params: mineralImageParams }, async ({ params }) => {
  await deleteImage(params.id, params.imageId);
  return noContent();
});
