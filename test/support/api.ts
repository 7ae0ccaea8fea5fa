// Starts the local API server in-process on a free loopback port: integration tests go through the
// same HTTP → API Gateway event → handler path as `npm start`.
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiServer, type LocalAuthorizer } from '../../infra/local/apiServer';
import { ROUTES } from '../../shared/http/routes';
import { currentPaymentSandbox } from './payments';

// Response bodies are whatever JSON the API sent; tests assert on their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface RequestOptions {
  body?: unknown;
  /** Sent as is, not JSON-encoded. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** The loopback address to send from (the API sees it as the client's address), e.g. 127.0.4.2. */
  from?: string;
}

export interface TestApi {
  url: (path: string) => string;
  get: (path: string, headers?: Record<string, string>) => Promise<{ status: number; body: Json }>;
  request: (method: string, path: string, options?: RequestOptions) => Promise<{ status: number; body: Json; headers: Headers }>;
  close: () => Promise<void>;
}

/**
 * `authorizer`: what stands in for API Gateway's authorizers (e.g. the local admin JWT authorizer).
 * The file's payment sandbox (test/support/payments.ts) is mounted under /_sandbox/, and its events
 * are sent to this server's /api/webhooks/stripe, as with `npm start`.
 */
export async function startTestApi(options: { authorizer?: LocalAuthorizer } = {}): Promise<TestApi> {
  const paymentSandbox = currentPaymentSandbox();
  const server = createApiServer({
    routes: ROUTES,
    ...(options.authorizer ? { authorizer: options.authorizer } : {}),
    ...(paymentSandbox ? { paymentSandbox } : {}),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = (path: string) => `http://127.0.0.1:${port}${path}`;
  paymentSandbox?.setWebhookUrl(url('/api/webhooks/stripe'));
  const request: TestApi['request'] = async (method, path, options = {}) => {
    const hasBody = options.body !== undefined || options.rawBody !== undefined;
    if (options.from) return requestFrom(options.from, url(path), method, { ...options.headers }, hasBody ? (options.rawBody ?? JSON.stringify(options.body)) : undefined);
    const res = await fetch(url(path), {
      method,
      headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...options.headers },
      ...(hasBody ? { body: options.rawBody ?? JSON.stringify(options.body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  };
  return {
    url,
    request,
    get: async (path, headers) => {
      const { status, body } = await request('GET', path, headers ? { headers } : {});
      return { status, body };
    },
    close: async () => {
      // Events still on their way would otherwise be retried against a closed port.
      if (paymentSandbox && paymentSandbox.webhookUrl === url('/api/webhooks/stripe')) {
        paymentSandbox.setWebhookUrl(undefined);
        await paymentSandbox.idle();
      }
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

/** A guest cart made through the API, with helpers that send its token. */
/** A guest cart, its requests sent from `from` (by default an address of its own: a client per cart). */
export async function aGuestCart(api: TestApi, from: string = aClientAddress()) {
  const created = await api.request('POST', '/api/carts', { from });
  if (created.status !== 201) throw new Error(`could not create a cart: ${created.status}`);
  const { cartId, cartToken } = created.body as { cartId: string; cartToken: string };
  const headers = { 'x-cart-token': cartToken };
  return {
    cartId,
    cartToken,
    from,
    view: () => api.request('GET', `/api/carts/${cartId}`, { headers, from }),
    set: (mineralId: string, quantity: unknown) => api.request('PUT', `/api/carts/${cartId}/items/${mineralId}`, { body: { quantity }, headers, from }),
    remove: (mineralId: string) => api.request('DELETE', `/api/carts/${cartId}/items/${mineralId}`, { headers, from }),
    /** Checks out to Denver by standard shipping (checking out takes lapsed holds again, as far as the shelf allows). */
    checkout: (email: string) =>
      api.request('POST', '/api/checkout', { headers, body: { cartId, email, address: DENVER_ADDRESS, shippingMethod: 'standard' }, from }),
  };
}

/** One request from a chosen loopback address (fetch cannot choose the address it sends from). */
function requestFrom(from: string, target: string, method: string, headers: Record<string, string>, body: string | undefined) {
  const url = new URL(target);
  return new Promise<{ status: number; body: Json; headers: Headers }>((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method, localAddress: from, headers: { ...(body !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const responseHeaders = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') responseHeaders.set(k, v);
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined, headers: responseHeaders });
        });
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** A loopback address of its own for each guest "client" a test makes, so per-client limits do not meet across tests. */
export function aClientAddress(): string {
  const byte = () => 1 + Math.floor(Math.random() * 254);
  return `127.${byte()}.${byte()}.${byte()}`;
}

/** A delivery address that quotes everywhere the tests need: Denver, Colorado. */
export const DENVER_ADDRESS = { name: 'Ada Stone', line1: '1 Quartz Way', city: 'Denver', region: 'CO', postalCode: '80202', country: 'US' } as const;

/** A guest holds one unit of `mineralId` and checks out to Denver; returns what checkout answered (201). */
export async function aGuestOrder(api: TestApi, mineralId: string, email: string) {
  const cart = await aGuestCart(api);
  const held = await cart.set(mineralId, 1);
  if (held.status !== 200) throw new Error(`could not hold ${mineralId}: ${held.status}`);
  const res = await api.request('POST', '/api/checkout', {
    headers: { 'x-cart-token': cart.cartToken },
    body: { cartId: cart.cartId, email, address: DENVER_ADDRESS, shippingMethod: 'standard' },
  });
  if (res.status !== 201) throw new Error(`checkout answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { cart, placed: res.body as Json, orderId: res.body.order.orderId as string };
}
