// Mineral photos through the real parts: the admin route presigns a POST, the file goes straight to the
// local S3 emulator as a browser would send it, the emulator announces it on the photoUploads queue
// as S3 does, and the worker checks it with sharp and makes its sizes — or refuses it, leaving no
// object behind.
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLocalAdminAuthorizer } from '../../infra/local/adminAuthorizer';
import { adminSignIn } from '../../infra/local/cognito';
import { drainQueues } from '../../infra/local/queuePoller';
import { listMineralImages, type MineralImage } from '../../shared/db/mineralImages';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../shared/db/client';
import { mineralKey, putMinerals } from '../../shared/db/minerals';
import { MAX_PHOTO_BYTES } from '../../shared/domain/photos';
import { photoBucket } from '../../shared/photos/storage';
import { WORKERS } from '../../shared/workers';
import { startLocalAdminAuth } from '../support/adminTokens';
import { startTestApi, type Json, type TestApi } from '../support/api';
import { aMineral } from '../support/builders';
import { fileQueueUrls } from '../support/mail';

let api: TestApi;
let auth: Awaited<ReturnType<typeof startLocalAdminAuth>>;
let adminToken: string;
const s3 = new S3Client({ endpoint: inject('s3Endpoint'), forcePathStyle: true });

beforeAll(async () => {
  auth = await startLocalAdminAuth();
  api = await startTestApi({ authorizer: createLocalAdminAuthorizer(auth.config) });
  adminToken = await adminSignIn(auth.config.endpoint, auth.config.clientId, auth.config.adminEmail, auth.config.adminPassword);
});
afterAll(async () => {
  s3.destroy();
  await api?.close();
  await auth?.stop();
});

const photoWorkers = WORKERS.filter((w) => w.id === 'processPhotoUploads');

const presign = (mineralId: string, body: unknown) =>
  api.request('POST', `/api/admin/minerals/${mineralId}/images`, { headers: { authorization: `Bearer ${adminToken}` }, body });

/** Sends the file as the console does: the presigned fields, then the file, as multipart form data. */
async function upload(presigned: Json, file: Buffer, type: string): Promise<number> {
  const form = new FormData();
  for (const [k, v] of Object.entries(presigned.upload.fields as Record<string, string>)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file)], { type }), 'photo');
  return (await fetch(presigned.upload.url, { method: 'POST', body: form })).status;
}

/** Runs the photo worker until the image is no longer pending (the emulator queues its event as it stores the file). */
async function settled(mineralId: string, imageId: string): Promise<MineralImage> {
  for (let attempt = 0; attempt < 50; attempt++) {
    await drainQueues(photoWorkers, fileQueueUrls(), inject('sqsEndpoint'));
    const image = (await listMineralImages(mineralId)).find((i) => i.imageId === imageId);
    if (image && image.status !== 'pending') return image;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`image ${imageId} is still pending`);
}

async function keysUnder(prefix: string): Promise<string[]> {
  const res = await s3.send(new ListObjectsV2Command({ Bucket: photoBucket(), Prefix: prefix }));
  return (res.Contents ?? []).map((o) => o.Key!);
}

const aPhoto = (format: 'png' | 'jpeg') => {
  const canvas = sharp({ create: { width: 2000, height: 1500, channels: 3, background: { r: 120, g: 60, b: 160 } } });
  return (format === 'png' ? canvas.png() : canvas.jpeg()).toBuffer();
};

