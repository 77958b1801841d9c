import { describe, expect, it } from 'vitest';
import { claim, codes, run } from '../../test/fixtures/rules/helpers.js';
import { demographicsFamily } from './demographics.js';
import { MCE } from './tables/tables.js';
import { getEditTables } from './tables/load.js';

const flags = (code: string) => getEditTables().mce.at('2026-03-02')!.data.get(code) ?? 0;

function patient(dateOfBirth: string, sex: 'M' | 'F' | 'U', diagnoses: string[]) {
  return claim((c) => {
    c.subscriber.dateOfBirth = dateOfBirth;
    c.subscriber.sex = sex;
    c.diagnoses = diagnoses;
  });
}

describe('MCE age edits', () => {
  it('a pediatric code on an adult fires; on a child it does not', () => {
    expect(flags('Z00121') & MCE.pediatric).not.toBe(0);
    const found = run(demographicsFamily, patient('1958-04-12', 'F', ['Z00.121']));
    expect(codes(found)).toEqual(['demographics.age.pediatric']);
    expect(found[0]!.source).toMatch(/^MCE diagnosis edits 2023-10-01 \(v41\.1 FY2024\)/);
    expect(run(demographicsFamily, patient('2021-01-05', 'F', ['Z00.121']))).toEqual([]);
  });
  it('a maternity code fires outside 9–64 and not inside', () => {
    expect(flags('O24419') & MCE.maternity).not.toBe(0);
    expect(codes(run(demographicsFamily, patient('1950-01-01', 'F', ['O24.419'])))).toEqual(['demographics.age.maternity']);
    expect(run(demographicsFamily, patient('1994-01-01', 'F', ['O24.419']))).toEqual([]);
  });
  it('a newborn code fires after the first birthday (age taken on the date of service)', () => {
    expect(flags('Z3800') & MCE.newborn).not.toBe(0);
    expect(codes(run(demographicsFamily, patient('2025-03-02', 'M', ['Z38.00'])))).toEqual(['demographics.age.newborn']);
    expect(run(demographicsFamily, patient('2025-03-03', 'M', ['Z38.00']))).toEqual([]);
  });
});

describe('MCE sex edits', () => {
  it('a male-only code on a female patient fires; on a male it does not', () => {
    expect(flags('N400') & MCE.male).not.toBe(0);
    const found = run(demographicsFamily, patient('1958-04-12', 'F', ['N40.0']));
    expect(codes(found)).toEqual(['demographics.sex']);
    expect(found[0]!.path).toBe('diagnoses[0]');
    expect(run(demographicsFamily, patient('1958-04-12', 'M', ['N40.0']))).toEqual([]);
    expect(run(demographicsFamily, patient('1958-04-12', 'U', ['N40.0']))).toEqual([]);
  });
  it('uses the patient, not the subscriber, when the claim has one', () => {
    const c = claim((x) => {
      x.diagnoses = ['N40.0'];
      x.subscriber.sex = 'F';
      x.patient = { lastName: 'Doe', firstName: 'John', dateOfBirth: '1960-01-01', sex: 'M', relationshipCode: '01', address: { line1: '12 Oak Avenue', city: 'Springfield', state: 'IL', zip: '62702' } };
    });
    expect(run(demographicsFamily, c)).toEqual([]);
  });
});
