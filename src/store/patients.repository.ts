/** SQL for patients, guarantors and coverages. Every query is filtered by tenant. */
import type { Executor } from './schema.js';
import type {
  CoverageRow,
  GuarantorRow,
  NewCoverageRow,
  NewGuarantorRow,
  NewPatientRow,
  PatientRow,
  PatientTable,
} from './tables/patients.table.js';
import type { Updateable } from 'kysely';

/** Inserts a patient. */
export async function insertPatient(db: Executor, row: NewPatientRow): Promise<PatientRow> {
  return db.insertInto('patients').values(row).returningAll().executeTakeFirstOrThrow();
}

/** A patient of the tenant. */
export async function findPatient(
  db: Executor,
  tenantId: number,
  id: number,
): Promise<PatientRow | undefined> {
  return db
    .selectFrom('patients')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A patient of the tenant by account number. */
export async function findPatientByAccount(
  db: Executor,
  tenantId: number,
  accountNumber: string,
): Promise<PatientRow | undefined> {
  return db
    .selectFrom('patients')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('account_number', '=', accountNumber)
    .executeTakeFirst();
}

/** Search options for patients. */
export interface PatientSearch {
  /** Prefix of the last name, case-insensitive. */
  readonly lastName?: string;
  readonly dateOfBirth?: string;
  readonly limit?: number;
  readonly offset?: number;
}

/** The tenant's patients matching `search`, by name. */
export async function searchPatients(
  db: Executor,
  tenantId: number,
  search: PatientSearch = {},
): Promise<PatientRow[]> {
  let q = db.selectFrom('patients').selectAll().where('tenant_id', '=', tenantId);
  if (search.lastName) {
    // lower() on both sides: SQLite's LIKE is case-insensitive for ASCII, PostgreSQL's is not.
    const pattern = `${search.lastName.toLowerCase().replaceAll(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb(eb.fn('lower', ['last_name']), 'like', pattern));
  }
  if (search.dateOfBirth) q = q.where('date_of_birth', '=', search.dateOfBirth);
  return q
    .orderBy('last_name')
    .orderBy('first_name')
    .orderBy('id')
    .limit(search.limit ?? 50)
    .offset(search.offset ?? 0)
    .execute();
}

/** Changes a patient of the tenant; returns the new row or undefined when there is none. */
export async function updatePatientRow(
  db: Executor,
  tenantId: number,
  id: number,
  changes: Updateable<PatientTable>,
): Promise<PatientRow | undefined> {
  return db
    .updateTable('patients')
    .set(changes)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Inserts a guarantor. */
export async function insertGuarantor(db: Executor, row: NewGuarantorRow): Promise<GuarantorRow> {
  return db.insertInto('guarantors').values(row).returningAll().executeTakeFirstOrThrow();
}

/** A guarantor of the tenant. */
export async function findGuarantor(
  db: Executor,
  tenantId: number,
  id: number,
): Promise<GuarantorRow | undefined> {
  return db
    .selectFrom('guarantors')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Inserts a coverage. */
export async function insertCoverage(db: Executor, row: NewCoverageRow): Promise<CoverageRow> {
  return db.insertInto('coverages').values(row).returningAll().executeTakeFirstOrThrow();
}

/** A patient's coverages in priority order (primary first), optionally only those in force on `on`. */
export async function listCoverages(
  db: Executor,
  tenantId: number,
  patientId: number,
  on?: string,
): Promise<CoverageRow[]> {
  let q = db
    .selectFrom('coverages')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('patient_id', '=', patientId);
  if (on !== undefined) {
    q = q
      .where('effective_from', '<=', on)
      .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>=', on)]));
  }
  const rows = await q.orderBy('effective_from', 'desc').orderBy('id').execute();
  const rank = { primary: 0, secondary: 1, tertiary: 2 } as const;
  return rows.sort((a, b) => rank[a.priority] - rank[b.priority]);
}
