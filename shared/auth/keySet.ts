// Making a new shopper-token key set, as the secret stores it: a JSON array of private JWKs (ES256).
// Kept apart from tokenKeys.ts, which reads its environment at import, so setup code can use it.
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';

export async function generateKeySet(): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return JSON.stringify([{ ...jwk, kid: randomUUID(), alg: 'ES256', use: 'sig' }]);
}
