// The site: a private bucket behind CloudFront (Origin Access Control), with /api/* routed to the
// HTTP API on the same origin so the browser never makes a cross-origin call. The same bucket holds
// the admin console, a second app under /admin/ (frontend/dist/admin), and /media/* is read from the
// photo bucket through the same Origin Access Control.
import { Duration } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { CACHE_RULES } from '../../shared/http/caching';
import { ROUTES, type RouteDefinition } from '../../shared/http/routes';
import { contentSecurityPolicy, SECURITY_HEADER_RULES } from '../../shared/http/securityHeaders';
import { SPA_REWRITE_CODE } from '../spaRewrite';
import { PHOTO_MEDIA_PREFIX, PRIVATE_BUCKET } from './shopPhotos';

export interface ShopSiteProps {
  /** Hostname of the HTTP API, e.g. `abc123.execute-api.eu-west-1.amazonaws.com`. */
  readonly apiDomainName: string;
  /** Folder whose files are uploaded to the bucket; omitted, nothing is uploaded. */
  readonly siteDirectory?: string;
  /**
   * The photo bucket (ShopPhotos, usually in the data stack): its resized sizes are served at
   * /media/*, and this construct writes its bucket policy (HTTPS only, CloudFront may read media/).
   */
  readonly photoBucket?: s3.IBucket;
  /**
   * The admin pool the console signs in against: written with the site as /admin/config.json, the
   * file the console reads first (locally the API server answers it from cognito-local).
   */
  readonly consoleSignIn?: { readonly region: string; readonly userPoolId: string; readonly clientId: string };
  /**
   * The shop's own hostname (the host of shopUrl) and its ACM certificate (in us-east-1, as
   * CloudFront requires): the distribution answers for it, over TLS 1.2 at the least. Omitted (a dev
   * stage), the shop is served at CloudFront's own domain.
   */
  readonly domain?: { readonly hostname: string; readonly certificateArn: string };
}

/** Where the console's sign-in configuration lives in the site bucket (served as /admin/config.json). */
export const CONSOLE_CONFIG_KEY = 'admin/config.json';

/** A route's path as a CloudFront path pattern: each `{param}` is `*`. */
const pathPattern = (route: RouteDefinition) => route.path.replace(/\{\w+\}/g, '*');

/** CloudFront's matching: `*` is any run of characters (slashes included), `?` any one character. */
const matchesPattern = (pattern: string, pathname: string) =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(pathname);

/** Thrown at synth: a cacheable path is shared with a route that must not be cached. */
export class UncacheableRouteError extends Error {
  override name = 'UncacheableRouteError';
}

/**
 * The path patterns of the routes the route table marks cacheable, and, to be listed before them, the
 * patterns of uncached routes that those would otherwise catch (`/api/minerals/*` catches
 * `/api/minerals/{id}/reviews`): CloudFront takes the first behaviour that matches.
 */
export function apiCachePatterns(routes: readonly RouteDefinition[]): { cached: string[]; uncachedFirst: string[] } {
  const cachedRoutes = routes.filter((r) => r.cache);
  const cached = [...new Set(cachedRoutes.map(pathPattern))];
  const uncachedFirst: string[] = [];
  for (const route of routes.filter((r) => !r.cache)) {
    const pattern = pathPattern(route);
    if (!cached.some((c) => matchesPattern(c, route.path.replace(/\{\w+\}/g, 'x')))) continue;
    // Same path, another method (a POST beside a cached GET): CloudFront would drop its Authorization.
    if (cached.includes(pattern)) throw new UncacheableRouteError(`${route.method} ${route.path} shares its path with a cached route`);
    if (!uncachedFirst.includes(pattern)) uncachedFirst.push(pattern);
  }
  return { cached, uncachedFirst };
}

/** The longest time any cache rule allows: CloudFront's ceiling for the catalog's cache policy. */
const LONGEST_RULE_SECONDS = Math.max(...Object.values(CACHE_RULES).map((r) => Math.max(r.browserSeconds, 'edgeSeconds' in r ? r.edgeSeconds : 0)));

