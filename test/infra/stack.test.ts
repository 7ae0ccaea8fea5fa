// The synthesized CloudFormation templates, asserted where it matters: the table's durability
// settings, one least-privilege function per route and per worker (table, queues, secrets, email:
// exactly what its entry declares), admin sign-in and the JWT authorizer on admin routes, the queues
// and their dead letters, the workers' triggers and the site's edge. The shop is several stacks
// (infra/stack.ts): each is checked against the resource limit, and the rest is asserted on the
// deployed whole — every stack's resources in one template, each cross-stack reference replaced by
// the output it reads — so a check means the same wherever a resource lives.
import { METRICS_NAMESPACE, METRICS_SERVICE, SIGNALS } from '../../shared/metrics';
import { ALARM_KINDS, alarmKindOf, describeAlarm, type AlarmKind } from '../../infra/constructs/shopAlarms';
import { describe, it, expect, beforeAll, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { AdminRouteWithoutAuthorizerError, API_THROTTLE, ShopApi } from '../../infra/constructs/shopApi';
import { NeedWithoutResourceError } from '../../infra/constructs/shopFunction';
import { apiCachePatterns, UncacheableRouteError } from '../../infra/constructs/shopSite';
import { ShopQueues } from '../../infra/constructs/shopQueues';
import { ShopTable } from '../../infra/constructs/shopTable';
import { ShopWorkers, UnsupportedWorkerError } from '../../infra/constructs/shopWorkers';
import { REPO_ROOT } from '../../infra/paths';
import { DEFAULT_MAIL_DOMAIN, DEFAULT_SHOP_URL, isAdminRoute, MAX_RESOURCES_PER_STACK, ShopStacks } from '../../infra/stack';
import { ADMIN_GROUP } from '../../shared/auth/adminAccess';
import { INDEX_DEFINITIONS, TABLE_DEFINITION } from '../../shared/db/table';
import { ROUTES, type RouteDefinition, type RouteNeeds } from '../../shared/http/routes';
import { contentSecurityPolicy, securityHeaders, SECURITY_HEADER_RULES } from '../../shared/http/securityHeaders';
import { QUEUES, type QueueName } from '../../shared/queues';
import { SECRETS, type SecretName } from '../../shared/secrets';
import { WORKERS, type WorkerDefinition } from '../../shared/workers';

process.env.CDK_DISABLE_CLI_TELEMETRY = 'true';

type Json = Record<string, unknown>;
interface CfnResource {
  Type: string;
  Properties: Json;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

/** Typed as the general shape, so checks written for future routes (admin, readWrite) compile today. */
const routes: readonly RouteDefinition[] = ROUTES;
const workers: readonly WorkerDefinition[] = WORKERS;
const scheduledWorkers = workers.flatMap((w) => (w.trigger.kind === 'schedule' ? [{ ...w, trigger: w.trigger }] : []));
const streamWorkers = workers.flatMap((w) => (w.trigger.kind === 'tableStream' ? [{ ...w, trigger: w.trigger }] : []));
const queueWorkers = workers.flatMap((w) => (w.trigger.kind === 'queue' ? [{ ...w, trigger: w.trigger }] : []));
const queueNames = Object.keys(QUEUES) as QueueName[];
const secretNames = Object.keys(SECRETS) as SecretName[];

/** Every function, route or worker, with what its entry declares. */
const declaredFunctions = [
  ...routes.map((r) => ({ kind: 'route' as const, id: r.id, needs: r.needs })),
  ...workers.map((w) => ({ kind: 'worker' as const, id: w.id, needs: w.needs })),
];

const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'];
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
/** Actions only a stream consumer needs (GetRecords and GetShardIterator also come with grantReadData). */
const STREAM_ONLY_ACTIONS = ['dynamodb:DescribeStream', 'dynamodb:ListStreams'];

/** The context `cdk synth` runs with, so the tests see the same feature flags as a deployment. */
function cdkJsonContext(): Json {
  const cdkJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context?: Json };
  return cdkJson.context ?? {};
}

const only = <T>(record: Record<string, T>, what: string): [string, T] => {
  const entries = Object.entries(record);
  if (entries.length !== 1) throw new Error(`expected exactly one ${what}, found ${entries.length}`);
  return entries[0]!;
};

/**
 * Logical id of each function carrying the given variable (ROUTE_ID on route functions, WORKER_ID on
 * worker functions), keyed by its value. Throws on two functions with the same id.
 */
function functionsBy(template: Template, variable: 'ROUTE_ID' | 'WORKER_ID'): Map<string, string> {
  const functions = template.findResources('AWS::Lambda::Function', {
    Properties: { Environment: { Variables: { [variable]: Match.anyValue() } } },
  }) as Record<string, CfnResource>;
  const byId = new Map<string, string>();
  for (const [logicalId, fn] of Object.entries(functions)) {
    const id = (fn.Properties.Environment as { Variables: Record<string, string> }).Variables[variable]!;
    if (byId.has(id)) throw new Error(`two functions carry ${variable}=${id}: ${byId.get(id)} and ${logicalId}`);
    byId.set(id, logicalId);
  }
  return byId;
}

const routeFunctions = (template: Template) => functionsBy(template, 'ROUTE_ID');

/** Every Allow statement of every policy attached to the function's role. */
function allowStatementsOf(template: Template, functionLogicalId: string): { actions: string[]; resources: unknown[] }[] {
  const fn = template.toJSON().Resources[functionLogicalId] as CfnResource;
  const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const role = template.toJSON().Resources[roleId] as CfnResource;
  const documents: { Statement: Json[] }[] = [
    ...((role.Properties.Policies as { PolicyDocument: { Statement: Json[] } }[] | undefined) ?? []).map((p) => p.PolicyDocument),
  ];
  const policies = template.findResources('AWS::IAM::Policy') as Record<string, CfnResource>;
  for (const policy of Object.values(policies)) {
    const roles = policy.Properties.Roles as unknown[];
    if (roles.some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId }))) {
      documents.push(policy.Properties.PolicyDocument as { Statement: Json[] });
    }
  }
  return documents
    .flatMap((d) => d.Statement)
    .filter((s) => s.Effect === 'Allow')
    .map((s) => ({ actions: [s.Action].flat() as string[], resources: [s.Resource].flat() }));
}

/** The resources of every Allow statement that grants `action`, in a stable order for comparison. */
function resourcesGranted(template: Template, functionLogicalId: string, action: string): unknown[] {
  return sortedJson(
    allowStatementsOf(template, functionLogicalId)
      .filter((s) => s.actions.includes(action))
      .flatMap((s) => s.resources),
  );
}

const sortedJson = (values: unknown[]): unknown[] => [...new Set(values.map((v) => JSON.stringify(v)))].sort().map((v) => JSON.parse(v) as unknown);

/** Asserts the function holds exactly the table access its route or worker declares. */
function expectTableAccess(template: Template, functionLogicalId: string, needs: RouteNeeds, tableLogicalId: string): void {
  const statements = allowStatementsOf(template, functionLogicalId).filter((s) => s.actions.some((a) => a.startsWith('dynamodb:') || a === '*'));
  const actions = statements.flatMap((s) => s.actions);
  expect(actions.filter((a) => a.includes('*')), 'no wildcard DynamoDB actions').toEqual([]);

  if (needs.table === 'none') {
    expect(actions, 'a function that needs no table gets no DynamoDB action').toEqual([]);
    return;
  }
  expect(actions).toEqual(expect.arrayContaining(READ_ACTIONS));
  if (needs.table === 'read') {
    expect(actions.filter((a) => WRITE_ACTIONS.includes(a)), 'a read-only function gets no write action').toEqual([]);
  } else {
    expect(actions).toEqual(expect.arrayContaining(WRITE_ACTIONS));
  }
  // Scoped to this table (and its indexes), never `*`.
  const resources = statements.flatMap((s) => s.resources);
  expect(resources).not.toContain('*');
  for (const resource of resources) expect(JSON.stringify(resource)).toContain(tableLogicalId);
}

/** One stack's template, as CloudFormation receives it. */
interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, { Value: unknown }>;
}

/**
 * The stacks as one template: their resources and outputs together (a logical id used by two stacks
 * throws), and every cross-stack reference (`Fn::GetStackOutput`, or `Fn::ImportValue` of an export)
 * replaced by the value the producing stack outputs. A reference to a stack or output that is not
 * there throws: it would fail the deployment too.
 */
