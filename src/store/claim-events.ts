/**
 * The claim's typed event history (GUIDE §13): each event type has its own payload shape, stored as
 * JSON in claim_events.payload and written in the same transaction as the change it records.
 */
import type { AdjudicationOutcome, ClaimState } from '../billing/claim-lifecycle.js';
import type { ClaimEventRow, ClaimEventType } from './tables/claims.table.js';

/** Payload of each claim event type. */
export interface ClaimEventPayloads {
  created: { readonly lineCount: number; readonly totalChargeCents: number; readonly frequencyCode: string };
  updated: { readonly fields: readonly string[] };
  status_changed: { readonly from: ClaimState; readonly to: ClaimState; readonly reason?: string };
  submitted: { readonly interchangeControlNumber?: string; readonly clearinghouse?: string };
  acknowledged: {
    readonly kind: '999' | '277CA' | 'TA1';
    readonly accepted: boolean;
    readonly reference?: string;
  };
  rejected: { readonly reason: string; readonly codes?: readonly string[] };
  adjudicated: {
    /** The payer's answer; the claim's status is `adjudicated` whatever it is. */
    readonly outcome: AdjudicationOutcome;
    readonly paidCents: number;
    readonly patientResponsibilityCents?: number;
    readonly payerClaimNumber?: string;
    readonly remittanceId?: string;
  };
  note: { readonly text: string };
}

/** One event of a claim, with its payload typed by `type`. */
export type ClaimEvent = {
  [K in ClaimEventType]: {
    readonly id: number;
    readonly claimId: number;
    readonly type: K;
    readonly payload: ClaimEventPayloads[K];
    readonly at: string;
    readonly userId: number | null;
  };
}[ClaimEventType];

/** Maps a stored event row to its typed event (the payload was written for its type by claims.service.ts). */
export function toClaimEvent(row: ClaimEventRow): ClaimEvent {
  // The payload's type follows from `type`: the writer (appendEvent) only accepts ClaimEventPayloads[type].
  const payload: unknown = JSON.parse(row.payload);
  return {
    id: row.id,
    claimId: row.claim_id,
    type: row.type,
    payload,
    at: row.at,
    userId: row.user_id,
  } as ClaimEvent;
}
