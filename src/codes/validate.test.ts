/**
 * Validity on a date of service, on the real committed code sets.
 */
import { describe, expect, it } from 'vitest';
import { loadCodeSets } from './load.js';
import type { CodeProblemCode } from './validate.js';
import { validateCode } from './validate.js';

const codeSets = loadCodeSets({ cptFile: null });

function check(text: string, date: string, system?: 'ICD-10-CM' | 'HCPCS' | 'CPT') {
  return validateCode(codeSets, text, { dateOfService: date, ...(system ? { system } : {}) });
}

function codes(text: string, date: string, system?: 'ICD-10-CM' | 'HCPCS' | 'CPT'): CodeProblemCode[] {
  return check(text, date, system).problems.map((p) => p.code as CodeProblemCode);
}

describe('validateCode: the issue example on 2026-03-01', () => {
  it('E11 is a header and the message lists billable codes under it', () => {
    const r = check('E11', '2026-03-01');
    expect(r.valid).toBe(false);
    expect(r.problems.map((p) => p.code)).toEqual(['code.header']);
    expect(r.problems[0]!.message).toMatch(/^E11 \(Type 2 diabetes mellitus\) is a category/);
    expect(r.problems[0]!.message).toContain('E11.9 Type 2 diabetes mellitus without complications');
    expect(r.problems[0]!.message).toContain('2026-03-01');
  });

  it('E78.01 was deleted as a billable code on 2025-10-01 and says when it was valid', () => {
    const r = check('E78.01', '2026-03-01');
    expect(r.valid).toBe(false);
    expect(r.problems.map((p) => p.code)).toEqual(['code.deleted']);
    expect(r.problems[0]!.message).toContain('deleted as a billable code on 2025-10-01');
    expect(r.problems[0]!.message).toContain('through 2025-09-30');
    expect(r.problems[0]!.message).toContain('E78.010');
    // … and it was fine in FY2025.
    expect(check('E78.01', '2025-09-30').valid).toBe(true);
  });

  it('I10 is a valid billable three-character code', () => {
    const r = check('I10', '2026-03-01');
    expect(r.valid).toBe(true);
    expect(r.problems).toEqual([]);
    expect(r.release?.name).toBe('ICD-10-CM FY2026');
  });
});

describe('validateCode: fiscal-year boundary (1 October)', () => {
  it('a FY2027 addition is invalid on 2026-09-30 and valid on 2026-10-01', () => {
    expect(codes('I42.00', '2026-09-30')).toEqual(['code.not_yet_valid']);
    expect(check('I42.00', '2026-09-30').problems[0]!.message).toContain('takes effect on 2026-10-01');
    expect(check('I42.00', '2026-10-01').valid).toBe(true);
  });

  it('a FY2027 deletion is valid on 2026-09-30 and invalid on 2026-10-01', () => {
    const deleted = codeSets.entries('ICD-10-CM').filter((e) => e.validTo === '2026-09-30' && e.billable);
    const gone = deleted.find((e) => codeSets.versions('ICD-10-CM', e.code).length === 1);
    expect(gone).toBeDefined();
    expect(check(gone!.code, '2026-09-30').valid).toBe(true);
    const after = check(gone!.code, '2026-10-01');
    expect(after.problems.map((p) => p.code)).toEqual(['code.deleted']);
    expect(after.problems[0]!.message).toContain('through 2026-09-30');
    expect(after.problems[0]!.message).toContain('deleted on 2026-10-01');
  });

  it('a FY2026 addition is not yet valid in FY2025', () => {
    expect(codes('E11.A', '2025-09-30')).toEqual(['code.not_yet_valid']);
    expect(check('E11.A', '2025-10-01').valid).toBe(true);
  });

  it('dates before the earliest release are checked against it with a warning', () => {
    const r = check('I10', '2023-05-01');
    expect(r.valid).toBe(true);
    expect(r.problems.map((p) => p.code)).toEqual(['code.date_not_covered']);
  });
});

