// The mineral photos: a private bucket that admins upload originals to straight from the console
// (a presigned POST, so only from the shop's origin: CORS) and that holds the resized sizes the site
// shows. Nothing in it is public: CloudFront reads `media/` through Origin Access Control, with the
// bucket policy written by the site (infra/stack.ts), which owns the distribution.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

import { PHOTO_MEDIA_PREFIX, PHOTO_UPLOAD_PREFIX } from '../../shared/domain/photos';

export { PHOTO_MEDIA_PREFIX, PHOTO_UPLOAD_PREFIX };

export interface ShopPhotosProps {
  /** The shop's public origin: the only one a browser may upload from. */
  readonly shopUrl: string;
}

/** What every bucket of the shop is: private to the account, encrypted, owned by it (no ACLs). */
export const PRIVATE_BUCKET: s3.BucketProps = {
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  encryption: s3.BucketEncryption.S3_MANAGED,
  objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
};

export class ShopPhotos extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: ShopPhotosProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...PRIVATE_BUCKET,
      // No enforceSSL here: a bucket has one policy, and the site's stack writes it (HTTPS-only
      // included) together with CloudFront's read grant, so this stack never depends on the site's.
      cors: [
        {
          allowedMethods: [s3.HttpMethods.POST],
          allowedOrigins: [props.shopUrl],
          allowedHeaders: ['*'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        // An original is resized within seconds; one still there a day later was never processed.
        { id: 'unprocessed-uploads', prefix: PHOTO_UPLOAD_PREFIX, expiration: Duration.days(1) },
      ],
      // The photos are the catalog's: a stack deletion must not take them.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
