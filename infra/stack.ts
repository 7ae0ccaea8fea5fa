// The whole shop in one stack: the table, the queues, the secrets, outgoing mail, admin sign-in, the
// HTTP API (one function per route), the workers (scheduled jobs, the table-stream consumer and the
// queue consumers, one function per worker) and the site.
import { CfnOutput, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AdminAuth } from './constructs/adminAuth';
import { ShopApi } from './constructs/shopApi';
import { ShopEmail } from './constructs/shopEmail';
import type { ShopFunctionResources } from './constructs/shopFunction';
import { ShopQueues } from './constructs/shopQueues';
import { ShopSecrets } from './constructs/shopSecrets';
import { ShopSite } from './constructs/shopSite';
import { ShopTable } from './constructs/shopTable';
import { ShopWorkers } from './constructs/shopWorkers';
import { defaultSiteDirectory } from './paths';

/** Placeholders for a synth without context; a real deployment sets both (see infra/app.ts). */
export const DEFAULT_SHOP_URL = 'https://shop.example.com';
export const DEFAULT_MAIL_DOMAIN = 'example.com';

export interface ShopStackProps extends StackProps {
  /** Deployment stage (`dev`, `prod`, …); tags every resource. */
  readonly stage: string;
  /** Stripe's publishable key (pk_…), handed to the browser to take payments; set with the secret key in Secrets Manager. */
  readonly stripePublishableKey?: string | undefined;
  /** Folder uploaded to the site bucket. @default frontend/dist if built, else frontend/public */
  readonly siteDirectory?: string;
  /**
   * The shop's public origin, with no trailing slash: the base of links in mails (SHOP_URL).
   * @default DEFAULT_SHOP_URL
   */
  readonly shopUrl?: string;
  /** The domain mail is sent from (an SES domain identity). @default DEFAULT_MAIL_DOMAIN */
  readonly mailDomain?: string;
}

export class ShopStack extends Stack {
  readonly table: ShopTable;
  readonly queues: ShopQueues;
  readonly secrets: ShopSecrets;
  readonly email: ShopEmail;
  readonly adminAuth: AdminAuth;
  readonly api: ShopApi;
  readonly workers: ShopWorkers;
  readonly site: ShopSite;

  constructor(scope: Construct, id: string, props: ShopStackProps) {
    super(scope, id, props);
    Tags.of(this).add('project', 'mineral-shop');
    Tags.of(this).add('stage', props.stage);

    this.table = new ShopTable(this, 'Data');
    this.queues = new ShopQueues(this, 'Queues');
    this.secrets = new ShopSecrets(this, 'Secrets');
    this.email = new ShopEmail(this, 'Email', { mailDomain: props.mailDomain ?? DEFAULT_MAIL_DOMAIN });
    this.adminAuth = new AdminAuth(this, 'AdminAuth');

    // What routes and workers may be granted; each function gets only what its entry declares.
    const resources: ShopFunctionResources = {
      table: this.table.table,
      queues: this.queues.queues,
      secrets: this.secrets.secrets,
      mail: this.email,
      stage: props.stage,
      stripePublishableKey: props.stripePublishableKey,
    };
    // SHOP_URL cannot be the CloudFront domain: the distribution's /api origin depends on the API,
    // the API on its functions, so a function depending on the distribution would close a cycle.
    // It comes from context instead (`cdk deploy -c shopUrl=https://…`); set it on every deployment.
    const shopUrl = props.shopUrl ?? DEFAULT_SHOP_URL;
    this.api = new ShopApi(this, 'Api', { ...resources, shopUrl, adminAuthorizer: this.adminAuth.authorizer });
    this.workers = new ShopWorkers(this, 'Workers', { ...resources, shopUrl });
    this.site = new ShopSite(this, 'Site', {
      apiDomainName: this.api.domainName,
      siteDirectory: props.siteDirectory ?? defaultSiteDirectory(),
    });

    new CfnOutput(this, 'SiteUrl', {
      description: 'The shop (site and /api), through CloudFront',
      value: `https://${this.site.distribution.distributionDomainName}`,
    });
    new CfnOutput(this, 'ApiUrl', {
      description: 'The HTTP API directly (routes start with /api)',
      value: this.api.api.apiEndpoint,
    });
    new CfnOutput(this, 'TableName', { description: 'The shop table', value: this.table.table.tableName });
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
}