function wholeTemplate(stacks: Stack[]): Json {
  const templates = new Map(stacks.map((s) => [s.stackName, Template.fromStack(s).toJSON() as CfnTemplate]));
  const exports = new Map<string, unknown>();
  for (const t of templates.values()) {
    for (const output of Object.values(t.Outputs ?? {}) as { Value: unknown; Export?: { Name: string } }[]) {
      if (output.Export) exports.set(output.Export.Name, output.Value);
    }
  }
  const substitute = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(substitute);
    if (value === null || typeof value !== 'object') return value;
    const object = value as Json;
    if ('Fn::GetStackOutput' in object) {
      const { StackName, OutputName } = object['Fn::GetStackOutput'] as { StackName: string; OutputName: string };
      const output = templates.get(StackName)?.Outputs?.[OutputName];
      if (!output) throw new Error(`a reference to output ${OutputName} of stack ${StackName}, which does not exist`);
      return substitute(output.Value);
    }
    if ('Fn::ImportValue' in object) {
      const name = object['Fn::ImportValue'] as string;
      if (!exports.has(name)) throw new Error(`an import of ${name}, which no stack exports`);
      return substitute(exports.get(name));
    }
    return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, substitute(v)]));
  };
  const resources: Json = {};
  const outputs: Json = {};
  for (const [stackName, t] of templates) {
    for (const [id, resource] of Object.entries(t.Resources)) {
      if (id === 'CDKMetadata') continue;
      if (id in resources) throw new Error(`logical id ${id} is used by two stacks (one of them ${stackName})`);
      resources[id] = substitute(resource);
    }
    Object.assign(outputs, substitute(t.Outputs ?? {}));
  }
  return { Resources: resources, Outputs: outputs };
}

