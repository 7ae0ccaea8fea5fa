// A used refresh token keeps its successor sealed under a key derived from the used token itself, so
// only someone presenting that token can get the successor back (the table holds a hash of the token
// and this ciphertext, neither of which opens the other). This lets a refresh be answered twice for a
// few seconds (two tabs, a lost response) without storing any usable token.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const INFO = 'mineral-shop refresh successor v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const keyFrom = (usedToken: string) => Buffer.from(hkdfSync('sha256', Buffer.from(usedToken, 'utf8'), Buffer.alloc(0), INFO, 32));

export function sealSuccessor(successor: string, usedToken: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(usedToken), iv);
  const sealed = Buffer.concat([cipher.update(successor, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The successor, or undefined when `sealed` was not sealed with `usedToken` (or was tampered with). */
export function openSuccessor(sealed: string, usedToken: string): string | undefined {
  const bytes = Buffer.from(sealed, 'base64url');
  if (bytes.length <= IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(usedToken), bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
