/**
 * Domain claims → one 837 file: professional claims as 837P (005010X222A1) and institutional claims
 * as 837I (005010X223A2), each guide in its own functional group (GS08 differs), all in one
 * interchange. Every problem from mapping and from the writers' cross-segment checks is returned
 * together; nothing is written when any of them is an error.
 */
import type { Claim } from '../model/claim.js';
import type { Problem } from '../model/problem.js';
import { hasErrors } from '../model/problem.js';
import { DEFAULT_DELIMITERS } from '../x12/syntax/segment.js';
import type { ControlNumberSource } from '../x12/envelope/control-numbers.js';
import {
  checkInterchangeOptions,
  renderInterchange,
  type FunctionalGroupContent,
  type InterchangeControlNumbers,
  type InterchangeOptions,
} from '../x12/envelope/interchange.js';
import type { SegmentSink } from '../x12/envelope/segment-builder.js';
import { IMPLEMENTATION_837P, write837PBody } from '../x12/837p-005010x222a1/writer.js';
import { validate837P } from '../x12/837p-005010x222a1/validate.js';
import { IMPLEMENTATION_837I, write837IBody } from '../x12/837i-005010x223a2/writer.js';
import { validate837I } from '../x12/837i-005010x223a2/validate.js';
import { claimsToProfessional837, type Edi837Parties } from './edi-837.js';
import { claimsToInstitutional837 } from './edi-837i.js';

export interface Write837FileOptions {
  readonly interchange: InterchangeOptions;
  readonly controlNumbers: ControlNumberSource;
  readonly parties: Omit<Edi837Parties, 'creationDate' | 'creationTime'> & {
    readonly creationDate?: string;
    readonly creationTime?: string;
  };
  /** '' (default), '\n' or '\r\n' after each segment. */
  readonly lineBreak?: string;
}

export type Write837FileResult =
  | {
      readonly ok: true;
      readonly text: string;
      readonly problems: readonly Problem[];
      readonly interchange: InterchangeControlNumbers;
      readonly professionalClaims: number;
      readonly institutionalClaims: number;
    }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** Maps, checks and writes claims as one 837 interchange; `claims[i]` problems point at `claims[i]`. */
export function write837File(claims: readonly Claim[], options: Write837FileOptions): Write837FileResult {
  const delimiters = options.interchange.delimiters ?? DEFAULT_DELIMITERS;
  const parties: Edi837Parties = {
    ...options.parties,
    creationDate: options.parties.creationDate ?? options.interchange.date,
    creationTime: options.parties.creationTime ?? options.interchange.time,
  };
  const problems: Problem[] = [...checkInterchangeOptions(options.interchange)];
  if (claims.length === 0)
    problems.push({ severity: 'error', code: 'x12.837.empty', message: 'There are no claims to write.' });
  const profIndex: number[] = [];
  const instIndex: number[] = [];
  claims.forEach((c, i) => (c.kind === 'institutional' ? instIndex : profIndex).push(i));
  const builders: (() => FunctionalGroupContent)[] = [];
  if (profIndex.length > 0) {
    const mapped = claimsToProfessional837(
      profIndex.map((i) => claims[i]!),
      parties,
      (k) => `claims[${profIndex[k]!}]`,
    );
    problems.push(...mapped.problems);
    for (const tx of mapped.transactions) problems.push(...validate837P(tx, delimiters));
    builders.push(() => ({
      functionalIdentifierCode: 'HC',
      versionCode: IMPLEMENTATION_837P,
      transactionSets: mapped.transactions.map((tx) => ({
        transactionSetId: '837',
        implementationReference: IMPLEMENTATION_837P,
        write: (sink: SegmentSink) => {
          write837PBody(sink, tx, delimiters);
        },
      })),
    }));
  }
  if (instIndex.length > 0) {
    const mapped = claimsToInstitutional837(
      instIndex.map((i) => claims[i]!),
      parties,
      (k) => `claims[${instIndex[k]!}]`,
    );
    problems.push(...mapped.problems);
    for (const tx of mapped.transactions) problems.push(...validate837I(tx, delimiters));
    builders.push(() => ({
      functionalIdentifierCode: 'HC',
      versionCode: IMPLEMENTATION_837I,
      transactionSets: mapped.transactions.map((tx) => ({
        transactionSetId: '837',
        implementationReference: IMPLEMENTATION_837I,
        write: (sink: SegmentSink) => {
          write837IBody(sink, tx, delimiters);
        },
      })),
    }));
  }
  if (hasErrors(problems)) return { ok: false, problems };
  // Segments are only built once everything checked out.
  const { text, ...interchange } = renderInterchange(
    builders.map((build) => build()),
    options.interchange,
    options.controlNumbers,
    options.lineBreak ?? '',
  );
  return {
    ok: true,
    text,
    problems,
    interchange,
    professionalClaims: profIndex.length,
    institutionalClaims: instIndex.length,
  };
}