describe('ShopStacks', () => {
  let stacks: ShopStacks;
  let template: Template;
  let tableId: string;
  let functionsByRoute: Map<string, string>;
  let functionsByWorker: Map<string, string>;
  /** A construct's CloudFormation logical id, and a token as it appears in the template. */
  const logicalId = (construct: IConstruct) => Stack.of(construct).getLogicalId((construct.node.defaultChild ?? construct) as CfnElement);
  /** Resolved in the stack that owns what the token names (cross-stack references resolve to the same). */
  const resolved = (value: string, owner?: Stack): unknown => (owner ?? stacks.data).resolve(value);
  const functionOf = (kind: 'route' | 'worker', id: string) => (kind === 'route' ? functionsByRoute : functionsByWorker).get(id)!;
  const environmentOf = (functionLogicalId: string) =>
    ((template.toJSON().Resources[functionLogicalId] as CfnResource).Properties.Environment as { Variables: Record<string, unknown> }).Variables;

  beforeAll(() => {
    // Synthesizes once, bundling every function with the local esbuild and running CDK's built-in
    // template validation (strict through cdk.json), exactly as `cdk synth` does.
    const app = new App({ context: cdkJsonContext() });
    stacks = new ShopStacks(app, { stage: 'test', reserveConcurrency: true });
    template = Template.fromJSON(wholeTemplate(stacks.all));
    [tableId] = only(template.findResources('AWS::DynamoDB::GlobalTable'), 'table');
    functionsByRoute = routeFunctions(template);
    functionsByWorker = functionsBy(template, 'WORKER_ID');
  });

  describe('table', () => {
    it('is on-demand with string pk/sk keys', () => {
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: TABLE_DEFINITION.key.pk, KeyType: 'HASH' },
          { AttributeName: TABLE_DEFINITION.key.sk, KeyType: 'RANGE' },
        ],
        AttributeDefinitions: Match.arrayWith([
          { AttributeName: TABLE_DEFINITION.key.pk, AttributeType: 'S' },
          { AttributeName: TABLE_DEFINITION.key.sk, AttributeType: 'S' },
        ]),
      });
    });

    it('has every index of TABLE_DEFINITION, by name, with its keys and projection (its INCLUDE list, or ALL)', () => {
      const table = template.toJSON().Resources[tableId] as CfnResource;
      const indexes = table.Properties.GlobalSecondaryIndexes as { IndexName: string }[];
      expect(indexes.map((i) => i.IndexName).sort()).toEqual(Object.keys(TABLE_DEFINITION.indexes).sort());
      for (const [name, index] of INDEX_DEFINITIONS) {
        expect(indexes).toContainEqual({
          IndexName: name,
          KeySchema: [
            { AttributeName: index.pk, KeyType: 'HASH' },
            { AttributeName: index.sk, KeyType: 'RANGE' },
          ],
          Projection: index.projection ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projection] } : { ProjectionType: 'ALL' },
        });
      }
      const attributeTypes = new Set((table.Properties.AttributeDefinitions as { AttributeType: string }[]).map((a) => a.AttributeType));
      expect([...attributeTypes]).toEqual(['S']);
    });

    it('expires items by the TTL attribute and streams new and old images', () => {
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        TimeToLiveSpecification: { AttributeName: TABLE_DEFINITION.ttlAttribute, Enabled: true },
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      });
    });

    it('has point-in-time recovery and deletion protection, and is retained with the stack gone', () => {
      template.hasResource('AWS::DynamoDB::GlobalTable', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: Match.objectLike({
          Replicas: [
            Match.objectLike({
              DeletionProtectionEnabled: true,
              PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            }),
          ],
        }),
      });
    });
  });

  describe('functions', () => {
    it('has exactly one function per route', () => {
      expect([...functionsByRoute.keys()].sort()).toEqual(routes.map((r) => r.id).sort());
    });

    it.each(routes.map((r) => [r.id, r] as const))('%s runs Node 24 on arm64 with the shop defaults', (routeId) => {
      const fn = template.toJSON().Resources[functionsByRoute.get(routeId)!] as CfnResource;
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 512,
        Environment: {
          Variables: {
            TABLE_NAME: { Ref: tableId },
            POWERTOOLS_SERVICE_NAME: 'mineral-shop',
            SHOP_URL: DEFAULT_SHOP_URL,
            ROUTE_ID: routeId,
          },
        },
      });
      // No source maps to load at a cold start unless a stage asks (test/infra/shopFunction.test.ts).
      expect(environmentOf(functionsByRoute.get(routeId)!).NODE_OPTIONS).toBeUndefined();
      // Logs go to a log group of its own that expires after a month.
      const logGroupId = (fn.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      expect(template.toJSON().Resources[logGroupId]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } });
    });

    it.each(routes.map((r) => [r.id, r.needs.table, r] as const))('%s is granted exactly "%s" table access', (routeId, _needs, route) => {
      expectTableAccess(template, functionsByRoute.get(routeId)!, route.needs, tableId);
    });
  });

  describe('every function starts with the environment its template gives it', () => {
    // A module that reads a setting at import (a queue URL, the photo bucket) fails the cold start of
    // every function that imports it without declaring the need: in AWS that function would answer
    // nothing but errors, while locally (where every setting is set) all looks well. Each handler is
    // imported afresh with exactly its template's variables, references given values of their shape.
    const entries = [
      ...routes.map((r) => ({ kind: 'route' as const, id: r.id, handler: r.handler })),
      ...workers.map((w) => ({ kind: 'worker' as const, id: w.id, handler: w.handler })),
    ];
    const shaped = (name: string, value: unknown): string => {
      if (typeof value === 'string') return value;
      if (name.endsWith('_QUEUE_URL')) return `https://sqs.us-east-1.amazonaws.com/000000000000/${name.toLowerCase()}`;
      if (name.endsWith('_ARN')) return `arn:aws:secretsmanager:us-east-1:000000000000:secret:${name.toLowerCase()}`;
      return `placeholder-${name.toLowerCase()}`;
    };

    it.each(entries.map((e) => [e.id, e] as const))('%s', async (_id, entry) => {
      const variables = environmentOf(functionOf(entry.kind, entry.id));
      const saved = { ...process.env };
      for (const name of Object.keys(process.env)) if (!['PATH', 'HOME', 'NODE_ENV', 'VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID'].includes(name)) delete process.env[name];
      Object.assign(process.env, { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'cold-start', AWS_SECRET_ACCESS_KEY: 'cold-start', POWERTOOLS_LOG_LEVEL: 'SILENT' });
      for (const [name, value] of Object.entries(variables)) process.env[name] = shaped(name, value);
      try {
        vi.resetModules();
        const module = (await import(path.join(REPO_ROOT, entry.handler))) as { handler?: unknown };
        expect(typeof module.handler).toBe('function');
      } finally {
        for (const name of Object.keys(process.env)) delete process.env[name];
        Object.assign(process.env, saved);
      }
    });
  });

  describe('workers', () => {
    const resources = () => template.toJSON().Resources as Record<string, CfnResource>;

    it('has exactly one function per worker, none of them also a route function', () => {
      expect([...functionsByWorker.keys()].sort()).toEqual(workers.map((w) => w.id).sort());
      const routeFunctionIds = new Set(functionsByRoute.values());
      for (const logicalId of functionsByWorker.values()) expect(routeFunctionIds.has(logicalId)).toBe(false);
    });

    it.each(workers.map((w) => [w.id, w] as const))('%s runs Node 24 (on arm64, x86_64 with native packages) with the shop defaults', (workerId, worker) => {
      const fn = resources()[functionsByWorker.get(workerId)!]!;
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        // Native binaries are shipped for Linux x64 (infra/constructs/shopFunction.ts, NATIVE_PACKAGES).
        Architectures: (worker as WorkerDefinition).nativePackages ? ['x86_64'] : ['arm64'],
        Handler: 'index.handler',
        MemorySize: 512,
        // A queue consumer gets a sixth of its queue's visibility timeout (AWS's advice for SQS sources).
        Timeout: worker.trigger.kind === 'queue' ? Math.min(60, Math.floor(QUEUES[worker.trigger.queue].visibilityTimeoutSeconds / 6)) : 60,
        Environment: {
          Variables: {
            TABLE_NAME: { Ref: tableId },
            POWERTOOLS_SERVICE_NAME: 'mineral-shop',
            SHOP_URL: DEFAULT_SHOP_URL,
            WORKER_ID: workerId,
          },
        },
      });
      expect(environmentOf(functionsByWorker.get(workerId)!).NODE_OPTIONS).toBeUndefined();
      const logGroupId = (fn.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      expect(resources()[logGroupId]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } });
    });

    it.each(workers.map((w) => [w.id, w.needs.table, w] as const))('%s is granted exactly "%s" table access', (workerId, _needs, worker) => {
      expectTableAccess(template, functionsByWorker.get(workerId)!, worker.needs, tableId);
    });

    it.each(workers.map((w) => [w.id, w.trigger.kind] as const))('%s (%s) reads the table stream only if the stream triggers it', (workerId, kind) => {
      const statements = allowStatementsOf(template, functionsByWorker.get(workerId)!);
      const streamStatements = statements.filter((s) => s.actions.some((a) => STREAM_ONLY_ACTIONS.includes(a)));
      if (kind !== 'tableStream') {
        expect(streamStatements).toEqual([]);
        return;
      }
      // Stream reads are scoped to this table's stream, not to every stream in the account.
      expect(streamStatements.flatMap((s) => s.actions)).toEqual(expect.arrayContaining([...STREAM_ONLY_ACTIONS, 'dynamodb:GetRecords', 'dynamodb:GetShardIterator']));
      expect(streamStatements.flatMap((s) => s.resources)).toEqual([{ 'Fn::GetAtt': [tableId, 'StreamArn'] }]);
    });

    it('runs each scheduled worker at its declared rate, and nothing else on a schedule', () => {
      const rules = Object.values(template.findResources('AWS::Events::Rule') as Record<string, CfnResource>).filter(
        (r) => r.Properties.ScheduleExpression !== undefined,
      );
      const scheduled = rules.map((rule) => {
        const ruleTargets = rule.Properties.Targets as { Arn: { 'Fn::GetAtt': [string, string] }; RetryPolicy?: { MaximumRetryAttempts: number } }[];
        expect(ruleTargets, `targets of ${String(rule.Properties.ScheduleExpression)}`).toHaveLength(1);
        const retries = ruleTargets[0]!.RetryPolicy?.MaximumRetryAttempts;
        expect(retries).toBeGreaterThanOrEqual(0);
        expect(retries).toBeLessThanOrEqual(2);
        return { expression: rule.Properties.ScheduleExpression, target: ruleTargets[0]!.Arn['Fn::GetAtt'][0] };
      });
      const expected = scheduledWorkers.map((w) => ({
        expression: w.trigger.everyMinutes === 1 ? 'rate(1 minute)' : `rate(${w.trigger.everyMinutes} minutes)`,
        target: functionsByWorker.get(w.id),
      }));
      const byTarget = (a: { target?: string }, b: { target?: string }) => String(a.target).localeCompare(String(b.target));
      expect(scheduled.sort(byTarget)).toEqual(expected.sort(byTarget));
      // The schedules as the brief states them, so a typo in the worker table is caught too.
      expect(expected.map((e) => e.expression).sort()).toEqual(['rate(1 minute)', 'rate(1 minute)', 'rate(1 minute)', 'rate(1 minute)', 'rate(1 minute)', 'rate(10 minutes)', 'rate(15 minutes)']);
    });

    it.each(scheduledWorkers.map((w) => [w.id] as const))('%s may be invoked by its schedule rule', (workerId) => {
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        Principal: 'events.amazonaws.com',
        FunctionName: { 'Fn::GetAtt': [functionsByWorker.get(workerId)!, 'Arn'] },
      });
    });

    it('consumes the table stream only in the stream workers', () => {
      const mappings = Object.values(
        template.findResources('AWS::Lambda::EventSourceMapping', { Properties: { EventSourceArn: { 'Fn::GetAtt': [tableId, 'StreamArn'] } } }) as Record<string, CfnResource>,
      );
      const consumers = mappings.map((m) => (m.Properties.FunctionName as { Ref: string }).Ref).sort();
      expect(consumers).toEqual(streamWorkers.map((w) => functionsByWorker.get(w.id)).sort());
    });

    it('consumes each queue only in the workers its trigger names, and the table stream and queues are all there is', () => {
      const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping') as Record<string, CfnResource>);
      const wired = mappings.map((m) => ({ source: m.Properties.EventSourceArn, fn: (m.Properties.FunctionName as { Ref: string }).Ref }));
      const expected = [
        ...streamWorkers.map((w) => ({ source: { 'Fn::GetAtt': [tableId, 'StreamArn'] }, fn: functionsByWorker.get(w.id)! })),
        ...queueWorkers.map((w) => ({ source: resolved(stacks.data.queues.queues[w.trigger.queue].queueArn), fn: functionsByWorker.get(w.id)! })),
      ];
      expect(sortedJson(wired)).toEqual(sortedJson(expected));
    });

    describe.each(queueWorkers.map((w) => [w.id, w] as const))('%s queue mapping', (workerId, worker) => {
      it('reads its queue in batches of the configured size, at most its maxConcurrency at once, and reports partial batch failures', () => {
        const fnId = functionsByWorker.get(workerId)!;
        const [, { Properties: mapping }] = only(
          template.findResources('AWS::Lambda::EventSourceMapping', { Properties: { FunctionName: { Ref: fnId } } }) as Record<string, CfnResource>,
          `event source mapping of ${workerId}`,
        );
        expect(mapping).toMatchObject({
          EventSourceArn: resolved(stacks.data.queues.queues[worker.trigger.queue].queueArn),
          BatchSize: worker.trigger.batchSize,
          ScalingConfig: { MaximumConcurrency: worker.trigger.maxConcurrency },
          FunctionResponseTypes: ['ReportBatchItemFailures'],
        });
      });

      it('may receive and delete messages of its queue only, and runs well inside its visibility timeout', () => {
        const fnId = functionsByWorker.get(workerId)!;
        expect(resourcesGranted(template, fnId, 'sqs:ReceiveMessage')).toEqual([resolved(stacks.data.queues.queues[worker.trigger.queue].queueArn)]);
        expect(resourcesGranted(template, fnId, 'sqs:DeleteMessage')).toEqual([resolved(stacks.data.queues.queues[worker.trigger.queue].queueArn)]);
        const timeout = resources()[fnId]!.Properties.Timeout as number;
        expect(timeout * 6).toBeLessThanOrEqual(QUEUES[worker.trigger.queue].visibilityTimeoutSeconds);
      });
    });

    describe.each(streamWorkers.map((w) => [w.id, w] as const))('%s stream mapping', (workerId, worker) => {
      let mapping: Json;
      beforeAll(() => {
        const fnId = functionsByWorker.get(workerId)!;
        [, { Properties: mapping }] = only(
          template.findResources('AWS::Lambda::EventSourceMapping', { Properties: { FunctionName: { Ref: fnId } } }) as Record<string, CfnResource>,
          `event source mapping of ${workerId}`,
        );
      });

      it('reads the table’s stream, retrying by halves, and reports partial batch failures', () => {
        expect(mapping).toMatchObject({
          EventSourceArn: { 'Fn::GetAtt': [tableId, 'StreamArn'] },
          StartingPosition: expect.stringMatching(/^(TRIM_HORIZON|LATEST)$/),
          BisectBatchOnFunctionError: true,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          MaximumRetryAttempts: expect.any(Number),
        });
        expect(mapping.MaximumRetryAttempts).toBeGreaterThan(0);
        expect(mapping.BatchSize).toBeLessThanOrEqual(100);
      });

      it('is invoked only for the records its filter names', () => {
        const filters = (mapping.FilterCriteria as { Filters: { Pattern: string }[] }).Filters;
        const patterns = filters.map((f) => JSON.parse(f.Pattern) as Json);
        switch (worker.trigger.filter) {
          case 'ttlRemovedHeldLines':
            // TTL deletions of cart lines only.
            expect(patterns).toEqual([
              {
                eventName: ['REMOVE'],
                userIdentity: { type: ['Service'], principalId: ['dynamodb.amazonaws.com'] },
                dynamodb: { OldImage: { entity: { S: ['cartLine'] } } },
              },
            ]);
            break;
          case 'dashboardChanges':
            // Orders, and the items of a mineral that carry its stock counters (either layout).
            expect(patterns).toEqual([
              { dynamodb: { NewImage: { entity: { S: ['order'] } } } },
              { dynamodb: { Keys: { pk: { S: [{ prefix: 'MINERAL#' }] }, sk: { S: ['MINERAL', 'MINERAL#STOCK'] } } } },
            ]);
            break;
          case 'orderChanges':
            expect(patterns).toEqual([{ dynamodb: { NewImage: { entity: { S: ['order'] } } } }]);
            break;
          case 'stockChanges':
            // Modifications of the items that carry a mineral's counters (either layout), from 0 available to more.
            expect(patterns).toEqual([
              {
                eventName: ['MODIFY'],
                dynamodb: {
                  Keys: { pk: { S: [{ prefix: 'MINERAL#' }] }, sk: { S: ['MINERAL', 'MINERAL#STOCK'] } },
                  OldImage: { available: { N: ['0'] } },
                  NewImage: { available: { N: [{ 'anything-but': ['0'] }] } },
                },
              },
            ]);
            break;
        }
      });

      it('sends what it gives up on to an encrypted dead-letter queue, with an alarm on it', () => {
        const destination = (mapping.DestinationConfig as { OnFailure: { Destination: { 'Fn::GetAtt': [string, string] } } }).OnFailure.Destination;
        const [queueId, attribute] = destination['Fn::GetAtt'];
        expect(attribute).toBe('Arn');
        expect(resources()[queueId]).toMatchObject({ Type: 'AWS::SQS::Queue', Properties: { SqsManagedSseEnabled: true } });
        // The function may send there; nothing else about SQS but the queues it declares it sends to.
        const sqsActions = allowStatementsOf(template, functionsByWorker.get(workerId)!)
          .filter((s) => s.actions.some((a) => a.startsWith('sqs:')))
          .map((s) => ({ actions: s.actions, resources: s.resources }));
        const deadLetter = { 'Fn::GetAtt': [queueId, 'Arn'] };
        expect(sqsActions.filter((st) => st.resources.some((r) => JSON.stringify(r) === JSON.stringify(deadLetter)))).toEqual([
          { actions: expect.arrayContaining(['sqs:SendMessage']), resources: expect.arrayContaining([deadLetter]) },
        ]);
        const declared: readonly string[] = ('sendsTo' in worker.needs ? worker.needs.sendsTo : undefined) ?? [];
        expect(sqsActions.flatMap((st) => st.resources)).toHaveLength(1 + declared.length);
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Namespace: 'AWS/SQS',
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
          ComparisonOperator: 'GreaterThanThreshold',
          Threshold: 0,
        });
      });
    });
  });

  it.each(Object.keys(SIGNALS))('alarms as soon as a worker counts %s (a dispute, a payment that does not match, a failed refund)', (signal) => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: METRICS_NAMESPACE,
      MetricName: signal,
      Dimensions: [{ Name: 'service', Value: METRICS_SERVICE }],
      Statistic: 'Sum',
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
      AlarmDescription: describeAlarm(signal as keyof typeof SIGNALS, SIGNALS[signal as keyof typeof SIGNALS]),
    });
  });

  describe('throttling and concurrency', () => {
    it('throttles every route of the API’s default stage', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        DefaultRouteSettings: { ThrottlingRateLimit: API_THROTTLE.rateLimit, ThrottlingBurstLimit: API_THROTTLE.burstLimit },
      });
    });

    it('keeps concurrency for the payment path alone (checkout, the webhook, the order processor), as their entries say', () => {
      const functions = template.findResources('AWS::Lambda::Function') as Record<string, CfnResource>;
      const reserved = Object.values(functions)
        .filter((f) => f.Properties.ReservedConcurrentExecutions !== undefined)
        .map((f) => {
          const variables = (f.Properties.Environment as { Variables: Record<string, string> }).Variables;
          return [variables.ROUTE_ID ?? variables.WORKER_ID, f.Properties.ReservedConcurrentExecutions];
        })
        .sort();
      const declared = [...routes, ...workers].flatMap((d) => (d.reservedConcurrency ? [[d.id, d.reservedConcurrency]] : [])).sort();
      expect(reserved).toEqual(declared);
      expect(declared.map(([id]) => id)).toEqual(['placeOrder', 'processOrderEvents', 'stripeWebhook']);
    });
  });

  describe('alarms', () => {
    const alarms = () => template.findResources('AWS::CloudWatch::Alarm') as Record<string, CfnResource>;
    const mentions = (alarm: CfnResource, logicalId: string) => JSON.stringify(alarm.Properties).includes(`"${logicalId}"`);
    const ofKind = (kind: AlarmKind) => Object.values(alarms()).filter((a) => alarmKindOf(a.Properties.AlarmDescription as string) === kind);

    it('every alarm of every stack tells the stage’s alarm topic when it fires and when it clears', () => {
      const topic = { Ref: logicalId(stacks.data.alerts.topic) };
      expect(Object.keys(alarms()).length).toBeGreaterThan(100);
      for (const [id, alarm] of Object.entries(alarms())) {
        expect(alarm.Properties.AlarmActions, id).toEqual([topic]);
        expect(alarm.Properties.OKActions, id).toEqual([topic]);
      }
    });

    it('every alarm names its kind, every kind has an alarm, and the runbook has a section for each kind and for nothing else', () => {
      const kinds = Object.values(alarms()).map((a) => alarmKindOf(a.Properties.AlarmDescription as string));
      expect(kinds.filter((k) => !(ALARM_KINDS as readonly (string | undefined)[]).includes(k))).toEqual([]);
      expect([...new Set(kinds)].sort()).toEqual([...ALARM_KINDS].sort());
      const runbook = readFileSync(path.join(REPO_ROOT, 'docs/runbook.md'), 'utf8');
      const sections = [...runbook.matchAll(/^## (.+)$/gm)].map((m) => m[1]!).filter((h) => h !== 'Redriving a dead-letter queue');
      expect(sections.sort()).toEqual([...ALARM_KINDS].sort());
    });

    it('every function, route or worker, has an alarm on its errors and throttles', () => {
      const alarmsOfFunctions = ofKind('FunctionErrors');
      const functions = [...functionsByRoute.values(), ...functionsByWorker.values()];
      expect(alarmsOfFunctions).toHaveLength(functions.length);
      for (const fn of functions) {
        const [alarm, ...more] = alarmsOfFunctions.filter((a) => mentions(a, fn));
        expect(more, fn).toEqual([]);
        expect(JSON.stringify(alarm?.Properties.Metrics), fn).toMatch(/"MetricName":"Errors".*"MetricName":"Throttles"/);
      }
    });

    it('every stream worker alarms when it falls behind, and every queue when its oldest message waits too long', () => {
      for (const worker of streamWorkers) expect(ofKind('StreamIteratorAge').filter((a) => mentions(a, functionsByWorker.get(worker.id)!)), worker.id).toHaveLength(1);
      for (const name of queueNames) {
        const queueId = logicalId(stacks.data.queues.queues[name]);
        const [alarm, ...more] = ofKind('QueueAge').filter((a) => mentions(a, queueId));
        expect(more, name).toEqual([]);
        expect(alarm?.Properties, name).toMatchObject({ MetricName: 'ApproximateAgeOfOldestMessage', Threshold: QUEUES[name].alarmAgeMinutes * 60 });
      }
    });

    it('has the API’s 5xx rate and p99, the table’s throttles and errors, SES’s reputation and the reconciliation’s findings', () => {
      expect(ofKind('ApiServerErrors')).toHaveLength(1);
      expect(ofKind('ApiLatency')[0]?.Properties).toMatchObject({ MetricName: 'Latency', ExtendedStatistic: 'p99', Threshold: 3_000 });
      expect(JSON.stringify(ofKind('TableThrottles')[0]?.Properties.Metrics)).toContain(tableId);
      expect(JSON.stringify(ofKind('TableSystemErrors')[0]?.Properties.Metrics)).toContain('TransactWriteItems');
      expect(ofKind('MailBounces')[0]?.Properties).toMatchObject({ Namespace: 'AWS/SES', MetricName: 'Reputation.BounceRate' });
      expect(ofKind('InventoryDrift')[0]?.Properties).toMatchObject({ Namespace: METRICS_NAMESPACE, MetricName: 'InventoryDrift' });
      expect(JSON.stringify(ofKind('StockRuleBroken')[0]?.Properties.Metrics)).toContain('InventoryFinding_staleHold');
    });

    it('has a dashboard for the stage with checkout, the API’s answers, the payment signals and every dead-letter queue', () => {
      const [, dashboard] = only(template.findResources('AWS::CloudWatch::Dashboard'), 'dashboard') as [string, CfnResource];
      const body = JSON.stringify(dashboard.Properties.DashboardBody);
      for (const signal of Object.keys(SIGNALS)) expect(body).toContain(signal);
      expect(body).toContain(functionsByRoute.get('placeOrder'));
      expect(body).toContain('ApproximateNumberOfMessagesVisible');
    });
  });

  describe('admin sign-in', () => {
    it('has a retained user pool of invited admins who sign in by email, with a strong password policy and optional TOTP', () => {
      const poolId = logicalId(stacks.data.adminAuth.userPool);
      template.resourceCountIs('AWS::Cognito::UserPool', 1);
      expect(template.toJSON().Resources[poolId]).toMatchObject({
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
          AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
          UsernameAttributes: ['email'],
          MfaConfiguration: 'OPTIONAL',
          EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
          Policies: {
            PasswordPolicy: { RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true },
          },
        },
      });
      const policy = (template.toJSON().Resources[poolId] as CfnResource).Properties.Policies as { PasswordPolicy: { MinimumLength: number } };
      expect(policy.PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
    });

    it('has the admin group in that pool', () => {
      template.resourceCountIs('AWS::Cognito::UserPoolGroup', 1);
      template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: ADMIN_GROUP, UserPoolId: { Ref: logicalId(stacks.data.adminAuth.userPool) } });
    });

    it('has a public app client for password and SRP sign-in whose access tokens last an hour', () => {
      template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
      template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        UserPoolId: { Ref: logicalId(stacks.data.adminAuth.userPool) },
        GenerateSecret: false,
        ExplicitAuthFlows: Match.arrayEquals(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
        AccessTokenValidity: 60,
        TokenValidityUnits: Match.objectLike({ AccessToken: 'minutes' }),
      });
    });

    it('has one JWT authorizer whose issuer is the pool and whose audience is the client', () => {
      const [, authorizer] = only(template.findResources('AWS::ApiGatewayV2::Authorizer') as Record<string, CfnResource>, 'authorizer');
      const { userPool, client } = stacks.data.adminAuth;
      expect(authorizer.Properties).toMatchObject({
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Audience: [{ Ref: logicalId(client) }],
          Issuer: resolved(`https://cognito-idp.${stacks.data.region}.amazonaws.com/${userPool.userPoolId}`),
        },
      });
    });
  });

  describe('queues', () => {
    it('has exactly one queue and one dead-letter queue per QUEUES entry (plus the stream workers’ own)', () => {
      template.resourceCountIs('AWS::SQS::Queue', queueNames.length * 2 + streamWorkers.length);
    });

    describe.each(queueNames.map((name) => [name, QUEUES[name]] as const))('%s', (name, definition) => {
      it('is encrypted, HTTPS-only, and redrives to its dead-letter queue after maxReceives', () => {
        const queueId = logicalId(stacks.data.queues.queues[name]);
        const dlqId = logicalId(stacks.data.queues.deadLetterQueues[name]);
        expect(template.toJSON().Resources[queueId]).toMatchObject({
          Type: 'AWS::SQS::Queue',
          Properties: {
            SqsManagedSseEnabled: true,
            VisibilityTimeout: definition.visibilityTimeoutSeconds,
            RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: definition.maxReceives },
          },
        });
        for (const id of [queueId, dlqId]) {
          const properties = (template.toJSON().Resources[id] as CfnResource).Properties;
          expect(properties.FifoQueue ?? false, `${id} is FIFO exactly when the definition says so`).toBe(definition.fifo);
          if (definition.fifo) expect(properties.ContentBasedDeduplication).toBe(false);
          template.hasResourceProperties('AWS::SQS::QueuePolicy', {
            Queues: [{ Ref: id }],
            PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
          });
        }
      });

      it('keeps dead letters 14 days, encrypted, with an alarm as soon as one arrives', () => {
        const dlqId = logicalId(stacks.data.queues.deadLetterQueues[name]);
        expect(template.toJSON().Resources[dlqId]).toMatchObject({ Properties: { MessageRetentionPeriod: 14 * 24 * 3600, SqsManagedSseEnabled: true } });
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Namespace: 'AWS/SQS',
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
          ComparisonOperator: 'GreaterThanThreshold',
          Threshold: 0,
        });
      });
    });
  });

  describe('secrets and email', () => {
    it.each(secretNames)('%s is a retained secret that CloudFormation never writes a value to', (name) => {
      expect(template.toJSON().Resources[logicalId(stacks.data.secrets.secrets[name])]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
      const properties = (template.toJSON().Resources[logicalId(stacks.data.secrets.secrets[name])] as CfnResource).Properties;
      expect(properties.SecretString).toBeUndefined();
      expect(properties.GenerateSecretString).toBeUndefined();
    });

    it('tells the operator what to put in the Stripe secrets, which start empty', () => {
      const description = (name: SecretName) => (template.toJSON().Resources[logicalId(stacks.data.secrets.secrets[name])] as CfnResource).Properties.Description;
      expect(description('stripeApiKey')).toMatch(/Stripe secret API key/);
      expect(description('stripeWebhookSecret')).toMatch(/whsec_.*\/api\/webhooks\/stripe/);
    });

    it('lets the saved-card functions read the shopper keys and the Stripe key, and no other secret', () => {
      const { shopperTokenKeys, stripeApiKey } = stacks.data.secrets.secrets;
      for (const routeId of ['listPaymentMethods', 'deletePaymentMethod']) {
        const fnId = functionsByRoute.get(routeId);
        expect(fnId, `a function for ${routeId}`).toBeDefined();
        expect(resourcesGranted(template, fnId!, 'secretsmanager:GetSecretValue')).toEqual(sortedJson([resolved(shopperTokenKeys.secretArn), resolved(stripeApiKey.secretArn)]));
        const env = environmentOf(fnId!);
        expect(env[SECRETS.stripeApiKey.arnEnv]).toEqual(resolved(stripeApiKey.secretArn));
        expect(env[SECRETS.stripeWebhookSecret.arnEnv]).toBeUndefined();
      }
    });

    it('sends from a domain identity that uses the configuration set', () => {
      template.resourceCountIs('AWS::SES::EmailIdentity', 1);
      template.hasResourceProperties('AWS::SES::EmailIdentity', {
        EmailIdentity: DEFAULT_MAIL_DOMAIN,
        ConfigurationSetAttributes: { ConfigurationSetName: { Ref: logicalId(stacks.data.email.configurationSet) } },
      });
      expect(stacks.data.email.mailFrom).toBe(`Mineral shop <shop@${DEFAULT_MAIL_DOMAIN}>`);
    });
  });

  describe('needs: every function gets exactly what its entry declares', () => {
    const cases = declaredFunctions.map((f) => [`${f.kind} ${f.id}`, f] as const);

    it.each(cases)('%s may send to exactly the queues it declares', (_name, { kind, id, needs }) => {
      const fnId = functionOf(kind, id);
      // A stream worker also sends what it gives up on to its own on-failure queue (tested above).
      const ownDeadLetters = kind === 'worker' && stacks.workers.workers.deadLetterQueues.has(id) ? [resolved(stacks.workers.workers.deadLetterQueues.get(id)!.queueArn, stacks.workers)] : [];
      const expected = [...(needs.sendsTo ?? []).map((q) => resolved(stacks.data.queues.queues[q].queueArn)), ...ownDeadLetters];
      expect(resourcesGranted(template, fnId, 'sqs:SendMessage')).toEqual(sortedJson(expected));
      const sqsActions = allowStatementsOf(template, fnId).flatMap((s) => s.actions.filter((a) => a.startsWith('sqs:') || a === '*'));
      expect(sqsActions.filter((a) => a.includes('*')), 'no wildcard SQS actions').toEqual([]);
    });

    it.each(cases)('%s has the URL of exactly the queues it sends to', (_name, { kind, id, needs }) => {
      const env = environmentOf(functionOf(kind, id));
      for (const name of queueNames) {
        const { urlEnv } = QUEUES[name];
        if ((needs.sendsTo ?? []).includes(name)) expect(env[urlEnv]).toEqual(resolved(stacks.data.queues.queues[name].queueUrl));
        else expect(env[urlEnv], `${urlEnv} on ${id}`).toBeUndefined();
      }
    });

    it.each(cases)('%s may read exactly the secrets it declares, and has their ARNs', (_name, { kind, id, needs }) => {
      const fnId = functionOf(kind, id);
      const declared = (needs.secrets ?? []).map((name) => resolved(stacks.data.secrets.secrets[name].secretArn));
      expect(resourcesGranted(template, fnId, 'secretsmanager:GetSecretValue')).toEqual(sortedJson(declared));
      // Nothing else about secrets anywhere (DescribeSecret comes with grantRead, on the same secrets).
      const secretResources = allowStatementsOf(template, fnId)
        .filter((s) => s.actions.some((a) => a.startsWith('secretsmanager:') || a === '*'))
        .flatMap((s) => s.resources);
      expect(sortedJson(secretResources)).toEqual(sortedJson(declared));
      const env = environmentOf(fnId);
      for (const name of secretNames) {
        const { arnEnv } = SECRETS[name];
        if ((needs.secrets ?? []).includes(name)) expect(env[arnEnv]).toEqual(resolved(stacks.data.secrets.secrets[name].secretArn));
        else expect(env[arnEnv], `${arnEnv} on ${id}`).toBeUndefined();
      }
    });

    it.each(cases)('%s may send email only if it declares sendsEmail, and then only as the shop’s identity', (_name, { kind, id, needs }) => {
      const fnId = functionOf(kind, id);
      const sesStatements = allowStatementsOf(template, fnId).filter((s) => s.actions.some((a) => a.startsWith('ses:') || a === '*'));
      const env = environmentOf(fnId);
      if (!needs.sendsEmail) {
        expect(sesStatements).toEqual([]);
        expect(env.MAIL_FROM).toBeUndefined();
        expect(env.SES_CONFIGURATION_SET).toBeUndefined();
        return;
      }
      expect(sesStatements.flatMap((s) => s.actions).sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
      const allowed = sortedJson(sesStatements.flatMap((s) => s.resources));
      expect(allowed).not.toContain('*');
      expect(allowed).toEqual(sortedJson([resolved(stacks.data.email.identity.emailIdentityArn), resolved(stacks.data.email.configurationSetArn)]));
      expect(env.MAIL_FROM).toBe(`Mineral shop <shop@${DEFAULT_MAIL_DOMAIN}>`);
      expect(env.SES_CONFIGURATION_SET).toEqual({ Ref: logicalId(stacks.data.email.configurationSet) });
    });

    it.each(cases)('%s may use the photo bucket only as it declares', (_name, { kind, id, needs }) => {
      const fnId = functionOf(kind, id);
      const s3Statements = allowStatementsOf(template, fnId).filter((s) => s.actions.some((a) => a.startsWith('s3:') || a === '*'));
      const env = environmentOf(fnId);
      const photos = (needs as RouteNeeds).photos;
      if (!photos) {
        expect(s3Statements).toEqual([]);
        expect(env.PHOTO_BUCKET).toBeUndefined();
        return;
      }
      const bucketId = logicalId(stacks.data.photos.bucket);
      expect(env.PHOTO_BUCKET).toEqual({ Ref: bucketId });
      const objects = (prefix: string) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, `/${prefix}*`]] });
      const writes = s3Statements.filter((s) => s.actions.includes('s3:PutObject')).flatMap((s) => s.resources);
      const deletes = s3Statements.filter((s) => s.actions.includes('s3:DeleteObject*')).flatMap((s) => s.resources);
      if (photos === 'upload') {
        // A presigned POST carries the signer's rights: into uploads/ only, nothing to read or delete.
        expect(sortedJson(writes)).toEqual([objects('uploads/')]);
        expect(deletes).toEqual([]);
        expect(s3Statements.flatMap((s) => s.actions).filter((a) => a.startsWith('s3:Get'))).toEqual([]);
      } else {
        expect(sortedJson(writes)).toEqual(sortedJson([objects('media/')]));
        expect(sortedJson(deletes)).toEqual(sortedJson([objects('uploads/'), objects('media/')]));
      }
    });

    it('announces every upload on the photoUploads queue, which its worker consumes', () => {
      const queueArn = resolved(stacks.data.queues.queues.photoUploads.queueArn);
      template.hasResourceProperties('Custom::S3BucketNotifications', {
        BucketName: { Ref: logicalId(stacks.data.photos.bucket) },
        NotificationConfiguration: {
          QueueConfigurations: [
            { Events: ['s3:ObjectCreated:*'], QueueArn: queueArn, Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'uploads/' }] } } },
          ],
        },
      });
      expect(workers.find((w) => w.trigger.kind === 'queue' && w.trigger.queue === 'photoUploads')?.needs.photos).toBe('process');
    });

    it('gives the sendEmail worker its SES grant (the worker table says it sends email)', () => {
      expect(workers.find((w) => w.id === 'sendEmail')?.needs.sendsEmail).toBe(true);
      expect(resourcesGranted(template, functionsByWorker.get('sendEmail')!, 'ses:SendEmail')).toHaveLength(2);
    });
  });

  describe('HTTP API', () => {
    it('has one route per route-table entry, wired to that route’s own function', () => {
      const apiRoutes = template.findResources('AWS::ApiGatewayV2::Route') as Record<string, CfnResource>;
      const integrations = template.findResources('AWS::ApiGatewayV2::Integration') as Record<string, CfnResource>;
      const deployed = new Map<string, string>();
      for (const route of Object.values(apiRoutes)) {
        const target = JSON.stringify(route.Properties.Target);
        const integrationId = Object.keys(integrations).find((id) => target.includes(`"Ref":"${id}"`));
        expect(integrationId, `integration of ${String(route.Properties.RouteKey)}`).toBeDefined();
        const uri = integrations[integrationId!]!.Properties.IntegrationUri as { 'Fn::GetAtt': [string, string] };
        deployed.set(route.Properties.RouteKey as string, uri['Fn::GetAtt'][0]);
      }
      expect([...deployed.keys()].sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
      for (const route of routes) expect(deployed.get(`${route.method} ${route.path}`)).toBe(functionsByRoute.get(route.id));
    });

    it('puts the Cognito JWT authorizer on every admin route, and on no other', () => {
      const [authorizerId] = only(template.findResources('AWS::ApiGatewayV2::Authorizer'), 'authorizer');
      const apiRoutes = Object.values(template.findResources('AWS::ApiGatewayV2::Route') as Record<string, CfnResource>);
      const byKey = new Map(apiRoutes.map((r) => [r.Properties.RouteKey as string, r.Properties]));
      expect(routes.some((r) => r.access === 'admin'), 'the route table has admin routes to check').toBe(true);
      for (const route of routes) {
        const deployed = byKey.get(`${route.method} ${route.path}`);
        if (route.access === 'admin') {
          expect(deployed, route.id).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
        } else {
          expect(deployed, route.id).toMatchObject({ AuthorizationType: 'NONE' });
          expect(deployed?.AuthorizerId, route.id).toBeUndefined();
        }
      }
    });
  });

  describe('site', () => {
    let distribution: Json;
    beforeAll(() => {
      const [, resource] = only(template.findResources('AWS::CloudFront::Distribution') as Record<string, CfnResource>, 'distribution');
      distribution = resource.Properties.DistributionConfig as Json;
    });

    it('keeps the bucket private, encrypted and HTTPS-only', () => {
      template.hasResourceProperties('AWS::S3::Bucket', {
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      });
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            Match.objectLike({ Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' }),
          ]),
        },
      });
    });

    it('reads the bucket through Origin Access Control', () => {
      const [oacId] = only(template.findResources('AWS::CloudFront::OriginAccessControl'), 'origin access control');
      template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
        OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
      });
      // The site bucket and the photo bucket, both through it; neither through a legacy identity.
      const origins = distribution.Origins as Json[];
      const s3Origins = origins.filter((o) => o.S3OriginConfig !== undefined);
      expect(s3Origins).toHaveLength(2);
      for (const origin of s3Origins) {
        expect(origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oacId, 'Id'] });
        expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
      }
    });

    it('sends the shop’s own security headers (shared/http/securityHeaders.ts) on every behaviour: pages, /media and /api', () => {
      const [policyId, policy] = only(template.findResources('AWS::CloudFront::ResponseHeadersPolicy') as Record<string, CfnResource>, 'response headers policy');
      const config = (policy.Properties.ResponseHeadersPolicyConfig as Json).SecurityHeadersConfig as Json;
      const rules = SECURITY_HEADER_RULES;
      expect(config).toMatchObject({
        StrictTransportSecurity: { AccessControlMaxAgeSec: rules.strictTransportSecurity.maxAgeSeconds, IncludeSubdomains: rules.strictTransportSecurity.includeSubdomains, Override: true },
        ContentTypeOptions: { Override: true },
        FrameOptions: { FrameOption: rules.frameOptions, Override: true },
        ReferrerPolicy: { ReferrerPolicy: rules.referrerPolicy, Override: true },
      });
      // What the local server sends: the same header values, the HSTS line included.
      const local = securityHeaders();
      expect(local['strict-transport-security']).toBe(`max-age=${config.StrictTransportSecurity && (config.StrictTransportSecurity as Json).AccessControlMaxAgeSec}; includeSubDomains`);
      expect([local['x-frame-options'], local['referrer-policy'], local['x-content-type-options']]).toEqual([rules.frameOptions, rules.referrerPolicy, 'nosniff']);
      // The policy itself, with this deployment's Cognito (its region) and photo bucket (its domain) as tokens.
      const csp = (config.ContentSecurityPolicy as Json).ContentSecurityPolicy as { 'Fn::Join': [string, unknown[]] };
      const flattened = csp['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : '<token>')).join('');
      expect(flattened).toBe(contentSecurityPolicy(['https://cognito-idp.<token>.amazonaws.com', 'https://<token>']));
      expect(JSON.stringify(csp)).toContain('AWS::Region');
      expect((config.ContentSecurityPolicy as Json).Override).toBe(true);

      const behaviors = [distribution.DefaultCacheBehavior as Json, ...(distribution.CacheBehaviors as Json[])];
      for (const behavior of behaviors) expect(behavior.ResponseHeadersPolicyId, String(behavior.PathPattern ?? 'default')).toEqual({ Ref: policyId });
      expect(JSON.stringify(distribution)).not.toContain(cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS.responseHeadersPolicyId);
    });

    it('serves index.html at the root and redirects HTTP to HTTPS', () => {
      expect(distribution.DefaultRootObject).toBe('index.html');
      expect(distribution.DefaultCacheBehavior).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https' });
    });

    it('routes /api/* to the HTTP API, uncached but for the catalog reads, with every method and the viewer’s request minus Host', () => {
      const [apiId] = only(template.findResources('AWS::ApiGatewayV2::Api'), 'HTTP API');
      const apiOrigin = (distribution.Origins as Json[]).find((o) => JSON.stringify(o.DomainName).includes(`"Ref":"${apiId}"`));
      expect(apiOrigin, 'an origin on the API’s domain').toBeDefined();
      expect(apiOrigin).toMatchObject({ CustomOriginConfig: { OriginProtocolPolicy: 'https-only' } });

      const behaviors = distribution.CacheBehaviors as Json[];
      // /media/* goes to the photo bucket (its own test); every other behaviour is the API's, /api/* last.
      expect(behaviors.filter((b) => !String(b.PathPattern).startsWith('/api/')).map((b) => b.PathPattern)).toEqual(['/media/*']);
      const apiBehaviors = behaviors.filter((b) => String(b.PathPattern).startsWith('/api/'));
      expect(apiBehaviors.at(-1)?.PathPattern).toBe('/api/*');
      const uncached = apiBehaviors.filter((b) => b.CachePolicyId === cloudfront.CachePolicy.CACHING_DISABLED.cachePolicyId);
      expect(uncached.map((b) => b.PathPattern)).toEqual(['/api/minerals/*/reviews', '/api/minerals/*/reviews/mine', '/api/minerals/*/restock-alerts', '/api/*']);
      for (const behavior of apiBehaviors) {
        expect(behavior).toMatchObject({
          TargetOriginId: apiOrigin!.Id,
          OriginRequestPolicyId: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
          ViewerProtocolPolicy: 'https-only',
        });
      }
      for (const behavior of uncached) expect(behavior.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']));
    });

    it('caches the public catalog reads the route table marks, as long as the API says, keyed on the whole query string', () => {
      const [policyId, policy] = only(template.findResources('AWS::CloudFront::CachePolicy') as Record<string, CfnResource>, 'cache policy');
      const config = policy.Properties.CachePolicyConfig as Json;
      // Nothing without the API's Cache-Control; at most the longest rule's time with it.
      expect(config).toMatchObject({ MinTTL: 0, DefaultTTL: 0, MaxTTL: 300 });
      expect(config.ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({
        QueryStringsConfig: { QueryStringBehavior: 'all' },
        HeadersConfig: { HeaderBehavior: 'none' },
        CookiesConfig: { CookieBehavior: 'none' },
        EnableAcceptEncodingGzip: true,
        EnableAcceptEncodingBrotli: true,
      });

      const behaviors = distribution.CacheBehaviors as Json[];
      const cached = behaviors.filter((b) => JSON.stringify(b.CachePolicyId) === JSON.stringify({ Ref: policyId }));
      expect(cached.map((b) => b.PathPattern).sort()).toEqual(['/api/categories', '/api/minerals', '/api/minerals/*', '/api/openapi.json', '/api/policies', '/api/shipping']);
      expect(routes.filter((r) => r.cache).map((r) => r.path).sort()).toEqual(['/api/categories', '/api/minerals', '/api/minerals/{id}', '/api/openapi.json', '/api/policies', '/api/shipping']);
      for (const behavior of cached) expect(behavior.AllowedMethods).toEqual(['GET', 'HEAD', 'OPTIONS']);
      // CloudFront takes the first match: the uncached routes under /api/minerals/* come before it.
      const order = behaviors.map((b) => b.PathPattern);
      expect(order.indexOf('/api/minerals/*/reviews')).toBeLessThan(order.indexOf('/api/minerals/*'));
      expect(order.indexOf('/api/minerals/*/restock-alerts')).toBeLessThan(order.indexOf('/api/minerals/*'));
    });

    it('refuses to cache a path that an uncached route of another method shares', () => {
      const postBesideCachedGet: RouteDefinition = { ...routes.find((r) => r.id === 'listMinerals')!, id: 'postMineral', method: 'POST', cache: undefined };
      expect(() => apiCachePatterns([...routes, postBesideCachedGet])).toThrow(UncacheableRouteError);
      expect(apiCachePatterns(routes).uncachedFirst).toEqual(['/api/minerals/*/reviews', '/api/minerals/*/reviews/mine', '/api/minerals/*/restock-alerts']);
    });

    it('never turns errors into index.html, which would make API 404s HTML', () => {
      expect(distribution.CustomErrorResponses).toBeUndefined();
    });

    it('rewrites client-side routes to /index.html and leaves files alone', () => {
      const [fnId, fn] = only(template.findResources('AWS::CloudFront::Function') as Record<string, CfnResource>, 'CloudFront function');
      expect(distribution.DefaultCacheBehavior).toMatchObject({
        FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fnId, 'FunctionARN'] } }],
      });
      expect(fn.Properties.FunctionConfig).toMatchObject({ Runtime: 'cloudfront-js-2.0' });
      // Run the deployed code itself on viewer requests.
      const sandbox: { handler?: (event: unknown) => { uri: string } } = {};
      vm.runInNewContext(`${fn.Properties.FunctionCode as string}\nthis.handler = handler;`, sandbox);
      const rewrite = (uri: string) => sandbox.handler!({ request: { uri, method: 'GET', headers: {} } }).uri;
      expect(rewrite('/')).toBe('/index.html');
      expect(rewrite('/minerals/quartz-7')).toBe('/index.html');
      expect(rewrite('/account/orders/')).toBe('/index.html');
      expect(rewrite('/index.html')).toBe('/index.html');
      expect(rewrite('/assets/app.3f9a.js')).toBe('/assets/app.3f9a.js');
      expect(rewrite('/images/quartz.webp')).toBe('/images/quartz.webp');
      // The console is a second app: its deep links get its own index.html, its files their path.
      expect(rewrite('/admin')).toBe('/admin/index.html');
      expect(rewrite('/admin/')).toBe('/admin/index.html');
      expect(rewrite('/admin/minerals/quartz-7')).toBe('/admin/index.html');
      expect(rewrite('/admin/assets/console.1b2c.js')).toBe('/admin/assets/console.1b2c.js');
      expect(rewrite('/administrators')).toBe('/index.html');
    });

    describe('photos', () => {
      const photoBucketId = () => logicalId(stacks.data.photos.bucket);

      it('keeps the photo bucket private, encrypted and retained with the stack gone', () => {
        expect(template.toJSON().Resources[photoBucketId()]).toMatchObject({
          DeletionPolicy: 'Retain',
          UpdateReplacePolicy: 'Retain',
          Properties: {
            PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
            BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
          },
        });
      });

      it('accepts browser uploads (POST) from the shop’s origin only', () => {
        const cors = (template.toJSON().Resources[photoBucketId()] as CfnResource).Properties.CorsConfiguration as { CorsRules: Json[] };
        expect(cors.CorsRules).toHaveLength(1);
        expect(cors.CorsRules[0]).toMatchObject({ AllowedMethods: ['POST'], AllowedOrigins: [DEFAULT_SHOP_URL] });
      });

      it('serves /media/* from the photo bucket, cached, over HTTPS', () => {
        const photoOrigin = (distribution.Origins as Json[]).find((o) => JSON.stringify(o.DomainName).includes(photoBucketId()));
        expect(photoOrigin, 'an origin on the photo bucket').toBeDefined();
        expect((distribution.CacheBehaviors as Json[]).find((b) => b.PathPattern === '/media/*')).toMatchObject({
          TargetOriginId: photoOrigin!.Id,
          CachePolicyId: cloudfront.CachePolicy.CACHING_OPTIMIZED.cachePolicyId,
          ViewerProtocolPolicy: 'redirect-to-https',
        });
      });

      it('lets CloudFront read the resized sizes (media/) and nothing else, over HTTPS only', () => {
        const [distributionId] = only(template.findResources('AWS::CloudFront::Distribution'), 'distribution');
        const [, policy] = only(
          template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: photoBucketId() } } }) as Record<string, CfnResource>,
          'photo bucket policy',
        );
        const statements = (policy.Properties.PolicyDocument as { Statement: Json[] }).Statement;
        expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
        const allows = statements.filter((st) => st.Effect === 'Allow');
        expect(allows).toHaveLength(1);
        expect(allows[0]).toMatchObject({
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Action: 's3:GetObject',
          Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [photoBucketId(), 'Arn'] }, '/media/*']] },
          Condition: { StringEquals: { 'AWS:SourceArn': expect.objectContaining({}) } },
        });
        expect(JSON.stringify(allows[0]!.Condition)).toContain(distributionId);
      });
    });

    it('uploads the site and invalidates the distribution', () => {
      template.resourceCountIs('Custom::CDKBucketDeployment', 1);
      template.hasResourceProperties('Custom::CDKBucketDeployment', { DistributionPaths: ['/*'] });
    });

    it("writes the console's sign-in configuration (this region's Cognito, the admin pool and its client) beside the site", () => {
      const [, deployment] = only(template.findResources('Custom::CDKBucketDeployment') as Record<string, CfnResource>, 'site deployment');
      const markers = deployment.Properties.SourceMarkers as Record<string, unknown>[];
      expect(markers).toHaveLength(2);
      // The second source is the config file; its values are filled in at deploy time from the data stack.
      const values = JSON.stringify(Object.values(markers[1]!));
      expect(values).toContain('AWS::Region');
      expect(values).toContain(logicalId(stacks.data.adminAuth.userPool));
      expect(values).toContain(logicalId(stacks.data.adminAuth.client));
    });
  });

  describe('stacks', () => {
    it(`keeps every stack at ${MAX_RESOURCES_PER_STACK} resources or fewer (CloudFormation's limit is 500)`, () => {
      const counts = Object.fromEntries(stacks.all.map((s) => [s.stackName, Object.keys(Template.fromStack(s).toJSON().Resources as Json).length]));
      for (const [name, count] of Object.entries(counts)) expect(count, `${name} has ${count} resources`).toBeLessThanOrEqual(MAX_RESOURCES_PER_STACK);
    });

    it('keeps the data in the stack of the former single stack’s name, under the same logical ids', () => {
      expect(stacks.data.stackName).toBe('MineralShop-test');
      const owner = (construct: IConstruct) => Stack.of(construct).stackName;
      for (const construct of [stacks.data.table.table, stacks.data.adminAuth.userPool, ...Object.values(stacks.data.secrets.secrets), ...Object.values(stacks.data.queues.queues)]) {
        expect(owner(construct)).toBe('MineralShop-test');
      }
      expect(logicalId(stacks.data.table.table)).toBe(tableId);
      expect(tableId).toMatch(/^DataTable[0-9A-F]{8}$/);
      expect(logicalId(stacks.data.adminAuth.userPool)).toMatch(/^AdminAuthUserPool[0-9A-F]{8}$/);
    });

    it('deploys admin routes in the admin API stack, the others in the shopper API stack, and workers in their own', () => {
      const stackOfFunction = (fn: IConstruct) => Stack.of(fn);
      for (const route of routes) {
        const fn = (isAdminRoute(route) ? stacks.adminApi : stacks.shopperApi).api.functions.get(route.id);
        expect(fn, `${route.id} in the ${isAdminRoute(route) ? 'admin' : 'shopper'} API stack`).toBeDefined();
        expect(stackOfFunction(fn!)).toBe(isAdminRoute(route) ? stacks.adminApi : stacks.shopperApi);
      }
      for (const worker of workers) expect(stackOfFunction(stacks.workers.workers.functions.get(worker.id)!)).toBe(stacks.workers);
    });

    it('references across stacks by reading outputs, never by exports a later split could leave in use', () => {
      for (const s of stacks.all) {
        const json = JSON.stringify(Template.fromStack(s).toJSON());
        expect(json, s.stackName).not.toContain('Fn::ImportValue');
        expect(json, s.stackName).not.toContain('"Export"');
      }
      // And only down the order data ← site ← APIs and workers: nothing depends on a later stack.
      const order = stacks.all;
      expect(stacks.site.dependencies).toContain(stacks.data);
      expect(stacks.adminApi.dependencies).toEqual(expect.arrayContaining([stacks.data, stacks.site]));
      for (const [index, s] of order.entries()) {
        for (const dependency of s.dependencies) expect(order.indexOf(dependency as Stack), `${s.stackName} → ${dependency.stackName}`).toBeLessThan(index);
      }
    });
  });

  it('outputs the site URL, the API URL, the table name, the admin pool and client, and the key secret', () => {
    template.hasOutput('SiteUrl', { Value: Match.anyValue() });
    template.hasOutput('ApiUrl', { Value: Match.anyValue() });
    template.hasOutput('TableName', { Value: { Ref: tableId } });
    template.hasOutput('AdminUserPoolId', { Value: { Ref: logicalId(stacks.data.adminAuth.userPool) } });
    template.hasOutput('AdminUserPoolClientId', { Value: { Ref: logicalId(stacks.data.adminAuth.client) } });
    template.hasOutput('ShopperTokenKeysSecretArn', { Value: resolved(stacks.data.secrets.secrets.shopperTokenKeys.secretArn) });
  });
});

