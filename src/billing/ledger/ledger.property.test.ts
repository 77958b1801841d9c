/**
 * Property-based tests of the ledger invariants (issue 3): thousands of random operation sequences,
 * checked against an independent model that tracks each bucket's balance by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../model/dates.js';
import { isAppError } from '../../model/errors.js';
import { AGING_BUCKETS, agingByPatient, agingByPayer } from './aging.js';
import type { AgingBucket } from './aging.js';
import { claimBalances, entriesAsOf, lineBalances, patientBalances, payerBalances, tenantBalance } from './balances.js';
import type { BalanceSummary } from './balances.js';
import type { LedgerEntry, NewLedgerEntry } from './entry.js';
import { LEDGER_ENTRY_KINDS, RESPONSIBILITY_BUCKETS } from './kinds.js';
import type { LedgerEntryKind, ResponsibilityBucket } from './kinds.js';
import { MemoryLedger } from './memory-ledger.js';
import { reversalOf } from './reversal.js';
import type { LedgerLineInfo } from './validate.js';

const TENANT = 1;
const ANCHOR = '2026-11-01';
/** Two claims for two patients; each claim's buckets are owed by different payers. */
const CLAIM_PAYERS: Record<number, Record<Exclude<ResponsibilityBucket, 'patient'>, number>> = {
  200: { primary: 10, secondary: 11, tertiary: 12 },
  201: { primary: 11, secondary: 10, tertiary: 12 },
};
const LINE_SHAPES = [
  { claimLineId: 300, claimId: 200, patientId: 100 },
  { claimLineId: 301, claimId: 200, patientId: 100 },
  { claimLineId: 302, claimId: 201, patientId: 101 },
  { claimLineId: 303, claimId: 201, patientId: 101 },
] as const;

type Op =
  | { t: 'post'; kind: Exclude<LedgerEntryKind, 'reversal'>; line: number; bucket: ResponsibilityBucket; toBucket: ResponsibilityBucket; amount: number; day: number }
  | { t: 'reverse'; pick: number; day: number };

const postKinds = LEDGER_ENTRY_KINDS.filter((k): k is Exclude<LedgerEntryKind, 'reversal'> => k !== 'reversal');
/** Mostly well-signed amounts; sometimes a wrong sign, zero or a fraction, which must be refused. */
const amountArb = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 50_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 0.5, Number.NaN) },
);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant('post' as const),
      kind: fc.constantFrom(...postKinds),
      line: fc.nat({ max: LINE_SHAPES.length - 1 }),
      bucket: fc.constantFrom(...RESPONSIBILITY_BUCKETS),
      toBucket: fc.constantFrom(...RESPONSIBILITY_BUCKETS),
      amount: fc.tuple(amountArb, fc.boolean(), fc.nat({ max: 9 })).map(([a, flip, r]) => (r === 0 ? (flip ? -a : a) : a)),
      day: fc.nat({ max: 200 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('reverse' as const), pick: fc.nat(), day: fc.nat({ max: 200 }) }) },
);
const scenarioArb = fc.record({
  serviceOffsets: fc.array(fc.nat({ max: 200 }), { minLength: LINE_SHAPES.length, maxLength: LINE_SHAPES.length }),
  ops: fc.array(opArb, { maxLength: 40 }),
  asOfOffset: fc.integer({ min: -200, max: 30 }),
});

type Buckets = Record<ResponsibilityBucket, number>;
const zero = (): Buckets => ({ primary: 0, secondary: 0, tertiary: 0, patient: 0 });

/** The independent model: per-line bucket balances and net charges, kept by hand. */
interface Model {
  buckets: Map<number, Buckets>;
  charged: Map<number, number>;
  /** Per entry id: what it did to its line, so a reversal can undo it. */
  effects: Map<number, { line: number; deltas: Buckets; charge: number; reversal: boolean; reversed: boolean }>;
}

function payerOf(claimId: number, bucket: ResponsibilityBucket): number | null {
  return bucket === 'patient' ? null : CLAIM_PAYERS[claimId]![bucket];
}

/** Signs per kind, restated from the issue rather than read from KIND_RULES. */
function modelAccepts(op: Extract<Op, { t: 'post' }>): boolean {
  const a = op.amount;
  if (!Number.isSafeInteger(a) || a === 0) return false;
  const payerBucket = op.bucket !== 'patient';
  switch (op.kind) {
    case 'charge':
      return a > 0;
    case 'refund':
      return a > 0;
    case 'insurance_payment':
    case 'contractual_adjustment':
      return a < 0 && payerBucket;
    case 'patient_payment':
      return a < 0 && op.bucket === 'patient';
    case 'write_off':
      return a < 0;
    case 'other_adjustment':
      return true;
    case 'transfer':
      return a < 0 && op.toBucket !== op.bucket;
  }
}

function buildLines(serviceOffsets: readonly number[]): LedgerLineInfo[] {
  return LINE_SHAPES.map((s, i) => ({ ...s, tenantId: TENANT, serviceDate: addDays(ANCHOR, -serviceOffsets[i]!) }));
}

