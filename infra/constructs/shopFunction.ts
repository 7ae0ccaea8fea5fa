// The one place the project's Lambda defaults live: every function is a ShopFunction.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import path from 'node:path';
import type { RouteNeeds } from '../../shared/http/routes';
import { REPO_ROOT } from '../paths';

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
}

/** Powertools' service name; the same value the shared logger is built with. */
export const SERVICE_NAME = 'mineral-shop';

// ESM bundles still meet CommonJS dependencies that call `require` (Node built-ins included);
// esbuild's shim needs a real `require` in scope, which ESM does not provide on its own.
const ESM_REQUIRE_BANNER =
  "import { createRequire as __shopCreateRequire } from 'node:module'; const require = __shopCreateRequire(import.meta.url);";

export class ShopFunction extends nodejs.NodejsFunction {
  constructor(scope: Construct, id: string, props: ShopFunctionProps) {
    // A log group we own, with a retention, instead of the implicit never-expiring one Lambda creates
    // (and without the LogRetention custom-resource Lambda that `logRetention` would add).
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    super(scope, id, {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      logGroup,
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      environment: {
        // Every function gets the table name, even one granted no table access: the shared modules
        // read TABLE_NAME when they load and fail the cold start without it (shared/db/client.ts).
        TABLE_NAME: props.table.tableName,
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        forceDockerBundling: false,
        format: nodejs.OutputFormat.ESM,
        target: 'node22',
        // Prefer packages' ESM builds: esbuild can only tree-shake what it sees as ES modules.
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        // Stack traces need the mappings, not a second copy of the sources.
        sourcesContent: false,
        logLevel: nodejs.LogLevel.WARNING,
        // The AWS SDK v3 ships with the Node 22 runtime (and since Node 18 the runtime resolves it for
        // ES modules too). Bundling it would add ~340 KB minified to every function, past the 250 KB
        // budget (DESIGN §9), and slow cold starts; the cost is that Lambda's SDK version, not our
        // lockfile's, runs in AWS. We only use long-stable operations, so we take that trade.
        externalModules: ['@aws-sdk/*', '@smithy/*'],
      },
    });
  }
}

/** `listMinerals` → `ListMinerals`, for construct ids. */
export const pascalCase = (id: string): string => id.charAt(0).toUpperCase() + id.slice(1);

/** Grants a function exactly the table access declared in its route or worker entry, nothing more. */
export function grantTableAccess(table: dynamodb.ITableV2, fn: ShopFunction, needs: RouteNeeds): void {
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
