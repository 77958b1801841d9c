/** Patients, their guarantors (who pays the patient's share) and their insurance coverages. */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { OptionalAddressColumns } from './address.js';

/** Coverage order: which payer is billed first, second, third (COB; SBR01 P, S, T). */
export const COVERAGE_PRIORITIES = ['primary', 'secondary', 'tertiary'] as const;
export type CoveragePriority = (typeof COVERAGE_PRIORITIES)[number];

export interface GuarantorTable extends OptionalAddressColumns {
  id: Generated<number>;
  tenant_id: number;
  last_name: string;
  first_name: string | null;
  date_of_birth: string | null;
  phone: string | null;
  created_at: ColumnType<string, string, never>;
  updated_at: string;
}

export interface PatientTable extends OptionalAddressColumns {
  id: Generated<number>;
  tenant_id: number;
  /** The practice's account number for the patient, unique within the tenant. */
  account_number: string;
  last_name: string;
  first_name: string | null;
  middle_name: string | null;
  suffix: string | null;
  date_of_birth: string;
  sex: 'M' | 'F' | 'U';
  phone: string | null;
  /** Null when the patient is their own guarantor. */
  guarantor_id: number | null;
  created_at: ColumnType<string, string, never>;
  updated_at: string;
}

export interface CoverageTable {
  id: Generated<number>;
  tenant_id: number;
  patient_id: number;
  payer_id: number;
  priority: CoveragePriority;
  member_id: string;
  group_number: string | null;
  group_name: string | null;
  /** Patient's relationship to the subscriber (SBR02/PAT01): 18 self, 01 spouse, 19 child, G8 other. */
  relationship_code: string;
  /** The subscriber when not the patient (relationship ≠ 18); null columns otherwise. */
  subscriber_last_name: string | null;
  subscriber_first_name: string | null;
  subscriber_date_of_birth: string | null;
  subscriber_sex: 'M' | 'F' | 'U' | null;
  effective_from: string;
  effective_to: string | null;
  /** Defaults to 0. */
  copay_cents: Generated<number>;
  /** Defaults to 0. */
  deductible_cents: Generated<number>;
  /** Patient's coinsurance share in basis points (2000 = 20 %); defaults to 0. */
  coinsurance_bp: Generated<number>;
  created_at: ColumnType<string, string, never>;
  updated_at: string;
}

export type GuarantorRow = Selectable<GuarantorTable>;
export type NewGuarantorRow = Insertable<GuarantorTable>;
export type PatientRow = Selectable<PatientTable>;
export type NewPatientRow = Insertable<PatientTable>;
export type CoverageRow = Selectable<CoverageTable>;
export type NewCoverageRow = Insertable<CoverageTable>;

declare module '../schema.js' {
  interface DB {
    guarantors: GuarantorTable;
    patients: PatientTable;
    coverages: CoverageTable;
  }
}
