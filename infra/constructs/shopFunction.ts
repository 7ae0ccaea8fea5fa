// The one place the project's Lambda defaults live: every function is a ShopFunction. And the one
// place a function's declared needs (table, queues, secrets, email) become grants and environment.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import path from 'node:path';
import type { RouteNeeds } from '../../shared/http/routes';
import { QUEUES, type QueueName } from '../../shared/queues';
import { SECRETS, type SecretName } from '../../shared/secrets';
import { REPO_ROOT } from '../paths';
import { PHOTO_MEDIA_PREFIX, PHOTO_UPLOAD_PREFIX } from './shopPhotos';

export interface ShopFunctionProps {
  /** Absolute path of the entry file; it must export `handler`. */
  readonly entry: string;
  /** The shop table; only its name is passed here, access is granted by the caller. */
  readonly table: dynamodb.ITableV2;
  readonly description?: string;
  /** Extra environment, merged over the defaults. */
  readonly environment?: Record<string, string>;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default 10 seconds (API Gateway gives up on an integration after 30) */
  readonly timeout?: Duration;
  /** The shop's public origin (no trailing slash), for links in mails: SHOP_URL. */
  readonly shopUrl: string;
  /** Packages with native code the function imports (NATIVE_PACKAGES); they decide its architecture. */
  readonly nativePackages?: readonly NativePackage[];
  /** Concurrent runs kept for this function alone. @default none (it shares the account's pool) */
  readonly reservedConcurrency?: number | undefined;
}

/** Powertools' service name; the same value the shared logger is built with. */
export const SERVICE_NAME = 'mineral-shop';

// ESM bundles still meet CommonJS dependencies that call `require` (Node built-ins included);
// esbuild's shim needs a real `require` in scope, which ESM does not provide on its own.
const ESM_REQUIRE_BANNER =
  "import { createRequire as __shopCreateRequire } from 'node:module'; const require = __shopCreateRequire(import.meta.url);";

/**
 * CDK context that turns source maps on for a stage (`-c sourceMaps=true`): they are built beside each
 * bundle and Node loads them (--enable-source-maps) at every cold start. Off by default: a map is as
 * large as its bundle, and parsing it is paid on every cold start for a readable stack trace.
 */
export const SOURCE_MAPS_CONTEXT = 'sourceMaps';

/**
 * Packages kept out of the entry bundle and shipped beside it, each bundled (minified, ESM) into the
 * asset's own node_modules, so `import('stripe')` finds it there at run time; only functions whose
 * bundle imports one get it. The Stripe SDK is most of a payment function and is imported only when a
 * function first talks to Stripe (shared/payments/stripeGateway.ts): most cold starts never load it.
 */
const LAZY_PACKAGES = ['stripe'] as const;

/**
 * Packages with native code, which esbuild cannot bundle: shipped installed, as npm put them in the
 * repository's node_modules, with their dependencies and their Linux x64 (glibc) binaries, which npm
 * installs on the x64 Linux machines that build the app. A function that ships one runs on x86_64 so
 * the binaries match (the others run on arm64). A function that imports one without declaring it
 * fails the build (bundled, its JavaScript would look for binaries that are not in the asset).
 */
const NATIVE_PACKAGES = {
  sharp: ['sharp', '@img/colour', 'detect-libc', 'semver', '@img/sharp-linux-x64', '@img/sharp-libvips-linux-x64'],
} as const;
export type NativePackage = keyof typeof NATIVE_PACKAGES;

/** Shell commands that copy the declared native packages into the asset, and refuse undeclared ones. */
function nativePackageCommands(outputDir: string, declared: readonly NativePackage[]): string[] {
  const entry = path.join(outputDir, 'index.mjs');
  return (Object.keys(NATIVE_PACKAGES) as NativePackage[]).map((name) => {
    if (!declared.includes(name)) {
      const message = `${entry} imports ${name}, a native package its function does not declare (nativePackages)`;
      return `if grep -q 'from"${name}"' "${entry}"; then echo "${message}" >&2; exit 1; fi`;
    }
    return NATIVE_PACKAGES[name]
      .map((pkg) => {
        const from = path.join(REPO_ROOT, 'node_modules', pkg);
        const to = path.join(outputDir, 'node_modules', pkg);
        const missing = `${from} is missing: install the project's dependencies on x64 Linux (or with npm install --os=linux --cpu=x64 --libc=glibc) before synthesizing`;
        return `{ test -d "${from}" || { echo "${missing}" >&2; exit 1; }; } && mkdir -p "${path.dirname(to)}" && cp -R "${from}" "${to}"`;
      })
      .join(' && ');
  });
}

