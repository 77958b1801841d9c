/**
 * 270 eligibility inquiry (005010X279A1) writer: one inquiry per subscriber (or dependent) with the
 * service types asked about. Layout (TR3): BHT*0022*13, 2000A HL 20 + NM1*PR (2100A), 2000B HL 21 +
 * NM1*1P (2100B), 2000C HL 22 + TRN + NM1*IL + DMG + DTP*291 + EQ (2100C/2110C), and when the patient
 * is a dependent 2000D HL 23 with the same under NM1*03.
 *
 *   EQ*30~   health benefit plan coverage
 */
import type { Problem } from '../../model/problem.js';
import { isCalendarDate } from '../../model/dates.js';
import {
  requestWriter,
  writeRequestHeader,
  writeRequestProviderNm1,
  type RequestHeader,
  type RequestPerson,
  type RequestWriter,
  type RequestWriteResult,
} from '../envelope/request-writer.js';
import { d8, type SegmentSink } from '../envelope/segment-builder.js';
import { checkDelimitersInText } from '../envelope/text-check.js';
import { DEFAULT_DELIMITERS } from '../syntax/segment.js';

/** ST03 / GS08 of this guide. */
export const IMPLEMENTATION_270 = '005010X279A1';

export interface EligibilityPerson extends RequestPerson {
  readonly suffix?: string /* NM107 */;
}

/** One inquiry (2000C, and 2000D when `dependent` is given). */
export interface EligibilityInquiry {
  /** Trace number the 271 echoes (TRN02); TRN03 is the `originatorId`. */
  readonly traceNumber: string /* TRN02 */;
  readonly subscriber: EligibilityPerson & { readonly memberId: string /* NM109 (MI) */ };
  readonly dependent?: EligibilityPerson;
  /** DTP*291 plan date asked about (usually the date of service). */
  readonly serviceDate?: string /* DTP03 */;
  /** EQ01 service type codes; default ['30'] (health benefit plan coverage). */
  readonly serviceTypeCodes?: readonly string[];
}

/** The request: header, payer (2100A), provider (2100B) and the inquiries. */
export interface EligibilityRequest270 extends RequestHeader {
  /** TRN03: 10 characters, '1' + tax ID or '9' + an assigned number. */
  readonly originatorId: string;
  readonly inquiries: readonly EligibilityInquiry[];
}

/** Problems that would make the 270 wrong. */
export function validate270(r: EligibilityRequest270): Problem[] {
  const problems: Problem[] = [];
  const err = (code: string, path: string, message: string): void => {
    problems.push({ severity: 'error', code, path, message });
  };
  if (r.payer.payerId.trim() === '')
    err('x12.270.payer', 'payer.payerId', 'The payer ID (2100A NM109) is missing.');
  if (!/^\d{10}$/.test(r.provider.npi))
    err('x12.270.npi', 'provider.npi', 'The provider NPI (2100B NM109) must be 10 digits.');
  if (!/^[0-9A-Za-z]{10}$/.test(r.originatorId))
    err(
      'x12.270.trn03',
      'originatorId',
      'TRN03 must be 10 characters: 1 followed by the tax ID, or 9 followed by an assigned number.',
    );
  if (r.inquiries.length === 0) err('x12.270.empty', 'inquiries', 'There is nothing to ask.');
  r.inquiries.forEach((q, i) => {
    const p = `inquiries[${i}]`;
    if (q.traceNumber.trim() === '')
      err('x12.270.trn', `${p}.traceNumber`, 'The trace number (TRN02) is missing.');
    if (q.subscriber.memberId.trim() === '')
      err('x12.270.member', `${p}.subscriber.memberId`, 'The member ID (2100C NM109) is missing.');
    for (const [what, date] of [
      ['serviceDate', q.serviceDate],
      ['subscriber.dateOfBirth', q.subscriber.dateOfBirth],
      ['dependent.dateOfBirth', q.dependent?.dateOfBirth],
    ] as const) {
      const text: string | undefined = date;
      if (text !== undefined && !isCalendarDate(text))
        err('x12.270.date', `${p}.${what}`, `"${String(text)}" is not a YYYY-MM-DD date.`);
    }
  });
  checkDelimitersInText(r, DEFAULT_DELIMITERS, '', problems);
  return problems;
}

/** Writes the 270 body (BHT … last EQ) into a sink. */
export function write270Body(out: SegmentSink, r: EligibilityRequest270): void {
  writeRequestHeader(out, '0022', r);
  // HL 1 is the information source (2000A); the receiver (2000B) is HL 2.
  const receiverHl = 2;
  let hl = receiverHl;
  out.add('HL', String(receiverHl), '1', '21', '1');
  writeRequestProviderNm1(out, r.provider);
  for (const q of r.inquiries) {
    const subscriberHl = ++hl;
    out.add('HL', String(subscriberHl), String(receiverHl), '22', q.dependent ? '1' : '0');
    const s = q.subscriber;
    // TR3: the TRN, DMG, DTP and EQ go with the patient: the subscriber, or the dependent in 2000D.
    if (!q.dependent) out.add('TRN', '1', q.traceNumber, r.originatorId);
    out.add('NM1', 'IL', '1', s.lastName, s.firstName, s.middleName, undefined, s.suffix, 'MI', s.memberId);
    if (q.dependent) {
      if (s.dateOfBirth) out.add('DMG', 'D8', d8(s.dateOfBirth), s.sex);
      out.add('HL', String(++hl), String(subscriberHl), '23', '0');
      out.add('TRN', '1', q.traceNumber, r.originatorId);
      const dep = q.dependent;
      out.add('NM1', '03', '1', dep.lastName, dep.firstName, dep.middleName, undefined, dep.suffix);
      writePatient(out, dep, q);
    } else {
      writePatient(out, s, q);
    }
  }
}

function writePatient(out: SegmentSink, p: EligibilityPerson, q: EligibilityInquiry): void {
  if (p.dateOfBirth) out.add('DMG', 'D8', d8(p.dateOfBirth), p.sex);
  if (q.serviceDate) out.add('DTP', '291', 'D8', d8(q.serviceDate));
  for (const code of q.serviceTypeCodes ?? ['30']) out.add('EQ', code);
}

export type Write270Result = RequestWriteResult;

/** Validates and writes one 270 in its own interchange. */
export const write270: RequestWriter<EligibilityRequest270> = requestWriter(
  { functionalIdentifierCode: 'HS', transactionSetId: '270', implementation: IMPLEMENTATION_270 },
  validate270,
  write270Body,
);