export class ShopSite extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly catalogCachePolicy: cloudfront.CachePolicy;
  readonly securityHeadersPolicy: cloudfront.ResponseHeadersPolicy;

  constructor(scope: Construct, id: string, props: ShopSiteProps) {
    super(scope, id);

    this.bucket = new s3.Bucket(this, 'Bucket', { ...PRIVATE_BUCKET, enforceSSL: true });

    const spaRewrite = new cloudfront.Function(this, 'SpaRewrite', {
      code: cloudfront.FunctionCode.fromInline(SPA_REWRITE_CODE),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'Serve index.html for client-side routes',
    });

    // One Origin Access Control signs CloudFront's reads of both buckets.
    const originAccessControl = new cloudfront.S3OriginAccessControl(this, 'OriginAccessControl', {
      description: 'CloudFront reads the site and the photos',
      signing: cloudfront.Signing.SIGV4_ALWAYS,
    });

    // Kept as long as the API's Cache-Control says (shared/http/caching.ts), nothing without one; keyed on
    // the whole query string (filters, sort, cursor), no header or cookie: these reads are the same for all.
    this.catalogCachePolicy = new cloudfront.CachePolicy(this, 'CatalogCache', {
      comment: 'Public catalog reads: as long as the API says, keyed on the query string',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(LONGEST_RULE_SECONDS),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    // The shop's own security headers (shared/http/securityHeaders.ts), on every behaviour: the pages,
    // /media and /api alike. The console calls Cognito and the photo bucket (presigned uploads) directly.
    this.securityHeadersPolicy = this.newSecurityHeadersPolicy([
      ...(props.consoleSignIn ? [`https://cognito-idp.${props.consoleSignIn.region}.amazonaws.com`] : []),
      ...(props.photoBucket ? [`https://${props.photoBucket.bucketRegionalDomainName}`] : []),
    ]);
    const api: cloudfront.BehaviorOptions = {
      origin: new origins.HttpOrigin(props.apiDomainName, {
        protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      }),
      // A redirect would turn a POST into a GET; API callers must speak HTTPS from the start.
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      // Everything the viewer sent except Host, which must be the API's own hostname.
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: this.securityHeadersPolicy,
      compress: true,
    };
    const patterns = apiCachePatterns(ROUTES);

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Mineral shop: site, console, /media and /api',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      ...(props.domain
        ? {
            domainNames: [props.domain.hostname],
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            sslSupportMethod: cloudfront.SSLMethod.SNI,
          }
        : {}),
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket, { originAccessControl }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.securityHeadersPolicy,
        compress: true,
        functionAssociations: [{ function: spaRewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      // The public catalog reads the route table marks cacheable first (each behind the API's routes it
      // would otherwise catch), then everything else under /api, never cached.
      additionalBehaviors: {
        ...Object.fromEntries(patterns.uncachedFirst.map((p) => [p, api])),
        ...Object.fromEntries(patterns.cached.map((p) => [p, { ...api, allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS, cachePolicy: this.catalogCachePolicy }])),
        '/api/*': api,
      },
    });

    if (props.photoBucket) this.servePhotos(props.photoBucket, originAccessControl);

    if (props.siteDirectory) {
      // frontend/dist holds both apps: the shop at the root and the console under admin/.
      new s3deploy.BucketDeployment(this, 'Upload', {
        sources: [
          s3deploy.Source.asset(props.siteDirectory),
          ...(props.consoleSignIn
            ? [
                s3deploy.Source.jsonData(CONSOLE_CONFIG_KEY, {
                  endpoint: `https://cognito-idp.${props.consoleSignIn.region}.amazonaws.com/`,
                  userPoolId: props.consoleSignIn.userPoolId,
                  clientId: props.consoleSignIn.clientId,
                }),
              ]
            : []),
        ],
        destinationBucket: this.bucket,
        distribution: this.distribution,
        distributionPaths: ['/*'],
        memoryLimit: 256,
      });
    }
  }

  /** The shop's security headers as a CloudFront policy, from the one definition the local server sends too. */
  private newSecurityHeadersPolicy(connectSources: string[]): cloudfront.ResponseHeadersPolicy {
    const rules = SECURITY_HEADER_RULES;
    return new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Mineral shop security headers (shared/http/securityHeaders.ts)',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(connectSources), override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(rules.strictTransportSecurity.maxAgeSeconds),
          includeSubdomains: rules.strictTransportSecurity.includeSubdomains,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: rules.frameOptions as cloudfront.HeadersFrameOption, override: true },
        // The enums' values are the header values themselves (the infra test compares them with the module's).
        referrerPolicy: { referrerPolicy: rules.referrerPolicy as cloudfront.HeadersReferrerPolicy, override: true },
      },
    });
  }

  /**
   * /media/* from the photo bucket, cached (each size has its own immutable key), and that bucket's
   * policy. The bucket is referenced by name only, so the photos' stack never depends on this one.
   */
  private servePhotos(photoBucket: s3.IBucket, originAccessControl: cloudfront.IOriginAccessControl): void {
    this.distribution.addBehavior(
      `/${PHOTO_MEDIA_PREFIX}*`,
      origins.S3BucketOrigin.withBucketDefaults(photoBucket, { originAccessControlId: originAccessControl.originAccessControlId }),
      {
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.securityHeadersPolicy,
        compress: false,
      },
    );
    const policy = new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: ['s3:*'],
          resources: [photoBucket.bucketArn, photoBucket.arnForObjects('*')],
          conditions: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
        new iam.PolicyStatement({
          effect: iam.Effect.ALLOW,
          principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
          actions: ['s3:GetObject'],
          // The sizes only: an original waiting to be checked is never served.
          resources: [photoBucket.arnForObjects(`${PHOTO_MEDIA_PREFIX}*`)],
          conditions: { StringEquals: { 'AWS:SourceArn': this.distribution.distributionArn } },
        }),
      ],
    });
    new s3.CfnBucketPolicy(this, 'PhotoBucketPolicy', { bucket: photoBucket.bucketName, policyDocument: policy });
  }
}
