// A mineral's photos: each file goes straight from the browser to storage with the presigned POST
// the API hands out (POST …/images), then the photo worker checks it and makes its sizes. Here the
// admin orders them, picks the main one, writes alt text and deletes (after a confirmation). Which
// files may be photos is the API's rule: its refusal (type) or the answer's size cap is shown per file,
// and a file over the cap is not sent (its pending photo is deleted again, leaving nothing behind).
// The list is the mineral's photos as stored (GET …/images), asked again every few seconds while any
// is still being checked, so a thumbnail (or the reason a file was refused) appears without a reload.
import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../../src/api/http';
import { adminFetch, type MineralImage } from '../api';
import { ConfirmButton } from './Confirm';
import { toast } from './Toasts';

interface Upload {
  imageId: string;
  maxBytes: number;
  upload: { url: string; fields: Record<string, string> };
}

const ACCEPT = 'image/jpeg,image/png,image/webp';
/** How often, and for how long after the last upload, the list is asked again while a photo is being checked. */
const PENDING_POLL_MS = 1500;
const PENDING_POLL_FOR_MS = 90_000;

async function postFile(upload: Upload['upload'], file: File): Promise<void> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', file);
  const response = await fetch(upload.url, { method: 'POST', body: form });
  if (!response.ok) {
    const text = await response.text();
    const reason = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
    throw new Error(`Storage refused the file${reason ? `: ${reason}` : ` (${response.status})`}.`);
  }
}

export function Photos({ mineralId, mineralName }: { mineralId: string; mineralName: string }) {
  const base = `/api/admin/minerals/${encodeURIComponent(mineralId)}/images`;
  const [photos, setPhotos] = useState<MineralImage[]>([]);
  const [refused, setRefused] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [pollUntil, setPollUntil] = useState(() => Date.now() + PENDING_POLL_FOR_MS);

  const reload = async () => {
    try {
      setPhotos((await adminFetch<{ items: MineralImage[] }>(base)).items);
      setLoadError(null);
    } catch (error) {
      setLoadError(`The photos could not be loaded: ${messageOf(error)}`);
    }
  };
  useEffect(() => {
    void reload();
  }, [base]);
  const pending = photos.some((p) => p.status === 'pending');
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => {
      if (Date.now() > pollUntil) clearInterval(timer);
      else void reload();
    }, PENDING_POLL_MS);
    return () => clearInterval(timer);
  }, [pending, base, pollUntil]);

  const replace = (next: MineralImage) => setPhotos((list) => list.map((p) => (p.imageId === next.imageId ? next : next.main ? { ...p, main: false } : p)));

  const upload = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setBusy(true);
    setPollUntil(Date.now() + PENDING_POLL_FOR_MS);
    const reasons: string[] = [];
    for (const file of Array.from(files)) {
      try {
        const created = await adminFetch<Upload>(base, { method: 'POST', body: { contentType: file.type, alt: '' } });
        if (file.size > created.maxBytes) {
          await adminFetch<undefined>(`${base}/${created.imageId}`, { method: 'DELETE' });
          reasons.push(`${file.name}: larger than ${created.maxBytes / 1024 / 1024} MB.`);
          continue;
        }
        await postFile(created.upload, file);
        toast('success', `${file.name} uploaded; its sizes are being made.`);
      } catch (error) {
        reasons.push(`${file.name}: ${messageOf(error)}`);
      }
    }
    setRefused(reasons);
    setBusy(false);
    await reload();
  };

  const change = async (photo: MineralImage, body: { alt?: string; position?: number; main?: true }, done: string) => {
    try {
      replace(await adminFetch<MineralImage>(`${base}/${photo.imageId}`, { method: 'PATCH', body }));
      toast('success', done);
    } catch (error) {
      toast('error', messageOf(error));
    }
  };
  const move = async (index: number, by: -1 | 1) => {
    const photo = photos[index];
    const other = photos[index + by];
    if (!photo || !other) return;
    setPhotos((list) => list.map((p, i) => (i === index ? other : i === index + by ? photo : p)));
    await change(photo, { position: index + by }, 'Photo moved.');
    await change(other, { position: index }, 'Order saved.');
  };
  const remove = async (photo: MineralImage) => {
    try {
      await adminFetch<undefined>(`${base}/${photo.imageId}`, { method: 'DELETE' });
      setPhotos((list) => list.filter((p) => p.imageId !== photo.imageId));
      toast('success', 'Photo deleted with all its sizes.');
    } catch (error) {
      toast('error', messageOf(error));
    }
  };

  return (
    <section class="card" aria-labelledby="photos-heading">
      <h2 id="photos-heading">Photos</h2>
      <label>
        Add photos (JPEG, PNG or WebP, at most 10 MB each)
        <input
          type="file"
          multiple
          accept={ACCEPT}
          disabled={busy}
          onChange={(e) => {
            const input = e.currentTarget;
            // Sent files leave the picker, so choosing the same file again uploads it again.
            void upload(input.files).finally(() => (input.value = ''));
          }}
        />
      </label>
      {refused.length > 0 && (
        <ul class="form-error" role="alert" aria-label="Files refused">
          {refused.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      {loadError && (
        <p class="form-error" role="alert">
          {loadError}
        </p>
      )}
      {photos.length === 0 ? (
        <p class="muted">No photos yet. The main photo is the one shoppers see on the card and first in the product page’s gallery.</p>
      ) : (
        <ol class="photos">
          {photos.map((photo, i) => (
            <li key={photo.imageId}>
              {photo.sizes.thumb ? (
                <img src={photo.sizes.thumb} alt={`Photo ${i + 1}: ${photo.alt || mineralName}`} width={80} height={80} />
              ) : (
                <span class="muted">{photo.status === 'refused' ? `Photo ${i + 1} refused` : `Photo ${i + 1} is being checked…`}</span>
              )}
              {photo.refusal && <span class="form-error">{photo.refusal}</span>}
              <form
                class="inline-field"
                onSubmit={(e) => {
                  e.preventDefault();
                  void change(photo, { alt: String(new FormData(e.currentTarget).get('alt') ?? '') }, 'Alt text saved.');
                }}
              >
                <label class="inline-field">
                  Alt text
                  <input name="alt" aria-label={`Alt text of photo ${i + 1}`} maxLength={300} defaultValue={photo.alt} placeholder={mineralName} disabled={photo.status !== 'ready'} />
                </label>
                <button type="submit" disabled={photo.status !== 'ready'}>
                  Save alt text
                </button>
              </form>
              {photo.main ? (
                <strong>Main photo</strong>
              ) : (
                <button type="button" disabled={photo.status !== 'ready'} onClick={() => void change(photo, { main: true }, 'Main photo chosen.')}>
                  Make main
                </button>
              )}
              <button type="button" disabled={i === 0} aria-label={`Move photo ${i + 1} earlier`} onClick={() => void move(i, -1)}>
                ↑
              </button>
              <button type="button" disabled={i === photos.length - 1} aria-label={`Move photo ${i + 1} later`} onClick={() => void move(i, 1)}>
                ↓
              </button>
              <ConfirmButton label="Delete" question={`Delete photo ${i + 1} of ${mineralName}?`} confirmLabel="Delete the photo" onConfirm={() => void remove(photo)}>
                <p>The file and every size made from it are removed.</p>
              </ConfirmButton>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
