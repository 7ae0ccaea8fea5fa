import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openSuccessor, sealSuccessor } from '../../shared/auth/refreshSuccessor';

const token = () => randomBytes(32).toString('base64url');

describe('a used refresh token’s sealed successor', () => {
  it('opens with the used token only', () => {
    const [used, successor] = [token(), token()];
    const sealed = sealSuccessor(successor, used);
    expect(sealed).not.toContain(successor);
    expect(openSuccessor(sealed, used)).toBe(successor);
    expect(openSuccessor(sealed, token())).toBeUndefined();
  });

  it('refuses a tampered or truncated seal', () => {
    const used = token();
    const sealed = Buffer.from(sealSuccessor(token(), used), 'base64url');
    sealed[sealed.length - 1]! ^= 1;
    expect(openSuccessor(sealed.toString('base64url'), used)).toBeUndefined();
    expect(openSuccessor(sealed.subarray(0, 20).toString('base64url'), used)).toBeUndefined();
  });
});
