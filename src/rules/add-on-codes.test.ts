import { describe, expect, it } from 'vitest';
import { claimWithLines, codes, line, run } from '../../test/fixtures/rules/helpers.js';
import { addOnCodesFamily } from './add-on-codes.js';
import { getEditTables } from './tables/load.js';

const aoc = (code: string) => getEditTables().addOn.at('2026-03-02')!.data.get(code)!;

describe('add-on codes', () => {
  it('type 1: an add-on code without its primary is an error; with it, nothing', () => {
    expect(aoc('11045').type).toBe(1);
    expect(aoc('11045').primaries.has('11042')).toBe(true);
    const found = run(addOnCodesFamily, claimWithLines(line('11045')));
    expect(codes(found)).toEqual(['aoc.no-primary.1']);
    expect(found[0]!.fix).toContain('11042');
    expect(run(addOnCodesFamily, claimWithLines(line('11042'), line('11045')))).toEqual([]);
  });
  it('the primary must be on the same date', () => {
    expect(codes(run(addOnCodesFamily, claimWithLines(line('11042', { serviceDate: '2026-03-01' }), line('11045'))))).toEqual(['aoc.no-primary.1']);
  });
  it('type 3: only a warning, since the payer may accept other primaries', () => {
    expect(aoc('64727').type).toBe(3);
    expect(codes(run(addOnCodesFamily, claimWithLines(line('64727'))))).toEqual(['aoc.no-primary.3']);
    expect(run(addOnCodesFamily, claimWithLines(line('64721'), line('64727')))).toEqual([]);
  });
});
