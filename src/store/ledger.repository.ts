/**
 * The ledger in SQL (docs/ledger.md): append entries atomically after validating them, read them back,
 * and derive balances with aggregate queries that agree with the pure functions in
 * src/billing/ledger/balances.ts. Every query filters by the caller's tenant.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { BalanceSummary } from '../billing/ledger/balances.js';
import type { LedgerEntry, NewLedgerEntry } from '../billing/ledger/entry.js';
import type { ResponsibilityBucket } from '../billing/ledger/kinds.js';
import { validateNewEntries } from '../billing/ledger/validate.js';
import type { LedgerLineInfo } from '../billing/ledger/validate.js';
import { AppError } from '../model/errors.js';
import { hasErrors } from '../model/problem.js';
import type { Cents } from '../model/money.js';
import type { DB } from './schema.js';
import { nowIso } from './sql-types.js';
import type { LedgerEntryRow, NewLedgerEntryRow } from './tables/ledger.table.js';
import { withTransaction } from './transaction.js';

/** Who is writing or reading: the tenant every query is limited to, and the user (for the record). */
export interface LedgerContext {
  readonly tenantId: number;
  readonly userId?: number | null;
}

/** Options for {@link appendEntries}. */
export interface AppendEntriesOptions {
  /**
   * Idempotency key of the posting (e.g. `835:<ISA13>:<TRN02>`): a second append with the same key in
   * the same tenant is refused with a `conflict` error, so a file can never be posted twice.
   */
  readonly batchKey?: string;
  /** What produced the batch, for people. */
  readonly source?: string;
}

// SQLite allows 32 766 bound parameters per statement and PostgreSQL 65 535; 19 columns × 500 rows
// stays well below both.
const INSERT_CHUNK = 500;
const LOOKUP_CHUNK = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function unique(values: Iterable<number | null | undefined>): number[] {
  const out = new Set<number>();
  for (const v of values) if (typeof v === 'number') out.add(v);
  return [...out];
}

