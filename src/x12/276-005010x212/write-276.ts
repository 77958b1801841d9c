/**
 * 276 claim status request (005010X212) writer. Layout (TR3): BHT*0010*13, 2000A HL 20 + NM1*PR,
 * 2000B HL 21 + NM1*41 (information receiver), 2000C HL 19 + NM1*1P (service provider), 2000D HL 22
 * + DMG (when the subscriber is the patient) + NM1*IL, 2200D TRN*1 + REF*1K + REF*BLT + REF*EJ +
 * AMT*T3 + DTP*472; when the patient is a dependent, 2000E HL 23 + DMG + NM1*QC and the 2200E claim.
 *
 *   TRN*1*ABCXYZ1~  REF*EJ*SM123456~  AMT*T3*8513.88~  DTP*472*RD8*20050831-20050906~
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
import { d8, writeDateOrRange, x12Amount, type SegmentSink } from '../envelope/segment-builder.js';
import { checkDelimitersInText } from '../envelope/text-check.js';
import { DEFAULT_DELIMITERS } from '../syntax/segment.js';

/** ST03 / GS08 of this guide. */
export const IMPLEMENTATION_276 = '005010X212';

/** The subscriber or the dependent patient (NM1 without a suffix, DMG). */
export type StatusPerson = RequestPerson;

/** One claim asked about. */
export interface ClaimStatusInquiry {
  /** Echoed in the 277 TRN02. */
  readonly traceNumber: string /* TRN02 */;
  readonly subscriber: StatusPerson & { readonly memberId: string /* NM109 (MI) */ };
  /** The patient when not the subscriber (2000E). */
  readonly dependent?: StatusPerson;
  readonly payerClaimControlNumber?: string /* REF*1K */;
  /** Institutional claims: type of bill (REF*BLT). */
  readonly billType?: string;
  /** CLM01 of the claim (REF*EJ). */
  readonly patientControlNumber?: string;
  readonly totalChargeCents?: number /* AMT*T3 */;
  readonly serviceDateFrom: string /* DTP*472 */;
  readonly serviceDateTo?: string;
}

/** The request: header, payer (2100A), receiver (2100B), provider (2100C) and the claims. */
export interface ClaimStatusRequest276 extends RequestHeader {
  readonly receiver: { readonly name: string; readonly etin: string } /* NM1*41 (46) */;
  readonly claims: readonly ClaimStatusInquiry[];
}

/** Problems that would make the 276 wrong. */
export function validate276(r: ClaimStatusRequest276): Problem[] {
  const problems: Problem[] = [];
  const err = (code: string, path: string, message: string): void => {
    problems.push({ severity: 'error', code, path, message });
  };
  if (!/^\d{10}$/.test(r.provider.npi))
    err('x12.276.npi', 'provider.npi', 'The provider NPI (2100C NM109) must be 10 digits.');
  if (r.claims.length === 0) err('x12.276.empty', 'claims', 'There is no claim to ask about.');
  r.claims.forEach((c, i) => {
    const p = `claims[${i}]`;
    if (c.traceNumber.trim() === '')
      err('x12.276.trn', `${p}.traceNumber`, 'The trace number (TRN02) is missing.');
    if (c.subscriber.memberId.trim() === '')
      err('x12.276.member', `${p}.subscriber.memberId`, 'The member ID (NM109) is missing.');
    if (!isCalendarDate(c.serviceDateFrom))
      err('x12.276.date', `${p}.serviceDateFrom`, 'The service date (DTP*472) must be YYYY-MM-DD.');
    if (
      c.serviceDateTo !== undefined &&
      (!isCalendarDate(c.serviceDateTo) || c.serviceDateTo < c.serviceDateFrom)
    )
      err(
        'x12.276.date',
        `${p}.serviceDateTo`,
        'The service end date must be a YYYY-MM-DD date on or after the start.',
      );
  });
  checkDelimitersInText(r, DEFAULT_DELIMITERS, '', problems);
  return problems;
}

/** Writes the 276 body into a sink (one 2000D/2000E per claim). */
export function write276Body(out: SegmentSink, r: ClaimStatusRequest276): void {
  writeRequestHeader(out, '0010', r);
  out.add('HL', '2', '1', '21', '1');
  out.add(
    'NM1',
    '41',
    '2',
    r.receiver.name,
    undefined,
    undefined,
    undefined,
    undefined,
    '46',
    r.receiver.etin,
  );
  out.add('HL', '3', '2', '19', '1');
  writeRequestProviderNm1(out, r.provider);
  let hl = 3;
  for (const c of r.claims) {
    const subscriberHl = ++hl;
    out.add('HL', String(subscriberHl), '3', '22', c.dependent ? '1' : '0');
    const s = c.subscriber;
    // TR3 2000D DMG: only when the subscriber is the patient.
    if (!c.dependent && s.dateOfBirth) out.add('DMG', 'D8', d8(s.dateOfBirth), s.sex);
    out.add('NM1', 'IL', '1', s.lastName, s.firstName, s.middleName, undefined, undefined, 'MI', s.memberId);
    if (c.dependent) {
      out.add('HL', String(++hl), String(subscriberHl), '23', '0');
      if (c.dependent.dateOfBirth) out.add('DMG', 'D8', d8(c.dependent.dateOfBirth), c.dependent.sex);
      out.add('NM1', 'QC', '1', c.dependent.lastName, c.dependent.firstName, c.dependent.middleName);
    }
    out.add('TRN', '1', c.traceNumber);
    if (c.payerClaimControlNumber) out.add('REF', '1K', c.payerClaimControlNumber);
    if (c.billType) out.add('REF', 'BLT', c.billType);
    if (c.patientControlNumber) out.add('REF', 'EJ', c.patientControlNumber);
    if (c.totalChargeCents !== undefined) out.add('AMT', 'T3', x12Amount(c.totalChargeCents));
    writeDateOrRange(out, '472', c.serviceDateFrom, c.serviceDateTo);
  }
}

export type Write276Result = RequestWriteResult;

/** Validates and writes one 276 in its own interchange. */
export const write276: RequestWriter<ClaimStatusRequest276> = requestWriter(
  { functionalIdentifierCode: 'HR', transactionSetId: '276', implementation: IMPLEMENTATION_276 },
  validate276,
  write276Body,
);
