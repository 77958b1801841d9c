/**
 * Reads the claim-status information shared by the 277 claim status response (005010X212) and the
 * 277CA claim acknowledgment (005010X214): the HL hierarchy (20 information source, 21 receiver,
 * 19 provider, 22 subscriber, 23 dependent / PT patient), and per claim the TRN*2 trace (the
 * patient control number in a 277CA, the 276 trace in a 277), STC statuses, REF*1K payer claim
 * control number, REF*EJ patient account, REF*BLT bill type, DTP*472 service dates and SVC lines with
 * REF*FJ line item control numbers. Unknown segments are skipped; problems are reported, never thrown.
 *
 *   STC*A7:21:85*20260120*U*150~   category A7, status 21, entity 85 (billing provider), action U
 */
import { fromCompactDate } from '../../model/dates.js';
import { parseCents } from '../../model/money.js';
import type { Problem } from '../../model/problem.js';
import type { Delimiters, Segment } from '../syntax/segment.js';
import {
  builtInStatusCodes,
  outcomeOfCategory,
  type ClaimStatusOutcome,
  type StatusCodeLookup,
} from './status-codes.js';

/** What a reader needs from the tokenizer (its result fits). */
export interface TokenizedInput {
  readonly delimiters: Delimiters;
  readonly segments: readonly Segment[];
}

/** One category/status/entity triple (STC01, STC10 or STC11). */
export interface StatusCode {
  readonly categoryCode: string /* C043-1 */;
  readonly categoryDescription?: string;
  readonly statusCode: string /* C043-2 */;
  readonly statusDescription?: string;
  readonly entityCode?: string /* C043-3 */;
  readonly entityDescription?: string;
  /** NCPDP reject code list qualifier when used (C043-4). */
  readonly codeListQualifier?: string;
}

/** One STC segment. */
export interface StatusReport {
  readonly codes: readonly StatusCode[] /* STC01, STC10, STC11 */;
  readonly outcome: ClaimStatusOutcome;
  readonly effectiveDate?: string /* STC02 */;
  /** 277CA: WQ accepted, U rejected. */
  readonly actionCode?: string /* STC03 */;
  readonly chargeCents?: number /* STC04 */;
  readonly paymentCents?: number /* STC05 */;
  readonly adjudicationDate?: string /* STC06 */;
  readonly checkDate?: string /* STC08 */;
  readonly checkNumber?: string /* STC09 */;
  readonly message?: string /* STC12 */;
}

export interface ServiceLineStatus {
  readonly procedureQualifier: string /* SVC01-1 */;
  readonly procedureCode: string /* SVC01-2 */;
  readonly modifiers: readonly string[];
  readonly chargeCents?: number /* SVC02 */;
  readonly paymentCents?: number /* SVC03 */;
  readonly revenueCode?: string /* SVC04 */;
  readonly units?: number /* SVC07 */;
  readonly lineItemControlNumber?: string /* REF*FJ */;
  readonly serviceDateFrom?: string;
  readonly serviceDateTo?: string;
  readonly statuses: StatusReport[];
}

/** A party named in an NM1 of the hierarchy. */
export interface NamedParty {
  readonly entityCode: string /* NM101 */;
  readonly name: string /* NM103 (+ NM104 first name) */;
  readonly idQualifier?: string /* NM108 */;
  readonly id?: string /* NM109 */;
}

export interface ClaimStatus {
  /** 277CA: CLM01 of the 837; 277: the trace number of the 276. */
  readonly traceNumber: string /* TRN02 */;
  readonly patient?: NamedParty;
  readonly subscriber?: NamedParty;
  readonly provider?: NamedParty;
  readonly payer?: NamedParty;
  readonly payerClaimControlNumber?: string /* REF*1K */;
  readonly patientAccountNumber?: string /* REF*EJ */;
  readonly billType?: string /* REF*BLT */;
  readonly serviceDateFrom?: string /* DTP*472 */;
  readonly serviceDateTo?: string;
  readonly statuses: StatusReport[];
  readonly lines: ServiceLineStatus[];
  /** The outcome of the first claim-level status (the one that decides). */
  outcome: ClaimStatusOutcome;
}

/** Statuses reported above claim level (receiver or provider: a whole batch accepted or rejected). */
export interface LevelStatus {
  readonly level: 'receiver' | 'provider';
  readonly party?: NamedParty;
  readonly traceNumber?: string;
  readonly statuses: StatusReport[];
  /** QTY*90 accepted and QTY*AA rejected claim counts; AMT*YU / AMT*YY amounts. */
  readonly acceptedClaims?: number;
  readonly rejectedClaims?: number;
  readonly acceptedAmountCents?: number;
  readonly rejectedAmountCents?: number;
}

