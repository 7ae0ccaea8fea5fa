import { describe, expect, it } from 'vitest';
import { listMineralsQuery } from '../../shared/http/schemas/catalog';

describe('listing query schema', () => {
  it('fills in the default sort and limit', () => {
    expect(listMineralsQuery.parse({})).toEqual({ sort: 'popular', limit: 24 });
  });

  it('turns query-string text into numbers and booleans', () => {
    expect(listMineralsQuery.parse({ minPrice: '100', maxPrice: '200', inStock: 'true', limit: '5' })).toMatchObject({
      minPrice: 100,
      maxPrice: 200,
      inStock: true,
      limit: 5,
    });
  });

  it.each([{ minPrice: '' }, { minPrice: '1e3' }, { limit: '101' }, { limit: '-1' }, { sort: 'PRICE_ASC' }, { extra: '1' }])(
    'rejects %j',
    (query) => {
      expect(listMineralsQuery.safeParse(query).success).toBe(false);
    },
  );

  it('allows equal price bounds', () => {
    expect(listMineralsQuery.safeParse({ minPrice: '500', maxPrice: '500' }).success).toBe(true);
  });
});
