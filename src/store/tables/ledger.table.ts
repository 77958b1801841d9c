/**
 * The money ledger as stored (docs/ledger.md): append-only entries, one row per money movement on a
 * service line, and the posting batches that make a posting idempotent.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { LedgerEntryKind, ResponsibilityBucket } from '../../billing/ledger/kinds.js';

export interface LedgerEntryTable {
  id: Generated<number>;
  tenant_id: number;
  patient_id: number;
  claim_id: number;
  claim_line_id: number;
  kind: LedgerEntryKind;
  bucket: ResponsibilityBucket;
  payer_id: number | null;
  to_bucket: ResponsibilityBucket | null;
  to_payer_id: number | null;
  /** Signed change of the balance of `bucket`, integer cents, never 0. */
  amount_cents: number;
  /** The line's date of service, copied at insert so aging needs no join. */
  service_date: string;
  effective_date: string;
  /** Unique: an entry is reversed at most once. */
  reverses_entry_id: number | null;
  reversed_kind: LedgerEntryKind | null;
  posting_batch_id: number | null;
  memo: string | null;
  created_by: number | null;
  created_at: ColumnType<string, string, never>;
}

export interface LedgerPostingBatchTable {
  id: Generated<number>;
  tenant_id: number;
  /** The caller's idempotency key (e.g. `835:<ISA13>:<TRN02>`); unique per tenant. */
  batch_key: string;
  /** What produced the batch, for people: `835 file era.txt`, `demo seed`. */
  source: string | null;
  entry_count: number;
  created_by: number | null;
  created_at: ColumnType<string, string, never>;
}

export type LedgerEntryRow = Selectable<LedgerEntryTable>;
export type NewLedgerEntryRow = Insertable<LedgerEntryTable>;
export type LedgerPostingBatchRow = Selectable<LedgerPostingBatchTable>;

declare module '../schema.js' {
  interface DB {
    ledger_entries: LedgerEntryTable;
    ledger_posting_batches: LedgerPostingBatchTable;
  }
}
