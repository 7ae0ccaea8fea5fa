// Photo upload → resized sizes available: an admin's presign (the route's use case), the browser's POST
// of a 2000×1500 JPEG to the local S3 emulator, the emulator's event queued on photoUploads, and the
// worker checking and resizing it (thumb, card, full webp) until the image is ready. Sequential, p50.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { applyEnvironment, localEnvironment } from '../../infra/local/environment';
import { freePort } from '../../infra/local/ports';
import { drainQueues } from '../../infra/local/queuePoller';
import { ensurePhotoBucket, startLocalS3 } from '../../infra/local/s3';
import { createQueues, startLocalSqs } from '../../infra/local/sqs';
import type { BenchContext, Section } from './report';
import { p50, p95 } from './stats';

const UPLOADS = 15;

export async function run(ctx: BenchContext): Promise<Section> {
  const sqs = await startLocalSqs({ port: await freePort() });
  const directory = mkdtempSync(path.join(tmpdir(), 'bench-s3-'));
  const bucket = `${ctx.tableName}-photos`;
  const queueUrls = await createQueues(sqs.endpoint, `${bucket}-`);
  const s3 = await startLocalS3({ port: await freePort(), directory, sqsEndpoint: sqs.endpoint, uploadsQueueFor: () => queueUrls.photoUploads });
  try {
    await ensurePhotoBucket(s3.endpoint, bucket, 'http://127.0.0.1');
    applyEnvironment(localEnvironment({ tableName: ctx.tableName, dynamoEndpoint: ctx.dynamoEndpoint, sqsEndpoint: sqs.endpoint, queueUrls, s3Endpoint: s3.endpoint, photoBucket: bucket }));
    // Loaded only now: they read PHOTO_BUCKET and S3_ENDPOINT at import.
    const { createImageUpload } = await import('../../shared/admin/photos');
    const { listMineralImages } = await import('../../shared/db/mineralImages');
    const { putMinerals } = await import('../../shared/db/minerals');
    const { WORKERS } = await import('../../shared/workers');
    const workers = WORKERS.filter((w) => w.id === 'processPhotoUploads');
    // Noise, so the JPEG weighs what a real photo does (a flat colour compresses to nothing).
    const photo = await sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
      .jpeg({ quality: 90 })
      .toBuffer();
    const mineralId = 'bench-photo-mineral';
    await putMinerals([
      {
        id: mineralId, name: 'Bench specimen', category: 'silicates', description: 'A bench specimen.', quality: 'Undamaged.', origin: 'Bench',
        mohsHardness: 7, weightGrams: 100, priceCents: 1000, currency: 'USD', available: 1, image: '/images/minerals/x.svg', popularity: 0,
        ratingCount: 0, ratingSum: 0, createdAt: new Date().toISOString(),
      } as Parameters<typeof putMinerals>[0][number],
    ]);

    const samples: number[] = [];
    for (let i = 0; i < UPLOADS; i++) {
      const started = performance.now();
      const { imageId, upload } = await createImageUpload(mineralId, { contentType: 'image/jpeg', alt: '' });
      const form = new FormData();
      for (const [k, v] of Object.entries(upload.fields)) form.append(k, v);
      form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'photo.jpg');
      const posted = await fetch(upload.url, { method: 'POST', body: form });
      if (!posted.ok) throw new Error(`upload answered ${posted.status}`);
      for (;;) {
        await drainQueues(workers, queueUrls, sqs.endpoint);
        const image = (await listMineralImages(mineralId)).find((img) => img.imageId === imageId);
        if (image?.status === 'ready') break;
        if (image?.status === 'refused') throw new Error(`refused: ${image.refusal}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      samples.push(performance.now() - started);
    }
    const ms = (v: number) => `${Math.round(v)} ms`;
    return {
      name: 'photos',
      title: 'Photo upload → resized sizes available',
      rows: [
        { measure: `Presign, POST a 2000×1500 JPEG (${Math.round(photo.length / 1000)} KB), worker makes thumb/card/full webp, p50`, value: ms(p50(samples)), target: 'report', verdict: 'info' },
        { measure: 'Same, p95', value: ms(p95(samples)), target: 'report', verdict: 'info' },
      ],
      notes: [`${UPLOADS} uploads one after another, through the local S3 emulator and local SQS; the worker is polled, so each figure includes up to one poll interval.`],
      raw: { samplesMs: samples, bytes: photo.length },
    };
  } finally {
    await s3.stop();
    await sqs.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}
