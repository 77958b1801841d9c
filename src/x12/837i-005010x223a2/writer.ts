/**
 * 837I (005010X223A2) writer. 2300 order (TR3): CLM, DTP*434, DTP*435, CL1, REF*G1, REF*F8, HI ABK,
 * HI ABJ, HI ABF, HI BBR, HI BH, HI BE, HI BG, 2310A NM1*71 + PRV*AT, 2320/2330, then per line
 * 2400 LX, SV2, DTP*472, REF*6R, 2430.
 *
 *   CLM*PCN9001*1250***11:A:1**A*Y*Y~   (CLM06 is not used in the 837I)
 */
import type { Delimiters } from '../syntax/segment.js';
import {
  composite,
  d8,
  rd8,
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
  writeLineAdjudication,
  type BodyBuilder,
  type BodyWriter,
} from '../837p-005010x222a1/common-writer.js';
import type { Claim2300I, ServiceLine2400I } from './model.js';

/** ST03 / GS08 of this guide. */
export const IMPLEMENTATION_837I = '005010X223A2';

/** Writes one 837I transaction set body (BHT … last 2400, without ST/SE) into a sink. No validation. */
export const write837IBody: BodyWriter<Claim2300I> = bodyWriter(writeClaim);

/** Segments of one 837I transaction set body, as Segment objects. No validation. */
export const build837IBody: BodyBuilder<Claim2300I> = bodyBuilder(write837IBody);

function writeClaim(out: SegmentSink, c: Claim2300I, d: Delimiters): void {
  const k = d.component;
  out.add(
    'CLM',
    c.patientControlNumber,
    x12Amount(c.totalChargeCents),
    undefined,
    undefined,
    composite(k, c.facilityTypeCode, 'A', c.frequencyCode),
    undefined,
    c.assignmentCode,
    c.benefitsAssigned,
    c.releaseOfInformation,
  );
  out.add('DTP', '434', 'RD8', rd8(c.statementFrom, c.statementTo));
  if (c.admissionDate) out.add('DTP', '435', 'D8', d8(c.admissionDate));
  out.add('CL1', c.admissionTypeCode, c.admissionSourceCode, c.patientStatusCode);
  if (c.priorAuthorization) out.add('REF', 'G1', c.priorAuthorization);
  if (c.payerClaimControlNumber) out.add('REF', 'F8', c.payerClaimControlNumber);
  out.add('HI', composite(k, 'ABK', hiCode(c.principalDiagnosis)));
  if (c.admittingDiagnosis) out.add('HI', composite(k, 'ABJ', hiCode(c.admittingDiagnosis)));
  pushHi(
    out,
    c.otherDiagnoses.map((code) => composite(k, 'ABF', hiCode(code))),
  );
  if (c.principalProcedure)
    out.add('HI', composite(k, 'BBR', c.principalProcedure.code, 'D8', d8(c.principalProcedure.date)));
  pushHi(
    out,
    c.occurrenceCodes.map((o) => composite(k, 'BH', o.code, 'D8', d8(o.date))),
  );
  pushHi(
    out,
    c.valueCodes.map((v) => composite(k, 'BE', v.code, undefined, undefined, x12Amount(v.amountCents))),
  );
  pushHi(
    out,
    c.conditionCodes.map((code) => composite(k, 'BG', code)),
  );
  if (c.attendingProvider) {
    writeProviderNm1(out, '71', c.attendingProvider);
    if (c.attendingProvider.taxonomyCode) out.add('PRV', 'AT', 'PXC', c.attendingProvider.taxonomyCode);
  }
  writeCobAndLines(out, c, d, writeLine);
}

/** HI holds at most 12 composites; more go into another HI of the same kind. */
function pushHi(out: SegmentSink, composites: readonly string[]): void {
  for (let i = 0; i < composites.length; i += 12) out.add('HI', ...composites.slice(i, i + 12));
}

function writeLine(out: SegmentSink, l: ServiceLine2400I, d: Delimiters): void {
  out.add('LX', String(l.lineNumber));
  out.add(
    'SV2',
    l.revenueCode,
    l.procedureCode ? composite(d.component, 'HC', l.procedureCode, ...l.modifiers) : undefined,
    x12Amount(l.chargeCents),
    l.unitType,
    x12Decimal(l.units),
  );
  if (l.serviceDate) writeDateOrRange(out, '472', l.serviceDate, l.serviceDateEnd);
  if (l.lineControlNumber) out.add('REF', '6R', l.lineControlNumber);
  for (const a of l.adjudications) writeLineAdjudication(out, a, d);
}
