import { describe, expect, it } from 'vitest';
import { claim, codes, run } from '../../test/fixtures/rules/helpers.js';
import { excludes1NotesFor, icd10cmConventionsFamily } from './icd10cm-conventions.js';
import { MCE, inRange } from './tables/tables.js';
import { getEditTables } from './tables/load.js';

const withDx = (...diagnoses: string[]) =>
  claim((c) => {
    c.diagnoses = diagnoses;
  });
const excludes1 = () => getEditTables().excludes1.at('2026-03-02')!.data;
/** True when the committed table says `a` excludes `b` (undotted). */
const excludes = (a: string, b: string) => excludes1NotesFor(excludes1(), a).some((n) => excludes1().notes[n]!.refs.some((r) => inRange(b, r)));

describe('Excludes1 pairs', () => {
  it('fires for two codes a category note excludes, citing the note', () => {
    expect(excludes('E119', 'E109')).toBe(true);
    const found = run(icd10cmConventionsFamily, withDx('E11.9', 'E10.9'));
    expect(codes(found)).toEqual(['icd10cm.excludes1']);
    expect(found[0]!.path).toBe('diagnoses[1]');
    expect(found[0]!.message).toContain('Excludes1 note at E11');
    expect(found[0]!.source).toMatch(/^ICD-10-CM tabular Excludes1 2026-10-01 \(FY2027\), Excludes1 at E11/);
  });
  it('a note on a category applies to every code under it, and a range reference covers its codes', () => {
    expect(codes(run(icd10cmConventionsFamily, withDx('E11.65', 'E10.21')))).toEqual(['icd10cm.excludes1']);
    // I10 excludes O10-O11: hypertension complicating pregnancy.
    expect(excludes('I10', 'O10019')).toBe(true);
    expect(codes(run(icd10cmConventionsFamily, withDx('I10', 'O10.019')))).toEqual(['icd10cm.excludes1']);
  });
  it('reports a pair once even when both codes carry a note against the other', () => {
    expect(excludes('E109', 'E119') && excludes('E119', 'E109')).toBe(true);
    expect(run(icd10cmConventionsFamily, withDx('E10.9', 'E11.9'))).toHaveLength(1);
  });
  it('does not fire for Excludes2 (both may be coded) or unrelated codes', () => {
    // J45 has an Excludes2 note for J44.89, not an Excludes1.
    expect(excludes('J45909', 'J4489')).toBe(false);
    expect(run(icd10cmConventionsFamily, withDx('J45.909', 'J44.89'))).toEqual([]);
    expect(run(icd10cmConventionsFamily, withDx('I10', 'E78.5'))).toEqual([]);
  });
});

describe('sequencing', () => {
  it('a manifestation code first-listed fires; listed after its etiology it does not', () => {
    expect((getEditTables().mce.at('2026-03-02')!.data.get('D631') ?? 0) & MCE.manifestation).not.toBe(0);
    expect(codes(run(icd10cmConventionsFamily, withDx('D63.1', 'N18.30')))).toEqual(['icd10cm.manifestation-first']);
    expect(run(icd10cmConventionsFamily, withDx('N18.30', 'D63.1'))).toEqual([]);
  });
  it('an external-cause code first-listed fires; after the injury it does not', () => {
    expect(codes(run(icd10cmConventionsFamily, withDx('W19.XXXA', 'S72.001A')))).toEqual(['icd10cm.external-cause-first']);
    expect(run(icd10cmConventionsFamily, withDx('S72.001A', 'W19.XXXA'))).toEqual([]);
  });
  it('a first-listed-only Z code in second place warns; Z00.6 is the exception', () => {
    const found = run(icd10cmConventionsFamily, withDx('I10', 'Z00.00'));
    expect(codes(found)).toEqual(['icd10cm.first-listed-only']);
    expect(found[0]!.severity).toBe('warning');
    expect(run(icd10cmConventionsFamily, withDx('Z00.00', 'I10'))).toEqual([]);
    expect(run(icd10cmConventionsFamily, withDx('I10', 'Z00.6'))).toEqual([]);
  });
});
