// The payment secrets: Stripe's API key and the webhook signing secret. Like the shopper token keys
// (shared/auth/tokenKeys.ts), each comes from its local environment variable on one machine or from
// Secrets Manager by the ARN CDK passes, fetched once per cold start. This module never imports the
// Stripe SDK: the webhook function loads its secret from here and must stay small.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod';
import { ConfigurationError, readEnv } from '../config';
import { DEPENDENCY_CLIENT_OPTIONS } from '../dependencies';
import { SECRETS } from '../secrets';

export type PaymentSecretName = 'stripeApiKey' | 'stripeWebhookSecret';

const api = SECRETS.stripeApiKey;
const webhook = SECRETS.stripeWebhookSecret;

const env = readEnv({
  [api.localEnv]: z.string().regex(/^(sk|rk)_(test|live)_\w+$/, 'must be a Stripe secret key (sk_test_…, sk_live_…) or restricted key (rk_…)').optional(),
  [api.arnEnv]: z.string().startsWith('arn:').optional(),
  [webhook.localEnv]: z.string().regex(/^whsec_\w+$/, 'must be a webhook signing secret (whsec_…)').optional(),
  [webhook.arnEnv]: z.string().startsWith('arn:').optional(),
});

/** Whether a secret is configured at all (a local value or an ARN), without fetching it. */
export function isPaymentSecretConfigured(name: PaymentSecretName): boolean {
  const { localEnv, arnEnv } = SECRETS[name];
  return Boolean(env[localEnv] ?? env[arnEnv]);
}

let client: SecretsManagerClient | undefined;

async function load(name: PaymentSecretName): Promise<string> {
  const { localEnv, arnEnv } = SECRETS[name];
  const local = env[localEnv];
  if (local) return local;
  const arn = env[arnEnv];
  if (!arn) throw new ConfigurationError(`Neither ${localEnv} nor ${arnEnv} is set: the ${name} secret is not configured`);
  client ??= new SecretsManagerClient(DEPENDENCY_CLIENT_OPTIONS);
  const res = await client.send(new GetSecretValueCommand({ SecretId: arn }));
  const value = res.SecretString?.trim();
  // Created empty by CDK: the operator puts the value in (see infra/constructs/shopSecrets.ts).
  if (!value) throw new ConfigurationError(`The ${name} secret is empty: put its value in Secrets Manager (${arnEnv})`);
  return value;
}

const loaded = new Map<PaymentSecretName, Promise<string>>();

/** The secret's value, fetched once per cold start (a failed fetch is tried again next time). */
export function paymentSecret(name: PaymentSecretName): Promise<string> {
  let value = loaded.get(name);
  if (!value) {
    value = load(name);
    loaded.set(name, value);
    value.catch(() => loaded.delete(name));
  }
  return value;
}

/** The webhook signing secret, for verifyPaymentEvent (shared/payments/webhooks.ts). */
export const stripeWebhookSecret = (): Promise<string> => paymentSecret('stripeWebhookSecret');