describe('ShopApi with routes the table does not have yet', () => {
  // Borrows a real handler file; only the declared needs and access matter here.
  const base = routes[0]!;
  const readWriteRoute: RouteDefinition = { ...base, id: 'fixtureReadWrite', method: 'PUT', path: '/api/fixtures/{id}', needs: { table: 'readWrite' } };
  const adminRoute: RouteDefinition = { ...base, id: 'fixtureAdmin', method: 'POST', path: '/api/admin/fixtures', access: 'admin', needs: { table: 'readWrite' } };
  const noTableRoute: RouteDefinition = { ...base, id: 'fixtureNoTable', method: 'GET', path: '/api/fixtures', needs: { table: 'none' } };

  function fixtureStack(fixtureRoutes: RouteDefinition[], withAuthorizer: boolean) {
    // No bundling and no template validation: these tests are about grants and wiring only.
    const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Fixture');
    const table = new ShopTable(stack, 'Data');
    const adminAuthorizer = withAuthorizer
      ? new HttpJwtAuthorizer('AdminJwt', 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_fixture', { jwtAudience: ['fixture'] })
      : undefined;
    const api = new ShopApi(stack, 'Api', { table: table.table, shopUrl: DEFAULT_SHOP_URL, routes: fixtureRoutes, adminAuthorizer });
    return { template: Template.fromStack(stack), api };
  }

  it('grants read and write access to a readWrite route, and none to a route that needs no table', () => {
    const { template } = fixtureStack([readWriteRoute, noTableRoute], false);
    const [tableId] = only(template.findResources('AWS::DynamoDB::GlobalTable'), 'table');
    const functions = routeFunctions(template);
    expectTableAccess(template, functions.get(readWriteRoute.id)!, readWriteRoute.needs, tableId);
    expectTableAccess(template, functions.get(noTableRoute.id)!, noTableRoute.needs, tableId);
  });

  it('puts the admin authorizer on admin routes only', () => {
    const { template, api } = fixtureStack([adminRoute, noTableRoute], true);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /api/admin/fixtures', AuthorizationType: 'JWT' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /api/fixtures', AuthorizationType: 'NONE' });
    expect([...api.functions.keys()].sort()).toEqual([adminRoute.id, noTableRoute.id].sort());
  });

  it('refuses to synthesize an admin route without an authorizer', () => {
    expect(() => fixtureStack([adminRoute], false)).toThrow(AdminRouteWithoutAuthorizerError);
  });

  it('refuses a route that needs a queue, a secret or email it was not given, rather than deploy it without the grant', () => {
    expect(() => fixtureStack([{ ...noTableRoute, needs: { table: 'none', sendsTo: ['notifications'] } }], false)).toThrow(NeedWithoutResourceError);
    expect(() => fixtureStack([{ ...noTableRoute, needs: { table: 'none', secrets: ['shopperTokenKeys'] } }], false)).toThrow(NeedWithoutResourceError);
    expect(() => fixtureStack([{ ...noTableRoute, needs: { table: 'none', sendsEmail: true } }], false)).toThrow(NeedWithoutResourceError);
  });
});

