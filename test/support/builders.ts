// Small builders for test data: a valid thing by default, overridden where the test cares.
import type { Mineral } from '../../shared/domain/catalog';

let counter = 0;

export function aMineral(overrides: Partial<Mineral> = {}): Mineral {
  counter += 1;
  const id = overrides.id ?? `specimen-${counter}-${Math.random().toString(36).slice(2, 8)}`;
  const createdAt = overrides.createdAt ?? new Date(Date.UTC(2026, 0, 1) + counter * 60_000).toISOString();
  return {
    id,
    name: `Specimen ${counter}`,
    category: 'silicates',
    description: 'A test specimen.',
    quality: 'Undamaged.',
    origin: 'Test Mine, Nowhere',
    mohsHardness: 7,
    weightGrams: 120,
    priceCents: 1000 + counter,
    currency: 'USD',
    available: 1,
    image: `/images/minerals/${id}.svg`,
    popularity: 0,
    ratingCount: 0,
    ratingSum: 0,
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}
