// Puts a new signing key at the head of the shopper token key set in Secrets Manager and retires all
// but the previous one. CloudFormation creates the secret empty (infra/constructs/shopSecrets.ts), so:
//   - run this ONCE AFTER THE FIRST DEPLOY of a stage (until then shopper sign-in fails), and
//   - run it again whenever the keys rotate.
// Usage: npx tsx infra/scripts/rotateShopperTokenKeys.ts --secret-arn <ShopperTokenKeysSecretArn output>
// Needs secretsmanager:DescribeSecret, GetSecretValue and PutSecretValue on that secret.
//
// Warm functions read the set again when a token names a key they do not hold (at most every 30 s)
// and every 15 minutes (shared/auth/tokenKeys.ts): tokens signed with the new key are accepted
// everywhere at once, and every function signs with it within 15 minutes. Rotate no more often than
// the longest-lived token the keys sign, so the retired key has signed nothing still valid.
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { parseArgs } from 'node:util';
import { generateKeySet } from '../../shared/auth/tokenKeys';
import { parseKeySet, rotateKeySet } from './shopperKeySet';

const { values } = parseArgs({ options: { 'secret-arn': { type: 'string' } }, strict: true });
const secretArn = values['secret-arn'];
const region = secretArn?.match(/^arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):\d{12}:secret:.+$/)?.[1];
if (!secretArn || !region) {
  console.error('Usage: npx tsx infra/scripts/rotateShopperTokenKeys.ts --secret-arn arn:aws:secretsmanager:<region>:<account>:secret:<name>');
  process.exit(2);
}

const client = new SecretsManagerClient({ region });

/** The current value, or undefined for a secret that has never had one (GetSecretValue would throw). */
async function currentValue(): Promise<string | undefined> {
  const described = await client.send(new DescribeSecretCommand({ SecretId: secretArn }));
  const hasCurrent = Object.values(described.VersionIdsToStages ?? {}).some((stages) => stages.includes('AWSCURRENT'));
  if (!hasCurrent) return undefined;
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
  if (SecretString === undefined) throw new Error('The secret holds a binary value, not a JWK set');
  return SecretString;
}

const current = parseKeySet(await currentValue());
const next = rotateKeySet(current, await generateKeySet());
await client.send(new PutSecretValueCommand({ SecretId: secretArn, SecretString: JSON.stringify(next) }));
// Key ids only: never print key material.
const retired = current.filter((old) => !next.some((kept) => kept.kid === old.kid)).map((k) => k.kid);
console.log(`Signing with ${next[0]!.kid}; verifying ${next.map((k) => k.kid).join(', ')}; retired ${retired.join(', ') || 'none'}.`);
