import { describe, expect, it } from 'vitest';
import { claimWithLines, codes, line, run } from '../../test/fixtures/rules/helpers.js';
import { ncciPtpFamily } from './ncci-ptp.js';
import { dayNumber, findPtpRow } from './tables/ptp-format.js';
import { getEditTables } from './tables/load.js';

const DOS = '2026-03-02';

/** The indicator the committed practitioner table gives a pair (column 1, column 2), or undefined. */
function indicator(c1: string, c2: string): number | undefined {
  const t = getEditTables().ptpPractitioner.at(DOS)!.data;
  const row = findPtpRow(t, t.codeIndex.get(c1)!, t.codeIndex.get(c2)!, dayNumber(DOS));
  return row < 0 ? undefined : t.indicator[row];
}

describe('NCCI PTP, modifier indicator 0', () => {
  it('fires on the column-2 line and no modifier lets it pass', () => {
    expect(indicator('45380', '45378')).toBe(0);
    const found = run(ncciPtpFamily, claimWithLines(line('45380'), line('45378')));
    expect(codes(found)).toEqual(['ncci.ptp.0']);
    expect(found[0]!.path).toBe('lines[1].procedureCode');
    expect(found[0]!.message).toContain('Line 2 (45378)');
    expect(found[0]!.source).toMatch(/^NCCI PTP practitioner 2024-07-01 \(2024Q3\): column 1 45380, column 2 45378, modifier indicator 0/);
    expect(codes(run(ncciPtpFamily, claimWithLines(line('45380'), line('45378', { modifiers: ['59'] }))))).toEqual(['ncci.ptp.0']);
  });
  it('does not fire on different dates or for different rendering providers', () => {
    expect(run(ncciPtpFamily, claimWithLines(line('45380'), line('45378', { serviceDate: '2026-03-03' })))).toEqual([]);
    const other = { npi: '1234567893', lastNameOrOrganization: 'Other' };
    expect(run(ncciPtpFamily, claimWithLines(line('45380'), line('45378', { renderingProvider: other })))).toEqual([]);
  });
  it('honours deletion dates: a pair deleted before the date of service does not fire', () => {
    // 29881/29877: indicator 9 row deleted 2002-01-01 and an active indicator 0 row.
    expect(indicator('29881', '29877')).toBe(0);
    const t = getEditTables().ptpPractitioner.at(DOS)!.data;
    const row = findPtpRow(t, t.codeIndex.get('29881')!, t.codeIndex.get('29877')!, dayNumber('2001-06-01'));
    expect(t.indicator[row]).toBe(9);
    expect(run(ncciPtpFamily, claimWithLines(line('29881', { serviceDate: '2001-06-01' }), line('29877', { serviceDate: '2001-06-01' })))).toEqual([]);
  });
});

describe('NCCI PTP, modifier indicator 1', () => {
  it('fires without a modifier and proposes XU on the column-2 line', () => {
    expect(indicator('17110', '11200')).toBe(1);
    const found = run(ncciPtpFamily, claimWithLines(line('17110'), line('11200')));
    expect(codes(found)).toEqual(['ncci.ptp.1']);
    expect(found[0]!.path).toBe('lines[1].modifiers');
    expect(found[0]!.fix).toContain('Add modifier XU to line 2 if the service was distinct');
  });
  it('passes with XU, 59 or different anatomic modifiers, but not the same site', () => {
    expect(run(ncciPtpFamily, claimWithLines(line('17110'), line('11200', { modifiers: ['XU'] })))).toEqual([]);
    expect(run(ncciPtpFamily, claimWithLines(line('17110', { modifiers: ['59'] }), line('11200')))).toEqual([]);
    expect(run(ncciPtpFamily, claimWithLines(line('17110', { modifiers: ['RT'] }), line('11200', { modifiers: ['LT'] })))).toEqual([]);
    expect(codes(run(ncciPtpFamily, claimWithLines(line('17110', { modifiers: ['RT'] }), line('11200', { modifiers: ['RT'] }))))).toEqual(['ncci.ptp.1']);
  });
  it('asks for modifier 25 when the E/M is the bundled code, and 25 lets it pass', () => {
    expect(indicator('20610', '99213')).toBe(1);
    const found = run(ncciPtpFamily, claimWithLines(line('20610'), line('99213')));
    expect(found[0]!.fix).toContain('Add modifier 25 to line 2 (99213)');
    expect(run(ncciPtpFamily, claimWithLines(line('20610'), line('99213', { modifiers: ['25'] })))).toEqual([]);
  });
  it('does not fire for a pair the table does not list', () => {
    expect(indicator('99213', '71046')).toBeUndefined();
    expect(indicator('71046', '99213')).toBeUndefined();
    expect(run(ncciPtpFamily, claimWithLines(line('99213'), line('71046')))).toEqual([]);
  });
});
