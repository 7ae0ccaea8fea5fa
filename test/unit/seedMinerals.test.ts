import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CATEGORIES } from '../../shared/domain/catalog';
import { SEED_MINERALS } from '../../infra/local/seed/minerals';
import { mineralSvg, placeholderSvg } from '../../infra/local/seed/mineralImage';

const IMAGE_DIR = fileURLToPath(new URL('../../frontend/public/images/minerals/', import.meta.url));
const SVG_NS = 'http://www.w3.org/2000/svg';

function expectSafeSvg(svg: string): void {
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg).toContain('viewBox="0 0 400 300"');
  expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  expect(svg.toLowerCase()).not.toContain('<script');
  expect(svg).not.toMatch(/\son[a-z]+=/i); // no event handlers
  const withoutNs = svg.split(SVG_NS).join('');
  expect(withoutNs).not.toContain('http://');
  expect(withoutNs).not.toContain('https://');
  expect(withoutNs).not.toMatch(/href=/);
  expect(Buffer.byteLength(svg, 'utf8')).toBeLessThan(4096);
}

describe('seed minerals', () => {
  it('has at least 45 minerals', () => {
    expect(SEED_MINERALS.length).toBeGreaterThanOrEqual(45);
  });

  it('has unique, slug-shaped ids', () => {
    const ids = SEED_MINERALS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('uses every category at least three times, and only known categories', () => {
    const known = new Set<string>(CATEGORIES.map((c) => c.id));
    for (const m of SEED_MINERALS) expect(known.has(m.category)).toBe(true);
    for (const c of CATEGORIES) {
      expect(SEED_MINERALS.filter((m) => m.category === c.id).length, c.id).toBeGreaterThanOrEqual(3);
    }
  });

  it('has sane numbers', () => {
    for (const m of SEED_MINERALS) {
      expect(Number.isInteger(m.priceCents) && m.priceCents > 0, `${m.id} price`).toBe(true);
      expect(m.mohsHardness, `${m.id} hardness`).toBeGreaterThanOrEqual(1);
      expect(m.mohsHardness, `${m.id} hardness`).toBeLessThanOrEqual(10);
      expect(Number.isInteger(m.weightGrams) && m.weightGrams > 0, `${m.id} weight`).toBe(true);
      expect(Number.isInteger(m.stock) && m.stock >= 0, `${m.id} stock`).toBe(true);
      expect(Number.isInteger(m.popularity) && m.popularity >= 0, `${m.id} popularity`).toBe(true);
      expect(Number.isInteger(m.createdDaysAgo) && m.createdDaysAgo >= 0, `${m.id} createdDaysAgo`).toBe(true);
    }
  });

  it('has text and colours for every specimen', () => {
    for (const m of SEED_MINERALS) {
      for (const text of [m.name, m.description, m.quality, m.origin]) expect(text.trim().length, m.id).toBeGreaterThan(0);
      for (const c of m.colors) expect(c, m.id).toMatch(/^#[0-9a-f]{6}$/i);
    }
  });

  it('shows some specimens as sold out', () => {
    expect(SEED_MINERALS.filter((m) => m.stock === 0).length).toBeGreaterThanOrEqual(2);
  });
});

describe('mineral pictures', () => {
  it('draws a small, self-contained SVG for every seed', () => {
    for (const m of SEED_MINERALS) expectSafeSvg(mineralSvg(m));
    expectSafeSvg(placeholderSvg());
  });

  it('is deterministic', () => {
    const m = SEED_MINERALS[0]!;
    expect(mineralSvg(m)).toBe(mineralSvg(m));
  });

  it('has an image file for every seed, plus the placeholder', () => {
    for (const m of SEED_MINERALS) {
      const file = `${IMAGE_DIR}${m.id}.svg`;
      expect(existsSync(file), `${m.id}.svg missing; run infra/local/seed/writeImages.ts`).toBe(true);
      expectSafeSvg(readFileSync(file, 'utf8'));
    }
    expect(existsSync(`${IMAGE_DIR}placeholder.svg`)).toBe(true);
  });
});
