import { describe, expect, it } from 'vitest';
import type { EditTableManifestEntry } from './manifest.js';
import { parseCodeRef, parseExcludes1 } from './parse.js';
import { Versioned, inRange, release } from './tables.js';

const entry = (effectiveFrom: string, label: string): EditTableManifestEntry => ({
  table: 'ptp-practitioner',
  name: 'NCCI PTP practitioner',
  release: label,
  effectiveFrom,
  file: `${label}.bin.gz`,
  format: 'ptp-csr-v1',
  rows: 0,
  source: 'test',
});

describe('Versioned releases', () => {
  const v = new Versioned([release(entry('2024-10-01', '2024Q4'), 'q4'), release(entry('2024-07-01', '2024Q3'), 'q3')]);
  it('picks the latest release effective on the date of service and cites it', () => {
    expect(v.at('2024-09-30')!.data).toBe('q3');
    expect(v.at('2024-10-01')!.data).toBe('q4');
    expect(v.at('2026-03-02')!.cite).toBe('NCCI PTP practitioner 2024-10-01 (2024Q4)');
  });
  it('falls back to the oldest release before every release, and to nothing when there is none', () => {
    expect(v.at('2020-01-01')!.data).toBe('q3');
    expect(new Versioned([]).at('2024-01-01')).toBeUndefined();
  });
});

describe('tabular code references', () => {
  it('reads codes, categories, ranges and the malformed official forms', () => {
    expect(parseCodeRef('E08.-')).toEqual({ lo: 'E08', hi: 'E08' });
    expect(parseCodeRef('R73.0-R73.9')).toEqual({ lo: 'R730', hi: 'R739' });
    expect(parseCodeRef('F10.--F19.-')).toEqual({ lo: 'F10', hi: 'F19' });
    expect(parseCodeRef('T80-T88.6')).toEqual({ lo: 'T80', hi: 'T886' });
    expect(parseCodeRef('Z00.12.-')).toEqual({ lo: 'Z0012', hi: 'Z0012' });
  });
  it('matches by prefix within the range ends', () => {
    expect(inRange('R7301', { lo: 'R730', hi: 'R739' })).toBe(true);
    expect(inRange('R74', { lo: 'R730', hi: 'R739' })).toBe(false);
    expect(inRange('T8861', { lo: 'T80', hi: 'T886' })).toBe(true);
    expect(inRange('T887', { lo: 'T80', hi: 'T886' })).toBe(false);
    expect(inRange('O9A11', { lo: 'O00', hi: 'O9A' })).toBe(true);
  });
  it('indexes notes by node, blocks and chapters by range', () => {
    const t = parseExcludes1('level\tnode\trefs\ttext\ncategory\tE11\tE10.-\ttype 1 (E10.-)\nblock\tA15-A19\tP37.0\tcongenital (P37.0)\nchapter\tChapter 15\tZ34.-\tsupervision (Z34.-)\n');
    expect(t.byNode.get('E11')).toEqual([0]);
    expect(t.wide).toEqual([1, 2]);
    expect(t.notes[2]!.scope).toEqual({ lo: 'O00', hi: 'O9A' });
  });
});
