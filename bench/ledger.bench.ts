/**
 * Ledger benchmark (issue 3), SQLite and PostgreSQL side by side:
 * - `append_100k`: 100 000 ledger entries through appendEntries (validated, 1 000 per posting batch);
 * - `aging_1m`: AR aging by payer and by patient over 1 000 000 entries of one tenant (target ≤ 1 s).
 * PostgreSQL is a private throw-away server started like the test run's (test/support/postgres-server.ts);
 * SQLite is a WAL file in a temporary directory. `LEDGER_BENCH_ENTRIES` scales the 1M figure down
 * for a quick run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { NewLedgerEntry } from '../src/billing/ledger/entry.js';
import { addDays } from '../src/model/dates.js';
import { agingSql } from '../src/store/aging.repository.js';
import { openDatabase } from '../src/store/connection.js';
import type { Database } from '../src/store/connection.js';
import { appendEntries, ledgerEntryRow, tenantBalanceSql } from '../src/store/ledger.repository.js';
import { migrateToLatest } from '../src/store/migrate.js';
import type { DB } from '../src/store/schema.js';
import { nowIso } from '../src/store/sql-types.js';
import { createLedgerPractice } from '../test/support/ledger-practice.js';
import type { LedgerPractice } from '../test/support/ledger-practice.js';
import { findPostgresBin, startPostgres } from '../test/support/postgres-server.js';
import { percentile, report, rssMb } from './report.js';

const ANCHOR = '2026-11-01';
const TOTAL = Number(process.env['LEDGER_BENCH_ENTRIES'] ?? 1_000_000);
const APPEND = Math.min(100_000, TOTAL);
const PER_LINE = 10;
const LINES = Math.ceil(TOTAL / PER_LINE);
const LINES_PER_PATIENT = 5;
const APPEND_BATCH = 1_000;
const RAW_CHUNK = 1_000;
const AGING_RUNS = 5;

/** Ten entries per line, a realistic life: charge, primary pays and adjusts, secondary, patient. */
function lineLife(line: LedgerPractice['lines'][number], i: number, payers: readonly number[]): NewLedgerEntry[] {
  const primary = payers[i % payers.length]!;
  const secondary = payers[(i + 1) % payers.length]!;
  const d = (n: number) => addDays(line.serviceDate, n);
  const c = line.claimLineId;
  return [
    { kind: 'charge', claimLineId: c, bucket: 'primary', payerId: primary, amountCents: 20_000, effectiveDate: d(0) },
    { kind: 'insurance_payment', claimLineId: c, bucket: 'primary', payerId: primary, amountCents: -9_000, effectiveDate: d(21) },
    { kind: 'contractual_adjustment', claimLineId: c, bucket: 'primary', payerId: primary, amountCents: -6_000, effectiveDate: d(21) },
    { kind: 'transfer', claimLineId: c, bucket: 'primary', payerId: primary, toBucket: 'secondary', toPayerId: secondary, amountCents: -5_000, effectiveDate: d(21) },
    { kind: 'insurance_payment', claimLineId: c, bucket: 'secondary', payerId: secondary, amountCents: -3_000, effectiveDate: d(40) },
    { kind: 'transfer', claimLineId: c, bucket: 'secondary', payerId: secondary, toBucket: 'patient', toPayerId: null, amountCents: -2_000, effectiveDate: d(40) },
    { kind: 'patient_payment', claimLineId: c, bucket: 'patient', payerId: null, amountCents: -1_500, effectiveDate: d(55) },
    { kind: 'other_adjustment', claimLineId: c, bucket: 'patient', payerId: null, amountCents: -100, effectiveDate: d(60) },
    { kind: 'refund', claimLineId: c, bucket: 'patient', payerId: null, amountCents: 100, effectiveDate: d(70) },
    { kind: 'write_off', claimLineId: c, bucket: 'patient', payerId: null, amountCents: -200, effectiveDate: d(90) },
  ];
}

/** Inserts entries straight into the table (the bulk fill to 1M; the data is valid by construction). */
async function rawInsert(db: Kysely<DB>, practice: LedgerPractice, entries: readonly NewLedgerEntry[]): Promise<void> {
  const byLine = new Map(practice.lines.map((l) => [l.claimLineId, l]));
  const now = nowIso();
  const rows = entries.map((e) =>
    ledgerEntryRow(practice.tenantId, byLine.get(e.claimLineId)!, e, { reversedKind: null, postingBatchId: null, createdBy: null, createdAt: now }),
  );
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += RAW_CHUNK) await trx.insertInto('ledger_entries').values(rows.slice(i, i + RAW_CHUNK)).execute();
  });
}

