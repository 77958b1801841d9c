/**
 * 271 eligibility response (005010X279A1) reader. Per subscriber (2000C) or dependent (2000D): who
 * (NM1, DMG), the plan dates (DTP 291/346/347/356/357/307), rejections (AAA: request validation
 * with reject reason and follow-up), and every benefit (2110C/D EB with its DTP, REF, MSG and the
 * LS/LE 2120 benefit related entity). A summary answers the usual questions: is coverage active
 * (EB01 = 1, or 6 inactive), the copay (B), deductible (C) and out-of-pocket (G) amounts per time
 * period (29 = remaining, 23 = calendar year, …) and coinsurance (A, EB08 as a percentage).
 *
 *   EB*C*IND*30**Plan*29*500~   deductible remaining: 500.00
 */
import { fromCompactDate } from '../../model/dates.js';
import { parseCents } from '../../model/money.js';
import type { Problem } from '../../model/problem.js';
import type { Delimiters, Segment } from '../syntax/segment.js';

/** ST03 / GS08 of this guide. */
export const IMPLEMENTATION_271 = '005010X279A1';

/** What a reader needs from the tokenizer (its result fits). */
export interface TokenizedInput {
  readonly delimiters: Delimiters;
  readonly segments: readonly Segment[];
}

/** EB01 codes this reader names (others are kept with their code). */
export const BENEFIT_KINDS: Readonly<Record<string, string>> = {
  '1': 'active_coverage',
  '2': 'active_full_risk_capitation',
  '3': 'active_services_capitated',
  '4': 'active_services_capitated_to_primary_care',
  '5': 'active_pending_investigation',
  '6': 'inactive',
  '7': 'inactive_pending_eligibility_update',
  '8': 'inactive_pending_investigation',
  A: 'coinsurance',
  B: 'copay',
  C: 'deductible',
  CB: 'coverage_basis',
  D: 'benefit_description',
  E: 'exclusions',
  F: 'limitations',
  G: 'out_of_pocket',
  H: 'unlimited',
  I: 'non_covered',
  J: 'cost_containment',
  K: 'reserve',
  L: 'primary_care_provider',
  M: 'pre_existing_condition',
  MC: 'managed_care_coordinator',
  N: 'services_restricted_to_provider',
  O: 'not_deemed_medically_necessary',
  P: 'benefit_disclaimer',
  Q: 'second_surgical_opinion_required',
  R: 'other_or_additional_payer',
  S: 'prior_year_history',
  T: 'card_reported_lost_stolen',
  U: 'contact_following_entity',
  V: 'cannot_process',
  W: 'other_source_of_data',
  X: 'health_care_facility',
  Y: 'spend_down',
};

/** EB06 time period qualifiers we name. */
export const TIME_PERIODS: Readonly<Record<string, string>> = {
  '6': 'hour',
  '7': 'day',
  '21': 'years',
  '22': 'service_year',
  '23': 'calendar_year',
  '24': 'year_to_date',
  '25': 'contract',
  '26': 'episode',
  '27': 'visit',
  '28': 'outlier',
  '29': 'remaining',
  '30': 'exceeded',
  '31': 'not_exceeded',
  '32': 'lifetime',
  '33': 'lifetime_remaining',
  '34': 'month',
  '35': 'week',
  '36': 'admission',
};

export interface BenefitDate {
  readonly qualifier: string /* DTP01 */;
  readonly from?: string;
  readonly to?: string;
}

export interface Benefit {
  readonly code: string /* EB01 */;
  readonly kind: string;
  readonly coverageLevel?: string /* EB02: IND, FAM, EMP, ESP, … */;
  readonly serviceTypes: readonly string[] /* EB03 (repeating) */;
  readonly insuranceType?: string /* EB04 */;
  readonly planDescription?: string /* EB05 */;
  readonly timePeriod?: string /* EB06, named */;
  readonly amountCents?: number /* EB07 */;
  /** EB08 as basis points (0.2 → 2000 = 20 %). */
  readonly percentBasisPoints?: number;
  readonly quantityQualifier?: string /* EB09 */;
  readonly quantity?: number /* EB10 */;
  readonly authorizationRequired?: string /* EB11 */;
  /** Y in network, N out of network, W not applicable, U unknown. */
  readonly inNetwork?: string /* EB12 */;
  readonly procedure?: string /* EB13-2 */;
  readonly dates: BenefitDate[];
  readonly references: { readonly qualifier: string; readonly value: string }[];
  readonly messages: string[];
  /** The 2120 loop entity inside LS/LE (another payer, primary care provider…). */
  readonly relatedEntities: { readonly entityCode: string; readonly name: string; readonly id?: string }[];
}

