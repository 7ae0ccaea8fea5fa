// The rotation rule of infra/scripts/rotateShopperTokenKeys.ts, on real keys from generateKeySet.
import { describe, it, expect } from 'vitest';
import { KEPT_KEYS, parseKeySet, rotateKeySet } from '../../infra/scripts/shopperKeySet';
import { generateKeySet } from '../../shared/auth/tokenKeys';

const kidsOf = (set: { kid: string }[]) => set.map((k) => k.kid);

describe('shopper token key rotation', () => {
  it('starts the set from an empty secret', async () => {
    const fresh = await generateKeySet();
    const rotated = rotateKeySet(parseKeySet(undefined), fresh);
    expect(kidsOf(rotated)).toEqual(kidsOf(parseKeySet(fresh)));
  });

  it('puts the new key first and keeps the previous signer to verify its tokens', async () => {
    const first = rotateKeySet([], await generateKeySet());
    const fresh = parseKeySet(await generateKeySet());
    const rotated = rotateKeySet(first, JSON.stringify(fresh));
    expect(kidsOf(rotated)).toEqual([fresh[0]!.kid, first[0]!.kid]);
  });

  it(`keeps at most ${KEPT_KEYS} keys, retiring the oldest`, async () => {
    let set = parseKeySet(undefined);
    const added: string[] = [];
    for (let i = 0; i < 4; i++) {
      const fresh = await generateKeySet();
      added.unshift(parseKeySet(fresh)[0]!.kid);
      set = rotateKeySet(set, fresh);
    }
    expect(kidsOf(set)).toEqual(added.slice(0, KEPT_KEYS));
  });

  it('refuses a stored value that is not a set of private P-256 keys, rather than overwrite it', async () => {
    expect(() => parseKeySet('not json')).toThrow();
    expect(() => parseKeySet(JSON.stringify([{ kid: 'a', kty: 'RSA', n: 'x', e: 'AQAB' }]))).toThrow();
    const publicOnly = parseKeySet(await generateKeySet()).map(({ d: _d, ...rest }) => rest);
    expect(() => parseKeySet(JSON.stringify(publicOnly))).toThrow();
  });

  it('refuses a key whose id is already in the set', async () => {
    const fresh = await generateKeySet();
    expect(() => rotateKeySet(parseKeySet(fresh), fresh)).toThrow(/already in the set/);
  });
});
