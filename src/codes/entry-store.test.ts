/**
 * The packed representation of the code-set files: fields found by offset, rows checked on load,
 * ICD-10-CM parents from the row order, entries as views that serialise like plain objects.
 */
import { describe, expect, it } from 'vitest';
import { codeSetsFromParts } from './code-sets.js';
import {
  ENTRY_COLUMNS,
  INDEX_TERM_COLUMNS,
  PackedEntryStore,
  PackedIndexTerms,
  plainEntry,
} from './entry-store.js';
import type { CodeSystem } from './model.js';
import { PackedTable } from './packed-table.js';

const header = ENTRY_COLUMNS.join('\t');
const row = (...fields: string[]): string => fields.join('\t');

function icd(lines: readonly string[]): PackedEntryStore {
  const text = `${[header, ...lines].join('\n')}\n`;
  return new PackedEntryStore(
    'ICD-10-CM',
    new PackedTable(Buffer.from(text), ENTRY_COLUMNS, 'test.tsv'),
    'test.tsv',
  );
}

const rows = [
  row('S00', '0', '', '', 'Superficial injury of head', '', ''),
  row('S00.0', '0', '', '', 'Superficial injury of scalp', '', ''),
  row(
    'S00.00',
    '0',
    '',
    '',
    'Unsp superficial injury of scalp',
    'Unspecified superficial injury of scalp',
    '',
  ),
  row('S00.00XA', '1', '', '', 'Unsp superficial injury of scalp, init', '', ''),
  row('S00.01', '1', '', '2026-09-30', 'Abrasion of scalp', '', ''),
  row('S00.01', '0', '2026-10-01', '', 'Abrasion of scalp', '', 'turned header in FY2027'),
  row('S00.010', '1', '2026-10-01', '', 'Abrasion of scalp, left', '', ''),
  row('S01', '0', '', '', 'Open wound of head', '', ''),
];

describe('PackedTable', () => {
  it('reads fields by offset, UTF-8 included, with or without a final newline', () => {
    const t = new PackedTable(Buffer.from('a\tb\nx\tcafé\n\ty'), ['a', 'b'], 'f');
    expect(t.rows).toBe(2);
    expect([t.text(0, 0), t.text(0, 1), t.text(1, 0), t.text(1, 1)]).toEqual(['x', 'café', '', 'y']);
    expect(t.optionalText(1, 0)).toBeUndefined();
  });

  it('rejects a wrong header and rows with missing or extra fields', () => {
    expect(() => new PackedTable(Buffer.from('a\tc\n1\t2\n'), ['a', 'b'], 'f')).toThrow(/unexpected header/);
    expect(() => new PackedTable(Buffer.from('a\tb\n1\n'), ['a', 'b'], 'f')).toThrow(/row 1 has 1 fields/);
    expect(() => new PackedTable(Buffer.from('a\tb\n1\t2\t3\n'), ['a', 'b'], 'f')).toThrow(/more than 2/);
  });
});

describe('PackedEntryStore', () => {
  const store = icd(rows);
  const sets = codeSetsFromParts({
    stores: new Map<CodeSystem, PackedEntryStore>([['ICD-10-CM', store]]),
    indexTerms: () => [],
    releases: [],
    lists: new Map(),
  });

  it('finds parents from the row order; the placeholder X is not a level', () => {
    expect(sets.lookup('ICD-10-CM', 'S00.00XA')?.parent).toBe('S00.00');
    expect(sets.lookup('ICD-10-CM', 'S00.010')?.parent).toBe('S00.01');
    expect(sets.lookup('ICD-10-CM', 'S01')?.parent).toBeUndefined();
    expect(sets.children('ICD-10-CM', 'S00.0').map((e) => e.code)).toEqual(['S00.00', 'S00.01']);
  });

  it('keeps versions oldest first and picks the one valid on a date', () => {
    expect(sets.versions('ICD-10-CM', 's0001').map((e) => e.billable)).toEqual([true, false]);
    expect(sets.lookup('ICD-10-CM', 'S00.01', '2026-03-01')?.validTo).toBe('2026-09-30');
    expect(sets.lookup('ICD-10-CM', 'S00.01', '2026-10-01')?.note).toBe('turned header in FY2027');
    expect(sets.billableDescendants('ICD-10-CM', 'S00', '2026-10-01').map((e) => e.code)).toEqual([
      'S00.00XA',
      'S00.010',
    ]);
  });

  it('gives the same entry object every time, serialised as a plain object', () => {
    const e = sets.lookup('ICD-10-CM', 'S00.00')!;
    expect(sets.entries('ICD-10-CM')[2]).toBe(e);
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      system: 'ICD-10-CM',
      code: 'S00.00',
      shortDescription: 'Unsp superficial injury of scalp',
      longDescription: 'Unspecified superficial injury of scalp',
      billable: false,
      parent: 'S00.0',
    });
    expect(plainEntry(sets.lookup('ICD-10-CM', 'S00.0')!).longDescription).toBe(
      'Superficial injury of scalp',
    );
  });

  it('rejects rows out of code order', () => {
    expect(() => icd([rows[1]!, rows[0]!])).toThrow(/row 2 is out of code order/);
    expect(() => icd([rows[5]!, rows[4]!])).toThrow(/oldest first/);
  });
});

describe('PackedIndexTerms', () => {
  it('strips the dash of incomplete codes and marks codes that are not ICD-10-CM codes', () => {
    const text = [
      INDEX_TERM_COLUMNS.join('\t'),
      row('alphabetic', 'Abrasion > scalp', 'S00.01', '', ''),
      row('alphabetic', 'Injury > scalp', 'S00.0-', '(superficial)', ''),
      row('drug', 'Arsenic > Poisoning', 'T57.0X1', '', ''),
    ].join('\n');
    const terms = new PackedIndexTerms(
      new PackedTable(Buffer.from(text), INDEX_TERM_COLUMNS, 't'),
      icd(rows),
      't',
    ).all();
    expect(terms.map((t) => [t.code, t.source, t.incomplete ?? false])).toEqual([
      ['S00.01', 'alphabetic', false],
      ['S00.0', 'alphabetic', true],
      ['T57.0X1', 'drug', true],
    ]);
    expect(JSON.parse(JSON.stringify(terms[1]))).toEqual({
      path: 'Injury > scalp',
      code: 'S00.0',
      source: 'alphabetic',
      nonessential: '(superficial)',
      incomplete: true,
    });
  });

  it('rejects an unknown source', () => {
    const text = `${INDEX_TERM_COLUMNS.join('\t')}\n${row('tabular', 'X', 'A00', '', '')}\n`;
    expect(
      () => new PackedIndexTerms(new PackedTable(Buffer.from(text), INDEX_TERM_COLUMNS, 't'), undefined, 't'),
    ).toThrow(/unknown source tabular/);
  });
});
