// Routes of the HTTP API: one ShopFunction and one route per entry of the route table, each function
// granted exactly what its route declares (table, queues, secrets, email) and nothing more. The API
// itself may live in another stack (infra/stack.ts): each route, its integration and its function are
// built here, in this construct's stack, so a stack of routes only imports the API's id.
import { Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Construct } from 'constructs';
import path from 'node:path';
import { ROUTES, type RouteDefinition } from '../../shared/http/routes';
import { REPO_ROOT } from '../paths';
import { functionAlarm } from './shopAlarms';
import { grantNeeds, pascalCase, ShopFunction, type ShopFunctionResources } from './shopFunction';

export interface ShopApiProps extends ShopFunctionResources {
  /** The shop's public origin, for links in mails (SHOP_URL on every function). */
  readonly shopUrl: string;
  /** @default ROUTES, the shop's route table */
  readonly routes?: readonly RouteDefinition[];
  /** The API the routes are added to. @default a new HTTP API of this construct's own */
  readonly httpApi?: apigwv2.IHttpApi;
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

/** Requests a second the whole API takes, and the burst above it: far above one dealer's busiest hour. */
export const API_THROTTLE = { rateLimit: 100, burstLimit: 200 } as const;

/** A new HTTP API with no routes: stacks of routes add theirs (ShopApi's `httpApi`). */
export function newShopHttpApi(scope: Construct, id: string): apigwv2.HttpApi {
  // The site and the API share one CloudFront origin, so the API needs no CORS.
  const api = new apigwv2.HttpApi(scope, id, {
    apiName: `${Stack.of(scope).stackName}-api`,
    description: 'Mineral shop HTTP API',
  });
  // Every route of the default stage is throttled (beyond it, API Gateway answers 429 before any
  // function runs). Limits per route would have to name routes the stage's stack does not hold yet
  // (they live in the route stacks, deployed after it); the edge's rate rules do that per client.
  const stage = api.defaultStage?.node.defaultChild as apigwv2.CfnStage | undefined;
  stage?.addPropertyOverride('DefaultRouteSettings', { ThrottlingRateLimit: API_THROTTLE.rateLimit, ThrottlingBurstLimit: API_THROTTLE.burstLimit });
  return api;
}

/** The API's hostname, for a CloudFront origin. */
export function httpApiDomainName(api: apigwv2.IHttpApi): string {
  const stack = Stack.of(api);
  return `${api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
}

export class ShopApi extends Construct {
  readonly api: apigwv2.IHttpApi;
  /** Route id → its function, for tests and for constructs that add triggers or alarms. */
  readonly functions: ReadonlyMap<string, ShopFunction>;

  constructor(scope: Construct, id: string, props: ShopApiProps) {
    super(scope, id);
    this.api = props.httpApi ?? newShopHttpApi(this, 'HttpApi');

    const functions = new Map<string, ShopFunction>();
    for (const route of (props.routes ?? ROUTES) as readonly RouteDefinition[]) {
      const fn = new ShopFunction(this, `${pascalCase(route.id)}Function`, {
        entry: path.join(REPO_ROOT, route.handler),
        table: props.table,
        shopUrl: props.shopUrl,
        description: `${route.method} ${route.path}: ${route.summary}`,
        environment: { ROUTE_ID: route.id },
        reservedConcurrency: props.reserveConcurrency ? route.reservedConcurrency : undefined,
      });
      grantNeeds(fn, route.needs, props);
      functionAlarm(fn, `${route.method} ${route.path}`);

      // A route of its own scope (not api.addRoutes, which builds it in the API's stack).
      new apigwv2.HttpRoute(this, `${pascalCase(route.id)}Route`, {
        httpApi: this.api,
        routeKey: apigwv2.HttpRouteKey.with(route.path, apigwv2.HttpMethod[route.method]),
        integration: new HttpLambdaIntegration(`${pascalCase(route.id)}Integration`, fn),
        authorizer: this.authorizerFor(route, props.adminAuthorizer),
      });
      functions.set(route.id, fn);
    }
    this.functions = functions;
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
