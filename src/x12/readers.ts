/**
 * Registry of transaction set readers, keyed by ST01: `x12 parse` and `x12 validate` dispatch on it.
 * To add a reader (277CA, 271, 277…), add an entry to READERS.
 */
import type { Problem } from '../model/problem.js';
import { read835 } from './835-005010x221a1/reader.js';
import { read999 } from './999-005010x231a1/reader.js';
import { read271 } from './271-005010x279a1/read-271.js';
import { read277 } from './277-005010x212/read-277.js';
import { read277ca } from './277ca-005010x214/read-277ca.js';
import { read837P } from './837p-005010x222a1/reader.js';
import { parseX12 } from './syntax/parse.js';
import { diagnosticToProblem, type X12Diagnostic } from './syntax/diagnostics.js';

/** What a reader returns: its typed value plus diagnostics (999 codes) and other problems. */
export interface ReaderResult {
  readonly value: unknown;
  readonly diagnostics: readonly X12Diagnostic[];
  /** Problems beyond syntax (e.g. 835 imbalances). */
  readonly problems: readonly Problem[];
}

/** A reader for one transaction set type. */
export interface TransactionReader {
  /** ST01 (`835`). */
  readonly transactionSetId: string;
  /** Implementation guide (`005010X221A1`). */
  readonly guide: string;
  readonly description: string;
  /** Reads a whole file (lenient: never throws on bad input). */
  readonly read: (input: string | Uint8Array) => ReaderResult;
}

/** The readers Superbill has. */
export const READERS: readonly TransactionReader[] = [
  {
    transactionSetId: '835',
    guide: '005010X221A1',
    description: 'Health care claim payment/advice (remittance)',
    read: (input) => {
      const r = read835(input);
      return { value: { remittances: r.remittances, stats: r.stats }, diagnostics: r.diagnostics, problems: r.imbalances };
    },
  },
  {
    transactionSetId: '999',
    guide: '005010X231A1',
    description: 'Implementation acknowledgment',
    read: (input) => {
      const r = read999(input);
      return { value: { acknowledgments: r.acknowledgments }, diagnostics: r.diagnostics, problems: [] };
    },
  },
  {
    transactionSetId: '271',
    guide: '005010X279A1',
    description: 'Eligibility benefit response',
    read: (input) => {
      const p = parseX12(input);
      const r = read271(p);
      return { value: { payer: r.payer, provider: r.provider, members: r.members, rejections: r.rejections }, diagnostics: p.diagnostics, problems: r.problems };
    },
  },
  {
    // 277CA and 277 share ST01 277: the guide (GS08 / ST03) tells them apart.
    transactionSetId: '277',
    guide: '005010X214',
    description: 'Claim acknowledgment (277CA)',
    read: (input) => {
      const p = parseX12(input);
      const r = read277ca(p);
      return { value: { claims: r.claims, levels: r.levels }, diagnostics: p.diagnostics, problems: r.problems };
    },
  },
  {
    transactionSetId: '277',
    guide: '005010X212',
    description: 'Claim status response',
    read: (input) => {
      const p = parseX12(input);
      const r = read277(p);
      return { value: { claims: r.claims, levels: r.levels }, diagnostics: p.diagnostics, problems: r.problems };
    },
  },
  {
    transactionSetId: '837',
    guide: '005010X222A1',
    description: 'Professional claim (loop model)',
    read: (input) => {
      const p = parseX12(input);
      const r = read837P(p);
      return { value: { transactions: r.transactions }, diagnostics: p.diagnostics, problems: r.problems };
    },
  },
];

/** The reader for a transaction set id, preferring the one for `guide` (GS08 / ST03) when given. */
export function readerFor(transactionSetId: string, guide?: string): TransactionReader | undefined {
  return (
    READERS.find((r) => r.transactionSetId === transactionSetId && (guide === undefined || r.guide === guide)) ??
    READERS.find((r) => r.transactionSetId === transactionSetId)
  );
}

/** All findings of a reader result as Problems. */
export function resultProblems(r: ReaderResult): Problem[] {
  return [...r.diagnostics.map(diagnosticToProblem), ...r.problems];
}