describe('validateCode: normalisation, headers and seventh characters', () => {
  it('accepts codes without the dot and in lower case', () => {
    const r = check('e1140', '2026-03-01', 'ICD-10-CM');
    expect(r.valid).toBe(true);
    expect(r.code).toBe('E11.40');
  });

  it('a subcategory header is not billable', () => {
    expect(codes('S52.5', '2026-03-01')).toEqual(['code.header']);
    expect(check('E11.4', '2026-03-01').problems[0]!.message).toContain('E11.40');
  });

  it('S52.501 needs a 7th character; S52.501A is billable', () => {
    const r = check('S52.501', '2026-03-01');
    expect(r.problems.map((p) => p.code)).toEqual(['code.seventh_character_missing']);
    expect(r.problems[0]!.message).toContain('A (initial encounter for closed fracture)');
    expect(r.problems[0]!.fix).toContain('S52.501A');
    expect(check('s52501a', '2026-03-01').valid).toBe(true);
  });

  it('a code needing the placeholder X is explained both ways', () => {
    expect(codes('S00.00', '2026-03-01')).toEqual(['code.placeholder_missing']);
    const typed = check('S00.00A', '2026-03-01');
    expect(typed.problems.map((p) => p.code)).toEqual(['code.placeholder_missing']);
    expect(typed.problems[0]!.fix).toBe('Use S00.00XA.');
    expect(check('S00.00XA', '2026-03-01').valid).toBe(true);
  });

  it('a 7th character the code does not take', () => {
    expect(codes('S52.501Z', '2026-03-01')).toEqual(['code.seventh_character_invalid']);
  });

  it('unknown and malformed codes are told apart', () => {
    expect(codes('E11.99', '2026-03-01')).toEqual(['code.unknown']);
    expect(check('E11.99', '2026-03-01').problems[0]!.message).toContain('nearest code is E11.9');
    expect(codes('E1', '2026-03-01')).toEqual(['code.malformed']);
    expect(codes('hello', '2026-03-01')).toEqual(['code.malformed']);
    expect(codes('', '2026-03-01')).toEqual(['code.malformed']);
    expect(codes('99213', '2026-03-01', 'HCPCS')).toEqual(['code.malformed']);
    expect(codes('I10', '2026-02-30')).toEqual(['code.date_invalid']);
  });
});

describe('validateCode: HCPCS and CPT', () => {
  it('HCPCS termination dates: valid through the TERM DT, deleted after', () => {
    const terminated = codeSets
      .entries('HCPCS')
      .find((e) => e.validTo !== undefined && e.validFrom !== undefined && e.validFrom < e.validTo)!;
    expect(check(terminated.code, terminated.validTo!, 'HCPCS').valid).toBe(true);
    const r = check(terminated.code, '2026-03-01', 'HCPCS');
    expect(r.problems.map((p) => p.code)).toEqual(['code.deleted']);
    expect(r.problems[0]!.message).toContain(`through ${terminated.validTo!}`);
  });

  it('a July 2026 code known by number only is valid with a warning about its start date', () => {
    const july = codeSets.entries('HCPCS').find((e) => e.validFrom === '2026-07-01')!;
    const before = check(july.code, '2026-03-01', 'HCPCS');
    expect(before.valid).toBe(true);
    expect(before.problems.map((p) => p.code)).toEqual(['code.effective_date_unknown']);
    expect(check(july.code, '2026-08-01', 'HCPCS').problems.map((p) => p.code)).toEqual([
      'code.effective_date_unknown',
    ]);
  });

  it('CPT codes are known by number only until a licensed file is imported', () => {
    const r = check('99213', '2026-03-01');
    expect(r.system).toBe('CPT');
    expect(r.valid).toBe(true);
    expect(r.problems.map((p) => p.code)).toEqual(['code.description_unlicensed']);
    expect(r.problems[0]!.message).toContain('requires a CPT licence');
    expect(codes('98765', '2026-03-01', 'CPT')).toEqual(['code.unknown']);
    expect(check('98765', '2026-03-01', 'CPT').problems[0]!.severity).toBe('warning');
  });

  it('a text that is a code in two systems says so', () => {
    const r = check('A0100', '2026-03-01');
    expect(r.system).toBe('ICD-10-CM');
    expect(r.problems.map((p) => p.code)).toContain('code.ambiguous_system');
    expect(check('A0100', '2026-03-01', 'HCPCS').code).toBe('A0100');
  });
});