export interface ClaimStatusDocument {
  readonly claims: ClaimStatus[];
  readonly levels: LevelStatus[];
  readonly problems: Problem[];
  /** ST03 of each transaction set read. */
  readonly implementations: string[];
}

export interface StatusReaderOptions {
  /** Code descriptions; defaults to the small built-in table. */
  readonly describe?: StatusCodeLookup;
  /** Transaction set id to read (default 277). */
  readonly transactionSetId?: string;
}

/** Reads every 277 transaction set in the input into claims with their statuses. */
export function readClaimStatuses(
  input: TokenizedInput,
  options: StatusReaderOptions = {},
): ClaimStatusDocument {
  const d = input.delimiters;
  const describe = options.describe ?? builtInStatusCodes;
  const wanted = options.transactionSetId ?? '277';
  const claims: ClaimStatus[] = [];
  const levels: LevelStatus[] = [];
  const problems: Problem[] = [];
  const implementations: string[] = [];
  let inSet = false;
  let hlCode = '';
  let payer: NamedParty | undefined;
  let provider: NamedParty | undefined;
  let subscriber: NamedParty | undefined;
  let person: NamedParty | undefined;
  let level: (LevelStatus & { statuses: StatusReport[] }) | undefined;
  let claim: ClaimStatus | undefined;
  let line: ServiceLineStatus | undefined;
  let mutableLevel: Record<string, unknown> = {};

  const el = (s: Segment, n: number): string => s.elements[n] ?? '';
  const comp = (value: string): string[] => value.split(d.component);
  const date = (v: string): string | undefined => fromCompactDate(v);
  const money = (v: string): number | undefined => (v === '' ? undefined : parseCents(v));

  const closeLevel = (): void => {
    if (level) levels.push({ ...level, ...mutableLevel });
    level = undefined;
    mutableLevel = {};
  };

  input.segments.forEach((s, index) => {
    const id = s.elements[0] ?? '';
    if (id === 'ST') {
      inSet = el(s, 1) === wanted;
      if (inSet) implementations.push(el(s, 3));
      hlCode = '';
      claim = undefined;
      line = undefined;
      return;
    }
    if (!inSet) return;
    switch (id) {
      case 'SE':
        closeLevel();
        inSet = false;
        return;
      case 'HL': {
        closeLevel();
        hlCode = el(s, 3);
        claim = undefined;
        line = undefined;
        if (hlCode === '21' || hlCode === '19') {
          level = { level: hlCode === '21' ? 'receiver' : 'provider', statuses: [] };
        }
        if (hlCode === '22') {
          subscriber = undefined;
          person = undefined;
        }
        if (hlCode === '23' || hlCode === 'PT') person = undefined;
        return;
      }
      case 'NM1': {
        const party: NamedParty = {
          entityCode: el(s, 1),
          name: [el(s, 3), el(s, 4)].filter((x) => x !== '').join(', '),
          ...(el(s, 8) ? { idQualifier: el(s, 8) } : {}),
          ...(el(s, 9) ? { id: el(s, 9) } : {}),
        };
        if (hlCode === '20') payer = party;
        else if (hlCode === '19') {
          provider = party;
          if (level) level = { ...level, party };
        } else if (hlCode === '21') {
          if (level) level = { ...level, party };
        } else if (hlCode === '22') {
          subscriber = party;
          person = party;
        } else person = party;
        return;
      }
      case 'TRN': {
        if (el(s, 1) !== '2' && !(el(s, 1) === '1' && (hlCode === '19' || hlCode === '21'))) return;
        if (hlCode === '21' || hlCode === '19') {
          if (level) level = { ...level, traceNumber: el(s, 2) };
          return;
        }
        line = undefined;
        claim = {
          traceNumber: el(s, 2),
          ...(person ? { patient: person } : {}),
          ...(subscriber ? { subscriber } : {}),
          ...(provider ? { provider } : {}),
          ...(payer ? { payer } : {}),
          statuses: [],
          lines: [],
          outcome: 'unknown',
        };
        claims.push(claim);
        return;
      }
      case 'STC': {
        const report = readStc(s);
        if (line) line.statuses.push(report);
        else if (claim) {
          if (claim.statuses.length === 0) claim.outcome = report.outcome;
          claim.statuses.push(report);
        } else if (level) level.statuses.push(report);
        else
          problems.push({
            severity: 'warning',
            code: 'x12.277.stc.orphan',
            message: 'A status (STC) outside any claim or level was skipped.',
            path: `segment ${index + 1}`,
          });
        return;
      }
      case 'QTY':
        if (level && !claim) {
          const n = Number(el(s, 2));
          if (el(s, 1) === '90') mutableLevel.acceptedClaims = n;
          if (el(s, 1) === 'AA') mutableLevel.rejectedClaims = n;
        }
        return;
      case 'AMT':
        if (level && !claim) {
          if (el(s, 1) === 'YU') mutableLevel.acceptedAmountCents = money(el(s, 2));
          if (el(s, 1) === 'YY') mutableLevel.rejectedAmountCents = money(el(s, 2));
        }
        return;
      case 'REF': {
        const q = el(s, 1);
        const v = el(s, 2);
        if (line && q === 'FJ') line = setLine(claim, line, { lineItemControlNumber: v });
        else if (claim && !line) {
          if (q === '1K') claim = setClaim(claims, claim, { payerClaimControlNumber: v });
          if (q === 'EJ') claim = setClaim(claims, claim, { patientAccountNumber: v });
          if (q === 'BLT') claim = setClaim(claims, claim, { billType: v });
        }
        return;
      }
      case 'DTP': {
        if (el(s, 1) !== '472') return;
        const [from, to] = el(s, 3).split('-');
        const dates = {
          ...(from && date(from) ? { serviceDateFrom: date(from) } : {}),
          ...(date(to ?? from ?? '') ? { serviceDateTo: date(to ?? from ?? '') } : {}),
        };
        if (line) line = setLine(claim, line, dates);
        else if (claim) claim = setClaim(claims, claim, dates);
        return;
      }
      case 'SVC': {
        if (!claim) return;
        const proc = comp(el(s, 1));
        line = {
          procedureQualifier: proc[0] ?? '',
          procedureCode: proc[1] ?? '',
          modifiers: proc.slice(2, 6).filter((m) => m !== ''),
          ...(money(el(s, 2)) !== undefined ? { chargeCents: money(el(s, 2)) } : {}),
          ...(money(el(s, 3)) !== undefined ? { paymentCents: money(el(s, 3)) } : {}),
          ...(el(s, 4) ? { revenueCode: el(s, 4) } : {}),
          ...(el(s, 7) && Number.isFinite(Number(el(s, 7))) ? { units: Number(el(s, 7)) } : {}),
          statuses: [],
        };
        claim.lines.push(line);
        return;
      }
      default:
        return;
    }
  });
  closeLevel();
  return { claims, levels, problems, implementations };

  function readStc(s: Segment): StatusReport {
    const codes: StatusCode[] = [];
    for (const n of [1, 10, 11]) {
      const v = el(s, n);
      if (v === '') continue;
      const [category = '', status = '', entity = '', qualifier = ''] = comp(v);
      codes.push({
        categoryCode: category,
        ...(describe('category', category) ? { categoryDescription: describe('category', category) } : {}),
        statusCode: status,
        ...(describe('status', status) ? { statusDescription: describe('status', status) } : {}),
        ...(entity
          ? {
              entityCode: entity,
              ...(describe('entity', entity) ? { entityDescription: describe('entity', entity) } : {}),
            }
          : {}),
        ...(qualifier ? { codeListQualifier: qualifier } : {}),
      });
    }
    const first = codes[0]?.categoryCode ?? '';
    // A rejected action (U) wins over a category we do not know.
    let outcome = outcomeOfCategory(first);
    if (outcome === 'unknown' && el(s, 3) === 'U') outcome = 'rejected';
    if (outcome === 'unknown' && el(s, 3) === 'WQ') outcome = 'accepted';
    const opt = <T>(key: string, value: T | undefined): Record<string, T> =>
      value === undefined || value === '' ? {} : { [key]: value };
    return {
      codes,
      outcome,
      ...opt('effectiveDate', date(el(s, 2))),
      ...opt('actionCode', el(s, 3)),
      ...opt('chargeCents', money(el(s, 4))),
      ...opt('paymentCents', money(el(s, 5))),
      ...opt('adjudicationDate', date(el(s, 6))),
      ...opt('checkDate', date(el(s, 8))),
      ...opt('checkNumber', el(s, 9)),
      ...opt('message', el(s, 12)),
    };
  }
}

function setClaim(claims: ClaimStatus[], claim: ClaimStatus, patch: Partial<ClaimStatus>): ClaimStatus {
  const next = { ...claim, ...patch };
  claims[claims.lastIndexOf(claim)] = next;
  return next;
}

function setLine(
  claim: ClaimStatus | undefined,
  line: ServiceLineStatus,
  patch: Partial<ServiceLineStatus>,
): ServiceLineStatus {
  const next = { ...line, ...patch };
  if (claim) claim.lines[claim.lines.lastIndexOf(line)] = next;
  return next;
}
