import { beforeAll, describe, expect, it } from 'vitest';
import { loadCodeSets } from '../load.js';
import type { CodeEntry, IndexTerm } from '../model.js';
import { searchIndexFor } from './index-cache.js';
import {
  CPT_UNLICENSED_DESCRIPTION,
  buildSearchIndex,
  search,
  type SearchIndex,
  type SearchResult,
} from './search.js';

const codes = (results: readonly SearchResult[]): string[] => results.map((r) => r.code);

describe('search over a handful of entries (pure)', () => {
  const entries: CodeEntry[] = [
    {
      system: 'ICD-10-CM',
      code: 'E11',
      shortDescription: '',
      longDescription: 'Type 2 diabetes mellitus',
      billable: false,
    },
    {
      system: 'ICD-10-CM',
      code: 'E11.9',
      shortDescription: '',
      longDescription: 'Type 2 diabetes mellitus without complications',
      billable: true,
      parent: 'E11',
    },
    {
      system: 'ICD-10-CM',
      code: 'E11.40',
      shortDescription: '',
      longDescription: 'Type 2 diabetes mellitus with diabetic neuropathy, unspecified',
      billable: true,
      parent: 'E11',
    },
    {
      system: 'ICD-10-CM',
      code: 'I10',
      shortDescription: '',
      longDescription: 'Essential (primary) hypertension',
      billable: true,
    },
    {
      system: 'ICD-10-CM',
      code: 'J18.9',
      shortDescription: '',
      longDescription: 'Pneumonia, unspecified organism',
      billable: true,
    },
    {
      system: 'ICD-10-CM',
      code: 'X99.1',
      shortDescription: '',
      longDescription: 'Old wording of a test condition',
      billable: true,
      validTo: '2025-09-30',
    },
    {
      system: 'ICD-10-CM',
      code: 'X99.1',
      shortDescription: '',
      longDescription: 'New wording of a test condition',
      billable: true,
      validFrom: '2025-10-01',
    },
    {
      system: 'HCPCS',
      code: 'E1140',
      shortDescription: '',
      longDescription: 'Wheelchair, detachable arms',
      billable: true,
      validFrom: '2000-01-01',
    },
    {
      system: 'CPT',
      code: '99213',
      shortDescription: '',
      longDescription: '',
      billable: true,
      descriptionLicensed: false,
    },
  ];
  const terms: IndexTerm[] = [
    { path: 'Diabetes, diabetic > type 2 > with > neuropathy', code: 'E11.40', source: 'alphabetic' },
    { path: 'Hypertension, hypertensive', code: 'I10', source: 'alphabetic' },
    { path: 'Not a code we have', code: 'Q99.99', source: 'alphabetic' },
  ];
  const index = buildSearchIndex(entries, terms);

  it('groups entries the same whether they come in code order or not', () => {
    // Code order per system (as loaded) takes the path without maps; this list is out of order.
    const sorted = [...entries].sort(
      (a, b) =>
        a.system.localeCompare(b.system) ||
        (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
        (a.validFrom ?? '').localeCompare(b.validFrom ?? ''),
    );
    expect(sorted).not.toEqual(entries);
    const other = buildSearchIndex(sorted, terms);
    expect(other.groupCount).toBe(index.groupCount);
    // Group numbers follow the input order, so only ties may come in another order.
    const found = (i: SearchIndex, q: string): string[] =>
      search(i, q)
        .map((r) => `${r.score} ${r.system} ${r.code} ${r.matchedText}`)
        .sort();
    for (const q of ['E11', 'diabetes neuropathy', 'hypertension', 'test condition', 'E114'])
      expect(found(other, q)).toEqual(found(index, q));
  });

  it('finds by code prefix with or without the dot, exact code first, across systems', () => {
    expect(codes(search(index, 'E11.4'))).toEqual(['E11.40', 'E1140']);
    expect(codes(search(index, 'e114'))).toEqual(['E11.40', 'E1140']);
    expect(codes(search(index, 'E11')).slice(0, 1)).toEqual(['E11']);
    expect(search(index, 'E11.9')[0]).toMatchObject({ code: 'E11.9', matchedBy: 'code', billable: true });
  });

  it('finds by words in any order, through titles and index terms', () => {
    const [first] = search(index, 'neuropathy diabetes type 2');
    expect(first).toMatchObject({
      code: 'E11.40',
      matchedBy: 'index-term',
      matchedText: 'Diabetes, diabetic > type 2 > with > neuropathy',
    });
    expect(search(index, 'essential hypertension')[0]).toMatchObject({
      code: 'I10',
      matchedBy: 'description',
    });
  });

  it('reads abbreviations and says so', () => {
    const [first] = search(index, 'HTN');
    expect(first).toMatchObject({ code: 'I10', matchedBy: 'synonym' });
    expect(first!.synonyms).toEqual(['htn → hypertension']);
  });

  it('tolerates typos', () => {
    expect(search(index, 'pneumonai')[0]?.code).toBe('J18.9');
    expect(search(index, 'hypertention')[0]?.code).toBe('I10');
  });

  it('filters by system, billable and date of service, showing the wording in force', () => {
    expect(search(index, 'E11', { billableOnly: true }).every((r) => r.billable)).toBe(true);
    expect(codes(search(index, 'E114', { system: 'HCPCS' }))).toEqual(['E1140']);
    expect(search(index, 'test condition', { date: '2025-06-01' })[0]?.description).toBe(
      'Old wording of a test condition',
    );
    expect(search(index, 'test condition', { date: '2026-06-01' })[0]?.description).toBe(
      'New wording of a test condition',
    );
    expect(search(index, 'test condition')[0]?.description).toBe('New wording of a test condition');
  });

  it('knows CPT codes by number only until descriptors are imported', () => {
    expect(search(index, '99213')[0]).toMatchObject({
      system: 'CPT',
      code: '99213',
      description: CPT_UNLICENSED_DESCRIPTION,
    });
    const licensed = buildSearchIndex(
      [{ ...entries[8]!, longDescription: 'Office visit, licensed words', descriptionLicensed: true }],
      [],
    );
    expect(codes(search(licensed, 'office visit'))).toEqual(['99213']);
  });

  it('returns nothing for nothing, and respects the limit', () => {
    expect(search(index, '   ')).toEqual([]);
    expect(search(index, 'zzzzqqq')).toEqual([]);
    expect(search(index, 'E', { limit: 2 })).toHaveLength(0); // "E" alone is not code-shaped
    expect(search(index, 'diabetes', { limit: 2 })).toHaveLength(2);
  });
});

describe('search over the committed code sets', () => {
  let index: SearchIndex;
  const top = (query: string, n = 5, options = {}): string[] =>
    codes(search(index, query, { limit: n, ...options }));

  beforeAll(() => {
    index = searchIndexFor(loadCodeSets({ cptFile: null }));
  });

  it('finds E11.40 for "type 2 diabetes with neuropathy" (the issue\'s example)', () => {
    expect(top('type 2 diabetes with neuropathy')).toContain('E11.40');
    expect(top('neuropathy with type 2 diabetes')).toContain('E11.40');
  });

  it('finds the S52 wrist fractures for "broken wrist" through the lay-word synonyms', () => {
    const results = search(index, 'broken wrist', { limit: 5 });
    expect(results.filter((r) => r.code.startsWith('S52')).length).toBeGreaterThan(0);
    expect(results[0]!.matchedBy).toBe('synonym');
  });

  it('reads clinical abbreviations', () => {
    expect(top('HTN', 3)).toContain('I10');
    expect(top('CHF', 3).some((c) => c.startsWith('I50'))).toBe(true);
    expect(top('COPD', 3).some((c) => c.startsWith('J44'))).toBe(true);
    expect(top('UTI', 3)).toContain('N39.0');
    expect(top('afib', 3).some((c) => c.startsWith('I48'))).toBe(true);
    expect(top('GERD', 3).some((c) => c.startsWith('K21'))).toBe(true);
    expect(top('SOB', 3)).toContain('R06.02');
    expect(top('DM2 with CKD', 3)).toContain('E11.22');
    expect(top('T2DM neuropathy', 5)).toContain('E11.40');
  });

  it('tolerates typos', () => {
    expect(top('diabetis', 5).some((c) => /^E1[0-3]/.test(c))).toBe(true);
    expect(top('pneumonai', 3)).toContain('J18.9');
    expect(top('hypertention', 3)).toContain('I10');
    expect(top('astma', 5).some((c) => c.startsWith('J45'))).toBe(true);
    expect(top('chest pian', 5).some((c) => c.startsWith('R07'))).toBe(true);
  });

  it('treats plurals and singulars alike', () => {
    expect(top('fractures of femur', 3)).toEqual(top('fracture of femur', 3));
    expect(top('pneumonias', 3)).toEqual(top('pneumonia', 3));
  });

  it('searches by code prefix', () => {
    const results = search(index, 'e114', { limit: 20 });
    expect(results[0]).toMatchObject({ code: 'E11.4', matchedBy: 'code' });
    expect(results.every((r) => r.code.replace('.', '').startsWith('E114'))).toBe(true);
    expect(search(index, 'J18', { limit: 3, system: 'ICD-10-CM' })[0]?.code).toBe('J18');
    expect(
      codes(search(index, 'J18', { system: 'HCPCS', limit: 50 })).every((c) => c.startsWith('J18')),
    ).toBe(true);
  });

  it('filters by system, billable and date of service', () => {
    expect(
      search(index, 'wheelchair', { system: 'HCPCS', limit: 10 }).every((r) => r.system === 'HCPCS'),
    ).toBe(true);
    expect(search(index, 'diabetes', { billableOnly: true, limit: 20 }).every((r) => r.billable)).toBe(true);
    // E78.01 was billable until 2025-09-30 and is a header since (FY2026 expanded it).
    expect(search(index, 'E78.01', { date: '2025-09-01', billableOnly: true })[0]?.code).toBe('E78.01');
    expect(top('E78.01', 5, { date: '2026-03-01', billableOnly: true })).not.toContain('E78.01');
    // C78.31 is new in FY2027 (valid from 2026-10-01).
    expect(top('secondary malignant neoplasm of larynx', 5, { date: '2026-11-01' })).toContain('C78.31');
    expect(top('secondary malignant neoplasm of larynx', 5, { date: '2026-03-01' })).not.toContain('C78.31');
  });

  it('finds free-text coder queries, not only index paths', () => {
    expect(top('knee osteoarthritis', 5).some((c) => c.startsWith('M17'))).toBe(true);
    expect(top('heart attack', 5).some((c) => c.startsWith('I21'))).toBe(true);
    expect(top('lung cancer', 5).some((c) => c.startsWith('C34'))).toBe(true);
    expect(top('fall from ladder', 5).some((c) => c.startsWith('W11'))).toBe(true);
    expect(top('acetaminophen overdose', 5).some((c) => c.startsWith('T39.1'))).toBe(true);
    expect(top('high blood pressure', 3)).toContain('I10');
  });

  it('knows CPT codes by number and never shows a descriptor without a licence', () => {
    const [first] = search(index, '99213');
    expect(first).toMatchObject({ system: 'CPT', code: '99213', description: CPT_UNLICENSED_DESCRIPTION });
    expect(search(index, 'office visit', { system: 'CPT' })).toEqual([]);
  });
});
