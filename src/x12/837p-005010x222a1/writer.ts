/**
 * 837P (005010X222A1) writer: loop model → segments → text. Everything is checked first
 * ({@link validate837P}); nothing is written when there is an error, and every problem is returned.
 *
 * 2300 order (TR3): CLM, DTP…, REF*G1, REF*F8, HI, 2310A NM1*DN, 2310B NM1*82 + PRV, 2310C NM1*77 +
 * N3/N4, 2320/2330A/2330B, then per line 2400 LX, SV1, DTP*472, REF*6R, 2410 LIN/CTP, 2420A, 2430.
 */
import type { Problem } from '../../model/problem.js';
import { hasErrors } from '../../model/problem.js';
import type { Delimiters } from '../syntax/segment.js';
import { DEFAULT_DELIMITERS } from '../syntax/segment.js';
import type { ControlNumberSource } from '../envelope/control-numbers.js';
import {
  checkInterchangeOptions,
  renderInterchange,
  type InterchangeControlNumbers,
  type InterchangeOptions,
} from '../envelope/interchange.js';
import {
  composite,
  d8,
  writeDateOrRange,
  x12Amount,
  x12Decimal,
  type SegmentSink,
} from '../envelope/segment-builder.js';
import {
  bodyBuilder,
  bodyWriter,
  hiCode,
  writeCobAndLines,
  writeProviderNm1,
  writeAddress,
  writeLineAdjudication,
  type BodyBuilder,
  type BodyWriter,
} from './common-writer.js';
import type {
  Claim2300P,
  Professional837,
  RenderingProvider837P,
  ServiceLine2400P,
} from './professional-model.js';
import { validate837P } from './validate.js';

/** ST03 / GS08 of this guide. */
export const IMPLEMENTATION_837P = '005010X222A1';

/** Options for writing a whole file. */
export interface Write837Options {
  readonly interchange: InterchangeOptions;
  readonly controlNumbers: ControlNumberSource;
  /** '' (default: one line), '\n' or '\r\n' after each segment terminator. */
  readonly lineBreak?: string;
}

/** The result of writing: the file text, or the problems that stopped it (warnings come either way). */
export type Write837Result =
  | {
      readonly ok: true;
      readonly text: string;
      readonly problems: readonly Problem[];
      readonly interchange: InterchangeControlNumbers;
    }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** Writes one 837P transaction set body (BHT … last 2400, without ST/SE) into a sink. No validation. */
export const write837PBody: BodyWriter<Claim2300P> = bodyWriter(write837PClaim);

/** Segments of one 837P transaction set body, as Segment objects. No validation. */
export const build837PBody: BodyBuilder<Claim2300P> = bodyBuilder(write837PBody);

/**
 * Validates and writes 837P transaction sets (one ST per entry, all in one GS/ISA). Returns the text
 * or every problem found.
 */
export function write837P(
  transactions: readonly Professional837[],
  options: Write837Options,
): Write837Result {
  const delimiters = options.interchange.delimiters ?? DEFAULT_DELIMITERS;
  const problems: Problem[] = [...checkInterchangeOptions(options.interchange)];
  transactions.forEach((tx, i) => {
    problems.push(...validate837P(tx, delimiters, transactions.length > 1 ? `transactions[${i}]` : ''));
  });
  if (transactions.length === 0) {
    problems.push({ severity: 'error', code: 'x12.837.empty', message: 'There are no claims to write.' });
  }
  if (hasErrors(problems)) return { ok: false, problems };
  const { text, ...interchange } = renderInterchange(
    [
      {
        functionalIdentifierCode: 'HC',
        versionCode: IMPLEMENTATION_837P,
        transactionSets: transactions.map((tx) => ({
          transactionSetId: '837',
          implementationReference: IMPLEMENTATION_837P,
          write: (sink: SegmentSink) => {
            write837PBody(sink, tx, delimiters);
          },
        })),
      },
    ],
    options.interchange,
    options.controlNumbers,
    options.lineBreak ?? '',
  );
  return { ok: true, text, problems, interchange };
}

/** Writes one claim loop (2300 and below). No validation. */
export function write837PClaim(out: SegmentSink, c: Claim2300P, d: Delimiters): void {
  out.add(
    'CLM',
    c.patientControlNumber,
    x12Amount(c.totalChargeCents),
    undefined,
    undefined,
    composite(d.component, c.placeOfServiceCode, 'B', c.frequencyCode),
    c.providerSignatureOnFile ? 'Y' : 'N',
    c.assignmentCode,
    c.benefitsAssigned,
    c.releaseOfInformation,
  );
  for (const date of c.dates) out.add('DTP', date.qualifier, 'D8', d8(date.date));
  if (c.priorAuthorization) out.add('REF', 'G1', c.priorAuthorization);
  // TR3 2300 REF*F8: required when CLM05-3 is 7 (replacement) or 8 (void).
  if (c.payerClaimControlNumber) out.add('REF', 'F8', c.payerClaimControlNumber);
  // TR3 2300 HI: ABK principal diagnosis, then ABF for the others, all in one HI segment (max 12).
  const hi: string[] = new Array<string>(c.diagnoses.length);
  for (let i = 0; i < hi.length; i++)
    hi[i] = composite(d.component, i === 0 ? 'ABK' : 'ABF', hiCode(c.diagnoses[i]!));
  out.add('HI', ...hi);
  if (c.referringProvider) writeProviderNm1(out, 'DN', c.referringProvider);
  if (c.renderingProvider) writeRendering(out, c.renderingProvider);
  if (c.serviceFacility) {
    const f = c.serviceFacility;
    out.add(
      'NM1',
      '77',
      '2',
      f.name,
      undefined,
      undefined,
      undefined,
      undefined,
      f.npi ? 'XX' : undefined,
      f.npi,
    );
    writeAddress(out, f.address);
  }
  writeCobAndLines(out, c, d, writeLine);
}

function writeRendering(out: SegmentSink, p: RenderingProvider837P): void {
  writeProviderNm1(out, '82', p);
  if (p.taxonomyCode) out.add('PRV', 'PE', 'PXC', p.taxonomyCode);
}

function writeLine(out: SegmentSink, l: ServiceLine2400P, d: Delimiters): void {
  out.add('LX', String(l.lineNumber));
  // One pointer and no modifiers are the common case: no spread, no intermediate arrays.
  const pointers =
    l.diagnosisPointers.length === 1
      ? String(l.diagnosisPointers[0])
      : composite(d.component, ...l.diagnosisPointers.map(String));
  out.add(
    'SV1',
    l.modifiers.length === 0
      ? composite(d.component, 'HC', l.procedureCode)
      : composite(d.component, 'HC', l.procedureCode, ...l.modifiers),
    x12Amount(l.chargeCents),
    l.unitType,
    x12Decimal(l.units),
    l.placeOfServiceCode,
    undefined,
    pointers,
  );
  writeDateOrRange(out, '472', l.serviceDate, l.serviceDateEnd);
  if (l.lineControlNumber) out.add('REF', '6R', l.lineControlNumber);
  if (l.drug) {
    out.add('LIN', undefined, 'N4', l.drug.ndc);
    out.add('CTP', undefined, undefined, undefined, x12Decimal(l.drug.quantity), l.drug.unit);
  }
  if (l.renderingProvider) writeRendering(out, l.renderingProvider);
  for (const a of l.adjudications) writeLineAdjudication(out, a, d);
}