/** True when `e` is a unique-constraint violation (SQLite or PostgreSQL). */
export function isUniqueViolation(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const code = (e as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Maps a stored row to the domain entry. */
export function toLedgerEntry(row: LedgerEntryRow): LedgerEntry {
  return {
    id: row.id,
    seq: row.id,
    tenantId: row.tenant_id,
    patientId: row.patient_id,
    claimId: row.claim_id,
    claimLineId: row.claim_line_id,
    kind: row.kind,
    bucket: row.bucket,
    payerId: row.payer_id,
    toBucket: row.to_bucket,
    toPayerId: row.to_payer_id,
    amountCents: row.amount_cents,
    serviceDate: row.service_date,
    effectiveDate: row.effective_date,
    reversesEntryId: row.reverses_entry_id,
    reversedKind: row.reversed_kind,
    postingBatchId: row.posting_batch_id,
    memo: row.memo,
  };
}

/** The service lines of this tenant among `ids`, with their claim, patient and date of service. */
export async function findLedgerLines(
  db: Kysely<DB>,
  ctx: LedgerContext,
  ids: readonly number[],
): Promise<Map<number, LedgerLineInfo>> {
  const out = new Map<number, LedgerLineInfo>();
  for (const part of chunks(unique(ids), LOOKUP_CHUNK)) {
    const rows = await db
      .selectFrom('claim_lines as l')
      .innerJoin('claims as c', (j) =>
        j.onRef('c.id', '=', 'l.claim_id').onRef('c.tenant_id', '=', 'l.tenant_id'),
      )
      .select(['l.id', 'l.tenant_id', 'l.claim_id', 'c.patient_id', 'l.service_date'])
      .where('l.tenant_id', '=', ctx.tenantId)
      .where('l.id', 'in', part)
      .execute();
    for (const r of rows) {
      out.set(r.id, {
        claimLineId: r.id,
        tenantId: r.tenant_id,
        claimId: r.claim_id,
        patientId: r.patient_id,
        serviceDate: r.service_date,
      });
    }
  }
  return out;
}

/**
 * Validates `entries` (every rule of src/billing/ledger/validate.ts, against this tenant's lines,
 * payers and earlier entries) and inserts them in one transaction, with their posting batch when
 * `batchKey` is given. Nothing is written when anything is wrong: AppError `business_rule` lists every
 * problem; `conflict` when the batch key was already posted or an entry was reversed concurrently.
 * Returns the stored entries in insertion order.
 */
export async function appendEntries(
  db: Kysely<DB>,
  ctx: LedgerContext,
  entries: readonly NewLedgerEntry[],
  options: AppendEntriesOptions = {},
): Promise<LedgerEntry[]> {
  return withTransaction(db, async (trx) => {
    const lines = await findLedgerLines(
      trx,
      ctx,
      entries.map((e) => e.claimLineId),
    );
    const payerIds = new Set<number>();
    for (const part of chunks(unique(entries.flatMap((e) => [e.payerId, e.toPayerId])), LOOKUP_CHUNK)) {
      const rows = await trx
        .selectFrom('payers')
        .select('id')
        .where('tenant_id', '=', ctx.tenantId)
        .where('id', 'in', part)
        .execute();
      for (const r of rows) payerIds.add(r.id);
    }
    const originals = new Map<number, LedgerEntry>();
    const alreadyReversed = new Set<number>();
    for (const part of chunks(unique(entries.map((e) => e.reversesEntryId)), LOOKUP_CHUNK)) {
      const rows = await trx
        .selectFrom('ledger_entries')
        .selectAll()
        .where('tenant_id', '=', ctx.tenantId)
        .where('id', 'in', part)
        .execute();
      for (const r of rows) originals.set(r.id, toLedgerEntry(r));
      const done = await trx
        .selectFrom('ledger_entries')
        .select('reverses_entry_id')
        .where('tenant_id', '=', ctx.tenantId)
        .where('reverses_entry_id', 'in', part)
        .execute();
      for (const r of done) if (r.reverses_entry_id !== null) alreadyReversed.add(r.reverses_entry_id);
    }
    const problems = validateNewEntries(entries, {
      tenantId: ctx.tenantId,
      lines,
      payerIds,
      originals,
      alreadyReversed,
    });
    if (hasErrors(problems))
      throw new AppError('business_rule', 'The ledger entries were refused; nothing was posted.', problems);

    const createdAt = nowIso();
    const userId = ctx.userId ?? null;
    let postingBatchId: number | null = null;
    if (options.batchKey !== undefined) {
      const batchKey = options.batchKey;
      // ON CONFLICT DO NOTHING (both dialects): a duplicate key returns no row instead of an error,
      // which in PostgreSQL would abort the caller's whole transaction.
      const batch = await trx
        .insertInto('ledger_posting_batches')
        .values({ tenant_id: ctx.tenantId, batch_key: batchKey, source: options.source ?? null, entry_count: entries.length, created_by: userId, created_at: createdAt })
        .onConflict((oc) => oc.columns(['tenant_id', 'batch_key']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!batch) throw alreadyPosted(batchKey);
      postingBatchId = batch.id;
    }

    const rows = entries.map((e): NewLedgerEntryRow => {
      const original = e.reversesEntryId != null ? originals.get(e.reversesEntryId) : undefined;
      return ledgerEntryRow(ctx.tenantId, lines.get(e.claimLineId)!, e, {
        reversedKind: original?.kind ?? null,
        postingBatchId,
        createdBy: userId,
        createdAt,
      });
    });
    const stored: LedgerEntry[] = [];
    try {
      for (const part of chunks(rows, INSERT_CHUNK)) {
        const inserted = await trx.insertInto('ledger_entries').values(part).returningAll().execute();
        stored.push(...inserted.sort((a, b) => a.id - b.id).map(toLedgerEntry));
      }
    } catch (e) {
      // The unique index on reverses_entry_id catches a reversal posted concurrently by someone else.
      if (isUniqueViolation(e))
        throw new AppError('conflict', 'An entry in this posting has already been reversed.', [], {
          cause: e,
        });
      throw e;
    }
    return stored;
  });
}

function alreadyPosted(batchKey: string, cause?: unknown): AppError {
  return new AppError(
    'conflict',
    `Posting batch "${batchKey}" has already been posted; nothing was posted again.`,
    [
      {
        severity: 'error',
        code: 'ledger.batch.duplicate',
        message: `The posting "${batchKey}" is already in the ledger.`,
        path: 'batchKey',
        ruleId: 'ledger.batch',
      },
    ],
    cause === undefined ? undefined : { cause },
  );
}

/** Filters for {@link listEntries}. */
export interface LedgerEntryFilter {
  readonly claimLineId?: number;
  readonly claimId?: number;
  readonly patientId?: number;
}

/** This tenant's entries, oldest first, optionally for one line, claim or patient. */
export async function listEntries(
  db: Kysely<DB>,
  ctx: LedgerContext,
  filter: LedgerEntryFilter = {},
): Promise<LedgerEntry[]> {
  let q = db.selectFrom('ledger_entries').selectAll().where('tenant_id', '=', ctx.tenantId);
  if (filter.claimLineId !== undefined) q = q.where('claim_line_id', '=', filter.claimLineId);
  if (filter.claimId !== undefined) q = q.where('claim_id', '=', filter.claimId);
  if (filter.patientId !== undefined) q = q.where('patient_id', '=', filter.patientId);
  const rows = await q.orderBy('id').execute();
  return rows.map(toLedgerEntry);
}

/** The levels balances are summarised at. */
export const BALANCE_LEVELS = ['line', 'claim', 'patient'] as const;
export type BalanceLevel = (typeof BALANCE_LEVELS)[number];

const LEVEL_COLUMN = { line: 'claim_line_id', claim: 'claim_id', patient: 'patient_id' } as const;

interface SummaryRow {
  k: number;
  charged: number | null;
  balance: number | null;
  primary_cents: number | null;
  secondary_cents: number | null;
  tertiary_cents: number | null;
  patient_cents: number | null;
}

// A transfer (and its reversal) moves `-amount_cents` into `to_bucket` and leaves the line balance as
// it was; every other entry changes the balance of `bucket` and of the line by `amount_cents`.
const bucketSum = (bucket: ResponsibilityBucket) =>
  sql<
    number | null
  >`sum(case when bucket = ${bucket} then amount_cents else 0 end) - sum(case when to_bucket = ${bucket} then amount_cents else 0 end)`;
const balanceSum = sql<number | null>`sum(case when to_bucket is null then amount_cents else 0 end)`;
const chargedSum = sql<
  number | null
>`sum(case when kind = 'charge' or reversed_kind = 'charge' then amount_cents else 0 end)`;

function toSummary(r: Omit<SummaryRow, 'k'>): BalanceSummary {
  const charged = r.charged ?? 0;
  const balance = r.balance ?? 0;
  return {
    chargedCents: charged,
    appliedCents: charged - balance,
    balanceCents: balance,
    buckets: {
      primary: r.primary_cents ?? 0,
      secondary: r.secondary_cents ?? 0,
      tertiary: r.tertiary_cents ?? 0,
      patient: r.patient_cents ?? 0,
    },
  };
}

/** Options for balance queries. */
export interface BalanceQueryOptions {
  /** Only entries effective on or before this date count (default: all). */
  readonly asOf?: string;
  /** Only this line, claim or patient (default: all of the tenant's). */
  readonly id?: number;
}

/** Balances per line, claim or patient, by one aggregate query (agrees with lineBalances & co). */
export async function balancesBy(
  db: Kysely<DB>,
  ctx: LedgerContext,
  level: BalanceLevel,
  options: BalanceQueryOptions = {},
): Promise<Map<number, BalanceSummary>> {
  const column = LEVEL_COLUMN[level];
  let q = db
    .selectFrom('ledger_entries')
    .select([
      sql<number>`${sql.ref(column)}`.as('k'),
      chargedSum.as('charged'),
      balanceSum.as('balance'),
      bucketSum('primary').as('primary_cents'),
      bucketSum('secondary').as('secondary_cents'),
      bucketSum('tertiary').as('tertiary_cents'),
      bucketSum('patient').as('patient_cents'),
    ])
    .where('tenant_id', '=', ctx.tenantId)
    .groupBy(column);
  if (options.asOf !== undefined) q = q.where('effective_date', '<=', options.asOf);
  if (options.id !== undefined) q = q.where(column, '=', options.id);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.k, toSummary(r)]));
}

