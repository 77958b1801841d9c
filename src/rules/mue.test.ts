import { describe, expect, it } from 'vitest';
import { claimWithLines, codes, line, run } from '../../test/fixtures/rules/helpers.js';
import { mueFamily } from './mue.js';
import { getEditTables } from './tables/load.js';

const mue = (code: string) => getEditTables().muePractitioner.at('2026-03-02')!.data.get(code)!;

describe('MUE per day (MAI 3, clinical)', () => {
  it('adds the units of every line of the code on the day', () => {
    const e = mue('36415');
    expect(e.mai).toBe(3);
    const over = run(mueFamily, claimWithLines(line('36415', { units: e.value }), line('36415', { units: 1, modifiers: ['91'] })));
    expect(codes(over)).toEqual(['mue.day.clinical']);
    expect(over[0]!.message).toContain(`exceed the MUE of ${e.value} per day`);
    expect(over[0]!.source).toMatch(/^MUE practitioner 2024-07-01 \(2024Q3\): 36415/);
  });
  it('does not fire at the limit or on different days', () => {
    const e = mue('36415');
    expect(run(mueFamily, claimWithLines(line('36415', { units: e.value })))).toEqual([]);
    expect(run(mueFamily, claimWithLines(line('36415', { units: e.value }), line('36415', { units: e.value, serviceDate: '2026-03-03' })))).toEqual([]);
  });
});

describe('MUE per day (MAI 2, policy)', () => {
  it('fires above the limit with a no-appeal fix', () => {
    const e = mue('11042');
    expect(e.mai).toBe(2);
    const found = run(mueFamily, claimWithLines(line('11042', { units: e.value + 1 })));
    expect(codes(found)).toEqual(['mue.day.policy']);
    expect(found[0]!.fix).toContain('no appeal');
    expect(run(mueFamily, claimWithLines(line('11042', { units: e.value })))).toEqual([]);
  });
});

describe('MUE per line (MAI 1)', () => {
  it('fires on one line above the limit but not on two lines within it', () => {
    const e = mue('A0425');
    expect(e.mai).toBe(1);
    expect(codes(run(mueFamily, claimWithLines(line('A0425', { units: e.value + 1 }))))).toEqual(['mue.line']);
    const half = Math.ceil(e.value / 2);
    expect(run(mueFamily, claimWithLines(line('A0425', { units: half }), line('A0425', { units: half, modifiers: ['76'] })))).toEqual([]);
  });
});
