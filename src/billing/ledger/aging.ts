/**
 * Accounts-receivable aging, pure reference implementation (docs/ledger.md, "Aging"). The SQL in
 * src/store/aging.repository.ts must agree with it.
 *
 * A line's balance is aged from its date of service (not the claim's first-billed date: every line has
 * a service date from the moment it is charged, self-pay lines are never billed to a payer, and the
 * date never changes when a claim is rebilled). Only entries effective on or before `asOf` count.
 * Balances are netted per party and age bucket, so a credit on one line offsets a debit in the same
 * bucket and the aging total of a party equals its balance.
 */
import { addDays } from '../../model/dates.js';
import type { CalendarDate } from '../../model/dates.js';
import type { Cents } from '../../model/money.js';
import { bucketEffects } from './entry.js';
import type { BucketEffect, LedgerEntry } from './entry.js';

/** The aging buckets, by days since the date of service. */
export const AGING_BUCKETS = ['0-30', '31-60', '61-90', '91-120', '120+'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/** The amounts owed by one party (a payer or a patient) in each aging bucket. */
export interface AgingRow {
  /** Payer id or patient id. */
  partyId: number;
  buckets: Record<AgingBucket, Cents>;
  totalCents: Cents;
}

/**
 * The earliest service date of each bucket but the last, as of a date: a service date on or after
 * `cutoffs[0]` is 0–30 days old, on or after `cutoffs[1]` 31–60, and so on. Comparing dates as
 * strings keeps the SQL the same on SQLite and PostgreSQL.
 */
export function agingCutoffs(asOf: CalendarDate): readonly [CalendarDate, CalendarDate, CalendarDate, CalendarDate] {
  return [addDays(asOf, -30), addDays(asOf, -60), addDays(asOf, -90), addDays(asOf, -120)];
}

/** The aging bucket of a service date as of a date (future dates count as 0–30). */
export function agingBucketOf(serviceDate: CalendarDate, asOf: CalendarDate): AgingBucket {
  const [c30, c60, c90, c120] = agingCutoffs(asOf);
  if (serviceDate >= c30) return '0-30';
  if (serviceDate >= c60) return '31-60';
  if (serviceDate >= c90) return '61-90';
  if (serviceDate >= c120) return '91-120';
  return '120+';
}

/** An all-zero aging row. */
export function emptyAgingRow(partyId: number): AgingRow {
  return { partyId, buckets: { '0-30': 0, '31-60': 0, '61-90': 0, '91-120': 0, '120+': 0 }, totalCents: 0 };
}

type AgingEntry = Pick<LedgerEntry, 'patientId' | 'bucket' | 'payerId' | 'toBucket' | 'toPayerId' | 'amountCents' | 'serviceDate' | 'effectiveDate'>;

function age(entries: readonly AgingEntry[], asOf: CalendarDate, party: (e: AgingEntry, effect: BucketEffect) => number | null): AgingRow[] {
  const rows = new Map<number, AgingRow>();
  for (const entry of entries) {
    if (entry.effectiveDate > asOf) continue;
    const bucket = agingBucketOf(entry.serviceDate, asOf);
    for (const effect of bucketEffects(entry)) {
      const id = party(entry, effect);
      if (id === null) continue;
      let row = rows.get(id);
      if (!row) {
        row = emptyAgingRow(id);
        rows.set(id, row);
      }
      row.buckets[bucket] += effect.amountCents;
      row.totalCents += effect.amountCents;
    }
  }
  return [...rows.values()].filter((r) => AGING_BUCKETS.some((b) => r.buckets[b] !== 0)).sort((a, b) => a.partyId - b.partyId);
}

/** AR aging by payer: what each payer owes, by age of the service date. */
export function agingByPayer(entries: readonly AgingEntry[], asOf: CalendarDate): AgingRow[] {
  return age(entries, asOf, (_e, effect) => effect.payerId);
}

/** AR aging by patient: what each patient owes themselves (the patient bucket), by age. */
export function agingByPatient(entries: readonly AgingEntry[], asOf: CalendarDate): AgingRow[] {
  return age(entries, asOf, (e, effect) => (effect.bucket === 'patient' ? e.patientId : null));
}
