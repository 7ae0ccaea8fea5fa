// The shop in six CloudFormation stacks, so none nears CloudFormation's 500 resources as routes are
// added (each route is about 7: role, policy, function, log group, permission, integration, route):
//
//   Data        `MineralShop-<stage>`: the table, the photo bucket, the queues, the secrets, outgoing
//               mail, admin sign-in. Everything that outlives a deploy. It keeps the name and the
//               construct ids of the former single stack, so an existing deployment keeps its table,
//               secrets and user pool in place when the rest moves out.
//   Site        the HTTP API itself (no routes), CloudFront, the site bucket, the photo bucket's policy.
//   ShopperApi  one function and route per public, shopper and webhook route.
//   AdminApi    one function and route per admin route (behind the Cognito JWT authorizer).
//   Workers     the scheduled jobs, the table-stream consumers and the queue consumers.
//   Monitoring  the stage's dashboard (it reads metrics of every other stack).
//
// Every alarm of every stack tells the stage's alarm topic (in Data) when it fires and when it clears
// (infra/constructs/shopAlarms.ts; what each means and what to do: docs/runbook.md).
//
// References only point down this list (Site → Data; the API and worker stacks → Data and Site;
// Monitoring → all), as
// CloudFormation exports that CDK names and keeps. A later split moves route or worker stacks around
// freely: only consumers move, and every export stays with the stack that owns the resource.
import { CfnOutput, Stack, Tags, type App, type StackProps } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import type { Construct } from 'constructs';
import { ROUTES, type RouteDefinition } from '../shared/http/routes';
import { WORKERS } from '../shared/workers';
import { AdminAuth } from './constructs/adminAuth';
import { apiAlarms, mailAlarms, ShopAlerts, tableAlarms } from './constructs/shopAlarms';
import { ShopDashboard } from './constructs/shopDashboard';
import { httpApiDomainName, newShopHttpApi, ShopApi } from './constructs/shopApi';
import { ShopEmail } from './constructs/shopEmail';
import type { ShopFunctionResources } from './constructs/shopFunction';
import { PHOTO_UPLOAD_PREFIX, ShopPhotos } from './constructs/shopPhotos';
import { ShopQueues } from './constructs/shopQueues';
import { ShopSecrets } from './constructs/shopSecrets';
import { ShopSite } from './constructs/shopSite';
import { ShopTable } from './constructs/shopTable';
import { ShopWorkers } from './constructs/shopWorkers';
import { defaultSiteDirectory } from './paths';

/** Placeholders for a synth without context; a real deployment sets both (see infra/app.ts). */
export const DEFAULT_SHOP_URL = 'https://shop.example.com';
export const DEFAULT_MAIL_DOMAIN = 'example.com';

/** The most resources a stack of ours may hold: CloudFormation allows 500, the rest is headroom. */
export const MAX_RESOURCES_PER_STACK = 400;

export interface ShopStacksProps {
  /** Deployment stage (`dev`, `prod`, …); tags every resource and names the stacks. */
  readonly stage: string;
  /** @default `MineralShop-<stage>` (the data stack; the others append `-Site`, `-ShopperApi`, …) */
  readonly stackName?: string;
  /** Passed to every stack: `env`, `description`… */
  readonly stackProps?: StackProps;
  /** Stripe's publishable key (pk_…), handed to the browser to take payments; set with the secret key in Secrets Manager. */
  readonly stripePublishableKey?: string | undefined;
  /** Folder uploaded to the site bucket. @default frontend/dist if built, else frontend/public */
  readonly siteDirectory?: string;
  /**
   * The shop's public origin, with no trailing slash: the base of links in mails (SHOP_URL) and the
   * only origin that may upload photos.
   * @default DEFAULT_SHOP_URL
   */
  readonly shopUrl?: string;
  /** The domain mail is sent from (an SES domain identity). @default DEFAULT_MAIL_DOMAIN */
  readonly mailDomain?: string;
  /** Who is mailed when an alarm fires or clears (each confirms the subscription once). @default none */
  readonly alarmEmails?: readonly string[];
  /**
   * The ACM certificate (us-east-1) for shopUrl's host: CloudFront answers for that name, TLS 1.2 at the
   * least. @default none: the site is served at CloudFront's own domain (a dev stage)
   */
  readonly certificateArn?: string;
  /** Whether the payment path's functions get their reserved concurrency (ShopFunctionResources). @default false */
  readonly reserveConcurrency?: boolean;
}

/** Which stack an admin route or any other route is deployed in. */
export const isAdminRoute = (route: RouteDefinition): boolean => route.access === 'admin';

/** The table, photos, queues, secrets, mail and admin sign-in: what every other stack builds on. */
export class ShopDataStack extends Stack {
  readonly table: ShopTable;
  readonly photos: ShopPhotos;
  readonly queues: ShopQueues;
  readonly secrets: ShopSecrets;
  readonly email: ShopEmail;
  readonly adminAuth: AdminAuth;
  readonly alerts: ShopAlerts;

