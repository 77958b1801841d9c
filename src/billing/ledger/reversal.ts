import type { CalendarDate } from '../../model/dates.js';
import type { LedgerEntry, NewLedgerEntry } from './entry.js';

/**
 * Builds the entry that reverses `original`: same line, buckets and payers, negated amount. Applying
 * it restores the balances that existed before the original (docs/ledger.md, "Reversal").
 */
export function reversalOf(
  original: Pick<LedgerEntry, 'id' | 'claimLineId' | 'bucket' | 'payerId' | 'toBucket' | 'toPayerId' | 'amountCents'>,
  effectiveDate: CalendarDate,
  memo: string | null = null,
): NewLedgerEntry {
  return {
    kind: 'reversal',
    claimLineId: original.claimLineId,
    bucket: original.bucket,
    payerId: original.payerId,
    toBucket: original.toBucket,
    toPayerId: original.toPayerId,
    amountCents: -original.amountCents,
    effectiveDate,
    reversesEntryId: original.id,
    memo,
  };
}
