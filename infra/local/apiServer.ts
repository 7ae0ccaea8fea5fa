// The local stand-in for API Gateway + Lambda + CloudFront: one HTTP server on 127.0.0.1 that turns
// each /api request into an API Gateway v2 (HTTP API) event, calls the very handler the Lambda runs,
// and serves the built site for every other path.
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { RouteDefinition } from '../../shared/http/routes';
import { securityHeaders } from '../../shared/http/securityHeaders';
import { spaRewrite } from '../spaRewrite';
import { lambdaContext } from './lambdaContext';
import { SANDBOX_BROWSER_PREFIX, type PaymentSandbox } from './paymentSandbox';

export const REPO_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/** The local server refuses bodies over this before any handler sees them (API Gateway's own cap is 10 MB). */
const MAX_REQUEST_BYTES = 1024 * 1024;

type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2 | string | undefined>;

interface CompiledRoute {
  route: RouteDefinition;
  pattern: RegExp;
  paramNames: string[];
}

/** Adds what an authorizer would put on the event, or answers 401/403 itself. */
export type LocalAuthorizer = (route: RouteDefinition, event: APIGatewayProxyEventV2) => Promise<{ status: number; body: unknown } | undefined>;

export interface ApiServerOptions {
  routes: readonly RouteDefinition[];
  /** Folder with the built site; omitted: API only. */
  siteDir?: string;
  authorizer?: LocalAuthorizer;
  /** Print one line per API request. */
  accessLog?: boolean;
  /**
   * What the admin console signs in against, served at /admin/config.json (in AWS the CDK deploy writes
   * that file). Cognito's own endpoint: cognito-local answers CORS for any origin, so no proxy is needed.
   */
  consoleConfig?: { endpoint: string; userPoolId: string; clientId: string };
  /** Where /media/* is read from (the S3 emulator's photo bucket), as CloudFront reads it in AWS. */
  mediaOrigin?: string;
  /** The local payment sandbox: its browser side is served under /_sandbox/ (same origin as the site). */
  paymentSandbox?: Pick<PaymentSandbox, 'handleBrowser'>;
}

