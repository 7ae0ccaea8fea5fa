// Which payment provider this function talks to, decided once per cold start from the environment:
//   - a Stripe secret key configured (STRIPE_SECRET_KEY, or its Secrets Manager ARN) → real Stripe;
//   - otherwise PAYMENT_SANDBOX_URL → the local payment sandbox, through the very same SDK adapter;
//   - neither → the cold start fails.
// The sandbox takes fake money only on one machine: with STAGE set to anything but `local`, or inside
// a real Lambda, it is refused at cold start rather than let a deployed shop "sell" for nothing.
import * as z from 'zod';
import { ConfigurationError, readEnv } from '../config';
import { SECRETS } from '../secrets';
import type { PaymentClientConfig, PaymentGateway } from './port';
import { paymentSecret } from './secrets';
import { createStripeClient, createStripeGateway } from './stripeGateway';

/** The API key the SDK presents to the sandbox (which accepts any sk_test_ key). Not a secret. */
export const SANDBOX_API_KEY = 'sk_test_sandbox';

/** Where the site's sandbox card form posts: same origin, forwarded by the local API server. */
export const SANDBOX_CONFIRM_PATH = '/_sandbox/confirm';

export type GatewaySettings = { provider: 'stripe'; publishableKey: string | undefined } | { provider: 'sandbox'; sandboxUrl: string };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Decides the provider from an environment; throws ConfigurationError when it cannot or must not. */
export function gatewaySettings(env: NodeJS.ProcessEnv = process.env): GatewaySettings {
  const config = readEnv(
    {
      STAGE: z.string().min(1).optional(),
      PAYMENT_SANDBOX_URL: z.url({ protocol: /^http$/ }).refine((url) => LOOPBACK.has(new URL(url).hostname), 'must be on 127.0.0.1').optional(),
      STRIPE_PUBLISHABLE_KEY: z.string().regex(/^pk_(test|live)_\w+$/, 'must be a Stripe publishable key (pk_…)').optional(),
    },
    env,
  );
  const { localEnv, arnEnv } = SECRETS.stripeApiKey;
  if (env[localEnv] || env[arnEnv]) return { provider: 'stripe', publishableKey: config.STRIPE_PUBLISHABLE_KEY };
  if (config.PAYMENT_SANDBOX_URL) {
    if ((config.STAGE !== undefined && config.STAGE !== 'local') || env.AWS_LAMBDA_FUNCTION_NAME) {
      throw new ConfigurationError('the payment sandbox never runs in a deployed stage');
    }
    return { provider: 'sandbox', sandboxUrl: config.PAYMENT_SANDBOX_URL };
  }
  throw new ConfigurationError(`No payment provider: set ${localEnv} or ${arnEnv} for Stripe, or PAYMENT_SANDBOX_URL for the local sandbox`);
}

const settings = gatewaySettings();

function stripeClientConfig(publishableKey: string | undefined): PaymentClientConfig {
  // Read only by checkout; the functions that never show a card form work without it.
  if (!publishableKey) throw new ConfigurationError('STRIPE_PUBLISHABLE_KEY is not set: the site cannot take card payments with Stripe.js');
  return { provider: 'stripe', publishableKey, sandboxConfirmUrl: null };
}

async function buildGateway(s: GatewaySettings): Promise<PaymentGateway> {
  if (s.provider === 'stripe') {
    const apiKey = await paymentSecret('stripeApiKey');
    return createStripeGateway({ kind: 'stripe', stripe: await createStripeClient(apiKey), clientConfig: () => stripeClientConfig(s.publishableKey) });
  }
  const clientConfig: PaymentClientConfig = { provider: 'sandbox', publishableKey: null, sandboxConfirmUrl: SANDBOX_CONFIRM_PATH };
  return createStripeGateway({ kind: 'sandbox', stripe: await createStripeClient(SANDBOX_API_KEY, s.sandboxUrl), clientConfig: () => clientConfig });
}

let gateway: Promise<PaymentGateway> | undefined;

/** The payment gateway, built once per cold start (a failed build, e.g. an unreachable secret, is tried again). */
export function paymentGateway(): Promise<PaymentGateway> {
  if (!gateway) {
    gateway = buildGateway(settings);
    gateway.catch(() => (gateway = undefined));
  }
  return gateway;
}
