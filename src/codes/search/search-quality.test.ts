/**
 * Search quality floors on committed fixtures (see test/fixtures/search/PROVENANCE.md): a sample of
 * the ICD-10-CM index-path queries, and free-text coder queries written for Superbill. The full query
 * file is measured by bench/codes-search.bench.ts.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCodeSets } from '../load.js';
import { searchIndexFor } from './index-cache.js';
import { search, type SearchIndex } from './search.js';

const fixtures = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'test',
  'fixtures',
  'search',
);

function readTsv(name: string): string[][] {
  return readFileSync(join(fixtures, name), 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l !== '')
    .map((l) => l.split('\t'));
}

/** The query a coder types for an index path: its words, without the '>' separators. */
function queryOfPath(path: string): string {
  return path.replaceAll('>', ' ').replace(/\s+/g, ' ').trim();
}

describe('search quality', () => {
  let index: SearchIndex;
  beforeAll(() => {
    index = searchIndexFor(loadCodeSets({ cptFile: null }));
  });

  it('puts the expected code in the top 5 for at least 97% of sampled index-path queries', () => {
    const rows = readTsv('icd10cm-index-queries-sample.tsv');
    expect(rows.length).toBe(2025);
    let top1 = 0;
    let top5 = 0;
    for (const [path, expected] of rows) {
      const rank = search(index, queryOfPath(path!), { limit: 5 }).findIndex((r) => r.code === expected);
      if (rank === 0) top1 += 1;
      if (rank >= 0) top5 += 1;
    }
    expect(top5 / rows.length).toBeGreaterThanOrEqual(0.97);
    expect(top1 / rows.length).toBeGreaterThanOrEqual(0.9);
  });

  it('finds free-text coder queries (abbreviations, typos, lay words) in the top 5 at least 90% of the time', () => {
    const rows = readTsv('coder-queries.tsv');
    const misses = rows.filter(
      ([query, expected]) =>
        !search(index, query!, { limit: 5, date: '2026-11-27' }).some((r) => r.code.startsWith(expected!)),
    );
    expect(misses.length / rows.length, `missed: ${misses.map((m) => m[0]).join(', ')}`).toBeLessThanOrEqual(
      0.1,
    );
  });
});