export interface Rejection {
  readonly valid: string /* AAA01 */;
  readonly reasonCode: string /* AAA03 */;
  readonly followUpCode?: string /* AAA04 */;
  readonly level: 'source' | 'receiver' | 'subscriber' | 'dependent';
}

export interface EligibilitySummary {
  /** True with EB01 1–5, false with 6–8, undefined when the response says neither. */
  readonly active?: boolean;
  /** First copay (B) amount, preferring service type 30 (health benefit plan coverage) and in network. */
  readonly copayCents?: number;
  readonly coinsuranceBasisPoints?: number;
  readonly deductibleCents?: number;
  readonly deductibleRemainingCents?: number;
  readonly outOfPocketCents?: number;
  readonly outOfPocketRemainingCents?: number;
  readonly planBegin?: string;
  readonly planEnd?: string;
}

export interface EligibilityMember {
  readonly level: 'subscriber' | 'dependent';
  readonly lastName: string;
  readonly firstName?: string;
  readonly memberId?: string;
  readonly dateOfBirth?: string;
  readonly sex?: string;
  readonly traceNumbers: string[];
  readonly planDates: BenefitDate[];
  readonly benefits: Benefit[];
  readonly rejections: Rejection[];
  readonly summary: EligibilitySummary;
}

export interface EligibilityResponse {
  readonly payer?: { readonly name: string; readonly id?: string };
  readonly provider?: { readonly name: string; readonly id?: string };
  readonly members: EligibilityMember[];
  /** AAA at the information source or receiver level (the whole request was refused). */
  readonly rejections: Rejection[];
  readonly problems: Problem[];
}

function dateRange(qualifier: string, format: string, value: string): BenefitDate {
  if (format === 'RD8') {
    const [a = '', b = ''] = value.split('-');
    const from = fromCompactDate(a);
    const to = fromCompactDate(b);
    return { qualifier, ...(from ? { from } : {}), ...(to ? { to } : {}) };
  }
  const d = fromCompactDate(value);
  return { qualifier, ...(d ? { from: d, to: d } : {}) };
}

/** "0.2" → 2000 basis points, without floating point. */
function percentToBasisPoints(text: string): number | undefined {
  const m = /^(\d*)(?:\.(\d{0,4})\d*)?$/.exec(text.trim());
  if (!m || text.trim() === '' || text.trim() === '.') return undefined;
  return Number(m[1] || '0') * 10000 + Number((m[2] ?? '').padEnd(4, '0'));
}

