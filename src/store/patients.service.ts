/**
 * Patients, guarantors and coverages: validated input in, domain records out. Reads of patient data
 * are audited (`read`), changes are audited in the same transaction.
 */
import { z } from 'zod';
import { SEX_CODES } from '../model/claim.js';
import type { Address } from '../model/claim.js';
import { AppError } from '../model/errors.js';
import type { Problem } from '../model/problem.js';
import { addressInputSchema, addressToColumns, checkAddress, columnsToAddress } from './address-columns.js';
import { audit } from './audit.js';
import { findPayer } from './payers.repository.js';
import {
  findGuarantor,
  findPatient,
  findPatientByAccount,
  insertCoverage,
  insertGuarantor,
  insertPatient,
  listCoverages,
  searchPatients as searchPatientRows,
  updatePatientRow,
} from './patients.repository.js';
import type { PatientSearch } from './patients.repository.js';
import type { Executor } from './schema.js';
import { nowIso } from './sql-types.js';
import { COVERAGE_PRIORITIES } from './tables/patients.table.js';
import type { CoverageRow, CoveragePriority, GuarantorRow, PatientRow } from './tables/patients.table.js';
import { authorize } from './tenant-context.js';
import type { TenantContext } from './tenant-context.js';
import { withTransaction } from './transaction.js';
import { calendarDateSchema, notFound, validate } from './validation.js';

const calendarDate = calendarDateSchema;
const optionalText = z.string().trim().min(1).optional();
const cents = z.number().int({ error: 'must be whole cents (an integer)' }).nonnegative();

/** A patient as the application sees it. */
export interface PatientRecord {
  readonly id: number;
  readonly accountNumber: string;
  readonly lastName: string;
  readonly firstName?: string;
  readonly middleName?: string;
  readonly suffix?: string;
  readonly dateOfBirth: string;
  readonly sex: 'M' | 'F' | 'U';
  readonly address?: Address;
  readonly phone?: string;
  /** Absent when the patient is their own guarantor. */
  readonly guarantorId?: number;
}

export const patientInputSchema = z.object({
  accountNumber: z.string().trim().min(1).max(38),
  lastName: z.string().trim().min(1),
  firstName: optionalText,
  middleName: optionalText,
  suffix: optionalText,
  dateOfBirth: calendarDate,
  sex: z.enum(SEX_CODES),
  address: addressInputSchema.optional(),
  phone: z
    .string()
    .regex(/^\d{10}$/, { error: 'must be 10 digits' })
    .optional(),
  guarantorId: z.number().int().positive().optional(),
});
export type PatientInput = z.input<typeof patientInputSchema>;

/** Registers a patient (patients:write). */
export async function createPatient(
  db: Executor,
  ctx: TenantContext,
  input: PatientInput,
): Promise<PatientRecord> {
  authorize(ctx, 'patients:write');
  const p = validate(patientInputSchema, input, 'patient', (v) => checkAddress(v.address, 'address'));
  return withTransaction(db, async (trx) => {
    if (await findPatientByAccount(trx, ctx.tenantId, p.accountNumber)) {
      throw new AppError('conflict', `Account number ${p.accountNumber} is already in use in this practice.`);
    }
    if (p.guarantorId !== undefined && !(await findGuarantor(trx, ctx.tenantId, p.guarantorId))) {
      throw notFound('guarantor', p.guarantorId);
    }
    const at = nowIso();
    const row = await insertPatient(trx, {
      tenant_id: ctx.tenantId,
      account_number: p.accountNumber,
      last_name: p.lastName,
      first_name: p.firstName ?? null,
      middle_name: p.middleName ?? null,
      suffix: p.suffix ?? null,
      date_of_birth: p.dateOfBirth,
      sex: p.sex,
      phone: p.phone ?? null,
      guarantor_id: p.guarantorId ?? null,
      ...addressToColumns('address', p.address),
      created_at: at,
      updated_at: at,
    });
    await audit(trx, ctx, 'create', 'patients', [row.id]);
    return toPatient(row);
  });
}