  constructor(scope: Construct, id: string, props: StackProps & { mailDomain: string; shopUrl: string; alarmEmails: readonly string[] }) {
    super(scope, id, props);
    // Construct ids as in the former single stack: the logical ids, and so the live resources, stay.
    this.table = new ShopTable(this, 'Data');
    this.photos = new ShopPhotos(this, 'Photos', { shopUrl: props.shopUrl });
    this.queues = new ShopQueues(this, 'Queues');
    this.secrets = new ShopSecrets(this, 'Secrets');
    this.email = new ShopEmail(this, 'Email', { mailDomain: props.mailDomain });
    this.adminAuth = new AdminAuth(this, 'AdminAuth');
    this.alerts = new ShopAlerts(this, 'Alerts', { emails: props.alarmEmails });
    tableAlarms(this, this.table.table);
    mailAlarms(this);
    // Each upload is announced on the photoUploads queue, whose consumer checks and resizes it.
    this.photos.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(this.queues.queues.photoUploads), {
      prefix: PHOTO_UPLOAD_PREFIX,
    });

    new CfnOutput(this, 'TableName', { description: 'The shop table', value: this.table.table.tableName });
    new CfnOutput(this, 'AlarmTopicArn', { description: 'Every alarm of the stage notifies this topic (docs/runbook.md)', value: this.alerts.topic.topicArn });
    new CfnOutput(this, 'PhotoBucketName', { description: 'Mineral photos (uploads and resized sizes)', value: this.photos.bucket.bucketName });
    new CfnOutput(this, 'AdminUserPoolId', { description: 'Cognito user pool of the shop admins', value: this.adminAuth.userPool.userPoolId });
    new CfnOutput(this, 'AdminUserPoolClientId', { description: 'App client of the admin console', value: this.adminAuth.client.userPoolClientId });
    new CfnOutput(this, 'ShopperTokenKeysSecretArn', {
      description: 'Run infra/scripts/rotateShopperTokenKeys.ts --secret-arn <this> once after the first deploy',
      value: this.secrets.secrets.shopperTokenKeys.secretArn,
    });
    new CfnOutput(this, 'StripeApiKeySecretArn', {
      description: "Put Stripe's secret key (sk_…) here before taking payments",
      value: this.secrets.secrets.stripeApiKey.secretArn,
    });
    new CfnOutput(this, 'StripeWebhookSecretArn', {
      description: "Put the signing secret (whsec_…) of Stripe's webhook endpoint for <SiteUrl>/api/webhooks/stripe here",
      value: this.secrets.secrets.stripeWebhookSecret.secretArn,
    });
  }

  /** What routes and workers may be granted; each function gets only what its entry declares. */
  functionResources(stage: string, stripePublishableKey: string | undefined): ShopFunctionResources {
    return {
      table: this.table.table,
      queues: this.queues.queues,
      secrets: this.secrets.secrets,
      mail: this.email,
      stage,
      stripePublishableKey,
      photoBucket: this.photos.bucket,
    };
  }
}

/** The front door: the HTTP API (routes come from the API stacks) and CloudFront with the site. */
export class ShopSiteStack extends Stack {
  readonly httpApi: apigwv2.HttpApi;
  readonly site: ShopSite;

  constructor(scope: Construct, id: string, props: StackProps & { data: ShopDataStack; siteDirectory: string; domain?: { hostname: string; certificateArn: string } | undefined }) {
    super(scope, id, props);
    this.httpApi = newShopHttpApi(this, 'HttpApi');
    apiAlarms(this, this.httpApi);
    this.site = new ShopSite(this, 'Site', {
      apiDomainName: httpApiDomainName(this.httpApi),
      siteDirectory: props.siteDirectory,
      photoBucket: props.data.photos.bucket,
      consoleSignIn: { region: this.region, userPoolId: props.data.adminAuth.userPool.userPoolId, clientId: props.data.adminAuth.client.userPoolClientId },
      ...(props.domain ? { domain: props.domain } : {}),
    });
    new CfnOutput(this, 'SiteUrl', {
      description: 'The shop (site, /admin/ console and /api), through CloudFront',
      value: `https://${this.site.distribution.distributionDomainName}`,
    });
    new CfnOutput(this, 'ApiUrl', { description: 'The HTTP API directly (routes start with /api)', value: this.httpApi.apiEndpoint });
  }
}

/** A stack of routes (functions, integrations, routes) added to the site stack's HTTP API. */
export class ShopRoutesStack extends Stack {
  readonly api: ShopApi;

