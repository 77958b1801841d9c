/**
 * Balances derived from the ledger (docs/ledger.md, "Balances"). These pure functions are the
 * reference: the SQL aggregates in src/store/ledger.repository.ts must return the same numbers.
 */
import type { CalendarDate } from '../../model/dates.js';
import type { Cents } from '../../model/money.js';
import { bucketEffects, lineBalanceEffect } from './entry.js';
import type { LedgerEntry } from './entry.js';
import type { ResponsibilityBucket } from './kinds.js';

/** What is owed on a line, claim, patient or tenant, and by whom. */
export interface BalanceSummary {
  /** Charges, net of reversed charges. */
  chargedCents: Cents;
  /** Everything applied against the charges: payments, adjustments, write-offs, net of refunds. */
  appliedCents: Cents;
  /** chargedCents − appliedCents. */
  balanceCents: Cents;
  /** The balance split by who owes it; the four shares add up to `balanceCents`. */
  buckets: Record<ResponsibilityBucket, Cents>;
}

type BalanceEntry = Pick<LedgerEntry, 'kind' | 'reversedKind' | 'bucket' | 'payerId' | 'toBucket' | 'toPayerId' | 'amountCents'>;

/** An all-zero summary. */
export function emptySummary(): BalanceSummary {
  return { chargedCents: 0, appliedCents: 0, balanceCents: 0, buckets: { primary: 0, secondary: 0, tertiary: 0, patient: 0 } };
}

/** True when the entry is a charge or the reversal of one. */
export function isChargeLike(entry: Pick<LedgerEntry, 'kind' | 'reversedKind'>): boolean {
  return entry.kind === 'charge' || (entry.kind === 'reversal' && entry.reversedKind === 'charge');
}

/** Adds one entry to a summary (mutates it). */
export function addToSummary(summary: BalanceSummary, entry: BalanceEntry): void {
  const effect = lineBalanceEffect(entry);
  summary.balanceCents += effect;
  if (isChargeLike(entry)) summary.chargedCents += effect;
  else summary.appliedCents -= effect;
  for (const e of bucketEffects(entry)) summary.buckets[e.bucket] += e.amountCents;
}

/** Summarises entries grouped by `key` (line, claim, patient …). */
export function summarizeBy<E extends BalanceEntry>(entries: readonly E[], key: (e: E) => number): Map<number, BalanceSummary> {
  const out = new Map<number, BalanceSummary>();
  for (const entry of entries) {
    const k = key(entry);
    let s = out.get(k);
    if (!s) {
      s = emptySummary();
      out.set(k, s);
    }
    addToSummary(s, entry);
  }
  return out;
}

/** Balance per service line. */
export function lineBalances(entries: readonly LedgerEntry[]): Map<number, BalanceSummary> {
  return summarizeBy(entries, (e) => e.claimLineId);
}

/** Balance per claim. */
export function claimBalances(entries: readonly LedgerEntry[]): Map<number, BalanceSummary> {
  return summarizeBy(entries, (e) => e.claimId);
}

/** Balance per patient account. */
export function patientBalances(entries: readonly LedgerEntry[]): Map<number, BalanceSummary> {
  return summarizeBy(entries, (e) => e.patientId);
}

/** The whole tenant's balance. */
export function tenantBalance(entries: readonly BalanceEntry[]): BalanceSummary {
  const s = emptySummary();
  for (const e of entries) addToSummary(s, e);
  return s;
}

/** What each payer owes, over all its buckets (primary, secondary, tertiary) on every line. */
export function payerBalances(entries: readonly BalanceEntry[]): Map<number, Cents> {
  const out = new Map<number, Cents>();
  for (const entry of entries) {
    for (const e of bucketEffects(entry)) {
      if (e.payerId === null) continue;
      out.set(e.payerId, (out.get(e.payerId) ?? 0) + e.amountCents);
    }
  }
  return out;
}

/** The entries that count on `asOf`: those effective on or before it. */
export function entriesAsOf<E extends Pick<LedgerEntry, 'effectiveDate'>>(entries: readonly E[], asOf: CalendarDate): E[] {
  return entries.filter((e) => e.effectiveDate <= asOf);
}
