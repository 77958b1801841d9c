/**
 * Scrubbing stored claims: each claim is read back as the domain claim, every edit family runs
 * (src/rules/scrub.ts), and the outcome is a lifecycle step written with its claim event and audit
 * record in one transaction per claim: a clean claim goes draft → scrubbed → ready, a claim with
 * errors goes (back) to draft and is held. Claims past `ready` are scrubbed for the report only.
 */
import type { ClaimEvent, ClaimState } from '../../billing/claim-lifecycle.js';
import type { Problem } from '../../model/problem.js';
import type { ScrubContext } from '../../rules/edit-family.js';
import { familyOf, scrubClaim, summarizeByFamily } from '../../rules/scrub.js';
import type { FamilySummary } from '../../rules/scrub.js';
import { findClaim } from '../claims.repository.js';
import { getClaim } from '../claims.service.js';
import { listClaimsWithPayer } from '../claims-workflow.repository.js';
import type { Executor } from '../schema.js';
import { authorize } from '../tenant-context.js';
import type { TenantContext } from '../tenant-context.js';
import { withTransaction } from '../transaction.js';
import { applyClaimTransition } from './transition-claim.js';

/** The states a scrub may move (the lifecycle allows `scrubbed` from draft, scrubbed and ready). */
export const SCRUBBABLE_STATUSES: readonly ClaimState[] = ['draft', 'scrubbed', 'ready'];

/** Options for {@link scrubClaims}. */
export interface ScrubClaimsOptions {
  /** Tables, code sets, payer rules and "today" (src/rules/load-context.ts). */
  readonly context: ScrubContext;
  /** Which claims (default: every draft and ready claim of the practice). */
  readonly statuses?: readonly ClaimState[];
  readonly claimIds?: readonly number[];
  /** Record the outcome as lifecycle steps (default true); false only reports. */
  readonly record?: boolean;
}

/** One claim's scrub. */
export interface ScrubbedClaim {
  readonly id: number;
  readonly patientControlNumber: string;
  readonly from: ClaimState;
  readonly to: ClaimState;
  readonly errors: number;
  readonly warnings: number;
  readonly findings: readonly Problem[];
}

/** The scrub of many claims, with the count per edit family. */
export interface ScrubClaimsResult {
  readonly claims: readonly ScrubbedClaim[];
  readonly summary: readonly FamilySummary[];
  readonly totals: {
    readonly claims: number;
    readonly clean: number;
    readonly held: number;
    readonly errors: number;
    readonly warnings: number;
  };
}

function countOf(findings: readonly Problem[], severity: Problem['severity']): number {
  return findings.reduce((n, p) => n + (p.severity === severity ? 1 : 0), 0);
}

/** Short reason for the claim history: counts and the families that found errors. */
function reasonOf(errors: number, warnings: number, findings: readonly Problem[]): string {
  const families = [...new Set(findings.filter((p) => p.severity === 'error').map((p) => familyOf(p)))];
  return `scrubbed: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${families.length > 0 ? ` (${families.join(', ')}); held in draft` : '; marked ready'}`;
}

/** Scrubs stored claims and records the outcome (claims:write; claims:read with `record: false`). */
export async function scrubClaims(
  db: Executor,
  ctx: TenantContext,
  options: ScrubClaimsOptions,
): Promise<ScrubClaimsResult> {
  const record = options.record ?? true;
  authorize(ctx, record ? 'claims:write' : 'claims:read');
  const rows = await listClaimsWithPayer(db, ctx.tenantId, {
    statuses: options.statuses ?? SCRUBBABLE_STATUSES,
    ...(options.claimIds ? { ids: options.claimIds } : {}),
  });
  const results: ScrubbedClaim[] = [];
  for (const row of rows) {
    const outcome = await withTransaction(db, async (trx) => {
      const stored = await getClaim(trx, ctx, row.id);
      const findings = scrubClaim(stored.claim, options.context);
      const errors = countOf(findings, 'error');
      const warnings = countOf(findings, 'warning');
      let to = stored.status;
      if (record && SCRUBBABLE_STATUSES.includes(stored.status)) {
        const current = await findClaim(trx, ctx.tenantId, row.id);
        if (current) {
          const events: ClaimEvent[] = [{ type: 'scrubbed', errors, warnings }];
          if (errors === 0) events.push({ type: 'marked_ready' });
          to = (
            await applyClaimTransition(trx, ctx, current, {
              events,
              reason: reasonOf(errors, warnings, findings),
            })
          ).status;
        }
      }
      return {
        id: row.id,
        patientControlNumber: row.patient_control_number,
        from: stored.status,
        to,
        errors,
        warnings,
        findings,
      };
    });
    results.push(outcome);
  }
  const clean = results.filter((r) => r.errors === 0).length;
  return {
    claims: results,
    summary: summarizeByFamily(results.map((r) => r.findings)),
    totals: {
      claims: results.length,
      clean,
      held: results.length - clean,
      errors: results.reduce((n, r) => n + r.errors, 0),
      warnings: results.reduce((n, r) => n + r.warnings, 0),
    },
  };
}
