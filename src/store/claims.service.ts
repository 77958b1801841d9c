/**
 * Claims: the domain claim (src/model/claim.ts) stored with its lines in one transaction, read back
 * equal; claim events written with their audit record in the same transaction. Status changes go
 * through the claim lifecycle (src/store/use-cases/transition-claim.ts), nowhere else. Claims carry patient data, so reads are audited.
 */
import { claimSchema, claimTotalCents } from '../model/claim.js';
import type { Claim, ClaimInput, ServiceLine } from '../model/claim.js';
import { checkNpi, checkTin } from '../model/identifiers.js';
import type { Problem } from '../model/problem.js';
import { checkAddress } from './address-columns.js';
import { audit } from './audit.js';
import { toClaimEvent } from './claim-events.js';
import type { ClaimEvent, ClaimEventPayloads } from './claim-events.js';
import {
  findClaim,
  findClaimEvents,
  findClaimLines,
  insertClaimEvent,
  insertClaimWithLines,
  listClaimRows,
} from './claims.repository.js';
import type { ClaimFilter } from './claims.repository.js';
import { findPatient } from './patients.repository.js';
import { findPayer } from './payers.repository.js';
import type { Executor } from './schema.js';
import { nowIso } from './sql-types.js';
import type { ClaimState } from '../billing/claim-lifecycle.js';
import type { ClaimEventType, ClaimLineRow, ClaimRow } from './tables/claims.table.js';
import { authorize } from './tenant-context.js';
import type { TenantContext } from './tenant-context.js';
import { withTransaction } from './transaction.js';
import { notFound, parseWith, throwIfInvalid } from './validation.js';

