import { describe, expect, it } from 'vitest';
import type { NewLedgerEntry } from './entry.js';
import { MemoryLedger } from './memory-ledger.js';
import { reversalOf } from './reversal.js';
import { validateNewEntries } from './validate.js';
import type { LedgerValidationContext } from './validate.js';

const line = { claimLineId: 7, tenantId: 1, claimId: 3, patientId: 2, serviceDate: '2026-10-01' };
const ctx: LedgerValidationContext = {
  tenantId: 1,
  lines: new Map([[7, line]]),
  payerIds: new Set([5]),
  originals: new Map(),
  alreadyReversed: new Set(),
};
const charge: NewLedgerEntry = { kind: 'charge', claimLineId: 7, bucket: 'primary', payerId: 5, amountCents: 12_500, effectiveDate: '2026-10-02' };

describe('validateNewEntries', () => {
  it('accepts a well-formed charge, payment, adjustment and transfer', () => {
    const batch: NewLedgerEntry[] = [
      charge,
      { kind: 'insurance_payment', claimLineId: 7, bucket: 'primary', payerId: 5, amountCents: -8_000, effectiveDate: '2026-10-20' },
      { kind: 'contractual_adjustment', claimLineId: 7, bucket: 'primary', payerId: 5, amountCents: -2_500, effectiveDate: '2026-10-20' },
      { kind: 'transfer', claimLineId: 7, bucket: 'primary', payerId: 5, toBucket: 'patient', toPayerId: null, amountCents: -2_000, effectiveDate: '2026-10-20' },
    ];
    expect(validateNewEntries(batch, ctx)).toEqual([]);
  });

  it('collects every problem of every entry, with its path', () => {
    const problems = validateNewEntries(
      [
        { ...charge, amountCents: 0 },
        { ...charge, amountCents: 10.5, effectiveDate: '2026-02-30' },
        { kind: 'insurance_payment', claimLineId: 7, bucket: 'patient', payerId: null, amountCents: 100, effectiveDate: '2026-10-20' },
        { kind: 'patient_payment', claimLineId: 99, bucket: 'primary', payerId: 6, amountCents: -100, effectiveDate: '2026-10-20' },
        { kind: 'transfer', claimLineId: 7, bucket: 'primary', payerId: 5, amountCents: -100, effectiveDate: '2026-10-20' },
      ],
      ctx,
    );
    const got = problems.map((p) => `${p.path} ${p.code}`);
    expect(got).toEqual([
      'entries[0].amountCents ledger.amount',
      'entries[1].amountCents ledger.amount',
      'entries[1].effectiveDate ledger.date',
      'entries[2].amountCents ledger.sign',
      'entries[2].bucket ledger.bucket',
      'entries[3].claimLineId ledger.line',
      'entries[3].bucket ledger.bucket',
      'entries[3].payerId ledger.payer',
      'entries[4].toBucket ledger.to-bucket',
    ]);
    expect(problems.every((p) => p.severity === 'error' && p.message.length > 20)).toBe(true);
  });

  it('refuses a line of another tenant and an empty batch', () => {
    const other = { ...ctx, lines: new Map([[7, { ...line, tenantId: 2 }]]) };
    expect(validateNewEntries([charge], other).map((p) => p.code)).toEqual(['ledger.line']);
    expect(validateNewEntries([], ctx).map((p) => p.code)).toEqual(['ledger.empty']);
  });
});

describe('reversals', () => {
  it('are refused when they reverse a reversal, reverse twice, or do not mirror the original', () => {
    const ledger = new MemoryLedger({ tenantId: 1, lines: [line], payerIds: [5] });
    const [c] = ledger.append([charge]);
    const [r] = ledger.append([reversalOf(c!, '2026-10-03')]);
    expect(() => ledger.append([reversalOf(r!, '2026-10-04')])).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ code: 'ledger.reverses' })] }));
    expect(() => ledger.append([reversalOf(c!, '2026-10-04')])).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ code: 'ledger.reversed-twice' })] }));
    const [c2] = ledger.append([charge]);
    const bad = { ...reversalOf(c2!, '2026-10-04'), amountCents: -100 };
    expect(() => ledger.append([bad])).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ code: 'ledger.sign' })] }));
    // Two reversals of one entry in the same batch are refused as a whole.
    expect(() => ledger.append([reversalOf(c2!, '2026-10-04'), reversalOf(c2!, '2026-10-04')])).toThrow(/refused/);
    expect(ledger.entries).toHaveLength(3);
  });

  it('a posting batch key can be used once', () => {
    const ledger = new MemoryLedger({ tenantId: 1, lines: [line], payerIds: [5] });
    ledger.append([charge], 'era-1');
    expect(() => ledger.append([charge], 'era-1')).toThrow(/already been posted/);
  });
});
