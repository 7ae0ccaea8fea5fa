import { describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES, parseUploadKey, photoRefusal, photoSizeKey, photoUploadKey, PHOTO_SIZES } from '../../shared/domain/photos';

describe('what a mineral photo may be', () => {
  it('takes a JPEG, PNG or WebP up to 10 MiB that is what it says it is', () => {
    expect(MAX_PHOTO_BYTES).toBe(10 * 1024 * 1024);
    expect(photoRefusal({ bytes: MAX_PHOTO_BYTES, declaredType: 'image/jpeg', detectedFormat: 'jpeg' })).toBeUndefined();
    expect(photoRefusal({ bytes: 1, declaredType: 'image/png', detectedFormat: 'png' })).toBeUndefined();
    expect(photoRefusal({ bytes: 1, declaredType: 'image/webp', detectedFormat: 'webp' })).toBeUndefined();
  });

  it('refuses a file one byte over the cap, saying how big it is', () => {
    expect(photoRefusal({ bytes: MAX_PHOTO_BYTES + 1, declaredType: 'image/jpeg', detectedFormat: 'jpeg' })).toBe('The file is 10.0 MB; photos may be at most 10 MB.');
    expect(photoRefusal({ bytes: 15 * 1024 * 1024, declaredType: 'image/jpeg', detectedFormat: 'jpeg' })).toBe('The file is 15.0 MB; photos may be at most 10 MB.');
  });

  it('refuses a type it does not take, or none', () => {
    expect(photoRefusal({ bytes: 10, declaredType: 'image/gif', detectedFormat: 'gif' })).toBe('The file was sent as image/gif; photos must be JPEG, PNG or WebP.');
    expect(photoRefusal({ bytes: 10, declaredType: undefined, detectedFormat: 'jpeg' })).toBe('The file was sent as an unknown type; photos must be JPEG, PNG or WebP.');
  });

  it('refuses what cannot be read, and what claims to be another format than it is', () => {
    expect(photoRefusal({ bytes: 10, declaredType: 'image/png', detectedFormat: undefined })).toBe('The file is not an image that can be read (it may be damaged, or not a photo at all).');
    expect(photoRefusal({ bytes: 10, declaredType: 'image/png', detectedFormat: 'jpeg' })).toBe(
      'The file claims to be image/png but is jpeg; photos must be JPEG, PNG or WebP, sent as what they are.',
    );
  });
});

describe('where photos are kept', () => {
  it('puts uploads and their sizes under their own prefixes, named by mineral and image', () => {
    expect(photoUploadKey('pyrite-1', 'img-9')).toBe('uploads/pyrite-1/img-9');
    expect(photoSizeKey('pyrite-1', 'img-9', 'card')).toBe('media/pyrite-1/img-9/card.webp');
    expect(PHOTO_SIZES).toEqual({ thumb: 160, card: 480, full: 1600 });
  });

  it('reads the ids back from an upload key, and nothing from any other key', () => {
    expect(parseUploadKey('uploads/pyrite-1/img-9')).toEqual({ mineralId: 'pyrite-1', imageId: 'img-9' });
    for (const other of ['media/pyrite-1/img-9/card.webp', 'uploads/pyrite-1', 'uploads/pyrite-1/img-9/extra', 'x/uploads/a/b', 'uploads//b']) {
      expect(parseUploadKey(other)).toBeUndefined();
    }
  });
});
