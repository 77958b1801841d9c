/**
 * Validation of proposed ledger entries before they are appended (docs/ledger.md, "Invariants").
 * Collects every problem (GUIDE §2) so a posting batch is fixed in one pass; the store refuses the
 * whole batch when any error is found.
 */
import { isCalendarDate } from '../../model/dates.js';
import type { Problem } from '../../model/problem.js';
import type { LedgerEntry, NewLedgerEntry } from './entry.js';
import { KIND_RULES, isLedgerEntryKind, isPayerBucket, isResponsibilityBucket } from './kinds.js';

/** What the ledger knows about a service line that entries are posted to. */
export interface LedgerLineInfo {
  readonly claimLineId: number;
  readonly tenantId: number;
  readonly claimId: number;
  readonly patientId: number;
  readonly serviceDate: string;
}

/** Everything validation needs besides the entries themselves; the store looks it up. */
export interface LedgerValidationContext {
  /** The tenant the entries are written for. */
  readonly tenantId: number;
  /** Lines referenced by the entries that exist in this tenant (missing ones are refused). */
  readonly lines: ReadonlyMap<number, LedgerLineInfo>;
  /** Payer ids referenced by the entries that exist in this tenant. */
  readonly payerIds: ReadonlySet<number>;
  /** Entries referenced by reversals that exist in this tenant. */
  readonly originals: ReadonlyMap<number, LedgerEntry>;
  /** Ids of entries that already have a reversal. */
  readonly alreadyReversed: ReadonlySet<number>;
}

const RULE = 'ledger.entry';

function problem(code: string, path: string, message: string): Problem {
  return { severity: 'error', code: `ledger.${code}`, message, path, ruleId: RULE };
}

/** Checks proposed entries against the ledger rules; returns every problem found (empty = valid). */
export function validateNewEntries(entries: readonly NewLedgerEntry[], ctx: LedgerValidationContext): Problem[] {
  const problems: Problem[] = [];
  const reversedInBatch = new Set<number>();
  if (entries.length === 0) problems.push(problem('empty', 'entries', 'A posting must contain at least one entry.'));
  entries.forEach((e, i) => {
    const at = `entries[${i}]`;
    const add = (code: string, field: string, message: string): void => {
      problems.push(problem(code, `${at}.${field}`, message));
    };
    if (!isLedgerEntryKind(e.kind)) {
      add('kind', 'kind', `"${String(e.kind)}" is not a ledger entry kind.`);
      return;
    }
    const rule = KIND_RULES[e.kind];
    const amount: unknown = e.amountCents;
    const amountOk = typeof amount === 'number' && Number.isSafeInteger(amount) && amount !== 0;
    if (!amountOk) add('amount', 'amountCents', `The amount must be a non-zero whole number of cents; got ${String(amount)}.`);
    const date: unknown = e.effectiveDate;
    if (typeof date !== 'string' || !isCalendarDate(date)) add('date', 'effectiveDate', `The effective date must be a real date in YYYY-MM-DD form; got "${String(date)}".`);

    const line = ctx.lines.get(e.claimLineId);
    if (!line || line.tenantId !== ctx.tenantId) add('line', 'claimLineId', `Service line ${e.claimLineId} does not exist in this practice.`);

    const bucketOk = isResponsibilityBucket(e.bucket);
    if (!bucketOk) add('bucket', 'bucket', `"${String(e.bucket)}" is not a responsibility bucket (primary, secondary, tertiary, patient).`);
    const toBucket = e.toBucket ?? null;
    const toPayerId = e.toPayerId ?? null;

    if (e.kind === 'reversal') {
      checkReversal(e, ctx, reversedInBatch, add);
      return;
    }
    if ((e.reversesEntryId ?? null) !== null) add('reverses', 'reversesEntryId', `Only a reversal may reference another entry; this is a ${rule.label}.`);
    if (amountOk) {
      const n = e.amountCents;
      if (rule.sign === 'positive' && n < 0) add('sign', 'amountCents', `A ${rule.label} raises the balance, so its amount must be positive; got ${n}.`);
      if (rule.sign === 'negative' && n > 0) add('sign', 'amountCents', `A ${rule.label} lowers the balance, so its amount must be negative; got ${n}.`);
    }
    if (bucketOk) {
      if (rule.buckets === 'payer' && !isPayerBucket(e.bucket)) add('bucket', 'bucket', `A ${rule.label} applies to a payer's share (primary, secondary or tertiary), not to "${e.bucket}".`);
      if (rule.buckets === 'patient' && e.bucket !== 'patient') add('bucket', 'bucket', `A ${rule.label} applies to the patient's share, not to "${e.bucket}".`);
      checkPayer(e.bucket, e.payerId, 'payerId', ctx, add);
    }
    if (e.kind === 'transfer') {
      if (toBucket === null || !isResponsibilityBucket(toBucket)) {
        add('to-bucket', 'toBucket', 'A transfer needs the bucket that takes over the balance (primary, secondary, tertiary or patient).');
      } else {
        if (toBucket === e.bucket && toPayerId === e.payerId) add('to-bucket', 'toBucket', 'A transfer must move the balance to a different party.');
        checkPayer(toBucket, toPayerId, 'toPayerId', ctx, add);
      }
    } else if (toBucket !== null || toPayerId !== null) {
      add('to-bucket', 'toBucket', `Only a transfer moves balance to another bucket; this is a ${rule.label}.`);
    }
  });
  return problems;
}

