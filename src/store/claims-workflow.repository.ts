/**
 * SQL for the claim workflow use cases (src/store/use-cases/): taking an encounter for billing,
 * patient control numbers, claims with their payer for scrubbing, submitting and timely filing.
 * Every query is filtered by tenant.
 */
import type { ClaimState } from '../billing/claim-lifecycle.js';
import type { Executor } from './schema.js';
import type { ClaimRow } from './tables/claims.table.js';

/**
 * Marks a coded (or open) encounter billed; false when it is not there or already billed or void.
 * One conditional UPDATE: PostgreSQL locks the row, SQLite holds the write lock, so two people
 * creating a claim for the same encounter cannot both succeed.
 */
export async function takeEncounterForBilling(
  db: Executor,
  tenantId: number,
  encounterId: number,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('encounters')
    .set({ status: 'billed', updated_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', encounterId)
    .where('status', 'in', ['open', 'coded'])
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The claims made from an encounter, oldest first. */
export async function findClaimsOfEncounter(
  db: Executor,
  tenantId: number,
  encounterId: number,
): Promise<Pick<ClaimRow, 'id' | 'patient_control_number' | 'status'>[]> {
  return db
    .selectFrom('claims')
    .select(['id', 'patient_control_number', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('encounter_id', '=', encounterId)
    .orderBy('id')
    .execute();
}

/** True when the tenant already has a claim with this patient control number. */
export async function patientControlNumberTaken(
  db: Executor,
  tenantId: number,
  pcn: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('claims')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('patient_control_number', '=', pcn)
    .executeTakeFirst();
  return row !== undefined;
}

/** A claim with its payer's name, electronic id and timely-filing limit. */
export interface ClaimWithPayerRow {
  readonly id: number;
  readonly patient_id: number;
  readonly encounter_id: number | null;
  readonly payer_id: number | null;
  readonly patient_control_number: string;
  readonly status: ClaimState;
  readonly total_charge_cents: number;
  readonly service_from: string;
  readonly service_to: string;
  readonly payer_name: string | null;
  readonly payer_identifier: string | null;
  readonly timely_filing_days: number | null;
}

/** The tenant's claims in `statuses` (all when omitted), oldest first, with their payer. */
export async function listClaimsWithPayer(
  db: Executor,
  tenantId: number,
  options: {
    readonly statuses?: readonly ClaimState[];
    readonly ids?: readonly number[];
    readonly limit?: number;
  } = {},
): Promise<ClaimWithPayerRow[]> {
  let q = db
    .selectFrom('claims as c')
    .leftJoin('payers as p', (j) =>
      j.onRef('p.id', '=', 'c.payer_id').onRef('p.tenant_id', '=', 'c.tenant_id'),
    )
    .select([
      'c.id',
      'c.patient_id',
      'c.encounter_id',
      'c.payer_id',
      'c.patient_control_number',
      'c.status',
      'c.total_charge_cents',
      'c.service_from',
      'c.service_to',
      'p.name as payer_name',
      'p.payer_identifier',
      'p.timely_filing_days',
    ])
    .where('c.tenant_id', '=', tenantId);
  // `IN ()` is not valid SQL: an empty list matches nothing.
  if (options.statuses?.length === 0 || options.ids?.length === 0) return [];
  if (options.statuses !== undefined) q = q.where('c.status', 'in', [...options.statuses]);
  if (options.ids !== undefined) q = q.where('c.id', 'in', [...options.ids]);
  if (options.limit !== undefined) q = q.limit(options.limit);
  return q.orderBy('c.id').execute();
}

/** The latest `submitted` event payload of each claim (JSON text), by claim id. */
export async function latestSubmittedPayloads(
  db: Executor,
  tenantId: number,
  claimIds: readonly number[],
): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (claimIds.length === 0) return out;
  const rows = await db
    .selectFrom('claim_events')
    .select(['claim_id', 'payload'])
    .where('tenant_id', '=', tenantId)
    .where('type', '=', 'submitted')
    .where('claim_id', 'in', [...claimIds])
    .orderBy('id')
    .execute();
  for (const r of rows) out.set(r.claim_id, r.payload);
  return out;
}
