// A listing page must cost the same whether the catalog holds a few hundred minerals or ten times
// as many: pages are served by Query on an index, never Scan, and filtered pages read a bounded
// number of items.
import { beforeAll, describe, expect, it } from 'vitest';
import type { CategoryId } from '../../shared/domain/catalog';
import { FILTERED_READ_BUDGET, putMinerals, queryCatalog, type CatalogQuery } from '../../shared/db/minerals';
import { aMineral } from '../support/builders';

const categories: CategoryId[] = ['silicates', 'oxides', 'carbonates', 'sulfides', 'halides'];

function catalogOf(from: number, to: number) {
  return Array.from({ length: to - from }, (_, k) => {
    const i = from + k;
    return aMineral({
      // Same-length ids and names: every item is the same size, so capacity compares like with like.
      id: `cap-${String(i).padStart(5, '0')}`,
      name: `Capacity specimen ${String(i).padStart(5, '0')}`,
      category: categories[i % categories.length]!,
      priceCents: 1_000 + ((i * 7919) % 50_000),
      popularity: (i * 31) % 997,
      available: i % 10 === 0 ? 0 : 1 + (i % 4),
      description: 'A specimen of realistic description length for capacity measurements. '.repeat(4),
    });
  });
}

const shapes: Array<[string, CatalogQuery]> = [
  ['default listing', { sort: 'popular', limit: 24 }],
  ['category by newest', { sort: 'newest', category: 'oxides', limit: 24 }],
  ['price range on a price sort', { sort: 'price_asc', minPrice: 5_000, maxPrice: 40_000, limit: 24 }],
  ['in stock only', { sort: 'popular', inStock: true, limit: 24 }],
];

async function capacityOf(query: CatalogQuery): Promise<{ capacity: number; itemsRead: number }> {
  const page = await queryCatalog(query);
  expect(page.items).toHaveLength(query.limit);
  return { capacity: page.consumedCapacity, itemsRead: page.itemsRead };
}

const SMALL = 200;
const LARGE = 2_000;
const small = new Map<string, { capacity: number; itemsRead: number }>();
const large = new Map<string, { capacity: number; itemsRead: number }>();

beforeAll(async () => {
  await putMinerals(catalogOf(0, SMALL));
  for (const [name, q] of shapes) small.set(name, await capacityOf(q));
  await putMinerals(catalogOf(SMALL, LARGE));
  for (const [name, q] of shapes) large.set(name, await capacityOf(q));
}, 300_000);

describe(`consumed capacity of one listing page at ${SMALL} and ${LARGE} minerals`, () => {
  for (const [name] of shapes) {
    it(`is the same for the ${name}`, () => {
      expect(small.get(name)!.capacity).toBeGreaterThan(0);
      expect(large.get(name)).toEqual(small.get(name));
    });
  }

  it('stays within the read budget when a filter is very selective', async () => {
    // Few minerals are over 49,000 cents, so a popularity-sorted page must search for them.
    const page = await queryCatalog({ sort: 'popular', minPrice: 49_000, limit: 24 });
    expect(page.itemsRead).toBeLessThanOrEqual(FILTERED_READ_BUDGET);
    const perItem = large.get('default listing')!.capacity / large.get('default listing')!.itemsRead;
    expect(page.consumedCapacity).toBeLessThanOrEqual(Math.ceil(perItem * FILTERED_READ_BUDGET) + 1);
    expect(page.nextCursor).not.toBeNull();
  });
});
