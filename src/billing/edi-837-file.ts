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
import { TextSink, type RenderedBody, type SegmentSink } from '../x12/envelope/segment-builder.js';
import type { Delimiters } from '../x12/syntax/segment.js';
import { delimiterScan } from '../x12/envelope/text-check.js';
import { writeTransactionBody } from '../x12/837p-005010x222a1/common-writer.js';
import { ProblemList, validateHierarchy } from '../x12/837p-005010x222a1/validate-common.js';
import { IMPLEMENTATION_837P, write837PBody, write837PClaim } from '../x12/837p-005010x222a1/writer.js';
import { check837PClaim, claimHasDelimiter, validate837P } from '../x12/837p-005010x222a1/validate.js';
import { IMPLEMENTATION_837I, write837IBody } from '../x12/837i-005010x223a2/writer.js';
import { validate837I } from '../x12/837i-005010x223a2/validate.js';
import {
  claimsToProfessional837,
  groupClaims,
  MAX_CLAIMS_PER_TRANSACTION,
  toClaim2300P,
  type Edi837Parties,
} from './edi-837.js';
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
  const lineBreak = options.lineBreak ?? '';
  // One transaction set (at most 5000 claims) at a time: map, check, and — while no error has been
  // found — write it to text at once, so only one set's loop model is alive at a time.
  const render = <T>(
    indexes: readonly number[],
    map: (
      chunk: readonly Claim[],
      pathOf: (k: number) => string,
    ) => { transactions: T[]; problems: Problem[] },
    validate: (tx: T) => Problem[],
    write: (sink: SegmentSink, tx: T) => void,
    singlePass?: (chunk: readonly Claim[], pathOf: (k: number) => string) => RenderedBody | undefined,
  ): RenderedBody[] => {
    const bodies: RenderedBody[] = [];
    for (let start = 0; start < indexes.length; start += MAX_CLAIMS_PER_TRANSACTION) {
      const slice = indexes.slice(start, start + MAX_CLAIMS_PER_TRANSACTION);
      const chunk = slice.map((i) => claims[i]!);
      const pathOf = (k: number): string => `claims[${slice[k]!}]`;
      if (singlePass && !hasErrors(problems)) {
        const body = singlePass(chunk, pathOf);
        if (body) {
          bodies.push(body);
          continue;
        }
      }
      const mapped = map(chunk, pathOf);
      problems.push(...mapped.problems);
      for (const tx of mapped.transactions) {
        problems.push(...validate(tx));
        if (hasErrors(problems)) continue;
        const sink = new TextSink(delimiters, lineBreak);
        write(sink, tx);
        bodies.push(sink.render());
      }
    }
    return bodies;
  };
  const groups: FunctionalGroupContent[] = [];
  const group = (version: string, bodies: RenderedBody[]): FunctionalGroupContent => ({
    functionalIdentifierCode: 'HC',
    versionCode: version,
    transactionSets: bodies.map((rendered) => ({
      transactionSetId: '837',
      implementationReference: version,
      rendered,
    })),
  });
  if (profIndex.length > 0) {
    const bodies = render(
      profIndex,
      (chunk, pathOf) => claimsToProfessional837(chunk, parties, pathOf),
      (tx) => validate837P(tx, delimiters),
      (sink, tx) => {
        write837PBody(sink, tx, delimiters);
      },
      (chunk, pathOf) => writeCleanProfessionalSet(chunk, pathOf, parties, delimiters, lineBreak),
    );
    groups.push(group(IMPLEMENTATION_837P, bodies));
  }
  if (instIndex.length > 0) {
    const bodies = render(
      instIndex,
      (chunk, pathOf) => claimsToInstitutional837(chunk, parties, pathOf),
      (tx) => validate837I(tx, delimiters),
      (sink, tx) => {
        write837IBody(sink, tx, delimiters);
      },
    );
    groups.push(group(IMPLEMENTATION_837I, bodies));
  }
  if (hasErrors(problems)) return { ok: false, problems };
  const { text, ...interchange } = renderInterchange(
    groups,
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

/** A claim waiting in the 2000A–2000C skeleton of a set until it is mapped, checked and written. */
interface PendingClaim {
  readonly claim: Claim;
  readonly sourcePath: string;
  /** SBR01 of its 2000B loop (set while the hierarchy is checked). */
  responsibility: string;
}

/**
 * The common case in one pass: groups one set's professional claims, checks the hierarchy, then
 * maps, checks and writes each claim in turn, so a claim's loop model is garbage as soon as it is
 * written instead of living until the whole set is done. The checks are the same as in
 * {@link validate837P}; at the first problem of any kind (even a warning) it gives up and returns
 * undefined, and the caller maps, checks and writes the set the thorough way, which reports every
 * problem in its usual order.
 */
function writeCleanProfessionalSet(
  chunk: readonly Claim[],
  pathOf: (k: number) => string,
  parties: Edi837Parties,
  delimiters: Delimiters,
  lineBreak: string,
): RenderedBody | undefined {
  const scan = delimiterScan(delimiters);
  const [skeleton] = groupClaims<PendingClaim>(chunk, parties, (claim, k) => ({
    claim,
    sourcePath: pathOf(k),
    responsibility: claim.payerResponsibility,
  }));
  if (scan === undefined || skeleton === undefined) return undefined;
  const p = new ProblemList();
  // The hierarchy's own checks and delimiter scan; the claims are checked below, one at a time.
  validateHierarchy(
    skeleton,
    delimiters,
    '',
    (pending, _path, responsibility) => {
      pending.responsibility = responsibility;
    },
    p,
    () => false,
  );
  if (p.items.length > 0) return undefined;
  const warnings: Problem[] = [];
  let clean = true;
  const sink = new TextSink(delimiters, lineBreak);
  try {
    writeTransactionBody(sink, skeleton, (out, pending) => {
      if (!clean) return;
      const c = toClaim2300P(pending.claim, pending.sourcePath, warnings);
      check837PClaim(p, c, pending.sourcePath, pending.responsibility);
      if (warnings.length > 0 || p.items.length > 0 || claimHasDelimiter(c, scan)) clean = false;
      else write837PClaim(out, c, delimiters);
    });
  } catch {
    // Input the checks let through but the writer cannot take (say, cents that are not whole): the
    // thorough way throws the same error, or reports the problems of a later claim first as before.
    return undefined;
  }
  return clean ? sink.render() : undefined;
}
