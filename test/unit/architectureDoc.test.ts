// docs/architecture.md is the newcomer's map. These checks keep it from rotting quietly: every file it
// names exists, and every index, worker and item-key prefix the code defines is on the map.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INDEXES } from '../../shared/db/table';
import { WORKERS } from '../../shared/workers';

const root = path.resolve(import.meta.dirname, '../..');
const doc = readFileSync(path.join(root, 'docs/architecture.md'), 'utf8');

describe('the architecture document', () => {
  it('names only files and folders that exist', () => {
    const named = [...doc.matchAll(/`((?:shared|infra|functions|frontend|test|docs)\/[\w./-]*)`/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(40);
    const missing = named.filter((p) => !existsSync(path.join(root, p)));
    expect(missing).toEqual([]);
  });

  it('describes every index of the table', () => {
    const absent = Object.keys(INDEXES).filter((name) => !doc.includes(name));
    expect(absent).toEqual([]);
  });

  it('describes every worker', () => {
    const absent = WORKERS.map((w) => w.id).filter((id) => !doc.includes(`\`${id}\``));
    expect(absent).toEqual([]);
  });

  it('lists every item key prefix the db layer writes', () => {
    const sources = readdirSync(path.join(root, 'shared/db'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(path.join(root, 'shared/db', f), 'utf8'))
      .join('\n');
    // Literal key prefixes such as `CART#${…}`, 'LEDGER#', 'DASHBOARD#SHARD#'.
    const prefixes = new Set([...sources.matchAll(/[`'"]([A-Z][A-Z_]{2,}(?:#[A-Z_]+)*#)/g)].map((m) => m[1]!));
    expect(prefixes.size).toBeGreaterThan(10);
    const absent = [...prefixes].filter((p) => !doc.includes(p));
    expect(absent).toEqual([]);
  });
});
