// A mineral's photos: one item each under the mineral's partition (pk MINERAL#<id>, sk IMAGE#<imageId>),
// so the product page reads them with the mineral. An image is `pending` from the presigned upload
// until the worker has checked it: then `ready` with its sizes, or `refused` with why (and its file
// gone). The first ready image becomes the main one, and its address is put on the mineral item for
// the cards.
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../errors';
import type { PhotoSize } from '../domain/photos';
import { dynamo, tableName } from './client';
import { mineralKey } from './minerals';
import type { TransactItem } from './orders';
import { queryAll } from './query';

const IMAGE_PREFIX = 'IMAGE#';
export const mineralImageKey = (mineralId: string, imageId: string) => ({ pk: mineralKey(mineralId).pk, sk: `${IMAGE_PREFIX}${imageId}` });

export interface MineralImage {
  mineralId: string;
  imageId: string;
  status: 'pending' | 'ready' | 'refused';
  alt: string;
  /** Position among the mineral's photos (upload order until an admin reorders them). */
  position: number;
  main: boolean;
  /** Site paths of each size (`/media/…/card.webp`), once ready. */
  sizes: Partial<Record<PhotoSize, string>>;
  width: number | null;
  height: number | null;
  /** Why the file was refused, in words for the admin. */
  refusal: string | null;
  createdAt: string;
}

const toImage = (item: Record<string, unknown>): MineralImage => ({
  mineralId: String(item.mineralId),
  imageId: String(item.imageId),
  status: item.status as MineralImage['status'],
  alt: String(item.alt ?? ''),
  position: Number(item.position ?? 0),
  main: item.main === true,
  sizes: (item.sizes as MineralImage['sizes'] | undefined) ?? {},
  width: typeof item.width === 'number' ? item.width : null,
  height: typeof item.height === 'number' ? item.height : null,
  refusal: typeof item.refusal === 'string' ? item.refusal : null,
  createdAt: String(item.createdAt),
});

/** Records an upload about to happen; the mineral must exist. */
export async function putPendingImage(image: Pick<MineralImage, 'mineralId' | 'imageId' | 'alt' | 'createdAt'>): Promise<void> {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          { ConditionCheck: { TableName: tableName, Key: mineralKey(image.mineralId), ConditionExpression: 'attribute_exists(pk)' } },
          {
            Put: {
              TableName: tableName,
              Item: {
                ...mineralImageKey(image.mineralId, image.imageId),
                entity: 'mineralImage',
                ...image,
                status: 'pending',
                // Upload order: a later upload sorts after every earlier one.
                position: Date.parse(image.createdAt),
                main: false,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
      throw new NotFoundError(`No mineral ${image.mineralId}.`);
    }
    throw error;
  }
}

/** A mineral's photos, in their order. */
export async function listMineralImages(mineralId: string): Promise<MineralImage[]> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :image)',
    ExpressionAttributeValues: { ':pk': mineralKey(mineralId).pk, ':image': IMAGE_PREFIX },
  });
  return items.map(toImage).sort((a, b) => a.position - b.position);
}

/** Marks a pending image refused; false when there was no pending image (already handled, or never presigned). */
export async function markImageRefused(mineralId: string, imageId: string, refusal: string): Promise<boolean> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: mineralImageKey(mineralId, imageId),
        UpdateExpression: 'SET #status = :refused, refusal = :why',
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':refused': 'refused', ':why': refusal, ':pending': 'pending' },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Marks a pending image ready with its sizes; the mineral's first ready image becomes its main one
 * (and its card size goes on the mineral item). False when there was no pending image.
 */
