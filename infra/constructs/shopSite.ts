// The site: a private bucket behind CloudFront (Origin Access Control), with /api/* routed to the
// HTTP API on the same origin so the browser never makes a cross-origin call.
import { Duration } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { CACHE_RULES } from '../../shared/http/caching';
import { ROUTES, type RouteDefinition } from '../../shared/http/routes';

export interface ShopSiteProps {
  /** Hostname of the HTTP API, e.g. `abc123.execute-api.eu-west-1.amazonaws.com`. */
  readonly apiDomainName: string;
  /** Folder whose files are uploaded to the bucket; omitted, nothing is uploaded. */
  readonly siteDirectory?: string;
}

/**
 * Viewer-request rewrite for the single-page app: a path whose last segment has no extension
 * (`/minerals/quartz-7`) is a client-side route, so it gets `/index.html`; files keep their path.
 * Unlike a 404→index.html error response, this never touches /api/*, whose 404s stay JSON.
 * CloudFront Functions run ES5-flavoured JavaScript: keep it to `var` and plain functions.
 */
export const SPA_REWRITE_CODE = `function handler(event) {
  var request = event.request;
  var lastSegment = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (lastSegment.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}`;

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

  constructor(scope: Construct, id: string, props: ShopSiteProps) {
    super(scope, id);

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    });

    const spaRewrite = new cloudfront.Function(this, 'SpaRewrite', {
      code: cloudfront.FunctionCode.fromInline(SPA_REWRITE_CODE),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'Serve index.html for client-side routes',
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
      compress: true,
    };
    const patterns = apiCachePatterns(ROUTES);

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Mineral shop: site and /api',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
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

    if (props.siteDirectory) {
      new s3deploy.BucketDeployment(this, 'Upload', {
        sources: [s3deploy.Source.asset(props.siteDirectory)],
        destinationBucket: this.bucket,
        distribution: this.distribution,
        distributionPaths: ['/*'],
        memoryLimit: 256,
      });
    }
  }
}