/** A stored claim: the domain claim (its `id` set) plus where it stands and which rows it ties to. */
export interface StoredClaim {
  readonly id: number;
  readonly status: ClaimState;
  readonly patientId: number;
  readonly encounterId?: number;
  readonly payerId?: number;
  readonly coverageId?: number;
  readonly payerClaimNumber?: string;
  readonly totalChargeCents: number;
  /** Ids of the stored lines, in line order (the ledger posts against these). */
  readonly lineIds: readonly number[];
  readonly claim: Claim;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Options for `saveClaim`. */
export interface SaveClaimOptions {
  readonly claim: ClaimInput;
  /** The tenant's patient the claim is for (its account carries the balance). */
  readonly patientId: number;
  readonly encounterId?: number;
  /** The tenant's stored payer, when the claim's payer is one. */
  readonly payerId?: number;
  readonly coverageId?: number;
  /** draft (default) or ready. */
  readonly status?: 'draft' | 'ready';
}

/** Problems with a claim's identifiers and pointers that the zod schema does not check. */
export function checkClaimIdentifiers(claim: Claim): Problem[] {
  const problems: Problem[] = [
    ...checkNpi(claim.billingProvider.npi, 'claim.billingProvider.npi'),
    ...checkTin(claim.billingProvider.taxId, claim.billingProvider.taxIdType, 'claim.billingProvider.taxId'),
    // TR3 2010AA N403: the billing provider's ZIP code must have nine digits.
    ...checkAddress(claim.billingProvider.address, 'claim.billingProvider.address', true),
  ];
  if (claim.renderingProvider)
    problems.push(...checkNpi(claim.renderingProvider.npi, 'claim.renderingProvider.npi'));
  if (claim.referringProvider)
    problems.push(...checkNpi(claim.referringProvider.npi, 'claim.referringProvider.npi'));
  if (claim.serviceFacility?.npi !== undefined) {
    problems.push(...checkNpi(claim.serviceFacility.npi, 'claim.serviceFacility.npi'));
  }
  claim.lines.forEach((line, i) => {
    if (line.renderingProvider)
      problems.push(...checkNpi(line.renderingProvider.npi, `claim.lines[${i}].renderingProvider.npi`));
    line.diagnosisPointers.forEach((pointer, j) => {
      if (pointer > claim.diagnoses.length) {
        problems.push({
          severity: 'error',
          code: 'claim.pointer',
          path: `claim.lines[${i}].diagnosisPointers[${j}]`,
          message: `Diagnosis pointer ${pointer} points past the ${claim.diagnoses.length} diagnoses of the claim.`,
        });
      }
    });
  });
  return problems;
}

/** Stores a claim and its lines in one transaction, with a `created` event and an audit record (claims:write). */
export async function saveClaim(
  db: Executor,
  ctx: TenantContext,
  options: SaveClaimOptions,
): Promise<StoredClaim> {
  authorize(ctx, 'claims:write');
  const parsed = parseWith(claimSchema, options.claim, 'claim');
  if (!parsed.ok) throwIfInvalid(parsed.problems, 'claim');
  if (!parsed.ok) throw new Error('unreachable');
  const claim = parsed.value;
  throwIfInvalid(checkClaimIdentifiers(claim), 'claim');

  return withTransaction(db, async (trx) => {
    if (!(await findPatient(trx, ctx.tenantId, options.patientId)))
      throw notFound('patient', options.patientId);
    if (options.payerId !== undefined && !(await findPayer(trx, ctx.tenantId, options.payerId))) {
      throw notFound('payer', options.payerId);
    }
    const at = nowIso();
    const dates = claim.lines.flatMap((l) => [l.serviceDate, l.serviceDateEnd ?? l.serviceDate]).sort();
    const { lines: _lines, id: _id, ...document } = claim;
    const total = claimTotalCents(claim);
    const stored = await insertClaimWithLines(
      trx,
      {
        tenant_id: ctx.tenantId,
        patient_id: options.patientId,
        encounter_id: options.encounterId ?? null,
        payer_id: options.payerId ?? null,
        coverage_id: options.coverageId ?? null,
        patient_control_number: claim.patientControlNumber,
        kind: claim.kind,
        frequency_code: claim.frequencyCode,
        payer_responsibility: claim.payerResponsibility,
        status: options.status ?? 'draft',
        total_charge_cents: total,
        service_from: dates[0]!,
        service_to: dates[dates.length - 1]!,
        payer_claim_number: null,
        document: JSON.stringify(document),
        created_by: ctx.userId,
        created_at: at,
        updated_at: at,
      },
      claim.lines.map((line, i) => lineToColumns(line, i + 1)),
    );
    await insertClaimEvent(trx, {
      tenant_id: ctx.tenantId,
      claim_id: stored.claim.id,
      type: 'created',
      payload: JSON.stringify({
        lineCount: claim.lines.length,
        totalChargeCents: total,
        frequencyCode: claim.frequencyCode,
      } satisfies ClaimEventPayloads['created']),
      at,
      user_id: ctx.userId,
    });
    await audit(trx, ctx, 'create', 'claims', [stored.claim.id]);
    return toStoredClaim(stored.claim, stored.lines);
  });
}

/** A claim of the tenant with its lines (claims:read; audited). */
export async function getClaim(db: Executor, ctx: TenantContext, id: number): Promise<StoredClaim> {
  authorize(ctx, 'claims:read');
  return withTransaction(db, async (trx) => {
    const row = await findClaim(trx, ctx.tenantId, id);
    if (!row) throw notFound('claim', id);
    const lines = await findClaimLines(trx, ctx.tenantId, id);
    await audit(trx, ctx, 'read', 'claims', [id]);
    return toStoredClaim(row, lines);
  });
}

/** A claim in a list: the columns, not the document. */
export interface ClaimSummary {
  readonly id: number;
  readonly patientId: number;
  readonly payerId?: number;
  readonly patientControlNumber: string;
  readonly status: ClaimState;
  readonly totalChargeCents: number;
  readonly serviceFrom: string;
  readonly serviceTo: string;
}

/** The tenant's claims matching `filter`, newest first (claims:read; audited). */
export async function listClaims(
  db: Executor,
  ctx: TenantContext,
  filter: ClaimFilter = {},
): Promise<ClaimSummary[]> {
  authorize(ctx, 'claims:read');
  return withTransaction(db, async (trx) => {
    const rows = await listClaimRows(trx, ctx.tenantId, filter);
    await audit(
      trx,
      ctx,
      'read',
      'claims',
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({
      id: r.id,
      patientId: r.patient_id,
      ...(r.payer_id !== null ? { payerId: r.payer_id } : {}),
      patientControlNumber: r.patient_control_number,
      status: r.status,
      totalChargeCents: r.total_charge_cents,
      serviceFrom: r.service_from,
      serviceTo: r.service_to,
    }));
  });
}

/** Appends a typed event to a claim's history, with an audit record (claims:write). */
export async function recordClaimEvent<K extends Exclude<ClaimEventType, 'created' | 'status_changed'>>(
  db: Executor,
  ctx: TenantContext,
  claimId: number,
  type: K,
  payload: ClaimEventPayloads[K],
): Promise<ClaimEvent> {
  authorize(ctx, 'claims:write');
  return withTransaction(db, async (trx) => {
    if (!(await findClaim(trx, ctx.tenantId, claimId))) throw notFound('claim', claimId);
    const event = await appendEvent(trx, ctx, claimId, type, payload, nowIso());
    await audit(trx, ctx, 'update', 'claims', [claimId]);
    return event;
  });
}

/** A claim's history, oldest first (claims:read). */
export async function getClaimHistory(
  db: Executor,
  ctx: TenantContext,
  claimId: number,
): Promise<ClaimEvent[]> {
  authorize(ctx, 'claims:read');
  if (!(await findClaim(db, ctx.tenantId, claimId))) throw notFound('claim', claimId);
  return (await findClaimEvents(db, ctx.tenantId, claimId)).map(toClaimEvent);
}

async function appendEvent<K extends ClaimEventType>(
  db: Executor,
  ctx: TenantContext,
  claimId: number,
  type: K,
  payload: ClaimEventPayloads[K],
  at: string,
): Promise<ClaimEvent> {
  const row = await insertClaimEvent(db, {
    tenant_id: ctx.tenantId,
    claim_id: claimId,
    type,
    payload: JSON.stringify(payload),
    at,
    user_id: ctx.userId,
  });
  return toClaimEvent(row);
}

/** The rest of a service line, kept as JSON beside the columns. */
type LineDocument = Pick<ServiceLine, 'unitType' | 'renderingProvider' | 'drug' | 'priorAdjudications'>;

function lineToColumns(line: ServiceLine, lineNumber: number) {
  const document: LineDocument = {
    unitType: line.unitType,
    priorAdjudications: line.priorAdjudications,
    ...(line.renderingProvider ? { renderingProvider: line.renderingProvider } : {}),
    ...(line.drug ? { drug: line.drug } : {}),
  };
  return {
    line_number: lineNumber,
    procedure_code: line.procedureCode,
    modifier1: line.modifiers[0] ?? null,
    modifier2: line.modifiers[1] ?? null,
    modifier3: line.modifiers[2] ?? null,
    modifier4: line.modifiers[3] ?? null,
    units: line.units,
    charge_cents: line.chargeCents,
    diagnosis_pointers: line.diagnosisPointers.join(','),
    service_date: line.serviceDate,
    service_date_end: line.serviceDateEnd ?? null,
    place_of_service: line.placeOfService ?? null,
    line_control_number: line.lineControlNumber ?? null,
    revenue_code: line.revenueCode ?? null,
    document: JSON.stringify(document),
  };
}

function columnsToLine(row: ClaimLineRow): ServiceLine {
  const document = JSON.parse(row.document) as LineDocument;
  const modifiers = [row.modifier1, row.modifier2, row.modifier3, row.modifier4].filter(
    (m): m is string => m !== null,
  );
  return {
    procedureCode: row.procedure_code,
    modifiers,
    chargeCents: row.charge_cents,
    units: row.units,
    unitType: document.unitType,
    diagnosisPointers: row.diagnosis_pointers.split(',').map(Number),
    serviceDate: row.service_date,
    ...(row.service_date_end !== null ? { serviceDateEnd: row.service_date_end } : {}),
    ...(row.place_of_service !== null ? { placeOfService: row.place_of_service } : {}),
    ...(document.renderingProvider ? { renderingProvider: document.renderingProvider } : {}),
    ...(document.drug ? { drug: document.drug } : {}),
    ...(row.line_control_number !== null ? { lineControlNumber: row.line_control_number } : {}),
    ...(row.revenue_code !== null ? { revenueCode: row.revenue_code } : {}),
    priorAdjudications: document.priorAdjudications,
  };
}

function toStoredClaim(row: ClaimRow, lines: readonly ClaimLineRow[]): StoredClaim {
  const document = JSON.parse(row.document) as Omit<Claim, 'lines' | 'id'>;
  return {
    id: row.id,
    status: row.status,
    patientId: row.patient_id,
    ...(row.encounter_id !== null ? { encounterId: row.encounter_id } : {}),
    ...(row.payer_id !== null ? { payerId: row.payer_id } : {}),
    ...(row.coverage_id !== null ? { coverageId: row.coverage_id } : {}),
    ...(row.payer_claim_number !== null ? { payerClaimNumber: row.payer_claim_number } : {}),
    totalChargeCents: row.total_charge_cents,
    lineIds: lines.map((l) => l.id),
    claim: { ...document, id: String(row.id), lines: lines.map(columnsToLine) },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
