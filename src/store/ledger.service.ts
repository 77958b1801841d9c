/**
 * The ledger as the application uses it: role checks (tenant-context.ts PERMISSIONS), the audit record
 * in the same transaction as the posting, and balance and aging reads. The SQL lives in
 * ledger.repository.ts and aging.repository.ts.
 */
import type { AgingRow } from '../billing/ledger/aging.js';
import type { BalanceSummary } from '../billing/ledger/balances.js';
import type { LedgerEntry, NewLedgerEntry } from '../billing/ledger/entry.js';
import type { CalendarDate } from '../model/dates.js';
import { agingSql } from './aging.repository.js';
import type { AgingDimension } from './aging.repository.js';
import { audit } from './audit.js';
import { appendEntries, balancesBy, listEntries, payerBalancesSql, tenantBalanceSql } from './ledger.repository.js';
import type { AppendEntriesOptions, BalanceLevel, BalanceQueryOptions, LedgerEntryFilter } from './ledger.repository.js';
import type { Executor } from './schema.js';
import { authorize } from './tenant-context.js';
import type { TenantContext } from './tenant-context.js';
import { withTransaction } from './transaction.js';

/**
 * Posts entries in one transaction with their audit record. Needs ledger:write, or ledger:collect when
 * every entry is a patient payment (the front desk takes copays and nothing else).
 */
export async function postLedgerEntries(
  db: Executor,
  ctx: TenantContext,
  entries: readonly NewLedgerEntry[],
  options: AppendEntriesOptions = {},
): Promise<LedgerEntry[]> {
  const collectOnly = entries.length > 0 && entries.every((e) => e.kind === 'patient_payment');
  authorize(ctx, collectOnly ? 'ledger:collect' : 'ledger:write');
  return withTransaction(db, async (trx) => {
    const stored = await appendEntries(trx, ctx, entries, options);
    await audit(trx, ctx, 'create', 'ledger_entries', stored.map((e) => e.id));
    return stored;
  });
}

/** The tenant's entries, oldest first (ledger:read). */
export async function getLedgerEntries(db: Executor, ctx: TenantContext, filter: LedgerEntryFilter = {}): Promise<LedgerEntry[]> {
  authorize(ctx, 'ledger:read');
  return listEntries(db, ctx, filter);
}

/** Balances per line, claim or patient (ledger:read). */
export async function getBalances(db: Executor, ctx: TenantContext, level: BalanceLevel, options: BalanceQueryOptions = {}): Promise<Map<number, BalanceSummary>> {
  authorize(ctx, 'ledger:read');
  return balancesBy(db, ctx, level, options);
}

/** The tenant's total balance and what each payer owes (ledger:read). */
export async function getTenantBalances(db: Executor, ctx: TenantContext, asOf?: CalendarDate): Promise<{ tenant: BalanceSummary; payers: Map<number, number> }> {
  authorize(ctx, 'ledger:read');
  const options = asOf === undefined ? {} : { asOf };
  return { tenant: await tenantBalanceSql(db, ctx, options), payers: await payerBalancesSql(db, ctx, options) };
}

/** AR aging by payer or by patient as of a date (ledger:read). */
export async function getAging(db: Executor, ctx: TenantContext, dimension: AgingDimension, asOf: CalendarDate): Promise<AgingRow[]> {
  authorize(ctx, 'ledger:read');
  return agingSql(db, ctx, dimension, asOf);
}
