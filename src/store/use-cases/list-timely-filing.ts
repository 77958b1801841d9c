/**
 * Timely filing: claims the payer has not yet received (draft, scrubbed, ready, rejected), with the deadline
 * their payer's limit sets from the first date of service (payers.timely_filing_days; Medicare 12
 * months, 42 CFR 424.44) and a flag when it is near or past (src/billing/claim-lifecycle.ts
 * `timelyFiling`). Oldest deadline first.
 */
import { timelyFiling } from '../../billing/claim-lifecycle.js';
import type { ClaimState, TimelyFiling } from '../../billing/claim-lifecycle.js';
import type { CalendarDate } from '../../model/dates.js';
import { today } from '../../model/dates.js';
import { listClaimsWithPayer } from '../claims-workflow.repository.js';
import type { Executor } from '../schema.js';
import { authorize } from '../tenant-context.js';
import type { TenantContext } from '../tenant-context.js';

/** Claims whose filing clock still runs: the payer has not received them (or rejected them). */
export const UNFILED_STATUSES: readonly ClaimState[] = ['draft', 'scrubbed', 'ready', 'rejected'];

/** Options for {@link listTimelyFiling}. */
export interface ListTimelyFilingOptions {
  /** The day to count from (default today). */
  readonly on?: CalendarDate;
  /** Flag a claim as near its deadline within this many days (default 30). */
  readonly warnDays?: number;
  /** List every unfiled claim, not only flagged ones. */
  readonly all?: boolean;
}

/** One claim against its payer's deadline. */
export interface TimelyFilingRow {
  readonly claimId: number;
  readonly deadline: TimelyFiling['deadline'];
  readonly daysLeft: number;
  /** ok, near (within the warning days) or past. */
  readonly flag: TimelyFiling['status'];
  readonly patientControlNumber: string;
  readonly status: ClaimState;
  readonly payerName: string;
  readonly serviceFrom: CalendarDate;
  readonly limitDays: number;
  readonly totalChargeCents: number;
}

/** Claims nearing or past their payer's timely-filing deadline (claims:read). */
export async function listTimelyFiling(
  db: Executor,
  ctx: TenantContext,
  options: ListTimelyFilingOptions = {},
): Promise<TimelyFilingRow[]> {
  authorize(ctx, 'claims:read');
  const on = options.on ?? today();
  const rows = await listClaimsWithPayer(db, ctx.tenantId, { statuses: UNFILED_STATUSES });
  const out: TimelyFilingRow[] = [];
  for (const r of rows) {
    // A claim without a stored payer has no known limit; the payer's own rules apply outside Superbill.
    if (r.timely_filing_days === null) continue;
    const tf = timelyFiling(r.service_from, r.timely_filing_days, on, options.warnDays);
    if (!options.all && tf.status === 'ok') continue;
    out.push({
      deadline: tf.deadline,
      daysLeft: tf.daysLeft,
      flag: tf.status,
      claimId: r.id,
      patientControlNumber: r.patient_control_number,
      status: r.status,
      payerName: r.payer_name ?? '',
      serviceFrom: r.service_from,
      limitDays: r.timely_filing_days,
      totalChargeCents: r.total_charge_cents,
    });
  }
  return out.sort((a, b) => a.daysLeft - b.daysLeft || a.claimId - b.claimId);
}