  constructor(
    scope: Construct,
    id: string,
    props: StackProps & { resources: ShopFunctionResources; shopUrl: string; httpApi: apigwv2.IHttpApi; routes: readonly RouteDefinition[]; adminAuthorizer?: apigwv2.IHttpRouteAuthorizer },
  ) {
    super(scope, id, props);
    this.api = new ShopApi(this, 'Api', {
      ...props.resources,
      shopUrl: props.shopUrl,
      httpApi: props.httpApi,
      routes: props.routes,
      adminAuthorizer: props.adminAuthorizer,
    });
  }
}

/** The workers of shared/workers.ts. */
export class ShopWorkersStack extends Stack {
  readonly workers: ShopWorkers;

  constructor(scope: Construct, id: string, props: StackProps & { resources: ShopFunctionResources; shopUrl: string }) {
    super(scope, id, props);
    this.workers = new ShopWorkers(this, 'Workers', { ...props.resources, shopUrl: props.shopUrl, workers: WORKERS });
  }
}

/** The stage's dashboard: the shop's vital signs from every other stack. */
export class ShopMonitoringStack extends Stack {
  readonly dashboard: ShopDashboard;

  constructor(scope: Construct, id: string, props: StackProps & { stage: string; data: ShopDataStack; site: ShopSiteStack; shopperApi: ShopRoutesStack; workers: ShopWorkersStack }) {
    super(scope, id, props);
    this.dashboard = new ShopDashboard(this, 'Dashboard', {
      name: `MineralShop-${props.stage}`,
      httpApi: props.site.httpApi,
      checkout: props.shopperApi.api.functions.get('placeOrder'),
      orderProcessor: props.workers.workers.functions.get('processOrderEvents'),
      deadLetterQueues: [
        ...Object.entries(props.data.queues.deadLetterQueues),
        ...[...props.workers.workers.deadLetterQueues].map(([id, q]) => [`${id} (stream)`, q] as const),
      ],
    });
  }
}

/** The whole shop: its six stacks, built in `app`. */
export class ShopStacks {
  readonly data: ShopDataStack;
  readonly site: ShopSiteStack;
  readonly shopperApi: ShopRoutesStack;
  readonly adminApi: ShopRoutesStack;
  readonly workers: ShopWorkersStack;
  readonly monitoring: ShopMonitoringStack;

  constructor(app: App, props: ShopStacksProps) {
    const name = props.stackName ?? `MineralShop-${props.stage}`;
    const common = (description: string): StackProps => ({
      ...props.stackProps,
      description: `${props.stackProps?.description ?? `Mineral shop (${props.stage})`}: ${description}`,
    });
    // SHOP_URL cannot be the CloudFront domain: the distribution's /api origin is the API, whose
    // routes' functions would then depend on the distribution. It comes from context instead
    // (`cdk deploy -c shopUrl=https://…`); set it on every deployment.
    const shopUrl = props.shopUrl ?? DEFAULT_SHOP_URL;

    this.data = new ShopDataStack(app, name, { ...common('data'), shopUrl, mailDomain: props.mailDomain ?? DEFAULT_MAIL_DOMAIN, alarmEmails: props.alarmEmails ?? [] });
    this.site = new ShopSiteStack(app, `${name}-Site`, {
      ...common('site and API'),
      data: this.data,
      siteDirectory: props.siteDirectory ?? defaultSiteDirectory(),
      domain: props.certificateArn ? { hostname: new URL(shopUrl).hostname, certificateArn: props.certificateArn } : undefined,
    });
    const resources = { ...this.data.functionResources(props.stage, props.stripePublishableKey), reserveConcurrency: props.reserveConcurrency ?? false };
    const routesProps = { resources, shopUrl, httpApi: this.site.httpApi };
    this.shopperApi = new ShopRoutesStack(app, `${name}-ShopperApi`, { ...common('shopper API'), ...routesProps, routes: ROUTES.filter((r) => !isAdminRoute(r)) });
    this.adminApi = new ShopRoutesStack(app, `${name}-AdminApi`, {
      ...common('admin API'),
      ...routesProps,
      routes: ROUTES.filter(isAdminRoute),
      adminAuthorizer: this.data.adminAuth.authorizer,
    });
    this.workers = new ShopWorkersStack(app, `${name}-Workers`, { ...common('workers'), resources, shopUrl });
    this.monitoring = new ShopMonitoringStack(app, `${name}-Monitoring`, {
      ...common('dashboard'),
      stage: props.stage,
      data: this.data,
      site: this.site,
      shopperApi: this.shopperApi,
      workers: this.workers,
    });

    // Every alarm pages someone: the stage's topic hears each one fire and clear.
    for (const stack of this.all) this.data.alerts.notifyFrom(stack);
    for (const stack of this.all) {
      Tags.of(stack).add('project', 'mineral-shop');
      Tags.of(stack).add('stage', props.stage);
    }
  }

  get all(): Stack[] {
    return [this.data, this.site, this.shopperApi, this.adminApi, this.workers, this.monitoring];
  }
}