/** The whole tenant's balance by one aggregate query (agrees with tenantBalance). */
export async function tenantBalanceSql(
  db: Kysely<DB>,
  ctx: LedgerContext,
  options: Pick<BalanceQueryOptions, 'asOf'> = {},
): Promise<BalanceSummary> {
  let q = db
    .selectFrom('ledger_entries')
    .select([
      chargedSum.as('charged'),
      balanceSum.as('balance'),
      bucketSum('primary').as('primary_cents'),
      bucketSum('secondary').as('secondary_cents'),
      bucketSum('tertiary').as('tertiary_cents'),
      bucketSum('patient').as('patient_cents'),
    ])
    .where('tenant_id', '=', ctx.tenantId);
  if (options.asOf !== undefined) q = q.where('effective_date', '<=', options.asOf);
  const row = await q.executeTakeFirstOrThrow();
  return toSummary(row);
}

/** What each payer owes across all its buckets, by one query (agrees with payerBalances). */
export async function payerBalancesSql(
  db: Kysely<DB>,
  ctx: LedgerContext,
  options: Pick<BalanceQueryOptions, 'asOf'> = {},
): Promise<Map<number, Cents>> {
  const asOf = options.asOf ?? '9999-12-31';
  const result = await sql<{ payer_id: number; balance: number }>`
    select payer_id, sum(amt) as balance from (
      select payer_id, amount_cents as amt from ledger_entries
       where tenant_id = ${ctx.tenantId} and bucket <> 'patient' and effective_date <= ${asOf}
      union all
      select to_payer_id as payer_id, -amount_cents as amt from ledger_entries
       where tenant_id = ${ctx.tenantId} and to_bucket is not null and to_bucket <> 'patient' and effective_date <= ${asOf}
    ) moved
    group by payer_id`.execute(db);
  return new Map(result.rows.map((r) => [r.payer_id, r.balance]));
}