/** Shell commands that bundle each lazy package the entry imports into `outputDir/node_modules/<name>/`. */
function lazyPackageCommands(outputDir: string, sourceMaps: boolean): string[] {
  const esbuild = path.join(REPO_ROOT, 'node_modules', '.bin', 'esbuild');
  return LAZY_PACKAGES.map((name) => {
    const dir = path.join(outputDir, 'node_modules', name);
    const build = [
      `"${esbuild}" ${name} --bundle --platform=node --format=esm --target=node24 --minify --main-fields=module,main`,
      `--banner:js="${ESM_REQUIRE_BANNER}"`,
      sourceMaps ? '--sourcemap --sources-content=false' : '',
      `--log-level=warning --outfile="${path.join(dir, 'index.mjs')}"`,
    ].join(' ');
    const manifest = `printf '%s' '${JSON.stringify({ name, type: 'module', main: 'index.mjs' })}' > "${path.join(dir, 'package.json')}"`;
    // Resolved from the repository (its lockfile's version), whatever directory CDK runs hooks in.
    return `if grep -q 'import("${name}")' "${path.join(outputDir, 'index.mjs')}"; then (cd "${REPO_ROOT}" && ${build} && ${manifest}); fi`;
  });
}

export class ShopFunction extends nodejs.NodejsFunction {
  constructor(scope: Construct, id: string, props: ShopFunctionProps) {
    // A log group we own, with a retention, instead of the implicit never-expiring one Lambda creates
    // (and without the LogRetention custom-resource Lambda that `logRetention` would add).
    const sourceMaps = [true, 'true'].includes(scope.node.tryGetContext(SOURCE_MAPS_CONTEXT) as unknown as string);
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    super(scope, id, {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: (props.nativePackages ?? []).length > 0 ? lambda.Architecture.X86_64 : lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      ...(props.reservedConcurrency ? { reservedConcurrentExecutions: props.reservedConcurrency } : {}),
      logGroup,
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      environment: {
        // Every function gets the table name, even one granted no table access: the shared modules
        // read TABLE_NAME when they load and fail the cold start without it (shared/db/client.ts).
        TABLE_NAME: props.table.tableName,
        // Every function, like TABLE_NAME: shared/account/auth.ts builds mailed links from it at load.
        SHOP_URL: props.shopUrl,
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        ...(sourceMaps ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
        ...props.environment,
      },
      bundling: {
        forceDockerBundling: false,
        format: nodejs.OutputFormat.ESM,
        target: 'node24',
        // Prefer packages' ESM builds: esbuild can only tree-shake what it sees as ES modules.
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: sourceMaps,
        // Stack traces need the mappings, not a second copy of the sources.
        sourcesContent: false,
        logLevel: nodejs.LogLevel.WARNING,
        // The AWS SDK v3 ships with the Node 24 runtime (and since Node 18 the runtime resolves it for
        // ES modules too). Bundling it would add ~340 KB minified to every function, past the 250 KB
        // budget (the bench's bundle table), and slow cold starts; the cost is that Lambda's SDK version, not our
        // lockfile's, runs in AWS. We only use long-stable operations, so we take that trade.
        externalModules: ['@aws-sdk/*', '@smithy/*', ...LAZY_PACKAGES, ...Object.keys(NATIVE_PACKAGES)],
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir, outputDir) => [...lazyPackageCommands(outputDir, sourceMaps), ...nativePackageCommands(outputDir, props.nativePackages ?? [])],
        },
      },
    });
  }
}

/** `listMinerals` → `ListMinerals`, for construct ids. */
export const pascalCase = (id: string): string => id.charAt(0).toUpperCase() + id.slice(1);

/** Grants a function exactly the table access declared in its route or worker entry, nothing more. */
function grantTableAccess(table: dynamodb.ITableV2, fn: ShopFunction, needs: RouteNeeds): void {
  switch (needs.table) {
    case 'read':
      table.grantReadData(fn);
      return;
    case 'readWrite':
      table.grantReadWriteData(fn);
      return;
    case 'none':
      return;
  }
}