/** Runs a scenario on a fresh ledger and the model side by side; checks accept/refuse agreement. */
function run(serviceOffsets: readonly number[], ops: readonly Op[]): { ledger: MemoryLedger; model: Model } {
  const lines = buildLines(serviceOffsets);
  const ledger = new MemoryLedger({ tenantId: TENANT, lines, payerIds: [10, 11, 12] });
  const model: Model = { buckets: new Map(lines.map((l) => [l.claimLineId, zero()])), charged: new Map(), effects: new Map() };
  for (const op of ops) {
    const before = ledger.entries.length;
    if (op.t === 'post') {
      const shape = LINE_SHAPES[op.line]!;
      const transfer = op.kind === 'transfer';
      const entry: NewLedgerEntry = {
        kind: op.kind,
        claimLineId: shape.claimLineId,
        bucket: op.bucket,
        payerId: payerOf(shape.claimId, op.bucket),
        toBucket: transfer ? op.toBucket : null,
        toPayerId: transfer ? payerOf(shape.claimId, op.toBucket) : null,
        amountCents: op.amount,
        effectiveDate: addDays(ANCHOR, -op.day),
      };
      const ok = modelAccepts(op);
      let added: LedgerEntry[] = [];
      try {
        added = ledger.append([entry]);
      } catch (e) {
        if (!isAppError(e)) throw e;
      }
      expect(added.length, `${op.kind} ${op.bucket}→${op.toBucket} ${op.amount}`).toBe(ok ? 1 : 0);
      if (!ok) continue;
      const deltas = zero();
      deltas[op.bucket] += op.amount;
      if (transfer) deltas[op.toBucket] -= op.amount;
      const b = model.buckets.get(shape.claimLineId)!;
      for (const k of RESPONSIBILITY_BUCKETS) b[k] += deltas[k];
      const charge = op.kind === 'charge' ? op.amount : 0;
      model.charged.set(shape.claimLineId, (model.charged.get(shape.claimLineId) ?? 0) + charge);
      model.effects.set(added[0]!.id, { line: shape.claimLineId, deltas, charge, reversal: false, reversed: false });
    } else {
      if (ledger.entries.length === 0) continue;
      const target = ledger.entries[op.pick % ledger.entries.length]!;
      const m = model.effects.get(target.id)!;
      const ok = !m.reversal && !m.reversed;
      let added: LedgerEntry[] = [];
      try {
        added = ledger.append([reversalOf(target, addDays(ANCHOR, -op.day))]);
      } catch (e) {
        if (!isAppError(e)) throw e;
      }
      expect(added.length).toBe(ok ? 1 : 0);
      if (!ok) continue;
      m.reversed = true;
      const b = model.buckets.get(m.line)!;
      const deltas = zero();
      for (const k of RESPONSIBILITY_BUCKETS) {
        b[k] -= m.deltas[k];
        deltas[k] = -m.deltas[k];
      }
      model.charged.set(m.line, (model.charged.get(m.line) ?? 0) - m.charge);
      model.effects.set(added[0]!.id, { line: m.line, deltas, charge: -m.charge, reversal: true, reversed: false });
    }
    // A refused batch leaves the ledger untouched.
    expect(ledger.entries.length).toBeGreaterThanOrEqual(before);
  }
  return { ledger, model };
}

function sumSummaries(summaries: Iterable<BalanceSummary>): BalanceSummary {
  const total: BalanceSummary = { chargedCents: 0, appliedCents: 0, balanceCents: 0, buckets: zero() };
  for (const s of summaries) {
    total.chargedCents += s.chargedCents;
    total.appliedCents += s.appliedCents;
    total.balanceCents += s.balanceCents;
    for (const k of RESPONSIBILITY_BUCKETS) total.buckets[k] += s.buckets[k];
  }
  return total;
}

const RUNS = 3000;

