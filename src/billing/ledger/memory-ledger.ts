/**
 * An in-memory ledger for one tenant: validates and appends entries exactly as the store does, without
 * a database. Used by the property tests as the reference and by tools that preview a posting.
 */
import { AppError } from '../../model/errors.js';
import { hasErrors } from '../../model/problem.js';
import type { LedgerEntry, NewLedgerEntry } from './entry.js';
import { validateNewEntries } from './validate.js';
import type { LedgerLineInfo } from './validate.js';

/** Options for {@link MemoryLedger}. */
export interface MemoryLedgerOptions {
  readonly tenantId: number;
  readonly lines: readonly LedgerLineInfo[];
  readonly payerIds: readonly number[];
}

/** An append-only list of entries with the same validation as the store. */
export class MemoryLedger {
  readonly tenantId: number;
  private readonly lines: Map<number, LedgerLineInfo>;
  private readonly payerIds: Set<number>;
  private readonly list: LedgerEntry[] = [];
  private readonly byId = new Map<number, LedgerEntry>();
  private readonly reversed = new Set<number>();
  private readonly batches = new Map<string, number>();

  constructor(options: MemoryLedgerOptions) {
    this.tenantId = options.tenantId;
    this.lines = new Map(options.lines.map((l) => [l.claimLineId, l]));
    this.payerIds = new Set(options.payerIds);
  }

  /** Every entry, in the order appended. */
  get entries(): readonly LedgerEntry[] {
    return this.list;
  }

  /** Validates and appends a batch atomically; throws AppError (nothing appended) on any problem. */
  append(entries: readonly NewLedgerEntry[], batchKey: string | null = null): LedgerEntry[] {
    if (batchKey !== null && this.batches.has(batchKey)) {
      throw new AppError('conflict', `Posting batch "${batchKey}" has already been posted.`);
    }
    const postingBatchId = batchKey === null ? null : this.batches.size + 1;
    const problems = validateNewEntries(entries, {
      tenantId: this.tenantId,
      lines: this.lines,
      payerIds: this.payerIds,
      originals: this.byId,
      alreadyReversed: this.reversed,
    });
    if (hasErrors(problems)) throw new AppError('business_rule', 'The ledger entries were refused.', problems);
    const added = entries.map((e, i): LedgerEntry => {
      const line = this.lines.get(e.claimLineId)!;
      const original = e.reversesEntryId != null ? this.byId.get(e.reversesEntryId) : undefined;
      return {
        id: this.list.length + i + 1,
        seq: this.list.length + i + 1,
        tenantId: this.tenantId,
        patientId: line.patientId,
        claimId: line.claimId,
        claimLineId: e.claimLineId,
        kind: e.kind,
        bucket: e.bucket,
        payerId: e.payerId,
        toBucket: e.toBucket ?? null,
        toPayerId: e.toPayerId ?? null,
        amountCents: e.amountCents,
        serviceDate: line.serviceDate,
        effectiveDate: e.effectiveDate,
        reversesEntryId: e.reversesEntryId ?? null,
        reversedKind: original?.kind ?? null,
        postingBatchId,
        memo: e.memo ?? null,
      };
    });
    for (const e of added) {
      this.list.push(e);
      this.byId.set(e.id, e);
      if (e.reversesEntryId !== null) this.reversed.add(e.reversesEntryId);
    }
    if (batchKey !== null && postingBatchId !== null) this.batches.set(batchKey, postingBatchId);
    return added;
  }
}