function checkPayer(
  bucket: string,
  payerId: number | null | undefined,
  field: string,
  ctx: LedgerValidationContext,
  add: (code: string, field: string, message: string) => void,
): void {
  const payer = payerId ?? null;
  if (bucket === 'patient') {
    if (payer !== null) add('payer', field, 'The patient share carries no payer id.');
  } else if (payer === null) {
    add('payer', field, `The ${bucket} share is owed by a payer: give its payer id.`);
  } else if (!ctx.payerIds.has(payer)) {
    add('payer', field, `Payer ${payer} does not exist in this practice.`);
  }
}

function checkReversal(
  e: NewLedgerEntry,
  ctx: LedgerValidationContext,
  reversedInBatch: Set<number>,
  add: (code: string, field: string, message: string) => void,
): void {
  const target = e.reversesEntryId ?? null;
  if (target === null) {
    add('reverses', 'reversesEntryId', 'A reversal must name the entry it reverses.');
    return;
  }
  const original = ctx.originals.get(target);
  if (!original || original.tenantId !== ctx.tenantId) {
    add('reverses', 'reversesEntryId', `Entry ${target} does not exist in this practice.`);
    return;
  }
  if (original.kind === 'reversal') add('reverses', 'reversesEntryId', `Entry ${target} is itself a reversal; post a new entry instead of reversing a reversal.`);
  if (ctx.alreadyReversed.has(target) || reversedInBatch.has(target)) add('reversed-twice', 'reversesEntryId', `Entry ${target} has already been reversed; an entry can be reversed only once.`);
  reversedInBatch.add(target);
  // A reversal mirrors its original exactly, so the balances return to what they were before it.
  if (e.claimLineId !== original.claimLineId) add('reverses', 'claimLineId', `A reversal must be posted to the line of the entry it reverses (${original.claimLineId}).`);
  if (e.amountCents !== -original.amountCents) add('sign', 'amountCents', `A reversal must carry exactly the negated amount of the original (${-original.amountCents}); got ${e.amountCents}.`);
  if (e.bucket !== original.bucket || (e.payerId ?? null) !== original.payerId) add('bucket', 'bucket', 'A reversal must apply to the same bucket and payer as the entry it reverses.');
  if ((e.toBucket ?? null) !== original.toBucket || (e.toPayerId ?? null) !== original.toPayerId) add('to-bucket', 'toBucket', 'A reversal of a transfer must name the same target bucket and payer.');
}
