// Writes frontend/public/images/minerals/<id>.svg for every seed mineral, plus placeholder.svg.
// Run from the repository root: node_modules/.bin/tsx infra/local/seed/writeImages.ts

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SEED_MINERALS } from './minerals';
import { mineralSvg, placeholderSvg } from './mineralImage';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const outDir = join(root, 'frontend/public/images/minerals');

mkdirSync(outDir, { recursive: true });
for (const seed of SEED_MINERALS) {
  writeFileSync(join(outDir, `${seed.id}.svg`), mineralSvg(seed) + '\n');
}
writeFileSync(join(outDir, 'placeholder.svg'), placeholderSvg() + '\n');
console.log(`wrote ${SEED_MINERALS.length + 1} images to ${outDir}`);
