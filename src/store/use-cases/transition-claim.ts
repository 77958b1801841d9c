/**
 * Moving a stored claim through the lifecycle (src/billing/claim-lifecycle.ts), the only way a claim's
 * status changes: the stored status is a lifecycle state, the events are applied by the state machine
 * (an illegal one is refused with its reason, AppError 'business_rule'), and the new status, its claim
 * events and the audit record are written in the caller's transaction. The status update is optimistic (`WHERE status =
 * old`), so two people moving the same claim cannot both win.
 */
import type { ClaimEvent } from '../../billing/claim-lifecycle.js';
import { applyClaimEvents } from '../../billing/claim-transitions.js';
import { AppError } from '../../model/errors.js';
import { audit } from '../audit.js';
import type { ClaimEventPayloads } from '../claim-events.js';
import { findClaim, insertClaimEvent, updateClaimStatus } from '../claims.repository.js';
import type { Executor } from '../schema.js';
import { nowIso } from '../sql-types.js';
import type { ClaimRow } from '../tables/claims.table.js';
import { authorize } from '../tenant-context.js';
import type { TenantContext } from '../tenant-context.js';
import { withTransaction } from '../transaction.js';
import { notFound } from '../validation.js';

/** Extra fields the workflow keeps in a `submitted` event beside the store's own. */
export type SubmittedEventPayload = ClaimEventPayloads['submitted'] & {
  readonly batchId: string;
  readonly groupControlNumber: string;
  readonly transactionSetControlNumbers: readonly string[];
  readonly fileName: string;
  readonly payerId: string;
};

/** Options for {@link applyClaimTransition}. */
export interface ApplyClaimTransitionOptions {
  readonly events: readonly ClaimEvent[];
  /** For people: why (e.g. the scrub's counts). Goes into the status_changed event. */
  readonly reason?: string;
  /** When the events include `submitted`: the envelope and file, stored as a `submitted` event. */
  readonly submitted?: SubmittedEventPayload;
}

function describeEvents(events: readonly ClaimEvent[]): string {
  return events.map((e) => e.type.replaceAll('_', ' ')).join(', then ');
}

/**
 * Applies lifecycle events to a claim row inside the caller's transaction and writes the new status,
 * a `status_changed` event (and `submitted` when given, `adjudicated` with the payer's outcome for each
 * adjudication) and the audit record. Returns the updated row.
 */
export async function applyClaimTransition(
  trx: Executor,
  ctx: TenantContext,
  row: ClaimRow,
  options: ApplyClaimTransitionOptions,
): Promise<ClaimRow> {
  const next = applyClaimEvents(row.status, options.events, `Claim ${row.patient_control_number}`);
  // The payer's claim control number comes with its answer (835 CLP07); the last one wins.
  const adjudications = options.events.filter(
    (e): e is Extract<ClaimEvent, { type: 'adjudicated' }> => e.type === 'adjudicated',
  );
  const payerClaimNumber = adjudications.at(-1)?.payerClaimControlNumber;
  const at = nowIso();
  const updated = await updateClaimStatus(
    trx,
    ctx.tenantId,
    row.id,
    row.status,
    next,
    at,
    payerClaimNumber !== undefined && payerClaimNumber !== '' ? payerClaimNumber : undefined,
  );
  if (!updated)
    throw new AppError(
      'conflict',
      `Claim ${row.patient_control_number} changed meanwhile; reload it and try again.`,
    );
  const payload: ClaimEventPayloads['status_changed'] = {
    from: row.status,
    to: next,
    reason: options.reason ?? describeEvents(options.events),
  };
  await insertClaimEvent(trx, {
    tenant_id: ctx.tenantId,
    claim_id: row.id,
    type: 'status_changed',
    payload: JSON.stringify(payload),
    at,
    user_id: ctx.userId,
  });
  if (options.submitted) {
    await insertClaimEvent(trx, {
      tenant_id: ctx.tenantId,
      claim_id: row.id,
      type: 'submitted',
      payload: JSON.stringify(options.submitted),
      at,
      user_id: ctx.userId,
    });
  }
  for (const a of adjudications) {
    // The adjudication outcome (paid, partially paid, denied) lives here, not in the status.
    const adjudicated: ClaimEventPayloads['adjudicated'] = {
      outcome: a.outcome,
      paidCents: a.paidCents,
      patientResponsibilityCents: a.patientResponsibilityCents,
      ...(a.payerClaimControlNumber !== '' ? { payerClaimNumber: a.payerClaimControlNumber } : {}),
    };
    await insertClaimEvent(trx, {
      tenant_id: ctx.tenantId,
      claim_id: row.id,
      type: 'adjudicated',
      payload: JSON.stringify(adjudicated),
      at,
      user_id: ctx.userId,
    });
  }
  await audit(trx, ctx, 'update', 'claims', [row.id]);
  return updated;
}

/** Options for {@link transitionClaim}. */
export interface TransitionClaimOptions extends ApplyClaimTransitionOptions {
  readonly claimId: number;
}

/** Applies lifecycle events to one claim in its own transaction (claims:write); refuses illegal steps. */
export async function transitionClaim(
  db: Executor,
  ctx: TenantContext,
  options: TransitionClaimOptions,
): Promise<ClaimRow> {
  authorize(ctx, 'claims:write');
  return withTransaction(db, async (trx) => {
    const row = await findClaim(trx, ctx.tenantId, options.claimId);
    if (!row) throw notFound('claim', options.claimId);
    return applyClaimTransition(trx, ctx, row, options);
  });
}
