import { describe, expect, it } from 'vitest';
import { claim, claimWithLines, codes, line, run } from '../../test/fixtures/rules/helpers.js';
import { modifiersFamily } from './modifiers.js';
import { getEditTables } from './tables/load.js';

const mpfs = (code: string) => getEditTables().mpfs.at('2026-03-02')!.data.get(code)!;

describe('modifier 25', () => {
  it('an E/M on the day of a minor procedure without 25 fires; with 25 it does not', () => {
    expect(mpfs('11200').global).toBe('010');
    const found = run(modifiersFamily, claimWithLines(line('99213'), line('11200')));
    expect(codes(found)).toEqual(['modifier.25-missing']);
    expect(found[0]!.path).toBe('lines[0].modifiers');
    expect(found[0]!.fix).toContain('Add modifier 25 to line 1');
    expect(run(modifiersFamily, claimWithLines(line('99213', { modifiers: ['25'] }), line('11200')))).toEqual([]);
  });
  it('not needed with a diagnostic test (no global period); 25 alone warns; 25 on a procedure is wrong', () => {
    expect(mpfs('71046').global).toBe('XXX');
    expect(run(modifiersFamily, claimWithLines(line('99213'), line('71046')))).toEqual([]);
    expect(codes(run(modifiersFamily, claimWithLines(line('99213', { modifiers: ['25'] }))))).toEqual(['modifier.25-no-procedure']);
    expect(codes(run(modifiersFamily, claimWithLines(line('11200', { modifiers: ['25'] }))))).toEqual(['modifier.25-not-em']);
  });
});

describe('laterality', () => {
  it('LT with RT, or 50 with a side, on one line is an error', () => {
    expect(codes(run(modifiersFamily, claimWithLines(line('27447', { modifiers: ['LT', 'RT'] }))))).toEqual(['modifier.lt-rt']);
    expect(codes(run(modifiersFamily, claimWithLines(line('27447', { modifiers: ['50', 'RT'] }))))).toEqual(['modifier.50-side']);
  });
  it('50 on a code whose bilateral indicator allows it passes; on an already-bilateral code it warns', () => {
    expect(mpfs('27447').bilateral).toBe(1);
    expect(run(modifiersFamily, claimWithLines(line('27447', { modifiers: ['50'] })))).toEqual([]);
    expect(mpfs('69210').bilateral).toBe(2);
    expect(codes(run(modifiersFamily, claimWithLines(line('69210', { modifiers: ['50'] }))))).toEqual(['modifier.50-not-allowed']);
  });
});

describe('26/TC', () => {
  it('a component billed next to the global service fires; both components on separate claims do not', () => {
    expect(mpfs('71046').pctc).toBe(1);
    expect(codes(run(modifiersFamily, claimWithLines(line('71046'), line('71046', { modifiers: ['26'] }))))).toEqual(['modifier.global-and-component']);
    expect(run(modifiersFamily, claimWithLines(line('71046', { modifiers: ['26'] })))).toEqual([]);
  });
  it('26 on a professional-only code and TC on a visit warn (PC/TC indicator)', () => {
    expect(mpfs('93010').pctc).toBe(2);
    expect(codes(run(modifiersFamily, claimWithLines(line('93010', { modifiers: ['26'] }))))).toEqual(['modifier.pctc-not-applicable']);
    expect(codes(run(modifiersFamily, claimWithLines(line('71046', { modifiers: ['26', 'TC'] }))))).toEqual(['modifier.26-tc']);
  });
});

describe('telehealth, duplicates, 59 with X', () => {
  it('POS 10 without 95 warns; with 95 it does not; 95 in the office is a note', () => {
    expect(codes(run(modifiersFamily, claimWithLines(line('99213', { placeOfService: '10' }))))).toEqual(['modifier.telehealth-missing']);
    expect(run(modifiersFamily, claimWithLines(line('99213', { placeOfService: '10', modifiers: ['95'] })))).toEqual([]);
    const claimPos = claim((c) => {
      c.placeOfService = '02';
      c.lines = [line('99213', { modifiers: ['95'] })];
    });
    expect(run(modifiersFamily, claimPos)).toEqual([]);
    const office = run(modifiersFamily, claimWithLines(line('99213', { modifiers: ['95'] })));
    expect(codes(office)).toEqual(['modifier.telehealth-pos']);
    expect(office[0]!.severity).toBe('info');
  });
  it('an exact duplicate line warns; a repeat with 76 does not', () => {
    expect(codes(run(modifiersFamily, claimWithLines(line('71046'), line('71046'))))).toEqual(['modifier.duplicate-line']);
    expect(run(modifiersFamily, claimWithLines(line('71046'), line('71046', { modifiers: ['76'] })))).toEqual([]);
  });
  it('59 with XU on one line warns; a repeated modifier is an error', () => {
    expect(codes(run(modifiersFamily, claimWithLines(line('11200', { modifiers: ['59', 'XU'] }))))).toEqual(['modifier.59-and-x']);
    expect(codes(run(modifiersFamily, claimWithLines(line('11200', { modifiers: ['XU', 'XU'] }))))).toEqual(['modifier.repeated']);
  });
});