/** A patient of the context's tenant (patients:read; audited). AppError 'not_found' otherwise. */
export async function getPatient(db: Executor, ctx: TenantContext, id: number): Promise<PatientRecord> {
  authorize(ctx, 'patients:read');
  return withTransaction(db, async (trx) => {
    const row = await findPatient(trx, ctx.tenantId, id);
    if (!row) throw notFound('patient', id);
    await audit(trx, ctx, 'read', 'patients', [id]);
    return toPatient(row);
  });
}

/** The tenant's patients matching `search` (patients:read; each returned patient is audited). */
export async function findPatients(
  db: Executor,
  ctx: TenantContext,
  search: PatientSearch = {},
): Promise<PatientRecord[]> {
  authorize(ctx, 'patients:read');
  return withTransaction(db, async (trx) => {
    const rows = await searchPatientRows(trx, ctx.tenantId, search);
    await audit(
      trx,
      ctx,
      'read',
      'patients',
      rows.map((r) => r.id),
    );
    return rows.map(toPatient);
  });
}

export const patientChangesSchema = patientInputSchema.omit({ accountNumber: true }).partial();
export type PatientChanges = z.input<typeof patientChangesSchema>;

/** Changes a patient's demographics (patients:write; audited). */
export async function updatePatient(
  db: Executor,
  ctx: TenantContext,
  id: number,
  changes: PatientChanges,
): Promise<PatientRecord> {
  authorize(ctx, 'patients:write');
  const c = validate(patientChangesSchema, changes, 'patient', (v) => checkAddress(v.address, 'address'));
  return withTransaction(db, async (trx) => {
    if (c.guarantorId !== undefined && !(await findGuarantor(trx, ctx.tenantId, c.guarantorId))) {
      throw notFound('guarantor', c.guarantorId);
    }
    const row = await updatePatientRow(trx, ctx.tenantId, id, {
      ...(c.lastName !== undefined ? { last_name: c.lastName } : {}),
      ...(c.firstName !== undefined ? { first_name: c.firstName } : {}),
      ...(c.middleName !== undefined ? { middle_name: c.middleName } : {}),
      ...(c.suffix !== undefined ? { suffix: c.suffix } : {}),
      ...(c.dateOfBirth !== undefined ? { date_of_birth: c.dateOfBirth } : {}),
      ...(c.sex !== undefined ? { sex: c.sex } : {}),
      ...(c.phone !== undefined ? { phone: c.phone } : {}),
      ...(c.guarantorId !== undefined ? { guarantor_id: c.guarantorId } : {}),
      ...(c.address !== undefined ? addressToColumns('address', c.address) : {}),
      updated_at: nowIso(),
    });
    if (!row) throw notFound('patient', id);
    await audit(trx, ctx, 'update', 'patients', [id]);
    return toPatient(row);
  });
}

function toPatient(row: PatientRow): PatientRecord {
  const address = columnsToAddress(row, 'address');
  return {
    id: row.id,
    accountNumber: row.account_number,
    lastName: row.last_name,
    ...(row.first_name !== null ? { firstName: row.first_name } : {}),
    ...(row.middle_name !== null ? { middleName: row.middle_name } : {}),
    ...(row.suffix !== null ? { suffix: row.suffix } : {}),
    dateOfBirth: row.date_of_birth,
    sex: row.sex,
    ...(address ? { address } : {}),
    ...(row.phone !== null ? { phone: row.phone } : {}),
    ...(row.guarantor_id !== null ? { guarantorId: row.guarantor_id } : {}),
  };
}

/** A guarantor: the person responsible for the patient's share. */
export interface GuarantorRecord {
  readonly id: number;
  readonly lastName: string;
  readonly firstName?: string;
  readonly dateOfBirth?: string;
  readonly phone?: string;
  readonly address?: Address;
}