describe('ledger invariants (property-based)', () => {
  it('line balance = charges − everything applied, and the bucket shares add up to it', () => {
    fc.assert(
      fc.property(scenarioArb, ({ serviceOffsets, ops }) => {
        const { ledger, model } = run(serviceOffsets, ops);
        const lines = lineBalances(ledger.entries);
        for (const shape of LINE_SHAPES) {
          const s = lines.get(shape.claimLineId);
          const expected = model.buckets.get(shape.claimLineId)!;
          const balance = RESPONSIBILITY_BUCKETS.reduce((sum, k) => sum + expected[k], 0);
          if (!s) {
            expect(balance).toBe(0);
            continue;
          }
          expect(s.buckets).toEqual(expected);
          expect(s.balanceCents).toBe(balance);
          expect(s.chargedCents).toBe(model.charged.get(shape.claimLineId) ?? 0);
          expect(s.chargedCents - s.appliedCents).toBe(s.balanceCents);
        }
        // Transfers (and their reversals) only move money: their effects sum to zero on every line.
        const moved = ledger.entries.filter((e) => e.toBucket !== null);
        expect(tenantBalance(moved).balanceCents).toBe(0);
        expect(RESPONSIBILITY_BUCKETS.reduce((sum, k) => sum + tenantBalance(moved).buckets[k], 0)).toBe(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('a reversal restores the exact balances that existed before the reversed entry', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), fc.nat({ max: 200 }), ({ serviceOffsets, ops }, pick, day) => {
        const { ledger } = run(serviceOffsets, ops);
        const candidates = ledger.entries.filter((e) => e.kind !== 'reversal' && !ledger.entries.some((r) => r.reversesEntryId === e.id));
        if (candidates.length === 0) return;
        const target = candidates[pick % candidates.length]!;
        const withoutTarget = ledger.entries.filter((e) => e.id !== target.id);
        const expected = { lines: lineBalances(withoutTarget), payers: payerBalances(withoutTarget) };
        ledger.append([reversalOf(target, addDays(ANCHOR, -day))]);
        const after = { lines: lineBalances(ledger.entries), payers: payerBalances(ledger.entries) };
        const empty = { chargedCents: 0, appliedCents: 0, balanceCents: 0, buckets: zero() };
        for (const shape of LINE_SHAPES) {
          expect(after.lines.get(shape.claimLineId) ?? empty).toEqual(expected.lines.get(shape.claimLineId) ?? empty);
        }
        for (const payer of [10, 11, 12]) expect(after.payers.get(payer) ?? 0).toBe(expected.payers.get(payer) ?? 0);
        // …and it cannot be reversed again, nor can the reversal itself.
        const reversal = ledger.entries.at(-1)!;
        expect(() => ledger.append([reversalOf(target, ANCHOR)])).toThrow(/refused/);
        expect(() => ledger.append([reversalOf(reversal, ANCHOR)])).toThrow(/refused/);
      }),
      { numRuns: RUNS },
    );
  });

  it('totals agree between the ledger and every summary (line, claim, patient, payer, tenant, aging)', () => {
    fc.assert(
      fc.property(scenarioArb, ({ serviceOffsets, ops, asOfOffset }) => {
        const { ledger } = run(serviceOffsets, ops);
        const entries = ledger.entries;
        const tenant = tenantBalance(entries);
        expect(sumSummaries(lineBalances(entries).values())).toEqual(tenant);
        expect(sumSummaries(claimBalances(entries).values())).toEqual(tenant);
        expect(sumSummaries(patientBalances(entries).values())).toEqual(tenant);
        const payers = payerBalances(entries);
        const payerTotal = [...payers.values()].reduce((a, b) => a + b, 0);
        expect(payerTotal + tenant.buckets.patient).toBe(tenant.balanceCents);

        // Aging as of a date, checked against days counted independently with daysBetween.
        const asOf = addDays(ANCHOR, -asOfOffset);
        const counted = entriesAsOf(entries, asOf);
        const bucketOfDays = (days: number): AgingBucket =>
          days <= 30 ? '0-30' : days <= 60 ? '31-60' : days <= 90 ? '61-90' : days <= 120 ? '91-120' : '120+';
        const expectedPayer = new Map<string, number>();
        const expectedPatient = new Map<string, number>();
        for (const [lineId, s] of lineBalances(counted)) {
          const line = buildLines(serviceOffsets).find((l) => l.claimLineId === lineId)!;
          const bucket = bucketOfDays(daysBetween(line.serviceDate, asOf));
          for (const k of ['primary', 'secondary', 'tertiary'] as const) {
            const key = `${payerOf(line.claimId, k)}|${bucket}`;
            expectedPayer.set(key, (expectedPayer.get(key) ?? 0) + s.buckets[k]);
          }
          const key = `${line.patientId}|${bucket}`;
          expectedPatient.set(key, (expectedPatient.get(key) ?? 0) + s.buckets.patient);
        }
        const byPayer = agingByPayer(entries, asOf);
        const byPatient = agingByPatient(entries, asOf);
        for (const row of byPayer) for (const b of AGING_BUCKETS) expect(row.buckets[b]).toBe(expectedPayer.get(`${row.partyId}|${b}`) ?? 0);
        for (const row of byPatient) for (const b of AGING_BUCKETS) expect(row.buckets[b]).toBe(expectedPatient.get(`${row.partyId}|${b}`) ?? 0);
        // No non-zero cell is missing from the report.
        const reported = (rows: typeof byPayer): number => rows.reduce((sum, r) => sum + AGING_BUCKETS.filter((b) => r.buckets[b] !== 0).length, 0);
        expect(reported(byPayer)).toBe([...expectedPayer.values()].filter((v) => v !== 0).length);
        expect(reported(byPatient)).toBe([...expectedPatient.values()].filter((v) => v !== 0).length);
        // Aging totals equal the balances as of that date.
        const countedTenant = tenantBalance(counted);
        const agingTotal = [...byPayer, ...byPatient].reduce((sum, r) => sum + r.totalCents, 0);
        expect(agingTotal).toBe(countedTenant.balanceCents);
        const countedPayers = payerBalances(counted);
        for (const row of byPayer) expect(row.totalCents).toBe(countedPayers.get(row.partyId));
        const countedPatients = patientBalances(counted);
        for (const row of byPatient) expect(row.totalCents).toBe(countedPatients.get(row.partyId)?.buckets.patient);
      }),
      { numRuns: RUNS },
    );
  });
});
