import { describe, expect, it } from 'vitest';
import { buildFeeScheduleFromMpfs, FeeSchedule } from './fee-schedule.js';
import { feeScheduleAmountCents } from './mpfs.js';
import { loadMpfs } from './load-mpfs.js';

describe('fee schedule from MPFS', () => {
  const mpfs = loadMpfs();
  const gpci = mpfs.locality('10112', '00')!;
  const entries = buildFeeScheduleFromMpfs({ rows: mpfs.rows(), gpci, percentBasisPoints: 15000, effectiveFrom: '2026-01-01', effectiveTo: '2026-12-31' });
  const schedule = new FeeSchedule(entries);

  it('charges 150% of Medicare for 99213, times units, on dates in force only', () => {
    const medicare = feeScheduleAmountCents(mpfs.rvu('99213', '')!, gpci, false);
    const unit = Math.floor((medicare * 15000 + 5000) / 10000);
    expect(schedule.charge('99213', [], '2026-03-01', 1)).toBe(unit);
    expect(schedule.charge('99213', ['25'], '2026-03-01', 2)).toBe(unit * 2);
    expect(schedule.charge('99213', [], '2027-01-01', 1)).toBeUndefined();
  });

  it('uses the component amount for modifier 26', () => {
    expect(schedule.charge('71046', ['26'], '2026-03-01', 1)).toBe(schedule.unitAmount('71046', ['26'], '2026-03-01')!.amountCents);
    expect(schedule.unitAmount('71046', ['26'], '2026-03-01')!.modifier).toBe('26');
    expect(schedule.unitAmount('71046', [], '2026-03-01')!.modifier).toBe('');
  });

  it('leaves out codes Medicare does not pay under the schedule', () => {
    expect(schedule.unitAmount('A0021', [], '2026-03-01')).toBeUndefined();
    expect(entries.length).toBeGreaterThan(9000);
  });
});
