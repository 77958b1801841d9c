/** Encounters: a visit with its diagnoses and service lines, stored in one transaction (encounters:write). */
import { z } from 'zod';
import type { Problem } from '../model/problem.js';
import { audit } from './audit.js';
import { findEncounter, insertEncounter, updateEncounterStatus } from './encounters.repository.js';
import { findPatient } from './patients.repository.js';
import { findBillingProvider, findFacility, findProvider } from './providers.repository.js';
import type { Executor } from './schema.js';
import { nowIso } from './sql-types.js';
import { ENCOUNTER_STATUSES } from './tables/encounters.table.js';
import type { EncounterStatus } from './tables/encounters.table.js';
import { authorize } from './tenant-context.js';
import type { TenantContext } from './tenant-context.js';
import { withTransaction } from './transaction.js';
import { calendarDateSchema, notFound, validate } from './validation.js';

const modifierSchema = z.string().regex(/^[0-9A-Z]{2}$/, { error: 'must be two letters or digits' });

export const encounterInputSchema = z.object({
  patientId: z.number().int().positive(),
  billingProviderId: z.number().int().positive(),
  renderingProviderId: z.number().int().positive().optional(),
  referringProviderId: z.number().int().positive().optional(),
  facilityId: z.number().int().positive().optional(),
  dateOfService: calendarDateSchema,
  placeOfService: z.string().regex(/^\d{2}$/, { error: 'must be a two-digit place-of-service code' }),
  /** ICD-10-CM codes without the dot, first-listed first (at most 12, as on the 837P HI segment). */
  diagnoses: z
    .array(z.string().regex(/^[A-Z]\d[0-9A-Z]{1,5}$/, { error: 'must be an ICD-10-CM code without the dot' }))
    .max(12),
  lines: z.array(
    z.object({
      procedureCode: z.string().regex(/^[0-9A-Z]{5}$/, { error: 'must be a 5-character CPT/HCPCS code' }),
      modifiers: z.array(modifierSchema).max(4).default([]),
      units: z.number().positive(),
      chargeCents: z.number().int().nonnegative(),
      diagnosisPointers: z.array(z.number().int().min(1).max(12)).min(1).max(4),
      serviceDate: calendarDateSchema.optional(),
    }),
  ),
  status: z.enum(ENCOUNTER_STATUSES).default('open'),
});
export type EncounterInput = z.input<typeof encounterInputSchema>;

/** An encounter as the application sees it. */
export type EncounterRecord = Omit<z.output<typeof encounterInputSchema>, 'lines'> & {
  readonly id: number;
  readonly lines: (z.output<typeof encounterInputSchema>['lines'][number] & {
    id: number;
    serviceDate: string;
  })[];
};

function checkPointers(e: z.output<typeof encounterInputSchema>): Problem[] {
  const problems: Problem[] = [];
  e.lines.forEach((line, i) => {
    line.diagnosisPointers.forEach((p, j) => {
      if (p > e.diagnoses.length) {
        problems.push({
          severity: 'error',
          code: 'encounter.pointer',
          path: `lines[${i}].diagnosisPointers[${j}]`,
          message: `Diagnosis pointer ${p} points past the ${e.diagnoses.length} diagnoses of the encounter.`,
        });
      }
    });
  });
  return problems;
}

