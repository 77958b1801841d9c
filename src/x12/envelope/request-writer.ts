/**
 * Parts shared by the request writers (270 eligibility, 276 claim status): both open with BHT and the
 * 2000A information source (HL 20 + NM1*PR, payer ID qualifier PI), both name the provider in NM1*1P
 * by NPI (XX), and each request is sent in an interchange of its own (005010X279A1 and 005010X212,
 * loops 2000A/2100A and 2100B/2100C).
 */
import type { Problem } from '../../model/problem.js';
import type { ControlNumberSource } from './control-numbers.js';
import {
  checkInterchangeOptions,
  renderInterchange,
  type InterchangeControlNumbers,
  type InterchangeOptions,
} from './interchange.js';
import { d8, type SegmentSink } from './segment-builder.js';

/** The payer asked (2100A NM1*PR, NM109 with qualifier PI). */
export interface RequestPayer {
  readonly name: string;
  readonly payerId: string;
}

/** The provider asking (NM1*1P, NM109 with qualifier XX). */
export interface RequestProvider {
  readonly entityType: '1' | '2';
  readonly lastNameOrOrganization: string;
  readonly firstName?: string;
  readonly npi: string;
}

/** The fields every request has: BHT03–BHT05, the payer (2100A) and the provider asking. */
export interface RequestHeader {
  readonly referenceId: string /* BHT03 */;
  readonly creationDate: string /* BHT04 */;
  readonly creationTime: string /* BHT05 */;
  readonly payer: RequestPayer /* 2100A NM1*PR (PI) */;
  /** 270: 2100B information receiver; 276: 2100C service provider. */
  readonly provider: RequestProvider /* NM1*1P (XX) */;
}

/** A person asked about: the subscriber or the dependent patient (NM1 and DMG). */
export interface RequestPerson {
  readonly lastName: string /* NM103 */;
  readonly firstName?: string /* NM104 */;
  readonly middleName?: string /* NM105 */;
  readonly dateOfBirth?: string /* DMG02 */;
  readonly sex?: 'M' | 'F' | 'U' /* DMG03 */;
}

/** The result of writing one request: the text, or the problems that stopped it. */
export type RequestWriteResult =
  | { readonly ok: true; readonly text: string; readonly interchange: InterchangeControlNumbers }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** What names the one transaction set of a request's interchange (GS01, ST01, ST03/GS08). */
export interface RequestTransaction {
  /** GS01: HS for 270, HR for 276. */
  readonly functionalIdentifierCode: string;
  /** ST01, e.g. `270`. */
  readonly transactionSetId: string;
  /** ST03 and GS08, e.g. `005010X279A1`. */
  readonly implementation: string;
}

/** Writes BHT (purpose 13, request) and the 2000A information source: HL 1 (level 20) + NM1*PR. */
export function writeRequestHeader(out: SegmentSink, structureCode: string, r: RequestHeader): void {
  out.add('BHT', structureCode, '13', r.referenceId, d8(r.creationDate), r.creationTime);
  out.add('HL', '1', undefined, '20', '1');
  out.add('NM1', 'PR', '2', r.payer.name, undefined, undefined, undefined, undefined, 'PI', r.payer.payerId);
}

/** NM1*1P for the provider: the first name only for a person (NM102 = 1), NPI with qualifier XX. */
export function writeRequestProviderNm1(out: SegmentSink, pr: RequestProvider): void {
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
}

/** Writes one request of type `R` as the one transaction set of an interchange of its own. */
export type RequestWriter<R> = (
  request: R,
  interchange: InterchangeOptions,
  numbers: ControlNumberSource,
  lineBreak?: string,
) => RequestWriteResult;

/**
 * A writer that checks the interchange options and the request (`validate`); when no problem is an
 * error it writes the body (`writeBody`) as the one transaction set of an interchange of its own,
 * otherwise it returns every problem.
 */
export function requestWriter<R>(
  tx: RequestTransaction,
  validate: (request: R) => Problem[],
  writeBody: (out: SegmentSink, request: R) => void,
): RequestWriter<R> {
  return (request, interchange, numbers, lineBreak = '') => {
    const problems = [...checkInterchangeOptions(interchange), ...validate(request)];
    if (problems.some((p) => p.severity === 'error')) return { ok: false, problems };
    const { text, ...used } = renderInterchange(
      [
        {
          functionalIdentifierCode: tx.functionalIdentifierCode,
          versionCode: tx.implementation,
          transactionSets: [
            {
              transactionSetId: tx.transactionSetId,
              implementationReference: tx.implementation,
              write: (sink) => {
                writeBody(sink, request);
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
  };
}
