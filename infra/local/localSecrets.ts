// Secrets on one machine: generated once into .local/secrets.json (git-ignored) and kept, so
// sessions survive a restart the way they survive a deploy in AWS.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateKeySet } from '../../shared/auth/keySet';
import type { SecretName } from '../../shared/secrets';

export async function ensureLocalSecrets(dataDir: string): Promise<Record<SecretName, string>> {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Record<SecretName, string>;
  const secrets: Record<SecretName, string> = { shopperTokenKeys: await generateKeySet() };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
