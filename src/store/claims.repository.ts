/** SQL for claims, claim lines and claim events. Every query is filtered by tenant. */
import type { Insertable } from 'kysely';
import type { ClaimState } from '../billing/claim-lifecycle.js';
import type { Executor } from './schema.js';
import type {
  ClaimEventRow,
  ClaimEventTable,
  ClaimLineRow,
  ClaimLineTable,
  ClaimRow,
  ClaimTable,
} from './tables/claims.table.js';

/** Inserts a claim and its lines (call inside a transaction); returns the claim row and line rows in order. */
export async function insertClaimWithLines(
  db: Executor,
  claim: Insertable<ClaimTable>,
  lines: readonly Omit<Insertable<ClaimLineTable>, 'claim_id' | 'tenant_id'>[],
): Promise<{ claim: ClaimRow; lines: ClaimLineRow[] }> {
  const row = await db.insertInto('claims').values(claim).returningAll().executeTakeFirstOrThrow();
  const lineRows = await db
    .insertInto('claim_lines')
    .values(lines.map((l) => ({ ...l, tenant_id: claim.tenant_id, claim_id: row.id })))
    .returningAll()
    .execute();
  lineRows.sort((a, b) => a.line_number - b.line_number);
  return { claim: row, lines: lineRows };
}

/** A claim of the tenant. */
export async function findClaim(db: Executor, tenantId: number, id: number): Promise<ClaimRow | undefined> {
  return db
    .selectFrom('claims')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The lines of a claim of the tenant, by line number. */
export async function findClaimLines(
  db: Executor,
  tenantId: number,
  claimId: number,
): Promise<ClaimLineRow[]> {
  return db
    .selectFrom('claim_lines')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('claim_id', '=', claimId)
    .orderBy('line_number')
    .execute();
}

/** Filters for `listClaimRows`. */
export interface ClaimFilter {
  readonly patientId?: number;
  readonly status?: ClaimState;
  readonly patientControlNumber?: string;
  readonly limit?: number;
}

/** The tenant's claims matching `filter`, newest first. */
export async function listClaimRows(
  db: Executor,
  tenantId: number,
  filter: ClaimFilter = {},
): Promise<ClaimRow[]> {
  let q = db.selectFrom('claims').selectAll().where('tenant_id', '=', tenantId);
  if (filter.patientId !== undefined) q = q.where('patient_id', '=', filter.patientId);
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (filter.patientControlNumber !== undefined)
    q = q.where('patient_control_number', '=', filter.patientControlNumber);
  return q
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 100)
    .execute();
}

/** Sets a claim's status (and payer claim number) when it is still `from`; returns the row, or undefined. */
export async function updateClaimStatus(
  db: Executor,
  tenantId: number,
  id: number,
  from: ClaimState,
  to: ClaimState,
  at: string,
  payerClaimNumber?: string,
): Promise<ClaimRow | undefined> {
  return (
    db
      .updateTable('claims')
      .set({
        status: to,
        updated_at: at,
        ...(payerClaimNumber !== undefined ? { payer_claim_number: payerClaimNumber } : {}),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      // Optimistic check: two people changing the same claim cannot both win.
      .where('status', '=', from)
      .returningAll()
      .executeTakeFirst()
  );
}

/** Appends a claim event. */
export async function insertClaimEvent(
  db: Executor,
  row: Insertable<ClaimEventTable>,
): Promise<ClaimEventRow> {
  return db.insertInto('claim_events').values(row).returningAll().executeTakeFirstOrThrow();
}

/** A claim's events, oldest first. */
export async function findClaimEvents(
  db: Executor,
  tenantId: number,
  claimId: number,
): Promise<ClaimEventRow[]> {
  return db
    .selectFrom('claim_events')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('claim_id', '=', claimId)
    .orderBy('id')
    .execute();
}
