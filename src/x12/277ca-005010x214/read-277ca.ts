/**
 * 277CA claim acknowledgment (005010X214) reader: tells, per claim of an 837 batch, whether the
 * payer or clearinghouse accepted it into adjudication or rejected it, and why (STC category and
 * status codes, with descriptions). Claims are keyed by the patient control number (2200D TRN02 =
 * 837 CLM01); the payer's claim control number is REF*1K.
 */
import type { Problem } from '../../model/problem.js';
import {
  readClaimStatuses,
  type ClaimStatus,
  type LevelStatus,
  type StatusReaderOptions,
  type StatusReport,
  type TokenizedInput,
} from '../277-005010x212/status-reader.js';
import type { ClaimStatusOutcome } from '../277-005010x212/status-codes.js';

/** ST03 / GS08 of this guide. */
export const IMPLEMENTATION_277CA = '005010X214';

export interface ClaimAcknowledgment {
  /** CLM01 of the 837 claim. */
  readonly patientControlNumber: string /* 2200D TRN02 */;
  readonly payerClaimControlNumber?: string /* REF*1K */;
  /** True when accepted into adjudication (category A1/A2/A0/A5, or action WQ). */
  readonly accepted: boolean;
  readonly outcome: ClaimStatusOutcome;
  /** Plain sentences, one per status code: "A7 Acknowledged: rejected for invalid information — 562 Entity's NPI (billing provider)". */
  readonly reasons: readonly string[];
  readonly chargeCents?: number /* STC04 */;
  readonly billType?: string /* REF*BLT */;
  readonly serviceDateFrom?: string;
  readonly serviceDateTo?: string;
  readonly statuses: readonly StatusReport[];
  /** Line-level statuses (2220D) with their REF*FJ line item control numbers. */
  readonly lines: ClaimStatus['lines'];
  readonly patient?: ClaimStatus['patient'];
  readonly provider?: ClaimStatus['provider'];
}

export interface ClaimAcknowledgmentReport {
  readonly claims: readonly ClaimAcknowledgment[];
  /** Batch-level statuses (receiver 2200B, provider 2200C) with accepted/rejected counts. */
  readonly levels: readonly LevelStatus[];
  readonly problems: readonly Problem[];
}

/** Words for one status report. */
export function describeStatus(report: StatusReport): string[] {
  return report.codes.map((c) => {
    const category = `${c.categoryCode}${c.categoryDescription ? ` ${c.categoryDescription}` : ''}`;
    const status = c.statusCode
      ? ` — ${c.statusCode}${c.statusDescription ? ` ${c.statusDescription}` : ''}`
      : '';
    const entity = c.entityCode ? ` (${c.entityDescription ?? `entity ${c.entityCode}`})` : '';
    return `${category}${status}${entity}`;
  });
}

/** Reads a 277CA: accepted or rejected per claim, and why. */
export function read277ca(
  tokenized: TokenizedInput,
  options: Omit<StatusReaderOptions, 'transactionSetId'> = {},
): ClaimAcknowledgmentReport {
  const doc = readClaimStatuses(tokenized, { ...options, transactionSetId: '277' });
  const problems = [...doc.problems];
  if (doc.implementations.length === 0)
    problems.push({
      severity: 'error',
      code: 'x12.277ca.none',
      message: 'The file has no 277 transaction set.',
    });
  for (const impl of doc.implementations) {
    if (impl !== IMPLEMENTATION_277CA) {
      problems.push({
        severity: 'warning',
        code: 'x12.277ca.implementation',
        message: `The 277 says it follows "${impl}", not the 277CA guide ${IMPLEMENTATION_277CA}; it was read as a 277CA anyway.`,
      });
    }
  }
  const claims = doc.claims.map((c): ClaimAcknowledgment => {
    const first = c.statuses[0];
    if (!first)
      problems.push({
        severity: 'warning',
        code: 'x12.277ca.no-status',
        message: `Claim ${c.traceNumber} has no status (STC).`,
        path: c.traceNumber,
      });
    // Any rejecting status rejects the claim, whatever came first.
    const rejected = c.statuses.some(
      (s) => s.outcome === 'rejected' || s.outcome === 'not_found' || s.actionCode === 'U',
    );
    const accepted = !rejected && c.statuses.some((s) => s.outcome === 'accepted');
    return {
      patientControlNumber: c.traceNumber,
      ...(c.payerClaimControlNumber ? { payerClaimControlNumber: c.payerClaimControlNumber } : {}),
      accepted,
      outcome: rejected
        ? (c.statuses.find((s) => s.outcome === 'rejected' || s.outcome === 'not_found')?.outcome ??
          'rejected')
        : c.outcome,
      reasons: c.statuses.flatMap(describeStatus),
      ...(first?.chargeCents !== undefined ? { chargeCents: first.chargeCents } : {}),
      ...(c.billType ? { billType: c.billType } : {}),
      ...(c.serviceDateFrom ? { serviceDateFrom: c.serviceDateFrom } : {}),
      ...(c.serviceDateTo ? { serviceDateTo: c.serviceDateTo } : {}),
      statuses: c.statuses,
      lines: c.lines,
      ...(c.patient ? { patient: c.patient } : {}),
      ...(c.provider ? { provider: c.provider } : {}),
    };
  });
  return { claims, levels: doc.levels, problems };
}