/** How functions send mail: the SES identity and configuration set they may use, and the sender. */
export interface ShopMailSender {
  readonly identity: { readonly emailIdentityArn: string };
  readonly configurationSet: { readonly configurationSetName: string };
  readonly configurationSetArn: string;
  /** `Name <address>` at the identity's domain: MAIL_FROM. */
  readonly mailFrom: string;
}

/** What a function's needs may be granted on. A need whose resource is missing fails synthesis. */
export interface ShopFunctionResources {
  readonly table: dynamodb.ITableV2;
  readonly queues?: Partial<Record<QueueName, sqs.IQueue>>;
  readonly secrets?: Partial<Record<SecretName, secretsmanager.ISecret>>;
  readonly mail?: ShopMailSender;
  /** The deployment stage: set as STAGE on every function (the payment sandbox refuses any but `local`). */
  readonly stage?: string;
  /** Stripe's publishable key, for the browser: set on functions that open payments. */
  readonly stripePublishableKey?: string | undefined;
  /** The mineral photos (ShopPhotos): uploads under uploads/, sizes under media/. */
  readonly photoBucket?: s3.IBucket;
  /**
   * Whether functions get the concurrency their entry reserves (the payment path). Off for stages in
   * accounts too small to reserve any (a new account may run only 10 at once, none reservable).
   */
  readonly reserveConcurrency?: boolean;
}

/** Thrown at synth time: a function declares a need that nothing was given to grant. */
export class NeedWithoutResourceError extends Error {
  override name = 'NeedWithoutResourceError';
}

/**
 * Grants a function exactly what its route or worker entry declares, and sets the environment the
 * shared modules read for it (queue URLs, secret ARNs, the mail sender). Nothing undeclared.
 */
export function grantNeeds(fn: ShopFunction, needs: RouteNeeds, resources: ShopFunctionResources): void {
  const missing = (what: string) => new NeedWithoutResourceError(`${fn.node.path} needs ${what}, but no such resource was given to grant it on`);

  grantTableAccess(resources.table, fn, needs);
  if (resources.stage) fn.addEnvironment('STAGE', resources.stage);

  for (const name of needs.sendsTo ?? []) {
    const queue = resources.queues?.[name];
    if (!queue) throw missing(`queue "${name}"`);
    queue.grantSendMessages(fn);
    fn.addEnvironment(QUEUES[name].urlEnv, queue.queueUrl);
  }

  for (const name of needs.secrets ?? []) {
    const secret = resources.secrets?.[name];
    if (!secret) throw missing(`secret "${name}"`);
    secret.grantRead(fn);
    fn.addEnvironment(SECRETS[name].arnEnv, secret.secretArn);
    if (name === 'stripeApiKey' && resources.stripePublishableKey) fn.addEnvironment('STRIPE_PUBLISHABLE_KEY', resources.stripePublishableKey);
  }

  if (needs.photos) {
    const bucket = resources.photoBucket;
    if (!bucket) throw missing('the photo bucket');
    fn.addEnvironment('PHOTO_BUCKET', bucket.bucketName);
    // A presigned POST carries the signer's rights: the upload route may put into uploads/ only.
    if (needs.photos === 'upload') bucket.grantPut(fn, `${PHOTO_UPLOAD_PREFIX}*`);
    else {
      bucket.grantRead(fn, `${PHOTO_UPLOAD_PREFIX}*`);
      bucket.grantDelete(fn, `${PHOTO_UPLOAD_PREFIX}*`);
      bucket.grantPut(fn, `${PHOTO_MEDIA_PREFIX}*`);
      bucket.grantDelete(fn, `${PHOTO_MEDIA_PREFIX}*`);
    }
  }

  if (needs.sendsEmail) {
    const mail = resources.mail;
    if (!mail) throw missing('email (an SES identity)');
    // SES authorizes a send against both the sending identity and the configuration set it names;
    // these two ARNs and nothing else, so the function cannot send as any other identity.
    iam.Grant.addToPrincipal({
      grantee: fn,
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resourceArns: [mail.identity.emailIdentityArn, mail.configurationSetArn],
    });
    fn.addEnvironment('MAIL_FROM', mail.mailFrom);
    fn.addEnvironment('SES_CONFIGURATION_SET', mail.configurationSet.configurationSetName);
  }
}