/** Records an encounter with its diagnoses and lines in one transaction (encounters:write; audited). */
export async function createEncounter(
  db: Executor,
  ctx: TenantContext,
  input: EncounterInput,
): Promise<EncounterRecord> {
  authorize(ctx, 'encounters:write');
  const e = validate(encounterInputSchema, input, 'encounter', checkPointers);
  return withTransaction(db, async (trx) => {
    if (!(await findPatient(trx, ctx.tenantId, e.patientId))) throw notFound('patient', e.patientId);
    if (!(await findBillingProvider(trx, ctx.tenantId, e.billingProviderId))) {
      throw notFound('billing provider', e.billingProviderId);
    }
    for (const pid of [e.renderingProviderId, e.referringProviderId]) {
      if (pid !== undefined && !(await findProvider(trx, ctx.tenantId, pid))) throw notFound('provider', pid);
    }
    if (e.facilityId !== undefined && !(await findFacility(trx, ctx.tenantId, e.facilityId))) {
      throw notFound('facility', e.facilityId);
    }
    const at = nowIso();
    const { encounter: row, lineIds } = await insertEncounter(
      trx,
      {
        tenant_id: ctx.tenantId,
        patient_id: e.patientId,
        billing_provider_id: e.billingProviderId,
        rendering_provider_id: e.renderingProviderId ?? null,
        referring_provider_id: e.referringProviderId ?? null,
        facility_id: e.facilityId ?? null,
        date_of_service: e.dateOfService,
        place_of_service: e.placeOfService,
        status: e.status,
        created_at: at,
        updated_at: at,
      },
      e.diagnoses,
      e.lines.map((l, i) => ({
        line_number: i + 1,
        procedure_code: l.procedureCode,
        modifier1: l.modifiers[0] ?? null,
        modifier2: l.modifiers[1] ?? null,
        modifier3: l.modifiers[2] ?? null,
        modifier4: l.modifiers[3] ?? null,
        units: l.units,
        charge_cents: l.chargeCents,
        diagnosis_pointers: l.diagnosisPointers.join(','),
        service_date: l.serviceDate ?? e.dateOfService,
      })),
    );
    await audit(trx, ctx, 'create', 'encounters', [row.id]);
    // Built from what was written (no read-back): the same record getEncounter returns.
    return {
      ...e,
      id: row.id,
      lines: e.lines.map((l, i) => ({
        ...l,
        id: lineIds[i]!,
        serviceDate: l.serviceDate ?? e.dateOfService,
      })),
    };
  });
}

/** An encounter of the tenant with its diagnoses and lines (encounters:read; audited). */
export async function getEncounter(db: Executor, ctx: TenantContext, id: number): Promise<EncounterRecord> {
  authorize(ctx, 'encounters:read');
  return withTransaction(db, async (trx) => {
    const record = await getEncounterUnaudited(trx, ctx, id);
    await audit(trx, ctx, 'read', 'encounters', [id]);
    return record;
  });
}

/** Sets an encounter's status (encounters:write; audited). */
export async function setEncounterStatus(
  db: Executor,
  ctx: TenantContext,
  id: number,
  status: EncounterStatus,
): Promise<void> {
  authorize(ctx, 'encounters:write');
  await withTransaction(db, async (trx) => {
    if (!(await updateEncounterStatus(trx, ctx.tenantId, id, status, nowIso())))
      throw notFound('encounter', id);
    await audit(trx, ctx, 'update', 'encounters', [id]);
  });
}

async function getEncounterUnaudited(db: Executor, ctx: TenantContext, id: number): Promise<EncounterRecord> {
  const found = await findEncounter(db, ctx.tenantId, id);
  if (!found) throw notFound('encounter', id);
  const { encounter: e, diagnoses, lines } = found;
  return {
    id: e.id,
    patientId: e.patient_id,
    billingProviderId: e.billing_provider_id,
    ...(e.rendering_provider_id !== null ? { renderingProviderId: e.rendering_provider_id } : {}),
    ...(e.referring_provider_id !== null ? { referringProviderId: e.referring_provider_id } : {}),
    ...(e.facility_id !== null ? { facilityId: e.facility_id } : {}),
    dateOfService: e.date_of_service,
    placeOfService: e.place_of_service,
    status: e.status,
    diagnoses: diagnoses.map((d) => d.code),
    lines: lines.map((l) => ({
      id: l.id,
      procedureCode: l.procedure_code,
      modifiers: [l.modifier1, l.modifier2, l.modifier3, l.modifier4].filter((m): m is string => m !== null),
      units: l.units,
      chargeCents: l.charge_cents,
      diagnosisPointers: l.diagnosis_pointers.split(',').map(Number),
      serviceDate: l.service_date,
    })),
  };
}