export const guarantorInputSchema = z.object({
  lastName: z.string().trim().min(1),
  firstName: optionalText,
  dateOfBirth: calendarDate.optional(),
  phone: z
    .string()
    .regex(/^\d{10}$/, { error: 'must be 10 digits' })
    .optional(),
  address: addressInputSchema.optional(),
});
export type GuarantorInput = z.input<typeof guarantorInputSchema>;

/** Creates a guarantor (patients:write; audited). */
export async function createGuarantor(
  db: Executor,
  ctx: TenantContext,
  input: GuarantorInput,
): Promise<GuarantorRecord> {
  authorize(ctx, 'patients:write');
  const g = validate(guarantorInputSchema, input, 'guarantor', (v) => checkAddress(v.address, 'address'));
  return withTransaction(db, async (trx) => {
    const at = nowIso();
    const row = await insertGuarantor(trx, {
      tenant_id: ctx.tenantId,
      last_name: g.lastName,
      first_name: g.firstName ?? null,
      date_of_birth: g.dateOfBirth ?? null,
      phone: g.phone ?? null,
      ...addressToColumns('address', g.address),
      created_at: at,
      updated_at: at,
    });
    await audit(trx, ctx, 'create', 'guarantors', [row.id]);
    return toGuarantor(row);
  });
}

function toGuarantor(row: GuarantorRow): GuarantorRecord {
  const address = columnsToAddress(row, 'address');
  return {
    id: row.id,
    lastName: row.last_name,
    ...(row.first_name !== null ? { firstName: row.first_name } : {}),
    ...(row.date_of_birth !== null ? { dateOfBirth: row.date_of_birth } : {}),
    ...(row.phone !== null ? { phone: row.phone } : {}),
    ...(address ? { address } : {}),
  };
}

/** Insurance coverage of a patient. */
export interface CoverageRecord {
  readonly id: number;
  readonly patientId: number;
  readonly payerId: number;
  readonly priority: CoveragePriority;
  readonly memberId: string;
  readonly groupNumber?: string;
  readonly groupName?: string;
  /** Patient's relationship to the subscriber (SBR02): 18 self, 01 spouse, 19 child, G8 other. */
  readonly relationshipCode: string;
  readonly subscriber?: { lastName: string; firstName?: string; dateOfBirth: string; sex: 'M' | 'F' | 'U' };
  readonly effectiveFrom: string;
  readonly effectiveTo?: string;
  readonly copayCents: number;
  readonly deductibleCents: number;
  /** Patient coinsurance in basis points (2000 = 20 %). */
  readonly coinsuranceBasisPoints: number;
}

export const coverageInputSchema = z.object({
  patientId: z.number().int().positive(),
  payerId: z.number().int().positive(),
  priority: z.enum(COVERAGE_PRIORITIES),
  memberId: z.string().trim().min(1).max(80),
  groupNumber: optionalText,
  groupName: optionalText,
  relationshipCode: z.enum(['18', '01', '19', '20', '21', '39', '40', '53', 'G8']).default('18'),
  subscriber: z
    .object({
      lastName: z.string().trim().min(1),
      firstName: optionalText,
      dateOfBirth: calendarDate,
      sex: z.enum(SEX_CODES),
    })
    .optional(),
  effectiveFrom: calendarDate,
  effectiveTo: calendarDate.optional(),
  copayCents: cents.default(0),
  deductibleCents: cents.default(0),
  coinsuranceBasisPoints: z.number().int().min(0).max(10_000).default(0),
});
export type CoverageInput = z.input<typeof coverageInputSchema>;

