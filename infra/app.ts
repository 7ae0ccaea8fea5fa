// CDK entry: reads context, builds props, instantiates the shop's stacks (infra/stack.ts).
// `cdk deploy -c stage=prod -c shopUrl=https://shop.example.org -c mailDomain=example.org -c alarmEmails=ops@example.org`.
import { App } from 'aws-cdk-lib';
import { ShopStacks } from './stack';

const app = new App();

function stringContext(name: string): string | undefined {
  const value: unknown = app.node.tryGetContext(name);
  if (value !== undefined && typeof value !== 'string') throw new Error(`Context "${name}" must be a string (got ${JSON.stringify(value)})`);
  return value;
}

const stage = stringContext('stage') ?? 'dev';
if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) {
  throw new Error(`Context "stage" must be lowercase letters, digits and dashes (got ${JSON.stringify(stage)})`);
}

/** The shop's public origin: mailed links are `${shopUrl}/reset-password?…`, so no path and no trailing slash. */
function parseShopUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const url = URL.parse(value);
  if (!url || url.protocol !== 'https:' || url.origin !== value.replace(/\/$/, '')) {
    throw new Error(`Context "shopUrl" must be an https origin such as https://shop.example.org (got ${JSON.stringify(value)})`);
  }
  return url.origin;
}

function parsePublishableKey(value: string | undefined): string | undefined {
  if (value !== undefined && !/^pk_(test|live)_\w+$/.test(value)) throw new Error('Context "stripePublishableKey" must be a Stripe publishable key (pk_…)');
  return value;
}

const mailDomain = stringContext('mailDomain');
if (mailDomain !== undefined && !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(mailDomain)) {
  throw new Error(`Context "mailDomain" must be a lowercase domain name such as example.org (got ${JSON.stringify(mailDomain)})`);
}

/** `-c alarmEmails=a@example.org,b@example.org`: who hears the stage's alarms. A prod stage must name someone. */
function parseAlarmEmails(value: string | undefined): string[] {
  const emails = (value ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  const bad = emails.filter((e) => !/^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/.test(e));
  if (bad.length > 0) throw new Error(`Context "alarmEmails" must be email addresses separated by commas (got ${JSON.stringify(bad)})`);
  if (stage === 'prod' && emails.length === 0) throw new Error('Context "alarmEmails" must name at least one address for the prod stage: its alarms must reach someone');
  return emails;
}

/** `-c reserveConcurrency=true|false`: whether the payment path keeps concurrency of its own; on for prod by default. */
function parseReserveConcurrency(value: string | undefined): boolean {
  if (value === undefined) return stage === 'prod';
  if (value !== 'true' && value !== 'false') throw new Error(`Context "reserveConcurrency" must be true or false (got ${JSON.stringify(value)})`);
  return value === 'true';
}

/** `-c certificateArn=arn:aws:acm:us-east-1:…`: the certificate for shopUrl's host. Prod needs both. */
function parseCertificateArn(value: string | undefined, shopUrl: string | undefined): string | undefined {
  if (value !== undefined && !/^arn:aws:acm:us-east-1:\d{12}:certificate\/[\w-]+$/.test(value)) {
    throw new Error(`Context "certificateArn" must be an ACM certificate in us-east-1, where CloudFront reads certificates (got ${JSON.stringify(value)})`);
  }
  if (value !== undefined && shopUrl === undefined) throw new Error('Context "certificateArn" needs "shopUrl": the certificate is for its host');
  if (stage === 'prod' && (value === undefined || shopUrl === undefined)) {
    throw new Error('The prod stage needs "shopUrl" and its "certificateArn": mailed links point at shopUrl, so CloudFront must answer for it');
  }
  return value;
}

const shopUrl = parseShopUrl(stringContext('shopUrl'));

new ShopStacks(app, {
  stage,
  shopUrl,
  certificateArn: parseCertificateArn(stringContext('certificateArn'), shopUrl),
  mailDomain,
  alarmEmails: parseAlarmEmails(stringContext('alarmEmails')),
  reserveConcurrency: parseReserveConcurrency(stringContext('reserveConcurrency')),
  stripePublishableKey: parsePublishableKey(stringContext('stripePublishableKey')),
  stackProps: {
    description: `Mineral shop (${stage})`,
    // Deploys to the account and region of the CLI's credentials; synth works without any.
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  },
});