describe('POST /api/admin/minerals/{id}/images', () => {
  it.each([
    ['png', 'image/png'],
    ['jpeg', 'image/jpeg'],
  ] as const)('a real %s becomes thumb, card and full webp sizes, the mineral’s main photo, and its original is gone', async (format, type) => {
    const mineral = aMineral();
    await putMinerals([mineral]);
    const res = await presign(mineral.id, { contentType: type, alt: 'Amethyst cluster on matrix' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'pending', maxBytes: MAX_PHOTO_BYTES });
    expect([200, 201, 204]).toContain(await upload(res.body, await aPhoto(format), type));

    const image = await settled(mineral.id, res.body.imageId);
    expect(image).toMatchObject({ status: 'ready', alt: 'Amethyst cluster on matrix', main: true, width: 2000, height: 1500, refusal: null });
    for (const [size, width] of [['thumb', 160], ['card', 480], ['full', 1600]] as const) {
      const key = image.sizes[size]!.slice(1);
      expect(key).toMatch(new RegExp(`^media/${mineral.id}/${res.body.imageId}-[0-9a-f]{8}/${size}\\.webp$`));
      const stored = await s3.send(new GetObjectCommand({ Bucket: photoBucket(), Key: key }));
      const meta = await sharp(Buffer.from(await stored.Body!.transformToByteArray())).metadata();
      expect(meta).toMatchObject({ format: 'webp', width });
    }
    expect(await keysUnder(`uploads/${mineral.id}/`)).toEqual([]);
    // The shop shows it: the product page's gallery and the card, in sizes for srcset.
    const detail = await api.get(`/api/minerals/${mineral.id}`);
    expect(detail.body.photos).toEqual([
      {
        alt: 'Amethyst cluster on matrix',
        src: image.sizes.card,
        srcset: `${image.sizes.thumb} 160w, ${image.sizes.card} 480w, ${image.sizes.full} 1600w`,
        thumb: image.sizes.thumb,
        full: image.sizes.full,
      },
    ]);
    expect(detail.body.photo).toMatchObject({ src: image.sizes.card, full: image.sizes.full });
    // The card's photo is on the mineral item itself.
    const item = await dynamo.send(new GetCommand({ TableName: tableName, Key: mineralKey(mineral.id) }));
    expect(item.Item?.mainImage).toEqual({ imageId: res.body.imageId, sizes: image.sizes });
  });

  it.each([
    ['a text file claiming to be a PNG', () => Buffer.from('definitely not a picture\n'.repeat(100)), 'image/png', /not an image/],
    ['a JPEG claiming to be a PNG', () => aPhoto('jpeg'), 'image/png', /claims to be image\/png but is jpeg/],
    ['a file over the size cap', () => Buffer.alloc(MAX_PHOTO_BYTES + 1, 1), 'image/png', /at most 10 MB/],
    ['a file sent as another content type than presigned', () => aPhoto('png'), 'text/plain', /sent as text\/plain/],
  ])('%s is refused with a clear message, and no object is left', async (_what, file, type, message) => {
    const mineral = aMineral();
    await putMinerals([mineral]);
    const res = await presign(mineral.id, { contentType: 'image/png', alt: '' });
    expect(res.status).toBe(201);
    // In AWS the presigned policy refuses the last two at once; the emulator does not enforce it, and
    // the worker refuses them all the same.
    const fields = type === 'image/png' ? res.body : { ...res.body, upload: { ...res.body.upload, fields: { ...res.body.upload.fields, 'Content-Type': type } } };
    await upload(fields, await file(), type);
    const image = await settled(mineral.id, res.body.imageId);
    expect(image.status).toBe('refused');
    expect(image.refusal).toMatch(message);
    expect(image.sizes).toEqual({});
    expect(await keysUnder(`uploads/${mineral.id}/`)).toEqual([]);
    expect(await keysUnder(`media/${mineral.id}/`)).toEqual([]);
  });

  it('refuses a body that is not an allowed image type, an unknown field, and a mineral that does not exist, writing nothing', async () => {
    const mineral = aMineral();
    await putMinerals([mineral]);
    for (const body of [{ contentType: 'image/gif' }, { contentType: 'image/png', extra: 1 }, {}]) {
      const res = await presign(mineral.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBeTruthy();
    }
    expect((await presign('no-such-mineral', { contentType: 'image/png' })).status).toBe(404);
    expect(await listMineralImages(mineral.id)).toEqual([]);
    expect((await api.request('POST', `/api/admin/minerals/${mineral.id}/images`, { body: { contentType: 'image/png' } })).status).toBe(401);
  });

  it('orders the photos, moves the main one, changes alt text, and deletes a photo with every size of it', async () => {
    const mineral = aMineral();
    await putMinerals([mineral]);
    const ids: string[] = [];
    for (const alt of ['first', 'second']) {
      const res = await presign(mineral.id, { contentType: 'image/png', alt });
      await upload(res.body, await aPhoto('png'), 'image/png');
      await settled(mineral.id, res.body.imageId);
      ids.push(res.body.imageId);
    }
    const [first, second] = ids as [string, string];
    const admin = (method: string, imageId: string, body?: unknown) =>
      api.request(method, `/api/admin/minerals/${mineral.id}/images/${imageId}`, { headers: { authorization: `Bearer ${adminToken}` }, ...(body ? { body } : {}) });
    const mainImageOf = async () => (await dynamo.send(new GetCommand({ TableName: tableName, Key: mineralKey(mineral.id) }))).Item?.mainImage as Json;

    expect((await listMineralImages(mineral.id)).map((i) => [i.alt, i.main])).toEqual([['first', true], ['second', false]]);
    const moved = await admin('PATCH', second, { main: true, alt: 'Second, better light', position: 0 });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ main: true, alt: 'Second, better light', position: 0 });
    expect((await listMineralImages(mineral.id)).map((i) => [i.imageId, i.main])).toEqual([[second, true], [first, false]]);
    expect((await mainImageOf()).imageId).toBe(second);

    for (const body of [{}, { main: false }, { alt: 'x', extra: 1 }]) expect((await admin('PATCH', first, body)).status, JSON.stringify(body)).toBe(400);
    expect((await admin('PATCH', '00000000-0000-4000-8000-000000000000', { alt: 'x' })).status).toBe(404);

    const sizesOfSecond = (await listMineralImages(mineral.id)).find((i) => i.imageId === second)!.sizes;
    expect((await admin('DELETE', second)).status).toBe(204);
    expect((await listMineralImages(mineral.id)).map((i) => [i.imageId, i.main])).toEqual([[first, true]]);
    expect((await mainImageOf()).imageId).toBe(first);
    const left = await keysUnder(`media/${mineral.id}/`);
    for (const path of Object.values(sizesOfSecond)) expect(left).not.toContain(path.slice(1));
    expect(left).toHaveLength(3);
    expect((await admin('DELETE', second)).status).toBe(404);
  });
});
