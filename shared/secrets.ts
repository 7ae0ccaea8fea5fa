// The shop's secrets. In AWS each lives in Secrets Manager (CDK creates it and passes its ARN in the
// environment variable named here); on one machine the local runtime generates the values once under
// .local/ and passes them in `localEnv`.

export const SECRETS = {
  /** Signing keys of shopper access tokens: a JSON array of private JWKs, newest first. */
  shopperTokenKeys: { arnEnv: 'SHOPPER_TOKEN_KEYS_SECRET_ARN', localEnv: 'SHOPPER_TOKEN_KEYS' },
  /** Stripe's secret API key (sk_… or a restricted rk_…). Locally unset: the payment sandbox plays Stripe. */
  stripeApiKey: { arnEnv: 'STRIPE_API_KEY_SECRET_ARN', localEnv: 'STRIPE_SECRET_KEY' },
  /** The signing secret (whsec_…) of the webhook endpoint that posts to /api/webhooks/stripe. */
  stripeWebhookSecret: { arnEnv: 'STRIPE_WEBHOOK_SECRET_ARN', localEnv: 'STRIPE_WEBHOOK_SECRET' },
} as const;

export type SecretName = keyof typeof SECRETS;
