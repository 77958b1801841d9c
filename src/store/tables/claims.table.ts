/**
 * Claims as stored: the searchable facts in columns, the rest of the domain claim (src/model/claim.ts)
 * as a JSON document; one row per service line (the ledger ties money to `claim_lines.id`); and the
 * claim's typed event history.
 */
import type { ColumnType, Generated, Selectable } from 'kysely';

import type { ClaimState } from '../../billing/claim-lifecycle.js';

export interface ClaimTable {
  id: Generated<number>;
  tenant_id: number;
  patient_id: number;
  encounter_id: number | null;
  /** The stored payer this claim is billed to, when it is one of the tenant's payers. */
  payer_id: number | null;
  coverage_id: number | null;
  /** CLM01. */
  patient_control_number: string;
  kind: 'professional' | 'institutional';
  /** CLM05-3: 1 original, 7 replacement, 8 void. */
  frequency_code: string;
  /** SBR01: P, S, T … */
  payer_responsibility: string;
  /**
   * Where the claim stands: a state of the claim lifecycle (src/billing/claim-lifecycle.ts), the one
   * list of claim states. The payer's answer (paid, partially paid, denied) is not a state: it is the
   * `outcome` of the claim's `adjudicated` event.
   */
  status: ClaimState;
  /** CLM02: sum of the line charges. */
  total_charge_cents: number;
  service_from: string;
  service_to: string;
  /** The payer's claim control number once known (835 CLP07 / 277CA). */
  payer_claim_number: string | null;
  /** The domain claim without its lines, as JSON text. */
  document: string;
  created_by: number | null;
  created_at: ColumnType<string, string, never>;
  updated_at: string;
}

export interface ClaimLineTable {
  id: Generated<number>;
  tenant_id: number;
  claim_id: number;
  /** 1-based line number (LX01). */
  line_number: number;
  procedure_code: string;
  modifier1: string | null;
  modifier2: string | null;
  modifier3: string | null;
  modifier4: string | null;
  units: number;
  charge_cents: number;
  /** 1-based pointers into the claim's diagnoses, comma-separated: `1,2`. */
  diagnosis_pointers: string;
  service_date: string;
  service_date_end: string | null;
  place_of_service: string | null;
  /** REF*6R line item control number. */
  line_control_number: string | null;
  revenue_code: string | null;
  /** The rest of the domain service line (unit type, rendering provider, drug, prior adjudications), JSON text. */
  document: string;
}

/** Kinds of claim event. The payload type of each is `ClaimEventPayloads[type]` (src/store/claim-events.ts). */
export const CLAIM_EVENT_TYPES = [
  'created',
  'updated',
  'status_changed',
  'submitted',
  'acknowledged',
  'rejected',
  'adjudicated',
  'note',
] as const;
export type ClaimEventType = (typeof CLAIM_EVENT_TYPES)[number];

export interface ClaimEventTable {
  id: Generated<number>;
  tenant_id: number;
  claim_id: number;
  type: ClaimEventType;
  /** JSON text of the event's payload. */
  payload: string;
  at: ColumnType<string, string, never>;
  user_id: number | null;
}

export type ClaimRow = Selectable<ClaimTable>;
export type ClaimLineRow = Selectable<ClaimLineTable>;
export type ClaimEventRow = Selectable<ClaimEventTable>;

declare module '../schema.js' {
  interface DB {
    claims: ClaimTable;
    claim_lines: ClaimLineTable;
    claim_events: ClaimEventTable;
  }
}
