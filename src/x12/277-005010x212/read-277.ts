/**
 * 277 claim status response (005010X212) reader: the answer to a 276. Per claim: the 276 trace
 * number (TRN02), the payer's claim control number, and each STC with category/status codes, charge,
 * payment, adjudication date and check number; line-level SVC statuses too.
 */
import type { Problem } from '../../model/problem.js';
import {
  readClaimStatuses,
  type ClaimStatus,
  type LevelStatus,
  type StatusReaderOptions,
  type TokenizedInput,
} from './status-reader.js';

/** ST03 / GS08 of this guide. */
export const IMPLEMENTATION_277 = '005010X212';

export interface ClaimStatusResponse {
  readonly claims: readonly ClaimStatus[];
  /** Statuses above claim level (e.g. E0 at the receiver when the 276 could not be answered). */
  readonly levels: readonly LevelStatus[];
  readonly problems: readonly Problem[];
}

/** Reads a 277 claim status response. */
export function read277(
  tokenized: TokenizedInput,
  options: Omit<StatusReaderOptions, 'transactionSetId'> = {},
): ClaimStatusResponse {
  const doc = readClaimStatuses(tokenized, { ...options, transactionSetId: '277' });
  const problems = [...doc.problems];
  if (doc.implementations.length === 0)
    problems.push({
      severity: 'error',
      code: 'x12.277.none',
      message: 'The file has no 277 transaction set.',
    });
  for (const impl of doc.implementations) {
    if (impl !== IMPLEMENTATION_277)
      problems.push({
        severity: 'warning',
        code: 'x12.277.implementation',
        message: `The 277 says it follows "${impl}", not ${IMPLEMENTATION_277}; it was read anyway.`,
      });
  }
  return { claims: doc.claims, levels: doc.levels, problems };
}