function checkCoverage(c: z.output<typeof coverageInputSchema>): Problem[] {
  const problems: Problem[] = [];
  if (c.relationshipCode !== '18' && !c.subscriber) {
    problems.push({
      severity: 'error',
      code: 'coverage.subscriber',
      path: 'subscriber',
      message: 'The patient is not the subscriber (relationship is not 18), so the subscriber is needed.',
    });
  }
  if (c.effectiveTo !== undefined && c.effectiveTo < c.effectiveFrom) {
    problems.push({
      severity: 'error',
      code: 'coverage.dates',
      path: 'effectiveTo',
      message: 'Coverage ends before it begins.',
    });
  }
  return problems;
}

/** Adds a coverage to a patient (patients:write; audited). Patient and payer must be the tenant's. */
export async function addCoverage(
  db: Executor,
  ctx: TenantContext,
  input: CoverageInput,
): Promise<CoverageRecord> {
  authorize(ctx, 'patients:write');
  const c = validate(coverageInputSchema, input, 'coverage', checkCoverage);
  return withTransaction(db, async (trx) => {
    if (!(await findPatient(trx, ctx.tenantId, c.patientId))) throw notFound('patient', c.patientId);
    if (!(await findPayer(trx, ctx.tenantId, c.payerId))) throw notFound('payer', c.payerId);
    const at = nowIso();
    const row = await insertCoverage(trx, {
      tenant_id: ctx.tenantId,
      patient_id: c.patientId,
      payer_id: c.payerId,
      priority: c.priority,
      member_id: c.memberId,
      group_number: c.groupNumber ?? null,
      group_name: c.groupName ?? null,
      relationship_code: c.relationshipCode,
      subscriber_last_name: c.subscriber?.lastName ?? null,
      subscriber_first_name: c.subscriber?.firstName ?? null,
      subscriber_date_of_birth: c.subscriber?.dateOfBirth ?? null,
      subscriber_sex: c.subscriber?.sex ?? null,
      effective_from: c.effectiveFrom,
      effective_to: c.effectiveTo ?? null,
      copay_cents: c.copayCents,
      deductible_cents: c.deductibleCents,
      coinsurance_bp: c.coinsuranceBasisPoints,
      created_at: at,
      updated_at: at,
    });
    await audit(trx, ctx, 'create', 'coverages', [row.id]);
    return toCoverage(row);
  });
}

/** A patient's coverages, primary first; only those in force on `on` when given (patients:read; audited). */
export async function getCoverages(
  db: Executor,
  ctx: TenantContext,
  patientId: number,
  on?: string,
): Promise<CoverageRecord[]> {
  authorize(ctx, 'patients:read');
  return withTransaction(db, async (trx) => {
    if (!(await findPatient(trx, ctx.tenantId, patientId))) throw notFound('patient', patientId);
    const rows = await listCoverages(trx, ctx.tenantId, patientId, on);
    await audit(
      trx,
      ctx,
      'read',
      'coverages',
      rows.map((r) => r.id),
    );
    return rows.map(toCoverage);
  });
}

function toCoverage(row: CoverageRow): CoverageRecord {
  const subscriber =
    row.subscriber_last_name !== null && row.subscriber_date_of_birth !== null
      ? {
          lastName: row.subscriber_last_name,
          ...(row.subscriber_first_name !== null ? { firstName: row.subscriber_first_name } : {}),
          dateOfBirth: row.subscriber_date_of_birth,
          sex: row.subscriber_sex ?? 'U',
        }
      : undefined;
  return {
    id: row.id,
    patientId: row.patient_id,
    payerId: row.payer_id,
    priority: row.priority,
    memberId: row.member_id,
    ...(row.group_number !== null ? { groupNumber: row.group_number } : {}),
    ...(row.group_name !== null ? { groupName: row.group_name } : {}),
    relationshipCode: row.relationship_code,
    ...(subscriber ? { subscriber } : {}),
    effectiveFrom: row.effective_from,
    ...(row.effective_to !== null ? { effectiveTo: row.effective_to } : {}),
    copayCents: row.copay_cents,
    deductibleCents: row.deductible_cents,
    coinsuranceBasisPoints: row.coinsurance_bp,
  };
}