/** Where an entry's line sits: the patient, claim and date of service copied onto each entry row. */
export interface LedgerLineRef {
  readonly patientId: number;
  readonly claimId: number;
  readonly serviceDate: string;
}

/** The table row for one validated entry on `line` (one mapping for posting and bulk loading). */
export function ledgerEntryRow(
  tenantId: number,
  line: LedgerLineRef,
  e: NewLedgerEntry,
  extra: {
    readonly reversedKind: NewLedgerEntryRow['reversed_kind'];
    readonly postingBatchId: number | null;
    readonly createdBy: number | null;
    readonly createdAt: string;
  },
): NewLedgerEntryRow {
  return {
    tenant_id: tenantId,
    patient_id: line.patientId,
    claim_id: line.claimId,
    claim_line_id: e.claimLineId,
    kind: e.kind,
    bucket: e.bucket,
    payer_id: e.payerId,
    to_bucket: e.toBucket ?? null,
    to_payer_id: e.toPayerId ?? null,
    amount_cents: e.amountCents,
    service_date: line.serviceDate,
    effective_date: e.effectiveDate,
    reverses_entry_id: e.reversesEntryId ?? null,
    reversed_kind: extra.reversedKind,
    posting_batch_id: extra.postingBatchId,
    memo: e.memo ?? null,
    created_by: extra.createdBy,
    created_at: extra.createdAt,
  };
}
