/**
 * Ledger contract tests, run on SQLite and PostgreSQL: appending, refusing, idempotent batches,
 * append-only storage, tenancy, and SQL aggregates that agree with the pure reference functions on
 * random operation sequences.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { createLedgerPractice } from '../../test/support/ledger-practice.js';
import type { LedgerPractice } from '../../test/support/ledger-practice.js';
import { describeEachDialect } from '../../test/support/databases.js';
import { agingByPatient, agingByPayer } from '../billing/ledger/aging.js';
import { claimBalances, lineBalances, patientBalances, payerBalances, tenantBalance } from '../billing/ledger/balances.js';
import type { NewLedgerEntry } from '../billing/ledger/entry.js';
import { LEDGER_ENTRY_KINDS, RESPONSIBILITY_BUCKETS } from '../billing/ledger/kinds.js';
import type { LedgerEntryKind, ResponsibilityBucket } from '../billing/ledger/kinds.js';
import { MemoryLedger } from '../billing/ledger/memory-ledger.js';
import { reversalOf } from '../billing/ledger/reversal.js';
import { addDays } from '../model/dates.js';
import { isAppError } from '../model/errors.js';
import { agingSql } from './aging.repository.js';
import { appendEntries, balancesBy, listEntries, payerBalancesSql, tenantBalanceSql } from './ledger.repository.js';
import type { LedgerContext } from './ledger.repository.js';

const ANCHOR = '2026-11-01';
let slugCounter = 0;
const slug = (): string => `ledger-${process.pid}-${++slugCounter}`;

function payerFor(practice: LedgerPractice, lineIndex: number, bucket: ResponsibilityBucket): number | null {
  if (bucket === 'patient') return null;
  const offset = { primary: 0, secondary: 1, tertiary: 2 }[bucket];
  return practice.payerIds[(lineIndex + offset) % practice.payerIds.length]!;
}

describeEachDialect('ledger repository', (getDb) => {
  let practice: LedgerPractice;
  let ctx: LedgerContext;
  const line = (i: number) => practice.lines[i]!;

  it('appends a charge, payment, adjustment and transfer and derives the same balances as the pure functions', async () => {
    const { db } = getDb();
    practice = await createLedgerPractice(db, { slug: slug(), patientCount: 2, linesPerPatient: 2, serviceDate: (p, l) => addDays(ANCHOR, -(p * 45 + l * 20)) });
    ctx = { tenantId: practice.tenantId };
    const p0 = practice.payerIds[0]!;
    const stored = await appendEntries(db, ctx, [
      { kind: 'charge', claimLineId: line(0).claimLineId, bucket: 'primary', payerId: p0, amountCents: 15_000, effectiveDate: ANCHOR },
      { kind: 'insurance_payment', claimLineId: line(0).claimLineId, bucket: 'primary', payerId: p0, amountCents: -9_000, effectiveDate: ANCHOR },
      { kind: 'contractual_adjustment', claimLineId: line(0).claimLineId, bucket: 'primary', payerId: p0, amountCents: -4_000, effectiveDate: ANCHOR },
      { kind: 'transfer', claimLineId: line(0).claimLineId, bucket: 'primary', payerId: p0, toBucket: 'patient', toPayerId: null, amountCents: -2_000, effectiveDate: ANCHOR },
      { kind: 'charge', claimLineId: line(3).claimLineId, bucket: 'patient', payerId: null, amountCents: 7_500, effectiveDate: ANCHOR },
    ]);
    expect(stored.map((e) => e.kind)).toEqual(['charge', 'insurance_payment', 'contractual_adjustment', 'transfer', 'charge']);
    expect(stored[0]).toMatchObject({ tenantId: ctx.tenantId, claimId: line(0).claimId, patientId: line(0).patientId, serviceDate: line(0).serviceDate, reversesEntryId: null });

    const entries = await listEntries(db, ctx);
    expect(entries).toEqual(stored);
    const lines = await balancesBy(db, ctx, 'line');
    expect(lines.get(line(0).claimLineId)).toEqual({ chargedCents: 15_000, appliedCents: 13_000, balanceCents: 2_000, buckets: { primary: 0, secondary: 0, tertiary: 0, patient: 2_000 } });
    expect(lines).toEqual(lineBalances(entries));
    expect(await balancesBy(db, ctx, 'claim')).toEqual(claimBalances(entries));
    expect(await balancesBy(db, ctx, 'patient')).toEqual(patientBalances(entries));
    expect(await tenantBalanceSql(db, ctx)).toEqual(tenantBalance(entries));
    expect(await payerBalancesSql(db, ctx)).toEqual(payerBalances(entries));
    expect(await agingSql(db, ctx, 'patient', ANCHOR)).toEqual(agingByPatient(entries, ANCHOR));
  });

  it('refuses a batch with any bad entry and writes nothing of it', async () => {
    const { db } = getDb();
    const before = (await listEntries(db, ctx)).length;
    const batch: NewLedgerEntry[] = [
      { kind: 'charge', claimLineId: line(1).claimLineId, bucket: 'primary', payerId: practice.payerIds[0]!, amountCents: 5_000, effectiveDate: ANCHOR },
      { kind: 'patient_payment', claimLineId: line(1).claimLineId, bucket: 'patient', payerId: null, amountCents: 1_000, effectiveDate: ANCHOR },
      { kind: 'write_off', claimLineId: 999_999, bucket: 'patient', payerId: null, amountCents: -1, effectiveDate: ANCHOR },
    ];
    const error = await appendEntries(db, ctx, batch).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('business_rule');
    expect(isAppError(error) && error.problems.map((p) => `${p.path} ${p.code}`)).toEqual(['entries[1].amountCents ledger.sign', 'entries[2].claimLineId ledger.line']);
    expect(await listEntries(db, ctx)).toHaveLength(before);
  });

  it('posts a batch key once only', async () => {
    const { db } = getDb();
    const entry: NewLedgerEntry = { kind: 'patient_payment', claimLineId: line(3).claimLineId, bucket: 'patient', payerId: null, amountCents: -500, effectiveDate: ANCHOR };
    const first = await appendEntries(db, ctx, [entry], { batchKey: 'era-0001', source: 'test' });
    expect(first[0]!.postingBatchId).not.toBeNull();
    const again = await appendEntries(db, ctx, [entry], { batchKey: 'era-0001' }).catch((e: unknown) => e);
    expect(isAppError(again) && again.code).toBe('conflict');
    expect((await listEntries(db, ctx, { claimLineId: line(3).claimLineId })).filter((e) => e.kind === 'patient_payment')).toHaveLength(1);
  });

  it('reverses an entry once, never a reversal, and restores the balances', async () => {
    const { db } = getDb();
    const before = await balancesBy(db, ctx, 'line', { id: line(0).claimLineId });
    const [payment] = await appendEntries(db, ctx, [
      { kind: 'insurance_payment', claimLineId: line(0).claimLineId, bucket: 'primary', payerId: practice.payerIds[0]!, amountCents: -123, effectiveDate: ANCHOR },
    ]);
    const [reversal] = await appendEntries(db, ctx, [reversalOf(payment!, ANCHOR, 'posted to the wrong line')]);
    expect(reversal).toMatchObject({ kind: 'reversal', reversesEntryId: payment!.id, reversedKind: 'insurance_payment', amountCents: 123 });
    expect(await balancesBy(db, ctx, 'line', { id: line(0).claimLineId })).toEqual(before);
    const twice = await appendEntries(db, ctx, [reversalOf(payment!, ANCHOR)]).catch((e: unknown) => e);
    expect(isAppError(twice) && twice.problems.map((p) => p.code)).toEqual(['ledger.reversed-twice']);
    const ofReversal = await appendEntries(db, ctx, [reversalOf(reversal!, ANCHOR)]).catch((e: unknown) => e);
    expect(isAppError(ofReversal) && ofReversal.problems.map((p) => p.code)).toContain('ledger.reverses');
    // The unique constraint holds even when validation is bypassed (a racing second posting).
    const row = await db.selectFrom('ledger_entries').selectAll().where('id', '=', reversal!.id).executeTakeFirstOrThrow();
    const { id: _id, ...copy } = row;
    await expect(db.insertInto('ledger_entries').values(copy).execute()).rejects.toThrow(/unique|UNIQUE/);
  });

  it('is append-only: the database refuses UPDATE and DELETE of an entry', async () => {
    const { db } = getDb();
    const [first] = await listEntries(db, ctx);
    await expect(db.updateTable('ledger_entries').set({ amount_cents: 1 }).where('id', '=', first!.id).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('ledger_entries').where('id', '=', first!.id).execute()).rejects.toThrow(/append-only/);
    // And the database checks signs even for rows written around the repository.
    const { id: _id, ...copy } = await db.selectFrom('ledger_entries').selectAll().where('id', '=', first!.id).executeTakeFirstOrThrow();
    await expect(db.insertInto('ledger_entries').values({ ...copy, amount_cents: -copy.amount_cents }).execute()).rejects.toThrow(/check|CHECK/);
  });

  it("keeps tenants apart: tenant B can neither read nor write tenant A's ledger", async () => {
    const { db } = getDb();
    const other = await createLedgerPractice(db, { slug: slug(), patientCount: 1, linesPerPatient: 1, serviceDate: () => ANCHOR });
    const b: LedgerContext = { tenantId: other.tenantId };
    const aEntries = await listEntries(db, ctx);
    expect(aEntries.length).toBeGreaterThan(0);
    // Reads: nothing of A is visible to B, by list, balance or aging.
    expect(await listEntries(db, b)).toEqual([]);
    expect(await listEntries(db, b, { claimLineId: line(0).claimLineId })).toEqual([]);
    expect((await balancesBy(db, b, 'line', { id: line(0).claimLineId })).size).toBe(0);
    expect((await tenantBalanceSql(db, b)).balanceCents).toBe(0);
    expect(await payerBalancesSql(db, b)).toEqual(new Map());
    expect(await agingSql(db, b, 'payer', ANCHOR)).toEqual([]);
    expect(await agingSql(db, b, 'patient', ANCHOR)).toEqual([]);
    // Writes: A's lines, payers and entries do not exist for B.
    const attempts: NewLedgerEntry[][] = [
      [{ kind: 'write_off', claimLineId: line(0).claimLineId, bucket: 'patient', payerId: null, amountCents: -2_000, effectiveDate: ANCHOR }],
      [{ kind: 'charge', claimLineId: other.lines[0]!.claimLineId, bucket: 'primary', payerId: practice.payerIds[0]!, amountCents: 100, effectiveDate: ANCHOR }],
      [reversalOf({ ...aEntries[0]!, claimLineId: other.lines[0]!.claimLineId }, ANCHOR)],
    ];
    for (const attempt of attempts) {
      const error = await appendEntries(db, b, attempt).catch((e: unknown) => e);
      expect(isAppError(error) && error.code).toBe('business_rule');
    }
    // Even a row written around the repository cannot point at another tenant's line (composite keys).
    const { id: _id, ...copy } = await db.selectFrom('ledger_entries').selectAll().where('id', '=', aEntries[0]!.id).executeTakeFirstOrThrow();
    await expect(db.insertInto('ledger_entries').values({ ...copy, tenant_id: other.tenantId }).execute()).rejects.toThrow(/foreign key|FOREIGN KEY/i);
    expect(await listEntries(db, ctx)).toEqual(aEntries);
  });
});

// ---- property test against both databases --------------------------------------------------------

type Op =
  | { t: 'post'; kind: Exclude<LedgerEntryKind, 'reversal'>; line: number; bucket: ResponsibilityBucket; toBucket: ResponsibilityBucket; amount: number; day: number }
  | { t: 'reverse'; pick: number; day: number };
const postKinds = LEDGER_ENTRY_KINDS.filter((k): k is Exclude<LedgerEntryKind, 'reversal'> => k !== 'reversal');
const SIGN: Record<Exclude<LedgerEntryKind, 'reversal'>, number> = {
  charge: 1,
  refund: 1,
  insurance_payment: -1,
  contractual_adjustment: -1,
  patient_payment: -1,
  write_off: -1,
  transfer: -1,
  other_adjustment: 1,
};
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .record({
        kind: fc.constantFrom(...postKinds),
        line: fc.nat({ max: 5 }),
        bucket: fc.constantFrom(...RESPONSIBILITY_BUCKETS),
        toBucket: fc.constantFrom(...RESPONSIBILITY_BUCKETS),
        amount: fc.integer({ min: 1, max: 40_000 }),
        flip: fc.boolean(),
        day: fc.nat({ max: 200 }),
      })
      .map(({ flip, amount, kind, ...rest }): Op => ({ t: 'post', kind, amount: SIGN[kind] * amount * (flip && kind === 'other_adjustment' ? -1 : 1), ...rest })),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('reverse' as const), pick: fc.nat(), day: fc.nat({ max: 200 }) }) },
);

describeEachDialect('ledger SQL agrees with the pure ledger on random sequences', (getDb, dialect) => {
  it('line, claim, patient, payer, tenant balances and aging by payer and patient', async () => {
    const { db } = getDb();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(opArb, { minLength: 1, maxLength: 4 }), { maxLength: 10 }), fc.integer({ min: -150, max: 10 }), async (batches, asOfOffset) => {
        const practice = await createLedgerPractice(db, { slug: slug(), patientCount: 3, linesPerPatient: 2, serviceDate: (p, l) => addDays(ANCHOR, -((p * 53 + l * 31) % 190)) });
        const ctx: LedgerContext = { tenantId: practice.tenantId };
        const memory = new MemoryLedger({ tenantId: practice.tenantId, lines: practice.lines.map((l) => ({ ...l, tenantId: practice.tenantId })), payerIds: practice.payerIds });
        const dbId = new Map<number, number>();
        for (const ops of batches) {
          const batch: NewLedgerEntry[] = [];
          for (const op of ops) {
            if (op.t === 'reverse') {
              const all = memory.entries;
              if (all.length > 0) batch.push(reversalOf(all[op.pick % all.length]!, addDays(ANCHOR, -op.day)));
              continue;
            }
            const target = practice.lines[op.line]!;
            batch.push({
              kind: op.kind,
              claimLineId: target.claimLineId,
              bucket: op.bucket,
              payerId: payerFor(practice, op.line, op.bucket),
              toBucket: op.kind === 'transfer' ? op.toBucket : null,
              toPayerId: op.kind === 'transfer' ? payerFor(practice, op.line, op.toBucket) : null,
              amountCents: op.amount,
              effectiveDate: addDays(ANCHOR, -op.day),
            });
          }
          if (batch.length === 0) continue;
          // The memory ledger and the database must accept or refuse the same batches.
          let expected: unknown = null;
          let memoryAdded: readonly { id: number }[] = [];
          try {
            memoryAdded = memory.append(batch);
          } catch (e) {
            expected = e;
          }
          // Reversals name the database's ids, not the memory ledger's.
          const dbBatch = batch.map((e) => (e.reversesEntryId == null ? e : { ...e, reversesEntryId: dbId.get(e.reversesEntryId) ?? -1 }));
          const got = await appendEntries(db, ctx, dbBatch).then(
            (stored) => {
              stored.forEach((e, i) => dbId.set(memoryAdded[i]!.id, e.id));
              return null;
            },
            (e: unknown) => e,
          );
          const summary = (e: unknown) => (isAppError(e) ? e.problems.map((p) => `${p.path} ${p.code}`) : e);
          expect(summary(got)).toEqual(summary(expected));
        }
        const entries = await listEntries(db, ctx);
        expect(entries.map((e) => [e.kind, e.claimLineId, e.bucket, e.amountCents])).toEqual(memory.entries.map((e) => [e.kind, e.claimLineId, e.bucket, e.amountCents]));
        const asOf = addDays(ANCHOR, -asOfOffset);
        expect(await balancesBy(db, ctx, 'line')).toEqual(lineBalances(entries));
        expect(await balancesBy(db, ctx, 'claim')).toEqual(claimBalances(entries));
        expect(await balancesBy(db, ctx, 'patient')).toEqual(patientBalances(entries));
        expect(await tenantBalanceSql(db, ctx)).toEqual(tenantBalance(entries));
        expect(await payerBalancesSql(db, ctx)).toEqual(payerBalances(entries));
        expect(await agingSql(db, ctx, 'payer', asOf)).toEqual(agingByPayer(entries, asOf));
        expect(await agingSql(db, ctx, 'patient', asOf)).toEqual(agingByPatient(entries, asOf));
      }),
      { numRuns: dialect === 'sqlite' ? 100 : 50 },
    );
  });
});