/** Reads every 271 transaction set in the input. */
export function read271(tokenized: TokenizedInput): EligibilityResponse {
  const d = tokenized.delimiters;
  const problems: Problem[] = [];
  const members: EligibilityMember[] = [];
  const rejections: Rejection[] = [];
  let payer: EligibilityResponse['payer'];
  let provider: EligibilityResponse['provider'];
  let inSet = false;
  let sets = 0;
  let hl = '';
  let member: (EligibilityMember & { summary: EligibilitySummary }) | undefined;
  let benefit: Benefit | undefined;
  let inLs = false;
  const el = (s: Segment, n: number): string => s.elements[n] ?? '';

  tokenized.segments.forEach((s, index) => {
    const id = s.elements[0] ?? '';
    if (id === 'ST') {
      inSet = el(s, 1) === '271';
      if (inSet) {
        sets++;
        if (el(s, 3) !== IMPLEMENTATION_271)
          problems.push({
            severity: 'warning',
            code: 'x12.271.implementation',
            message: `The 271 says it follows "${el(s, 3)}", not ${IMPLEMENTATION_271}; it was read anyway.`,
          });
      }
      return;
    }
    if (!inSet) return;
    switch (id) {
      case 'SE':
        inSet = false;
        member = undefined;
        benefit = undefined;
        return;
      case 'HL':
        hl = el(s, 3);
        benefit = undefined;
        inLs = false;
        if (hl === '22' || hl === '23') {
          member = {
            level: hl === '22' ? 'subscriber' : 'dependent',
            lastName: '',
            traceNumbers: [],
            planDates: [],
            benefits: [],
            rejections: [],
            summary: {},
          };
          members.push(member);
        } else member = undefined;
        return;
      case 'LS':
        inLs = true;
        return;
      case 'LE':
        inLs = false;
        return;
      case 'NM1': {
        const name = {
          name: [el(s, 3), el(s, 4)].filter((x) => x !== '').join(', '),
          ...(el(s, 9) ? { id: el(s, 9) } : {}),
        };
        if (inLs && benefit) {
          benefit.relatedEntities.push({ entityCode: el(s, 1), ...name });
          return;
        }
        if (hl === '20') payer = name;
        else if (hl === '21') provider = name;
        else if (member && !benefit) {
          const i = members.indexOf(member);
          member = {
            ...member,
            lastName: el(s, 3),
            ...(el(s, 4) ? { firstName: el(s, 4) } : {}),
            ...(el(s, 9) ? { memberId: el(s, 9) } : {}),
          };
          members[i] = member;
        }
        return;
      }
      case 'TRN':
        if (member) member.traceNumbers.push(el(s, 2));
        return;
      case 'DMG':
        if (member && !benefit) {
          const i = members.indexOf(member);
          const dob = fromCompactDate(el(s, 2));
          member = {
            ...member,
            ...(dob ? { dateOfBirth: dob } : {}),
            ...(el(s, 3) ? { sex: el(s, 3) } : {}),
          };
          members[i] = member;
        }
        return;
      case 'DTP': {
        const date = dateRange(el(s, 1), el(s, 2), el(s, 3));
        if (benefit) benefit.dates.push(date);
        else if (member) member.planDates.push(date);
        return;
      }
      case 'AAA': {
        const level =
          hl === '20' ? 'source' : hl === '21' ? 'receiver' : hl === '23' ? 'dependent' : 'subscriber';
        const rejection: Rejection = {
          valid: el(s, 1),
          reasonCode: el(s, 3),
          ...(el(s, 4) ? { followUpCode: el(s, 4) } : {}),
          level,
        };
        if (member && (level === 'subscriber' || level === 'dependent')) member.rejections.push(rejection);
        else rejections.push(rejection);
        return;
      }
      case 'EB': {
        if (!member) {
          problems.push({
            severity: 'warning',
            code: 'x12.271.eb.orphan',
            message: 'A benefit (EB) outside a subscriber or dependent loop was skipped.',
            path: `segment ${index + 1}`,
          });
          return;
        }
        const code = el(s, 1);
        const amount = el(s, 7) === '' ? undefined : parseCents(el(s, 7));
        const percent = el(s, 8) === '' ? undefined : percentToBasisPoints(el(s, 8));
        const quantity = el(s, 10) === '' ? undefined : Number(el(s, 10));
        const period = el(s, 6);
        const procedure = el(s, 13).split(d.component)[1];
        benefit = {
          code,
          kind: BENEFIT_KINDS[code] ?? `code_${code}`,
          ...(el(s, 2) ? { coverageLevel: el(s, 2) } : {}),
          serviceTypes: el(s, 3) === '' ? [] : el(s, 3).split(d.repetition === '' ? '^' : d.repetition),
          ...(el(s, 4) ? { insuranceType: el(s, 4) } : {}),
          ...(el(s, 5) ? { planDescription: el(s, 5) } : {}),
          ...(period ? { timePeriod: TIME_PERIODS[period] ?? period } : {}),
          ...(amount !== undefined ? { amountCents: amount } : {}),
          ...(percent !== undefined ? { percentBasisPoints: percent } : {}),
          ...(el(s, 9) ? { quantityQualifier: el(s, 9) } : {}),
          ...(quantity !== undefined && Number.isFinite(quantity) ? { quantity } : {}),
          ...(el(s, 11) ? { authorizationRequired: el(s, 11) } : {}),
          ...(el(s, 12) ? { inNetwork: el(s, 12) } : {}),
          ...(procedure ? { procedure } : {}),
          dates: [],
          references: [],
          messages: [],
          relatedEntities: [],
        };
        if (el(s, 7) !== '' && amount === undefined)
          problems.push({
            severity: 'warning',
            code: 'x12.271.eb07',
            message: `EB07 "${el(s, 7)}" is not an amount.`,
            path: `segment ${index + 1}`,
          });
        member.benefits.push(benefit);
        return;
      }
      case 'REF':
        if (benefit && !inLs) benefit.references.push({ qualifier: el(s, 1), value: el(s, 2) });
        return;
      case 'MSG':
        if (benefit) benefit.messages.push(el(s, 1));
        return;
      default:
        return;
    }
  });
  if (sets === 0)
    problems.push({
      severity: 'error',
      code: 'x12.271.none',
      message: 'The file has no 271 transaction set.',
    });
  const withSummary = members.map((m) => ({ ...m, summary: summarize(m) }));
  return {
    ...(payer ? { payer } : {}),
    ...(provider ? { provider } : {}),
    members: withSummary,
    rejections,
    problems,
  };
}

