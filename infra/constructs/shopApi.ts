// The HTTP API: one ShopFunction and one route per entry of the route table, each function granted
// exactly what its route declares (table, queues, secrets, email) and nothing more.
import { Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Construct } from 'constructs';
import path from 'node:path';
import { ROUTES, type RouteDefinition } from '../../shared/http/routes';
import { REPO_ROOT } from '../paths';
import { grantNeeds, pascalCase, ShopFunction, type ShopFunctionResources } from './shopFunction';

export interface ShopApiProps extends ShopFunctionResources {
  /** The shop's public origin, for links in mails (SHOP_URL on every function). */
  readonly shopUrl: string;
  /** @default ROUTES, the shop's route table */
  readonly routes?: readonly RouteDefinition[];
  /**
   * Guards every `access: 'admin'` route (the Cognito JWT authorizer, once the user pool exists).
   * Synthesis fails if an admin route exists without one: an admin route is never deployed open.
   */
  readonly adminAuthorizer?: apigwv2.IHttpRouteAuthorizer;
}

/** Thrown at synth time: an admin route must never be deployed without its authorizer. */
export class AdminRouteWithoutAuthorizerError extends Error {
  override name = 'AdminRouteWithoutAuthorizerError';
}

export class ShopApi extends Construct {
  readonly api: apigwv2.HttpApi;
  /** Route id → its function, for tests and for constructs that add triggers or alarms. */
  readonly functions: ReadonlyMap<string, ShopFunction>;

  constructor(scope: Construct, id: string, props: ShopApiProps) {
    super(scope, id);
    // The site and the API share one CloudFront origin, so the API needs no CORS.
    this.api = new apigwv2.HttpApi(this, 'HttpApi', {
      apiName: `${Stack.of(this).stackName}-api`,
      description: 'Mineral shop HTTP API',
    });

    const functions = new Map<string, ShopFunction>();
    for (const route of props.routes ?? ROUTES) {
      const fn = new ShopFunction(this, `${pascalCase(route.id)}Function`, {
        entry: path.join(REPO_ROOT, route.handler),
        table: props.table,
        shopUrl: props.shopUrl,
        description: `${route.method} ${route.path}: ${route.summary}`,
        environment: { ROUTE_ID: route.id },
      });
      grantNeeds(fn, route.needs, props);

      this.api.addRoutes({
        path: route.path,
        methods: [apigwv2.HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${pascalCase(route.id)}Integration`, fn),
        authorizer: this.authorizerFor(route, props.adminAuthorizer),
      });
      functions.set(route.id, fn);
    }
    this.functions = functions;
  }

  /** The API's hostname, for a CloudFront origin. */
  get domainName(): string {
    const stack = Stack.of(this);
    return `${this.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
  }

  private authorizerFor(route: RouteDefinition, adminAuthorizer: apigwv2.IHttpRouteAuthorizer | undefined) {
    if (route.access !== 'admin') return undefined;
    if (!adminAuthorizer) {
      throw new AdminRouteWithoutAuthorizerError(
        `Route ${route.id} (${route.method} ${route.path}) is an admin route, but ShopApi has no adminAuthorizer`,
      );
    }
    return adminAuthorizer;
  }
}
