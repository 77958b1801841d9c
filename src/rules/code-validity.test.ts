import { describe, expect, it } from 'vitest';
import { getCodeSets } from '../codes/load.js';
import { addDays } from '../model/dates.js';
import { claim, codes, context, line, run } from '../../test/fixtures/rules/helpers.js';
import { codeCheckerFromCodeSets, procedureSystem } from './codes-adapter.js';
import { codeValidityFamily } from './code-validity.js';

const checker = codeCheckerFromCodeSets(getCodeSets());
const ctx = context({ codes: checker });

describe('code validity on the date of service', () => {
  it('valid codes and modifiers (CPT number and HCPCS Level II) pass', () => {
    const c = claim((x) => (x.lines = [line('99213', { modifiers: ['25'] }), line('J1100', { modifiers: ['JZ'] }), line('27447', { modifiers: ['RT'] })]));
    expect(run(codeValidityFamily, c, ctx)).toEqual([]);
  });
  it('a header, a code missing its 7th character and an unknown modifier are placed on their fields', () => {
    const found = run(
      codeValidityFamily,
      claim((x) => {
        x.diagnoses = ['E11', 'S52.501'];
        x.lines = [line('99213', { modifiers: ['Q9', 'ZZ'] })];
      }),
      ctx,
    );
    expect(codes(found)).toEqual(['code.header', 'code.seventh_character_missing', 'modifier.unknown']);
    expect(found.map((p) => p.path)).toEqual(['diagnoses[0]', 'diagnoses[1]', 'lines[0].modifiers[1]']);
    expect(found[0]!.message).toMatch(/^Diagnosis 1 \(E11\): /);
  });
  it('a terminated HCPCS code fails after its end date and passes before it', () => {
    const ended = getCodeSets()
      .entries('HCPCS')
      .find((e) => e.validTo !== undefined && e.validTo >= '2015-01-01' && (e.validFrom ?? '') < e.validTo && getCodeSets().versions('HCPCS', e.code).length === 1)!;
    expect(procedureSystem(ended.code)).toBe('HCPCS');
    const after = addDays(ended.validTo!, 1);
    const on = (date: string) => claim((x) => (x.lines = [line(ended.code, { serviceDate: date })]));
    const errors = (date: string) => codes(run(codeValidityFamily, on(date), ctx).filter((p) => p.severity === 'error'));
    expect(errors(after)).toEqual(['code.deleted']);
    expect(errors(ended.validTo!)).toEqual([]);
  });
  it('without code sets it says once that it did not run', () => {
    expect(codes(run(codeValidityFamily, claim()))).toEqual(['code-validity.not-run']);
  });
});