/** The usual questions answered from the benefits. */
export function summarize(m: Pick<EligibilityMember, 'benefits' | 'planDates'>): EligibilitySummary {
  const bs = m.benefits;
  const active = bs.some((b) => ['1', '2', '3', '4', '5'].includes(b.code))
    ? true
    : bs.some((b) => ['6', '7', '8'].includes(b.code))
      ? false
      : undefined;
  // Prefer the plan-level answer (service type 30), then in-network, then the first one given.
  const pick = (code: string, want: (b: Benefit) => boolean): Benefit | undefined => {
    const all = bs.filter((b) => b.code === code && want(b));
    return (
      all.find((b) => b.serviceTypes.includes('30') && b.inNetwork !== 'N') ??
      all.find((b) => b.inNetwork === 'Y') ??
      all.find((b) => b.inNetwork !== 'N') ??
      all[0]
    );
  };
  const copay = pick('B', (b) => b.amountCents !== undefined);
  const coins = pick('A', (b) => b.percentBasisPoints !== undefined);
  const deductible = pick('C', (b) => b.amountCents !== undefined && b.timePeriod !== 'remaining');
  const deductibleLeft = pick('C', (b) => b.amountCents !== undefined && b.timePeriod === 'remaining');
  const oop = pick('G', (b) => b.amountCents !== undefined && b.timePeriod !== 'remaining');
  const oopLeft = pick('G', (b) => b.amountCents !== undefined && b.timePeriod === 'remaining');
  const plan = m.planDates.find(
    (d) => d.qualifier === '291' || d.qualifier === '346' || d.qualifier === '307' || d.qualifier === '356',
  );
  const planEnd = m.planDates.find((d) => d.qualifier === '347' || d.qualifier === '357');
  return {
    ...(active !== undefined ? { active } : {}),
    ...(copay?.amountCents !== undefined ? { copayCents: copay.amountCents } : {}),
    ...(coins?.percentBasisPoints !== undefined ? { coinsuranceBasisPoints: coins.percentBasisPoints } : {}),
    ...(deductible?.amountCents !== undefined ? { deductibleCents: deductible.amountCents } : {}),
    ...(deductibleLeft?.amountCents !== undefined
      ? { deductibleRemainingCents: deductibleLeft.amountCents }
      : {}),
    ...(oop?.amountCents !== undefined ? { outOfPocketCents: oop.amountCents } : {}),
    ...(oopLeft?.amountCents !== undefined ? { outOfPocketRemainingCents: oopLeft.amountCents } : {}),
    ...(plan?.from ? { planBegin: plan.from } : {}),
    ...(planEnd?.to
      ? { planEnd: planEnd.to }
      : plan?.to && plan.to !== plan.from
        ? { planEnd: plan.to }
        : {}),
  };
}
