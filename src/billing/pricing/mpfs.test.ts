import { describe, expect, it } from 'vitest';
import { feeScheduleAmountCents, priceLines, scaled, type Gpci, type MpfsRvu } from './mpfs.js';
import { loadMpfs } from './load-mpfs.js';

describe('scaled decimals', () => {
  it('parses exactly', () => {
    expect(scaled('1.33', 2)).toBe(133n);
    expect(scaled('33.2875', 4)).toBe(332875n);
    expect(scaled('0.869', 3)).toBe(869n);
    expect(scaled('1', 3)).toBe(1000n);
    expect(() => scaled('1.234', 2)).toThrow(/more than 2 decimals/);
  });
});

describe('Medicare fee schedule amount (CY2024 RVU24C, real rows)', () => {
  const mpfs = loadMpfs();
  const alabama = mpfs.locality('10112', '00')!;

  it('prices 99213 in Alabama non-facility from the formula', () => {
    const row = mpfs.rvu('99213', '')!;
    // (1.30×1.000 + 1.33×0.869 + 0.10×0.575) × 33.2875 = 2.51327 × 33.2875 = 83.6599… → $83.66
    expect(row.workRvu).toBe('1.3');
    expect(feeScheduleAmountCents(row, alabama, false)).toBe(8366);
  });

  it('uses the facility PE RVU in a facility setting', () => {
    const row = mpfs.rvu('99213', '')!;
    // (1.30 + 0.56×0.869 + 0.10×0.575) × 33.2875 = 1.84416 × 33.2875 = 61.387… → $61.39
    expect(feeScheduleAmountCents(row, alabama, true)).toBe(6139);
  });

  it('applies the multiple-procedure rule to the lower-valued procedure only', () => {
    const lines = [
      { code: '17000', modifiers: [], units: 1, serviceDate: '2026-03-02' },
      { code: '20610', modifiers: [], units: 1, serviceDate: '2026-03-02' },
    ];
    const priced = priceLines(lines, (c, m) => mpfs.rvu(c, m), alabama, false);
    const full = priced.map((p) => p.unitAmountCents);
    const higher = full[0]! >= full[1]! ? 0 : 1;
    expect(priced[higher]!.allowedCents).toBe(full[higher]);
    expect(priced[1 - higher]!.allowedCents).toBe(Math.floor((full[1 - higher]! * 5000 + 5000) / 10000));
    expect(priced[1 - higher]!.notes.join(' ')).toMatch(/multiple procedure/);
  });

  it('pays 150% for a bilateral procedure with modifier 50 and indicator 1', () => {
    const row = mpfs.rvu('20610', '')!;
    expect(row.bilateral).toBe('1');
    const [p] = priceLines([{ code: '20610', modifiers: ['50'], units: 1, serviceDate: '2026-03-02' }], (c, m) => mpfs.rvu(c, m), alabama, false);
    expect(p!.allowedCents).toBe(Math.floor((feeScheduleAmountCents(row, alabama, false) * 15000 + 5000) / 10000));
  });

  it('prices the professional component row for modifier 26', () => {
    const [p] = priceLines([{ code: '71046', modifiers: ['26'], units: 1, serviceDate: '2026-03-02' }], (c, m) => mpfs.rvu(c, m), alabama, false);
    expect(p!.unitAmountCents).toBe(feeScheduleAmountCents(mpfs.rvu('71046', '26')!, alabama, false));
    expect(p!.unitAmountCents).toBeLessThan(feeScheduleAmountCents(mpfs.rvu('71046', '')!, alabama, false));
  });

  it('does not price a code that Medicare does not pay under the fee schedule', () => {
    const [p] = priceLines([{ code: 'A0021', modifiers: [], units: 1, serviceDate: '2026-03-02' }], (c, m) => mpfs.rvu(c, m), alabama, false);
    expect(p!.priced).toBe(false);
    expect(p!.allowedCents).toBe(0);
  });
});

describe('pure formula', () => {
  it('rounds half up once', () => {
    const row: MpfsRvu = {
      code: 'X', modifier: '', status: 'A', pctc: '0', global: 'XXX', multProc: '0', bilateral: '0',
      facilityNa: false, nonFacilityNa: false, workRvu: '1', nonFacilityPeRvu: '0', facilityPeRvu: '0', mpRvu: '0', cf: '0.005',
    };
    const g: Gpci = { mac: '1', locality: '1', state: 'XX', name: 'x', work: '1', pe: '1', mp: '1' };
    expect(feeScheduleAmountCents(row, g, false)).toBe(1); // $0.005 → 1 cent
  });
});
