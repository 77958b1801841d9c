/**
 * The claim lifecycle: an explicit state machine with typed events. Each event is stored in the claim's
 * history in the same transaction as the state change (and its ledger entries and audit record); an
 * illegal transition is refused with the reason.
 *
 *   draft → scrubbed → ready → submitted → acknowledged → adjudicated → transferred → closed
 *                 ↘ (errors) draft      ↘ rejected → draft (fix and resubmit)
 *   adjudicated/transferred/closed → corrected (a replacement, frequency 7, is created) | voided (8)
 *   adjudicated (denied or partly paid) → appealed → adjudicated
 */
import { addDays, daysBetween, type CalendarDate } from '../model/dates.js';

export const CLAIM_STATES = [
  'draft',
  'scrubbed',
  'ready',
  'submitted',
  'acknowledged',
  'rejected',
  'adjudicated',
  'transferred',
  'appealed',
  'corrected',
  'voided',
  'closed',
] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];

/** Runtime guard for ClaimState. */
export function isClaimState(value: string): value is ClaimState {
  return (CLAIM_STATES as readonly string[]).includes(value);
}

export const ADJUDICATION_OUTCOMES = ['paid', 'partially_paid', 'denied'] as const;
export type AdjudicationOutcome = (typeof ADJUDICATION_OUTCOMES)[number];

/** Typed claim events; `type` discriminates. Amounts are cents. */
export type ClaimEvent =
  | { readonly type: 'scrubbed'; readonly errors: number; readonly warnings: number }
  | { readonly type: 'marked_ready' }
  | { readonly type: 'reopened'; readonly reason: string }
  | {
      readonly type: 'submitted';
      readonly batchId: string;
      readonly interchangeControlNumber: string;
      readonly groupControlNumber: string;
      readonly transactionSetControlNumber: string;
      readonly fileName: string;
    }
  | { readonly type: 'acknowledged'; readonly source: '999' | '277CA'; readonly detail?: string }
  | { readonly type: 'rejected'; readonly source: '999' | '277CA' | 'payer'; readonly reasons: readonly string[] }
  | {
      readonly type: 'adjudicated';
      readonly outcome: AdjudicationOutcome;
      readonly payerClaimControlNumber: string;
      readonly paidCents: number;
      readonly patientResponsibilityCents: number;
    }
  | { readonly type: 'transferred'; readonly to: 'secondary' | 'tertiary' | 'patient'; readonly amountCents: number }
  | { readonly type: 'appealed'; readonly reason: string }
  | { readonly type: 'corrected'; readonly replacementClaimId: string }
  | { readonly type: 'voided'; readonly voidClaimId: string }
  | { readonly type: 'closed' };
export type ClaimEventType = ClaimEvent['type'];

/** From which states each event may be applied. */
const ALLOWED_FROM: { readonly [K in ClaimEventType]: readonly ClaimState[] } = {
  scrubbed: ['draft', 'scrubbed', 'ready'],
  marked_ready: ['scrubbed'],
  reopened: ['scrubbed', 'ready', 'rejected'],
  submitted: ['ready'],
  acknowledged: ['submitted', 'acknowledged'],
  rejected: ['submitted', 'acknowledged'],
  adjudicated: ['submitted', 'acknowledged', 'appealed', 'adjudicated', 'transferred'],
  transferred: ['adjudicated', 'transferred'],
  appealed: ['adjudicated'],
  corrected: ['adjudicated', 'transferred', 'closed', 'rejected'],
  voided: ['submitted', 'acknowledged', 'adjudicated', 'transferred', 'closed'],
  closed: ['adjudicated', 'transferred'],
};

export type TransitionResult =
  | { readonly ok: true; readonly state: ClaimState }
  | { readonly ok: false; readonly reason: string };

/** Applies an event to a claim in `state`; returns the next state or why the transition is refused. */
export function transition(state: ClaimState, event: ClaimEvent): TransitionResult {
  if (!ALLOWED_FROM[event.type].includes(state)) {
    return {
      ok: false,
      reason: `a claim that is ${state} cannot be ${describe(event.type)}; allowed from: ${ALLOWED_FROM[event.type].join(', ')}`,
    };
  }
  switch (event.type) {
    case 'scrubbed':
      // A scrub with errors sends the claim back to draft: it cannot be made ready until fixed.
      return { ok: true, state: event.errors > 0 ? 'draft' : 'scrubbed' };
    case 'marked_ready':
      return { ok: true, state: 'ready' };
    case 'reopened':
      return { ok: true, state: 'draft' };
    case 'submitted':
      return { ok: true, state: 'submitted' };
    case 'acknowledged':
      return { ok: true, state: 'acknowledged' };
    case 'rejected':
      return { ok: true, state: 'rejected' };
    case 'adjudicated':
      return { ok: true, state: 'adjudicated' };
    case 'transferred':
      return { ok: true, state: 'transferred' };
    case 'appealed':
      if (state !== 'adjudicated') return { ok: false, reason: 'only an adjudicated claim can be appealed' };
      return { ok: true, state: 'appealed' };
    case 'corrected':
      return { ok: true, state: 'corrected' };
    case 'voided':
      return { ok: true, state: 'voided' };
    case 'closed':
      return { ok: true, state: 'closed' };
  }
}

/** Replays a history of events from draft; throws with the position of the first illegal one. */
export function replay(events: readonly ClaimEvent[]): ClaimState {
  let state: ClaimState = 'draft';
  events.forEach((event, i) => {
    const r = transition(state, event);
    if (!r.ok) throw new Error(`event ${i + 1} (${event.type}): ${r.reason}`);
    state = r.state;
  });
  return state;
}

function describe(type: ClaimEventType): string {
  return type.replaceAll('_', ' ');
}

/** Where a claim stands against its payer's timely-filing limit. */
export interface TimelyFiling {
  readonly deadline: CalendarDate;
  readonly daysLeft: number;
  readonly status: 'ok' | 'near' | 'past';
}

/**
 * Timely filing: the payer's limit counts from the date of service (Medicare: 12 months, 42 CFR
 * 424.44; commercial payers often 90–180 days). A claim is flagged `near` within `warnDays`.
 */
export function timelyFiling(
  serviceDate: CalendarDate,
  limitDays: number,
  on: CalendarDate,
  warnDays = 30,
): TimelyFiling {
  const deadline = addDays(serviceDate, limitDays);
  const daysLeft = daysBetween(on, deadline);
  return { deadline, daysLeft, status: daysLeft < 0 ? 'past' : daysLeft <= warnDays ? 'near' : 'ok' };
}
