/**
 * AR aging in SQL (docs/ledger.md, "Aging"): one query per dimension (payer, patient) that runs
 * unchanged on SQLite and PostgreSQL and agrees with the pure reference in
 * src/billing/ledger/aging.ts. Ages count from the line's date of service, copied onto every entry,
 * so the query reads `ledger_entries` alone (its covering aging indexes) and needs no join.
 *
 * Portability: instead of date arithmetic (julianday() in SQLite, date − date in PostgreSQL) the
 * bucket boundaries are computed in TypeScript and compared with the service date, which both
 * dialects do on `YYYY-MM-DD` values (text in SQLite, date in PostgreSQL).
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { AGING_BUCKETS, agingCutoffs } from '../billing/ledger/aging.js';
import type { AgingRow } from '../billing/ledger/aging.js';
import { isCalendarDate } from '../model/dates.js';
import type { CalendarDate } from '../model/dates.js';
import { AppError } from '../model/errors.js';
import type { LedgerContext } from './ledger.repository.js';
import type { DB } from './schema.js';

/** The two aging dimensions. */
export const AGING_DIMENSIONS = ['payer', 'patient'] as const;
export type AgingDimension = (typeof AGING_DIMENSIONS)[number];

interface AgingSqlRow {
  party_id: number;
  d0: number | null;
  d31: number | null;
  d61: number | null;
  d91: number | null;
  d121: number | null;
}

/** AR aging by payer or by patient as of a date, in one SQL query. Rows are sorted by party id. */
export async function agingSql(
  db: Kysely<DB>,
  ctx: LedgerContext,
  dimension: AgingDimension,
  asOf: CalendarDate,
): Promise<AgingRow[]> {
  if (!isCalendarDate(asOf))
    throw new AppError(
      'validation',
      `The aging date must be a real date in YYYY-MM-DD form; got ${JSON.stringify(asOf)}.`,
    );
  const [c30, c60, c90, c120] = agingCutoffs(asOf);
  const t = ctx.tenantId;
  // Each entry changes `bucket` by amount_cents; a transfer also changes `to_bucket` by −amount_cents.
  // The inner queries first sum per party and date of service, reading only the covering aging
  // indexes in their order (migration 202611270900_ledger); the outer query then ages a few thousand
  // (party, date) sums instead of a million entries. The bucket literals stay literals so SQLite can
  // use the partial indexes.
  const moved =
    dimension === 'payer'
      ? sql`select payer_id as party_id, service_date, sum(amount_cents) as amt from ledger_entries
             where tenant_id = ${t} and bucket in ('primary', 'secondary', 'tertiary') and effective_date <= ${asOf}
             group by bucket, payer_id, service_date
            union all
            select to_payer_id as party_id, service_date, -sum(amount_cents) as amt from ledger_entries
             where tenant_id = ${t} and to_bucket is not null and to_bucket in ('primary', 'secondary', 'tertiary') and effective_date <= ${asOf}
             group by to_bucket, to_payer_id, service_date`
      : sql`select patient_id as party_id, service_date, sum(amount_cents) as amt from ledger_entries
             where tenant_id = ${t} and bucket = 'patient' and effective_date <= ${asOf}
             group by patient_id, service_date
            union all
            select patient_id as party_id, service_date, -sum(amount_cents) as amt from ledger_entries
             where tenant_id = ${t} and to_bucket is not null and to_bucket = 'patient' and effective_date <= ${asOf}
             group by patient_id, service_date`;
  const result = await sql<AgingSqlRow>`
    select party_id,
      sum(case when service_date >= ${c30} then amt else 0 end) as d0,
      sum(case when service_date < ${c30} and service_date >= ${c60} then amt else 0 end) as d31,
      sum(case when service_date < ${c60} and service_date >= ${c90} then amt else 0 end) as d61,
      sum(case when service_date < ${c90} and service_date >= ${c120} then amt else 0 end) as d91,
      sum(case when service_date < ${c120} then amt else 0 end) as d121
    from (${moved}) moved
    group by party_id`.execute(db);
  const rows: AgingRow[] = [];
  for (const r of result.rows) {
    const values = [r.d0 ?? 0, r.d31 ?? 0, r.d61 ?? 0, r.d91 ?? 0, r.d121 ?? 0];
    if (values.every((v) => v === 0)) continue;
    const buckets = { '0-30': 0, '31-60': 0, '61-90': 0, '91-120': 0, '120+': 0 };
    AGING_BUCKETS.forEach((b, i) => (buckets[b] = values[i]!));
    rows.push({ partyId: r.party_id, buckets, totalCents: values.reduce((a, b) => a + b, 0) });
  }
  return rows.sort((a, b) => a.partyId - b.partyId);
}