function compile(route: RouteDefinition): CompiledRoute {
  const paramNames: string[] = [];
  const source = route.path
    .split('/')
    .map((part) => {
      const m = /^\{(\w+)\}$/.exec(part);
      if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      paramNames.push(m[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}$`), paramNames };
}

const handlerCache = new Map<string, Promise<LambdaHandler>>();

export function loadHandler(route: RouteDefinition): Promise<LambdaHandler> {
  let loaded = handlerCache.get(route.handler);
  if (!loaded) {
    loaded = import(pathToFileURL(path.join(REPO_ROOT, route.handler)).href).then((mod: { handler?: LambdaHandler }) => {
      if (typeof mod.handler !== 'function') throw new Error(`${route.handler} does not export a handler`);
      return mod.handler;
    });
    handlerCache.set(route.handler, loaded);
  }
  return loaded;
}


const TEXT_TYPES = /^(application\/(json|x-www-form-urlencoded)|text\/)/i;

export function toApiGatewayEvent(
  req: IncomingMessage,
  url: URL,
  compiled: CompiledRoute,
  params: Record<string, string>,
  body: Buffer,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const isText = TEXT_TYPES.test(headers['content-type'] ?? 'application/json');
  const now = new Date();
  const routeKey = `${compiled.route.method} ${compiled.route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    ...(headers.cookie ? { cookies: headers.cookie.split(/;\s*/) } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(compiled.paramNames.length ? { pathParameters: params } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too_large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** decodeURIComponent that answers undefined for a malformed escape instead of throwing. */
function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

const badPath = { error: { code: 'invalid_request', message: 'The path has a malformed %-escape.' } };

/** Query parameters that carry a secret (the tokens of tracking, unsubscribe and confirmation links) or an address: never logged. */
const SECRET_PARAM = /token|secret|signature|password|email/i;

/** A request's path and query as the access log shows it: every secret-bearing parameter's value replaced. */
export function loggablePath(url: URL): string {
  if (!url.search) return url.pathname;
  const query = [...url.searchParams].map(([name, value]) => `${name}=${SECRET_PARAM.test(name) ? '[redacted]' : encodeURIComponent(value)}`);
  return `${url.pathname}?${query.join('&')}`;
}

/** Where the admin console reads its pool's settings. */
export const CONSOLE_CONFIG_PATH = '/admin/config.json';

function serveStatic(siteDir: string, url: URL, res: ServerResponse) {
  const decoded = safeDecode(url.pathname);
  if (decoded === undefined) return sendJson(res, 400, badPath);
  const file = path.normalize(path.join(siteDir, decoded));
  if (!file.startsWith(siteDir)) return sendJson(res, 400, { error: { code: 'bad_path', message: 'Bad path.' } });
  let target = existsSync(file) && statSync(file).isFile() ? file : undefined;
  // Client-side routes are deep links: the shop's or the console's shell, by CloudFront's own rule.
  if (!target) {
    const rewritten = spaRewrite(decoded);
    if (rewritten !== decoded) target = path.join(siteDir, rewritten);
  }
  if (!target || !existsSync(target)) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    return res.end('Not found');
  }
  const ext = path.extname(target);
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
    'cache-control': ext === '.html' ? 'no-cache' : 'public, max-age=300',
    'x-content-type-options': 'nosniff',
  });
  createReadStream(target).pipe(res);
}

/** A photo size from the bucket, only its body and type passed on; anything not there is a 404. */
async function serveMedia(origin: string, url: URL, res: ServerResponse): Promise<void> {
  const upstream = await fetch(`${origin}${url.pathname}`);
  if (!upstream.ok) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    return void res.end('Not found');
  }
  res.writeHead(200, {
    'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream',
    'cache-control': 'public, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
  });
  res.end(Buffer.from(await upstream.arrayBuffer()));
}

export function createApiServer(options: ApiServerOptions): Server {
  const compiled = options.routes.map(compile);
  const siteDir = options.siteDir ? path.resolve(options.siteDir) : undefined;
  // CloudFront's headers (shared/http/securityHeaders.ts) on every answer. The console calls cognito-local
  // and the S3 emulator (presigned uploads) directly, as it calls Cognito and the photo bucket in AWS.
  const headers = securityHeaders(
    [options.consoleConfig?.endpoint, options.mediaOrigin].flatMap((endpoint) => (endpoint ? [new URL(endpoint).origin] : [])),
  );

  return createServer(async (req, res) => {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    try {
      if (options.paymentSandbox && url.pathname.startsWith(SANDBOX_BROWSER_PREFIX)) {
        await options.paymentSandbox.handleBrowser(req, res);
        if (options.accessLog) console.log(`${req.method} ${url.pathname} → ${res.statusCode} (${Date.now() - started} ms, payment sandbox)`);
        return;
      }
      if (options.mediaOrigin && url.pathname.startsWith('/media/') && (req.method === 'GET' || req.method === 'HEAD')) {
        return await serveMedia(options.mediaOrigin, url, res);
      }
      if (!url.pathname.startsWith('/api/') && url.pathname !== '/api') {
        if (url.pathname === CONSOLE_CONFIG_PATH && options.consoleConfig) return sendJson(res, 200, options.consoleConfig);
        if (siteDir && (req.method === 'GET' || req.method === 'HEAD')) return serveStatic(siteDir, url, res);
        return sendJson(res, 404, { error: { code: 'not_found', message: `Nothing at ${url.pathname}.` } });
      }
      const candidates = compiled
        .map((c) => ({ c, m: c.pattern.exec(url.pathname) }))
        .filter((x): x is { c: CompiledRoute; m: RegExpExecArray } => x.m !== null);
      const match = candidates.find((x) => x.c.route.method === req.method);
      if (!match) {
        // API Gateway answers an unknown route with 404, whatever the method.
        return sendJson(res, 404, { error: { code: 'not_found', message: `No route for ${req.method} ${url.pathname}.` } });
      }
      const params: Record<string, string> = {};
      for (const [i, name] of match.c.paramNames.entries()) {
        const value = safeDecode(match.m[i + 1]!);
        if (value === undefined) return sendJson(res, 400, badPath);
        params[name] = value;
      }
      const body = await readBody(req);
      if (body === 'too_large') {
        return sendJson(res, 413, { error: { code: 'payload_too_large', message: 'The request body is too large.' } });
      }
      const event = toApiGatewayEvent(req, url, match.c, params, body);
      if (options.authorizer) {
        const denied = await options.authorizer(match.c.route, event);
        if (denied) return sendJson(res, denied.status, denied.body);
      }
      const handler = await loadHandler(match.c.route);
      const result = await handler(event, lambdaContext(match.c.route.id));
      const structured: APIGatewayProxyStructuredResultV2 =
        typeof result === 'object' && result !== null && 'statusCode' in result
          ? result
          : { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result ?? null) };
      const headers: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(structured.headers ?? {})) headers[k] = String(v);
      if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
      res.writeHead(structured.statusCode ?? 200, headers);
      const payload = structured.body ?? '';
      res.end(structured.isBase64Encoded ? Buffer.from(payload, 'base64') : payload);
      if (options.accessLog) {
        console.log(`${req.method} ${loggablePath(url)} → ${structured.statusCode} (${Date.now() - started} ms)`);
      }
    } catch (error) {
      // A handler that throws past its own error mapping is a bug; like Lambda, answer a bare 500.
      console.error('local API server: handler crashed', error);
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'internal_error', message: 'Internal server error.' } });
      else res.end();
    }
  });
}
