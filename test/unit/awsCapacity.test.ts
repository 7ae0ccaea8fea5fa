import { describe, expect, it } from 'vitest';
import { indexWriteUnits, itemReadUnits, itemSize, numberSize, queryReadUnits, valueSize, writeCharge } from '../bench/awsCapacity';

const byPrice = { pk: 'gsi1pk', sk: 'gsi1sk' };
const card = { pk: 'gsi1pk', sk: 'gsi1sk', projection: ['name', 'priceCents'] };

describe('DynamoDB item size', () => {
  it('counts attribute names and string bytes in UTF-8', () => {
    expect(itemSize({ pk: 'ab', sk: 'é' })).toBe(2 + 2 + 2 + 2);
  });

  it('counts a number as one byte per two significant digits plus one', () => {
    expect(numberSize(7)).toBe(2);
    expect(numberSize(1234)).toBe(3);
    expect(numberSize(12345)).toBe(4);
    expect(numberSize(1_000_000)).toBe(2);
    expect(numberSize(-0.125)).toBe(3);
    expect(itemSize({ n: 1234 })).toBe(1 + 3);
  });

  it('counts booleans and null as one byte, lists and maps as 3 plus one per element', () => {
    expect(valueSize(true)).toBe(1);
    expect(valueSize(null)).toBe(1);
    expect(valueSize([])).toBe(3);
    expect(valueSize(['ab', 7])).toBe(3 + (2 + 1) + (2 + 1));
    expect(valueSize({ a: 'xy' })).toBe(3 + (1 + 2 + 1));
    expect(valueSize(new Set(['ab', 'c']))).toBe(3);
  });
});

describe('write units', () => {
  const small = { pk: 'P', sk: 'S', v: 1 };
  const big = { pk: 'P', sk: 'S', blob: 'x'.repeat(1500) };

  it('charges ⌈size / 1 KB⌉ of the larger image, doubled in a transaction', () => {
    expect(writeCharge(undefined, small, {})).toEqual({ table: 1, indexes: 0 });
    expect(writeCharge(big, small, {})).toEqual({ table: 2, indexes: 0 });
    expect(writeCharge(small, big, {}, { transactional: true })).toEqual({ table: 4, indexes: 0 });
    expect(writeCharge(big, undefined, {})).toEqual({ table: 2, indexes: 0 });
  });

  it('charges an index only when its entry appears, leaves, moves or changes a projected attribute', () => {
    const m = { pk: 'M', sk: 'M', gsi1pk: 'MINERALS', gsi1sk: '0100#m', name: 'Quartz', priceCents: 100, available: 5 };
    expect(indexWriteUnits(undefined, { pk: 'X', sk: 'X' }, byPrice)).toBe(0);
    expect(indexWriteUnits(undefined, m, byPrice)).toBe(1);
    expect(indexWriteUnits(m, undefined, byPrice)).toBe(1);
    expect(indexWriteUnits(m, { ...m, gsi1sk: '0200#m' }, byPrice)).toBe(2);
    expect(indexWriteUnits(m, { ...m }, byPrice)).toBe(0);
    // ALL projects the stock counter; INCLUDE does not.
    expect(indexWriteUnits(m, { ...m, available: 4 }, byPrice)).toBe(1);
    expect(indexWriteUnits(m, { ...m, available: 4 }, card)).toBe(0);
    expect(indexWriteUnits(m, { ...m, name: 'Rose quartz' }, card)).toBe(1);
  });

  it('sizes an index write by the projected image, not the whole item', () => {
    const m = { pk: 'M', sk: 'M', gsi1pk: 'MINERALS', gsi1sk: 'k', name: 'Q', priceCents: 1, description: 'd'.repeat(3000) };
    expect(indexWriteUnits(undefined, m, byPrice)).toBe(3);
    expect(indexWriteUnits(undefined, m, card)).toBe(1);
    expect(writeCharge(undefined, m, { byPrice, card })).toEqual({ table: 3, indexes: 4 });
  });

  it('charges a failed conditional write on the table only', () => {
    expect(writeCharge(small, small, { byPrice }, { transactional: true, failed: true })).toEqual({ table: 2, indexes: 0 });
  });
});

describe('read units', () => {
  const item = { pk: 'P', sk: 'S', blob: 'x'.repeat(5000) };

  it('charges ⌈size / 4 KB⌉ per item, half when eventually consistent, double in a transaction', () => {
    expect(itemReadUnits(item, { consistent: true })).toBe(2);
    expect(itemReadUnits(item)).toBe(1);
    expect(itemReadUnits(item, { transactional: true })).toBe(4);
    expect(itemReadUnits(undefined)).toBe(0.5);
  });

  it('sums a Query page before rounding', () => {
    const card100 = { pk: 'P', sk: 'S', blob: 'x'.repeat(96) };
    expect(queryReadUnits(Array.from({ length: 24 }, () => card100))).toBe(0.5);
    expect(queryReadUnits(Array.from({ length: 24 }, () => card100), { consistent: true })).toBe(1);
    expect(queryReadUnits([item, item], { consistent: true })).toBe(3);
  });
});
