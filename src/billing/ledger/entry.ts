/**
 * Ledger entries: append-only money movements on one service line (docs/ledger.md). Amounts are integer
 * cents, signed as the change of the balance owed in `bucket`.
 */
import type { CalendarDate } from '../../model/dates.js';
import type { Cents } from '../../model/money.js';
import type { LedgerEntryKind, ResponsibilityBucket } from './kinds.js';

/** An entry as the caller proposes it (before it has an id). */
export interface NewLedgerEntry {
  readonly kind: LedgerEntryKind;
  readonly claimLineId: number;
  /** The bucket whose balance `amountCents` changes. */
  readonly bucket: ResponsibilityBucket;
  /** The payer that owes `bucket`; required for payer buckets, null for `patient`. */
  readonly payerId: number | null;
  /** Transfers only: the bucket that receives the amount (its balance changes by `-amountCents`). */
  readonly toBucket?: ResponsibilityBucket | null;
  /** Transfers only: the payer of `toBucket` (null when `toBucket` is `patient`). */
  readonly toPayerId?: number | null;
  /** Signed change of the balance of `bucket`, in cents. Never zero. */
  readonly amountCents: Cents;
  /** The accounting date (deposit or posting date); the ledger as of a date counts entries up to it. */
  readonly effectiveDate: CalendarDate;
  /** Reversals only: the id of the entry this one cancels. */
  readonly reversesEntryId?: number | null;
  /** Free text for people: check number, CARC code, reason. */
  readonly memo?: string | null;
}

/** A stored entry: the proposal plus everything the ledger derives and records. */
export interface LedgerEntry {
  readonly id: number;
  /** Insertion order within the tenant's ledger (entries are never reordered). */
  readonly seq: number;
  readonly tenantId: number;
  readonly patientId: number;
  readonly claimId: number;
  readonly claimLineId: number;
  readonly kind: LedgerEntryKind;
  readonly bucket: ResponsibilityBucket;
  readonly payerId: number | null;
  readonly toBucket: ResponsibilityBucket | null;
  readonly toPayerId: number | null;
  readonly amountCents: Cents;
  /** The line's date of service, copied onto every entry: AR aging counts from it. */
  readonly serviceDate: CalendarDate;
  readonly effectiveDate: CalendarDate;
  readonly reversesEntryId: number | null;
  /** Reversals only: the kind of the reversed entry, so summaries net a reversed charge as a charge. */
  readonly reversedKind: LedgerEntryKind | null;
  readonly postingBatchId: number | null;
  readonly memo: string | null;
}

/** One bucket-level effect of an entry: a transfer has two, every other entry one. */
export interface BucketEffect {
  readonly bucket: ResponsibilityBucket;
  readonly payerId: number | null;
  readonly amountCents: Cents;
}

/** The effects of an entry on the buckets of its line (a transfer moves money between two). */
export function bucketEffects(entry: Pick<LedgerEntry, 'bucket' | 'payerId' | 'toBucket' | 'toPayerId' | 'amountCents'>): BucketEffect[] {
  const effects: BucketEffect[] = [{ bucket: entry.bucket, payerId: entry.payerId, amountCents: entry.amountCents }];
  if (entry.toBucket !== null) effects.push({ bucket: entry.toBucket, payerId: entry.toPayerId, amountCents: -entry.amountCents });
  return effects;
}

/** The change an entry makes to its line's total balance (zero for transfers and their reversals). */
export function lineBalanceEffect(entry: Pick<LedgerEntry, 'toBucket' | 'amountCents'>): Cents {
  return entry.toBucket === null ? entry.amountCents : 0;
}