async function benchDialect(database: Database): Promise<void> {
  const { db, dialect } = database;
  await migrateToLatest(db);
  let t0 = performance.now();
  const practice = await createLedgerPractice(db, {
    slug: 'bench',
    payerCount: 8,
    patientCount: Math.ceil(LINES / LINES_PER_PATIENT),
    linesPerPatient: LINES_PER_PATIENT,
    // Dates of service spread over 240 days before the anchor, so every aging bucket fills.
    serviceDate: (p, l) => addDays(ANCHOR, -((p * 7 + l * 13) % 240)),
  });
  report({ bench: 'ledger.setup', metric: 'lines', value: practice.lines.length, unit: 'lines', dialect, seconds: round((performance.now() - t0) / 1000) });
  const ctx = { tenantId: practice.tenantId };
  const all = practice.lines.flatMap((l, i) => lineLife(l, i, practice.payerIds));

  // 1. 100k entries through the validated, transactional appendEntries.
  const first = all.slice(0, APPEND);
  t0 = performance.now();
  for (let i = 0; i < first.length; i += APPEND_BATCH) {
    await appendEntries(db, ctx, first.slice(i, i + APPEND_BATCH), { batchKey: `bench-${i}` });
  }
  const appendMs = performance.now() - t0;
  report({ bench: 'ledger.append_100k', metric: 'seconds', value: round(appendMs / 1000), unit: 's', dialect, entries: first.length, batch: APPEND_BATCH });
  report({ bench: 'ledger.append_100k', metric: 'throughput', value: Math.round(first.length / (appendMs / 1000)), unit: 'entries/s', dialect });

  // 2. Fill to 1M and age.
  t0 = performance.now();
  const rest = all.slice(APPEND, TOTAL);
  for (let i = 0; i < rest.length; i += 50_000) await rawInsert(db, practice, rest.slice(i, i + 50_000));
  // Steady state: autovacuum has run (VACUUM sets the visibility map that index-only scans need).
  if (dialect === 'postgres') await sql`vacuum analyze ledger_entries`.execute(db);
  else await sql`analyze`.execute(db);
  const count = await db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', ctx.tenantId).executeTakeFirstOrThrow();
  report({ bench: 'ledger.fill', metric: 'entries', value: count.n, unit: 'entries', dialect, seconds: round((performance.now() - t0) / 1000) });

  const asOf = ANCHOR;
  for (const dimension of ['payer', 'patient'] as const) {
    const times: number[] = [];
    let rows = 0;
    let total = 0;
    for (let run = 0; run < AGING_RUNS; run++) {
      t0 = performance.now();
      const result = await agingSql(db, ctx, dimension, asOf);
      times.push(performance.now() - t0);
      rows = result.length;
      total = result.reduce((s, r) => s + r.totalCents, 0);
    }
    report({ bench: 'ledger.aging_1m', metric: `${dimension}_p50`, value: round(percentile(times, 50)), unit: 'ms', dialect, entries: count.n, rows, first: round(times[0]!) });
    report({ bench: 'ledger.aging_1m', metric: `${dimension}_max`, value: round(Math.max(...times)), unit: 'ms', dialect });
    // Sanity: the aging totals equal the ledger's balance for the same party kind.
    const balance = await tenantBalanceSql(db, ctx, { asOf });
    const expected = dimension === 'patient' ? balance.buckets.patient : balance.balanceCents - balance.buckets.patient;
    if (total !== expected) throw new Error(`aging ${dimension} total ${total} ≠ ledger ${expected} on ${dialect}`);
  }
  report({ bench: 'ledger', metric: 'rss', value: rssMb(), unit: 'MB', dialect });
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'superbill-ledger-bench-'));
  try {
    const sqlite = await openDatabase(`file:${join(dir, 'bench.db')}`);
    try {
      await benchDialect(sqlite);
    } finally {
      await sqlite.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const bin = findPostgresBin();
  if (!bin) {
    report({ bench: 'ledger', metric: 'skipped', value: 0, unit: 'postgres', reason: 'PostgreSQL binaries not found' });
    return;
  }
  const server = await startPostgres(bin);
  try {
    const pg = await openDatabase(server.url, { poolSize: 2 });
    try {
      await benchDialect(pg);
    } finally {
      await pg.close();
    }
  } finally {
    server.stop();
  }
}

await main();
