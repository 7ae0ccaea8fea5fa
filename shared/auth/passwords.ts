// Passwords: the policy a new password must meet, and scrypt hashing with the parameters stored in
// the hash so they can be raised later without breaking existing accounts.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { COMMON_PASSWORDS } from './commonPasswords';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCallback(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

/** Current parameters: N = 2^15 costs ~50 ms and 32 MiB on a Lambda core. */
const PARAMS = { N: 2 ** 15, r: 8, p: 1, keylen: 32 } as const;
const MAX_MEMORY = 64 * 1024 * 1024;

export const PASSWORD_RULES = { minLength: 10, maxLength: 200 } as const;

/** Why a password is not acceptable, or undefined when it is. */
export function passwordProblem(password: string, context: { username?: string; email?: string } = {}): string | undefined {
  if (password.length < PASSWORD_RULES.minLength) return `Use at least ${PASSWORD_RULES.minLength} characters.`;
  if (password.length > PASSWORD_RULES.maxLength) return `Use at most ${PASSWORD_RULES.maxLength} characters.`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'That password is one of the most common ones; choose another.';
  if (/^(.)\1+$/.test(password)) return 'A password of one repeated character is too easy to guess.';
  for (const personal of [context.username, context.email?.split('@')[0]]) {
    if (personal && personal.length >= 4 && lower.includes(personal.toLowerCase())) return 'Do not put your username or email in your password.';
  }
  return undefined;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, PARAMS.keylen, { N: PARAMS.N, r: PARAMS.r, p: PARAMS.p, maxmem: MAX_MEMORY });
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAX_MEMORY,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash to verify against when the account does not exist, so both paths take the same time. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}
