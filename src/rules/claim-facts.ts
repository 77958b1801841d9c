/**
 * Facts about a claim that several edit families need, computed once per claim so the hot path does
 * not repeat string work: normalised codes and modifiers, date numbers, the patient's age and sex,
 * and the provider each line is rendered by.
 */
import type { Claim, SexCode } from '../model/claim.js';
import { ageOn } from '../model/dates.js';
import { dayNumber } from './tables/ptp-format.js';

// Small memo tables: a batch of claims repeats the same dates and diagnosis codes, so the string work
// is done once per distinct value (bounded so a long-running server does not grow without limit).
const MEMO_LIMIT = 50_000;
const dayMemo = new Map<string, number>();
const dxMemo = new Map<string, string>();

/** Days since 1970-01-01 of a date of service (memoised). */
export function dayOf(date: string): number {
  let d = dayMemo.get(date);
  if (d === undefined) {
    if (dayMemo.size > MEMO_LIMIT) dayMemo.clear();
    d = dayNumber(date);
    dayMemo.set(date, d);
  }
  return d;
}

export interface LineFacts {
  /** 0-based index into claim.lines. */
  readonly index: number;
  /** Procedure code, upper-case, trimmed. */
  readonly code: string;
  /** Modifiers, upper-case, trimmed. */
  readonly modifiers: readonly string[];
  readonly dateOfService: string;
  /** Days since 1970-01-01 of the date of service. */
  readonly day: number;
  /** Line place of service, else the claim's. */
  readonly placeOfService: string;
  /** NPI of the provider rendering the line (line, else claim rendering, else billing). */
  readonly providerNpi: string;
  /** CPT E/M visit code 99202–99499. */
  readonly isEm: boolean;
  readonly units: number;
  /** True for anaesthesia minutes (SV103 MJ), which are time rather than units. */
  readonly minutes: boolean;
}

export interface ClaimFacts {
  readonly lines: readonly LineFacts[];
  /** Diagnoses, undotted and upper-case, in claim order. */
  readonly diagnoses: readonly string[];
  /** The patient: claim.patient when present, else the subscriber. */
  readonly patientPath: 'patient' | 'subscriber';
  readonly dateOfBirth: string;
  readonly sex: SexCode;
  /** The earliest line date of service (the claim's date for age edits). */
  readonly firstDateOfService: string;
  /** Patient age in whole years on the first date of service. */
  readonly age: number;
  readonly professional: boolean;
}

/** E/M visit codes (CPT 99202–99499): the range the modifier-25 edit looks at. */
export function isEmCode(code: string): boolean {
  return code.length === 5 && code >= '99202' && code <= '99499' && /^\d{5}$/.test(code);
}

/** Undotted, upper-case ICD-10-CM code as the edit tables key it. */
export function squeezeDiagnosis(code: string): string {
  let s = dxMemo.get(code);
  if (s === undefined) {
    if (dxMemo.size > MEMO_LIMIT) dxMemo.clear();
    s = code.replace('.', '').trim().toUpperCase();
    dxMemo.set(code, s);
  }
  return s;
}

/** Whole years from `birth` to `on` (both YYYY-MM-DD); same result as ageOn without splitting strings. */
function fastAge(birth: string, on: string): number {
  if (birth.length !== 10 || on.length !== 10) return ageOn(birth, on);
  const age = num(on, 0, 4) - num(birth, 0, 4);
  const mdOn = num(on, 5, 7) * 100 + num(on, 8, 10);
  const mdBirth = num(birth, 5, 7) * 100 + num(birth, 8, 10);
  return mdOn < mdBirth ? age - 1 : age;
}

function num(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
}

/** Computes the facts of one claim. */
export function claimFacts(claim: Claim): ClaimFacts {
  const claimPos = claim.placeOfService;
  const claimNpi = claim.renderingProvider?.npi ?? claim.billingProvider.npi;
  const lines: LineFacts[] = new Array<LineFacts>(claim.lines.length);
  let first = '';
  for (let i = 0; i < claim.lines.length; i++) {
    const l = claim.lines[i]!;
    const code = l.procedureCode.trim().toUpperCase();
    const mods = l.modifiers;
    let modifiers: readonly string[] = mods;
    for (const m of mods) {
      if (m !== m.trim().toUpperCase()) {
        modifiers = mods.map((x) => x.trim().toUpperCase());
        break;
      }
    }
    if (first === '' || l.serviceDate < first) first = l.serviceDate;
    lines[i] = {
      index: i,
      code,
      modifiers,
      dateOfService: l.serviceDate,
      day: dayOf(l.serviceDate),
      placeOfService: l.placeOfService ?? claimPos,
      providerNpi: l.renderingProvider?.npi ?? claimNpi,
      isEm: isEmCode(code),
      units: l.units,
      minutes: l.unitType === 'MJ',
    };
  }
  const diagnoses = new Array<string>(claim.diagnoses.length);
  for (let i = 0; i < claim.diagnoses.length; i++) diagnoses[i] = squeezeDiagnosis(claim.diagnoses[i]!);
  const person = claim.patient ?? claim.subscriber;
  return {
    lines,
    diagnoses,
    patientPath: claim.patient ? 'patient' : 'subscriber',
    dateOfBirth: person.dateOfBirth,
    sex: person.sex,
    firstDateOfService: first,
    age: first === '' ? 0 : fastAge(person.dateOfBirth, first),
    professional: claim.kind === 'professional',
  };
}

/** "line 2" for people (paths are 0-based, words are 1-based). */
export function lineWord(index: number): string {
  return `line ${index + 1}`;
}

/** Upper-cases the first letter (messages start with "Line 2 …"). */
export function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Dotted ICD-10-CM for messages (E1165 → E11.65). */
export function dotted(code: string): string {
  return code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}
