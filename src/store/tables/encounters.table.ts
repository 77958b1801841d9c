/** Encounters (a visit) with their diagnoses and the services performed, before they become claims. */
import type { ColumnType, Generated, Selectable } from 'kysely';

/** open: being documented; coded: ready to bill; billed: on a claim; void: cancelled. */
export const ENCOUNTER_STATUSES = ['open', 'coded', 'billed', 'void'] as const;
export type EncounterStatus = (typeof ENCOUNTER_STATUSES)[number];

export interface EncounterTable {
  id: Generated<number>;
  tenant_id: number;
  patient_id: number;
  billing_provider_id: number;
  rendering_provider_id: number | null;
  referring_provider_id: number | null;
  facility_id: number | null;
  date_of_service: string;
  /** CMS place-of-service code, e.g. 11 office. */
  place_of_service: string;
  status: EncounterStatus;
  created_at: ColumnType<string, string, never>;
  updated_at: string;
}

export interface EncounterDiagnosisTable {
  id: Generated<number>;
  tenant_id: number;
  encounter_id: number;
  /** 1-based order; 1 is the first-listed diagnosis. */
  sequence: number;
  /** ICD-10-CM code without the dot, e.g. E119. */
  code: string;
}

export interface EncounterLineTable {
  id: Generated<number>;
  tenant_id: number;
  encounter_id: number;
  line_number: number;
  procedure_code: string;
  modifier1: string | null;
  modifier2: string | null;
  modifier3: string | null;
  modifier4: string | null;
  units: number;
  charge_cents: number;
  /** 1-based pointers into the diagnoses, comma-separated: `1,2`. */
  diagnosis_pointers: string;
  service_date: string;
}

export type EncounterRow = Selectable<EncounterTable>;
export type EncounterDiagnosisRow = Selectable<EncounterDiagnosisTable>;
export type EncounterLineRow = Selectable<EncounterLineTable>;

declare module '../schema.js' {
  interface DB {
    encounters: EncounterTable;
    encounter_diagnoses: EncounterDiagnosisTable;
    encounter_lines: EncounterLineTable;
  }
}
