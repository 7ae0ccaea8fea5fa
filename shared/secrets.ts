// The shop's secrets. In AWS each lives in Secrets Manager (CDK creates it and passes its ARN in the
// environment variable named here); on one machine the local runtime generates the values once under
// .local/ and passes them in `localEnv`.

export const SECRETS = {
  /** Signing keys of shopper access tokens: a JSON array of private JWKs, newest first. */
  shopperTokenKeys: { arnEnv: 'SHOPPER_TOKEN_KEYS_SECRET_ARN', localEnv: 'SHOPPER_TOKEN_KEYS' },
} as const;

export type SecretName = keyof typeof SECRETS;
