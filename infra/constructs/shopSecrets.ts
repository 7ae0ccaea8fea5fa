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
      // Created empty: Secrets Manager's generator makes passwords, not a JWK set, and a value in the
      // template would be written back over the live keys by any deploy that changed it. The value
      // belongs to infra/scripts/rotateShopperTokenKeys.ts alone, which must be run once after the
      // first deploy (until then shopper sign-in fails) and again whenever the keys rotate.
      (secret.node.defaultChild as secretsmanager.CfnSecret).addPropertyDeletionOverride('GenerateSecretString');
      secrets[name] = secret;
    }
    this.secrets = secrets as Record<SecretName, secretsmanager.Secret>;
  }
}
