// The shop's secrets, one Secrets Manager secret per entry of SECRETS (shared/secrets.ts). Functions
// get read access and the ARN only when their route or worker declares the secret.
import { RemovalPolicy } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { SECRETS, type SecretName } from '../../shared/secrets';
import { pascalCase } from './shopFunction';

export interface ShopSecretsProps {
  /** @default RETAIN: losing the shopper keys signs every shopper out; no stack update may do that. */
  readonly removalPolicy?: RemovalPolicy;
}

/** What each secret holds and who sets it (a new entry in SECRETS will not compile without one). */
const DESCRIPTIONS: Record<SecretName, string> = {
  shopperTokenKeys:
    'Signing keys of shopper access tokens: a JSON array of private ES256 JWKs, newest first. ' +
    'Set and rotated by infra/scripts/rotateShopperTokenKeys.ts, never by CloudFormation.',
  stripeApiKey:
    'Stripe secret API key (sk_live_… / sk_test_…, or a restricted rk_… key with PaymentIntents, Customers, ' +
    'PaymentMethods and Refunds write access). Put the key in after the first deploy; until then checkout and saved cards fail.',
  stripeWebhookSecret:
    'Signing secret (whsec_…) of the Stripe webhook endpoint for <shop URL>/api/webhooks/stripe, subscribed to ' +
    'payment_intent.succeeded, payment_intent.payment_failed, payment_intent.canceled, charge.refunded, refund.created, refund.updated, refund.failed, ' +
    'charge.dispute.created, charge.dispute.updated and charge.dispute.closed. ' +
    'Put it in after creating the endpoint in Stripe; until then every webhook is refused.',
};

export class ShopSecrets extends Construct {
  readonly secrets: Readonly<Record<SecretName, secretsmanager.Secret>>;

  constructor(scope: Construct, id: string, props: ShopSecretsProps = {}) {
    super(scope, id);
    const secrets: Partial<Record<SecretName, secretsmanager.Secret>> = {};
    for (const name of Object.keys(SECRETS) as SecretName[]) {
      const secret = new secretsmanager.Secret(this, `${pascalCase(name)}Secret`, {
        description: DESCRIPTIONS[name],
        removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      });
      // Created empty: Secrets Manager's generator makes passwords, not a JWK set or a Stripe key, and
      // a value in the template would be written back over the live one by any deploy that changed
      // it. The shopper keys belong to infra/scripts/rotateShopperTokenKeys.ts alone (run once after
      // the first deploy, and whenever the keys rotate); the Stripe key and webhook secret come from
      // Stripe's dashboard and are put in by the operator (see DESCRIPTIONS).
      (secret.node.defaultChild as secretsmanager.CfnSecret).addPropertyDeletionOverride('GenerateSecretString');
      secrets[name] = secret;
    }
    this.secrets = secrets as Record<SecretName, secretsmanager.Secret>;
  }
}
