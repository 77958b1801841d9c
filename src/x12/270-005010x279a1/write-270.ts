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
import type { ControlNumberSource } from '../envelope/control-numbers.js';
import {
  checkInterchangeOptions,
  renderInterchange,
  type InterchangeControlNumbers,
  type InterchangeOptions,
} from '../envelope/interchange.js';
import { d8, type SegmentSink } from '../envelope/segment-builder.js';
import { checkDelimitersInText } from '../envelope/text-check.js';
import { DEFAULT_DELIMITERS } from '../syntax/segment.js';

/** ST03 / GS08 of this guide. */
export const IMPLEMENTATION_270 = '005010X279A1';

export interface EligibilityPerson {
  readonly lastName: string /* NM103 */;
  readonly firstName?: string /* NM104 */;
  readonly middleName?: string /* NM105 */;
  readonly suffix?: string /* NM107 */;
  readonly dateOfBirth?: string /* DMG02 */;
  readonly sex?: 'M' | 'F' | 'U' /* DMG03 */;
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

export interface EligibilityRequest270 {
  /** BHT03. */
  readonly referenceId: string;
  readonly creationDate: string /* BHT04 */;
  readonly creationTime: string /* BHT05 */;
  readonly payer: { readonly name: string; readonly payerId: string } /* 2100A NM1*PR (PI) */;
  readonly provider: {
    readonly entityType: '1' | '2';
    readonly lastNameOrOrganization: string;
    readonly firstName?: string;
    readonly npi: string;
  } /* 2100B NM1*1P (XX) */;
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
  out.add('BHT', '0022', '13', r.referenceId, d8(r.creationDate), r.creationTime);
  let hl = 0;
  out.add('HL', String(++hl), undefined, '20', '1');
  out.add('NM1', 'PR', '2', r.payer.name, undefined, undefined, undefined, undefined, 'PI', r.payer.payerId);
  const receiverHl = ++hl;
  out.add('HL', String(receiverHl), '1', '21', '1');
  const pr = r.provider;
  out.add(
    'NM1',
    '1P',
    pr.entityType,
    pr.lastNameOrOrganization,
    pr.entityType === '1' ? pr.firstName : undefined,
    undefined,
    undefined,
    undefined,
    'XX',
    pr.npi,
  );
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

export type Write270Result =
  | { readonly ok: true; readonly text: string; readonly interchange: InterchangeControlNumbers }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** Validates and writes one 270 in its own interchange. */
export function write270(
  r: EligibilityRequest270,
  interchange: InterchangeOptions,
  numbers: ControlNumberSource,
  lineBreak = '',
): Write270Result {
  const problems = [...checkInterchangeOptions(interchange), ...validate270(r)];
  if (problems.some((p) => p.severity === 'error')) return { ok: false, problems };
  const { text, ...used } = renderInterchange(
    [
      {
        functionalIdentifierCode: 'HS',
        versionCode: IMPLEMENTATION_270,
        transactionSets: [
          {
            transactionSetId: '270',
            implementationReference: IMPLEMENTATION_270,
            write: (sink) => {
              write270Body(sink, r);
            },
          },
        ],
      },
    ],
    interchange,
    numbers,
    lineBreak,
  );
  return { ok: true, text, interchange: used };
}
