import { describe, expect, it } from 'vitest';
import { captureCharges, timesUnits } from './charge-capture.js';

const line = (procedureCode: string, units: number, chargeCents?: number) => ({
  procedureCode,
  modifiers: [],
  units,
  serviceDate: '2026-10-27',
  ...(chargeCents !== undefined ? { chargeCents } : {}),
});

describe('captureCharges', () => {
  it('multiplies the fee-schedule price and the contract rate by the units', () => {
    const r = captureCharges(
      [line('J3301', 4), line('99213', 1)],
      [
        { cents: 1_000, source: 'Fees' },
        { cents: 18_500, source: 'Fees' },
      ],
      [
        { cents: 150, source: 'Contract' },
        { cents: 9_200, source: 'Contract' },
      ],
    );
    expect(r.problems).toEqual([]);
    expect(r.lines).toEqual([
      {
        chargeCents: 4_000,
        chargeSource: 'fee-schedule',
        feeSchedule: 'Fees',
        expectedAllowedCents: 600,
        contract: 'Contract',
      },
      {
        chargeCents: 18_500,
        chargeSource: 'fee-schedule',
        feeSchedule: 'Fees',
        expectedAllowedCents: 9_200,
        contract: 'Contract',
      },
    ]);
  });

  it('keeps a charge keyed on the line when the fee schedule has none, and warns without a contract rate', () => {
    const r = captureCharges([line('99999', 2, 5_000)], [undefined], [undefined]);
    expect(r.lines).toEqual([{ chargeCents: 5_000, chargeSource: 'line' }]);
    expect(r.problems.map((p) => [p.severity, p.code])).toEqual([['warning', 'charge.no-contract-rate']]);
  });

  it('is an error when neither the fee schedule nor the line prices it', () => {
    const r = captureCharges([line('99213', 1, 0)], [undefined], [{ cents: 9_200, source: 'C' }]);
    expect(r.problems.map((p) => [p.severity, p.code, p.path])).toEqual([
      ['error', 'charge.no-fee', 'lines[0].procedureCode'],
    ]);
  });

  it('rounds fractional units to whole cents', () => {
    expect(timesUnits(333, 1.5)).toBe(500);
  });
});