describe('ShopWorkers with workers it cannot build yet', () => {
  const base = workers[0]!;

  function fixtureWorkers(fixture: WorkerDefinition, options: { withQueues?: boolean } = {}) {
    const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Fixture');
    const queues = options.withQueues ? new ShopQueues(stack, 'Queues').queues : undefined;
    return new ShopWorkers(stack, 'Workers', { table: new ShopTable(stack, 'Data').table, shopUrl: DEFAULT_SHOP_URL, queues, workers: [fixture] });
  }

  it('builds a worker that needs only the table', () => {
    expect([...fixtureWorkers({ ...base, id: 'fixtureJob', needs: { table: 'none' } }).functions.keys()]).toEqual(['fixtureJob']);
  });

  it('refuses a trigger kind it does not wire, rather than deploy a function nothing invokes', () => {
    const trigger = { kind: 'carrierPigeon' } as unknown as WorkerDefinition['trigger'];
    expect(() => fixtureWorkers({ ...base, id: 'fixturePigeon', trigger })).toThrow(UnsupportedWorkerError);
  });

  it('refuses a need it was given nothing to grant on, rather than deploy a function without its grants', () => {
    const needs = { table: 'read', secrets: ['fixtureSecret'] } as unknown as RouteNeeds;
    expect(() => fixtureWorkers({ ...base, id: 'fixtureSecretive', needs })).toThrow(NeedWithoutResourceError);
    expect(() => fixtureWorkers({ ...base, id: 'fixtureSecretive', needs })).toThrow(/fixtureSecretive.*secret "fixtureSecret"/i);
  });

  it('refuses a queue consumer whose queue it was not given', () => {
    const trigger = { kind: 'queue', queue: 'notifications', batchSize: 10, maxConcurrency: 2 } as const;
    expect(() => fixtureWorkers({ ...base, id: 'fixtureConsumer', trigger, needs: { table: 'none' } })).toThrow(NeedWithoutResourceError);
    expect([...fixtureWorkers({ ...base, id: 'fixtureConsumer', trigger, needs: { table: 'none' } }, { withQueues: true }).functions.keys()]).toEqual(['fixtureConsumer']);
  });
});