export async function markImageReady(
  image: Pick<MineralImage, 'mineralId' | 'imageId' | 'sizes'> & { width: number; height: number },
): Promise<boolean> {
  const ready = (main: boolean) => ({
    Update: {
      TableName: tableName,
      Key: mineralImageKey(image.mineralId, image.imageId),
      UpdateExpression: 'SET #status = :ready, sizes = :sizes, width = :w, height = :h, main = :main',
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':ready': 'ready', ':sizes': image.sizes, ':w': image.width, ':h': image.height, ':main': main, ':pending': 'pending' },
    },
  });
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          ready(true),
          {
            Update: {
              TableName: tableName,
              Key: mineralKey(image.mineralId),
              // The card the catalog indexes carry shows the main photo too (shared/db/minerals.ts, cardOf).
              UpdateExpression: 'SET mainImage = :main, card.mainImage = :main',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(mainImage)',
              ExpressionAttributeValues: { ':main': { imageId: image.imageId, sizes: image.sizes } },
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const [imageReason, mineralReason] = error.CancellationReasons ?? [];
    if (imageReason?.Code === 'ConditionalCheckFailed') return false;
    if (mineralReason?.Code !== 'ConditionalCheckFailed') throw error;
  }
  // The mineral has a main image already: this one is ready, not main.
  try {
    await dynamo.send(new UpdateCommand(ready(false).Update));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}


/** The mineral's card photo: the given image's sizes, or none. */
const mainImageUpdate = (mineralId: string, main: MineralImage | undefined): TransactItem => ({
  Update: {
    TableName: tableName,
    Key: mineralKey(mineralId),
    ...(main
      ? { UpdateExpression: 'SET mainImage = :main, card.mainImage = :main', ExpressionAttributeValues: { ':main': { imageId: main.imageId, sizes: main.sizes } } }
      : { UpdateExpression: 'SET card.mainImage = :none REMOVE mainImage', ExpressionAttributeValues: { ':none': null } }),
    ConditionExpression: 'attribute_exists(pk)',
  },
});

/**
 * Changes an image's alt text and position, and makes it the main one (the one before it stops being
 * main, and the mineral item's card photo follows) — in one transaction.
 */
export async function updateMineralImage(
  image: MineralImage,
  previousMain: MineralImage | undefined,
  change: { alt?: string | undefined; position?: number | undefined; main?: true | undefined },
): Promise<MineralImage> {
  const updated: MineralImage = { ...image, ...(change.alt !== undefined ? { alt: change.alt } : {}), ...(change.position !== undefined ? { position: change.position } : {}) };
  const becomesMain = change.main === true && !image.main;
  if (becomesMain) updated.main = true;
  const items: TransactItem[] = [
    {
      Update: {
        TableName: tableName,
        Key: mineralImageKey(image.mineralId, image.imageId),
        UpdateExpression: 'SET alt = :alt, #position = :position, main = :main',
        ConditionExpression: '#status = :ready',
        ExpressionAttributeNames: { '#position': 'position', '#status': 'status' },
        ExpressionAttributeValues: { ':alt': updated.alt, ':position': updated.position, ':main': updated.main, ':ready': 'ready' },
      },
    },
  ];
  if (becomesMain) {
    if (previousMain) {
      items.push({ Update: { TableName: tableName, Key: mineralImageKey(previousMain.mineralId, previousMain.imageId), UpdateExpression: 'SET main = :no', ExpressionAttributeValues: { ':no': false } } });
    }
    items.push(mainImageUpdate(image.mineralId, updated));
  }
  await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
  return updated;
}

/** Deletes an image's item; when it was the main one, the next ready image (if any) takes its place. */
export async function deleteMineralImage(image: MineralImage, nextMain: MineralImage | undefined): Promise<void> {
  const items: TransactItem[] = [{ Delete: { TableName: tableName, Key: mineralImageKey(image.mineralId, image.imageId) } }];
  if (image.main) {
    if (nextMain) items.push({ Update: { TableName: tableName, Key: mineralImageKey(nextMain.mineralId, nextMain.imageId), UpdateExpression: 'SET main = :yes', ExpressionAttributeValues: { ':yes': true } } });
    items.push(mainImageUpdate(image.mineralId, nextMain));
  }
  await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
}
