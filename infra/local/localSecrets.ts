// Secrets on one machine: generated once into .local/secrets.json (git-ignored) and kept, so
// sessions survive a restart the way they survive a deploy in AWS. A secret added to the shop later
// is generated into an existing file the first time it is missed. Stripe's API key is never
// generated: without one the payment sandbox plays Stripe (see ./paymentSandbox.ts).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateKeySet } from '../../shared/auth/keySet';
import type { SecretName } from '../../shared/secrets';

/** The secrets the local runtime makes for itself. */
export type LocalSecrets = Record<Exclude<SecretName, 'stripeApiKey'>, string>;

/** A webhook signing secret shaped like Stripe's (whsec_…), for the sandbox to sign with. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('hex')}`;
}

const GENERATORS: { [K in keyof LocalSecrets]: () => Promise<string> } = {
  shopperTokenKeys: generateKeySet,
  stripeWebhookSecret: async () => generateWebhookSecret(),
};

export async function ensureLocalSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>) : {};
  const missing = (Object.keys(GENERATORS) as (keyof LocalSecrets)[]).filter((name) => !stored[name]);
  if (missing.length === 0) return stored as LocalSecrets;
  const secrets = { ...stored };
  for (const name of missing) secrets[name] = await GENERATORS[name]();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets as LocalSecrets;
}
