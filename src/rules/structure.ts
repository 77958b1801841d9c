/**
 * Structure edits: what an 837P (005010X222A1) needs before a payer will even read the claim. Each
 * check cites the TR3 loop/segment it comes from. The JSON schema (claimSchema) already enforces
 * types and required fields; these are the rules a schema cannot say.
 */
import type { Address, Claim } from '../model/claim.js';
import { isCalendarDate } from '../model/dates.js';
import type { Problem, Severity } from '../model/problem.js';
import type { EditFamily, EditInput } from './edit-family.js';
import { NO_PROBLEMS } from './edit-family.js';
import { cap, lineWord } from './claim-facts.js';
import { isValidNpi } from '../model/identifiers.js';

const RULE = 'structure';
const TR3 = 'ASC X12 837P 005010X222A1';
/** TR3 2400: the 837P allows at most 50 service lines per claim. */
export const MAX_LINES = 50;

/** TR3 2000B SBR09 claim filing indicator codes. */
export const CLAIM_FILING_INDICATORS = [
  '11', '12', '13', '14', '15', '16', '17', 'AM', 'BL', 'CH', 'CI', 'DS', 'FI', 'HM', 'LM', 'MA', 'MB', 'MC',
  'OF', 'TV', 'VA', 'WC', 'ZZ',
] as const;
const FILING = new Set<string>(CLAIM_FILING_INDICATORS);

/** TR3 2000C PAT01 individual relationship codes (patient is not the subscriber). */
export const PATIENT_RELATIONSHIP_CODES = ['01', '19', '20', '21', '39', '40', '53', 'G8'] as const;
const RELATIONSHIP = new Set<string>(PATIENT_RELATIONSHIP_CODES);

const PO_BOX = /\bP\.?\s*O\.?\s*BOX\b|\bPOST\s+OFFICE\s+BOX\b|\bLOCK\s*BOX\b/i;

/** True when the street line names a post-office or lock box (the regex runs only on lines with "box"). */
function isPoBox(line: string): boolean {
  const i = line.search(/box/i);
  return i >= 0 && PO_BOX.test(line);
}

/** True when `s` is exactly `n` ASCII digits (no regex on the hot path). */
function isDigits(s: string, n: number): boolean {
  if (s.length !== n) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function isUpperPair(s: string): boolean {
  if (s.length !== 2) return false;
  const a = s.charCodeAt(0);
  const b = s.charCodeAt(1);
  return a >= 65 && a <= 90 && b >= 65 && b <= 90;
}

class Findings {
  list: Problem[] | undefined;
  add(severity: Severity, code: string, path: string, message: string, source: string, fix: string): void {
    (this.list ??= []).push({ severity, code, message, path, ruleId: RULE, source, fix });
  }
}

function checkNpi(f: Findings, npi: string, path: string, who: string, segment: string): void {
  if (isValidNpi(npi)) return;
  const shape = isDigits(npi, 10) ? 'fails the NPI check digit (Luhn with prefix 80840)' : 'is not 10 digits';
  f.add('error', 'structure.npi', path, `The ${who} NPI "${npi}" ${shape}.`, `${TR3} ${segment}; CMS NPI check-digit standard`, `Correct the ${who} NPI from NPPES.`);
}

function checkAddress(f: Findings, a: Address, path: string, who: string, segment: string, needZip4: boolean): void {
  if (needZip4 && a.zip.length !== 9) {
    f.add('error', 'structure.zip4', `${path}.zip`, `The ${who} ZIP code "${a.zip}" has no +4: the 837P requires the full 9-digit ZIP for the ${who}.`, `${TR3} ${segment} N403`, `Add the 4-digit ZIP extension (look it up at USPS) to the ${who} address.`);
  } else if (!isDigits(a.zip, 5) && !isDigits(a.zip, 9)) {
    f.add('error', 'structure.zip', `${path}.zip`, `The ${who} ZIP code "${a.zip}" must be 5 or 9 digits.`, `${TR3} ${segment} N403`, 'Correct the ZIP code.');
  }
  if (!isUpperPair(a.state)) {
    f.add('error', 'structure.state', `${path}.state`, `The ${who} state "${a.state}" must be a 2-letter code.`, `${TR3} ${segment} N402`, 'Use the USPS 2-letter state code.');
  }
}

const realDates = new Map<string, boolean>();

/** isCalendarDate, memoised: a batch repeats the same dates. */
function isRealDate(date: string): boolean {
  let ok = realDates.get(date);
  if (ok === undefined) {
    if (realDates.size > 50_000) realDates.clear();
    ok = isCalendarDate(date);
    realDates.set(date, ok);
  }
  return ok;
}

function checkDate(f: Findings, date: string, path: string, what: string, today: string, birth: string | undefined): void {
  if (!isRealDate(date)) {
    f.add('error', 'structure.date', path, `${cap(what)} "${date}" is not a real date.`, TR3, 'Use a real date in YYYY-MM-DD form.');
    return;
  }
  if (date > today) f.add('error', 'structure.date.future', path, `${cap(what)} ${date} is in the future (today is ${today}).`, `${TR3} 2400 DTP*472`, 'Bill services only after they are performed; correct the date.');
  if (birth !== undefined && date < birth) f.add('error', 'structure.date.before-birth', path, `${cap(what)} ${date} is before the patient's birth date ${birth}.`, `${TR3} 2400 DTP*472`, 'Correct the date of service or the birth date.');
}

/** True when a line passes every line-level structure edit (no strings built). */
function lineLooksClean(l: Claim['lines'][number], nDx: number, today: string, birth: string): boolean {
  if (!(l.chargeCents > 0) || !(l.units > 0)) return false;
  const ptrs = l.diagnosisPointers;
  if (ptrs.length === 0) return false;
  for (let k = 0; k < ptrs.length; k++) {
    const ptr = ptrs[k]!;
    if (!Number.isInteger(ptr) || ptr < 1 || ptr > nDx) return false;
    for (let m = 0; m < k; m++) if (ptrs[m] === ptr) return false;
  }
  const d = l.serviceDate;
  if (!isRealDate(d) || d > today || d < birth) return false;
  if (l.serviceDateEnd !== undefined && (l.serviceDateEnd < d || l.serviceDateEnd > today)) return false;
  if (l.renderingProvider && !isValidNpi(l.renderingProvider.npi)) return false;
  if (l.placeOfService !== undefined && !isDigits(l.placeOfService, 2)) return false;
  return true;
}

/** Runs every structure edit on one claim. */
export function checkStructure({ claim, facts, context }: EditInput): readonly Problem[] {
  const f = new Findings();
  const today = context.today;
  const bp = claim.billingProvider;
  checkNpi(f, bp.npi, 'billingProvider.npi', 'billing provider', '2010AA NM109');
  checkAddress(f, bp.address, 'billingProvider.address', 'billing provider', '2010AA', true);
  if (isPoBox(bp.address.line1) || (bp.address.line2 !== undefined && isPoBox(bp.address.line2))) {
    f.add('error', 'structure.billing-po-box', 'billingProvider.address.line1', 'The billing provider address is a post-office box; the 837P requires a street address there.', `${TR3} 2010AA N301`, 'Put the street address in the billing provider address and the PO box in the pay-to address.');
  }
  if (!isDigits(bp.taxId, 9)) {
    f.add('error', 'structure.tax-id', 'billingProvider.taxId', `The billing provider tax id "${bp.taxId}" must be 9 digits (no dash).`, `${TR3} 2010AA REF*EI/SY`, 'Enter the EIN or SSN as 9 digits.');
  }
  if (claim.renderingProvider) checkNpi(f, claim.renderingProvider.npi, 'renderingProvider.npi', 'rendering provider', '2310B NM109');
  if (claim.referringProvider) checkNpi(f, claim.referringProvider.npi, 'referringProvider.npi', 'referring provider', '2310A NM109');
  if (claim.serviceFacility?.npi !== undefined) checkNpi(f, claim.serviceFacility.npi, 'serviceFacility.npi', 'service facility', '2310C NM109');

  // Payer and subscriber (2000B/2010BA/2010BB).
  if (!FILING.has(claim.payer.claimFilingIndicator)) {
    f.add('error', 'structure.filing-indicator', 'payer.claimFilingIndicator', `"${claim.payer.claimFilingIndicator}" is not a claim filing indicator code.`, `${TR3} 2000B SBR09`, 'Use MB for Medicare Part B, MC Medicaid, CI commercial, BL Blue Cross Blue Shield, HM HMO, …');
  }
  if (claim.payer.payerId.trim() === '') f.add('error', 'structure.payer-id', 'payer.payerId', 'The payer id is empty.', `${TR3} 2010BB NM109`, "Enter the payer id from the clearinghouse's payer list.");
  if (claim.subscriber.memberId.trim() === '') f.add('error', 'structure.member-id', 'subscriber.memberId', 'The subscriber member id is empty.', `${TR3} 2010BA NM109`, 'Copy the member id from the insurance card.');
  if (!claim.patient && !claim.subscriber.address) {
    f.add('error', 'structure.subscriber-address', 'subscriber.address', 'The subscriber is the patient but has no address; the 837P requires it.', `${TR3} 2010BA N3/N4 (required when the subscriber is the patient)`, "Add the patient's street address, city, state and ZIP.");
  }
  if (claim.subscriber.address) checkAddress(f, claim.subscriber.address, 'subscriber.address', 'subscriber', '2010BA', false);
  checkDate(f, claim.subscriber.dateOfBirth, 'subscriber.dateOfBirth', 'subscriber birth date', today, undefined);
  if (claim.patient) {
    const p = claim.patient;
    if (!RELATIONSHIP.has(p.relationshipCode)) {
      f.add('error', 'structure.patient-relationship', 'patient.relationshipCode', `"${p.relationshipCode}" is not a patient relationship code for a patient who is not the subscriber.`, `${TR3} 2000C PAT01`, 'Use 01 spouse, 19 child, 20 employee, 21 unknown, 39 organ donor, 40 cadaver donor, 53 life partner or G8 other.');
    }
    if (!p.address) f.add('error', 'structure.patient-address', 'patient.address', 'The patient has no address; the 837P requires it in the patient loop.', `${TR3} 2010CA N3/N4`, "Add the patient's address.");
    else checkAddress(f, p.address, 'patient.address', 'patient', '2010CA', false);
    checkDate(f, p.dateOfBirth, 'patient.dateOfBirth', 'patient birth date', today, undefined);
  }
  if ((claim.frequencyCode === '7' || claim.frequencyCode === '8') && !claim.originalClaimNumber) {
    f.add('error', 'structure.original-claim', 'originalClaimNumber', `A ${claim.frequencyCode === '7' ? 'replacement' : 'void'} claim must carry the payer's claim number of the original claim.`, `${TR3} 2300 REF*F8 (required when CLM05-3 is 7 or 8)`, "Enter the payer claim control number from the original claim's remittance.");
  }
  if (facts.professional && !isDigits(claim.placeOfService, 2)) {
    f.add('error', 'structure.place-of-service', 'placeOfService', `Place of service "${claim.placeOfService}" must be a 2-digit CMS place-of-service code.`, `${TR3} 2300 CLM05-1`, 'Use a CMS place-of-service code, e.g. 11 office, 22 outpatient hospital, 02/10 telehealth.');
  }

  // Diagnoses (2300 HI): at least one, at most 12, no repeats.
  const nDx = claim.diagnoses.length;
  if (nDx === 0) f.add('error', 'structure.no-diagnosis', 'diagnoses', 'The claim has no diagnosis.', `${TR3} 2300 HI*ABK`, 'Code at least one ICD-10-CM diagnosis.');
  if (nDx > 12) f.add('error', 'structure.too-many-diagnoses', 'diagnoses', `The claim has ${nDx} diagnoses; an 837P carries at most 12.`, `${TR3} 2300 HI`, 'Keep the 12 most relevant diagnoses or split the claim.');
  for (let i = 1; i < facts.diagnoses.length; i++) {
    const d = facts.diagnoses[i]!;
    for (let j = 0; j < i; j++) {
      if (facts.diagnoses[j] === d) {
        f.add('error', 'structure.duplicate-diagnosis', `diagnoses[${i}]`, `Diagnosis ${i + 1} (${claim.diagnoses[i]!}) repeats diagnosis ${j + 1}.`, `${TR3} 2300 HI`, `Remove diagnosis ${i + 1} and renumber the pointers.`);
        break;
      }
    }
  }

  // Service lines (2400).
  if (claim.lines.length === 0) f.add('error', 'structure.no-lines', 'lines', 'The claim has no service line.', `${TR3} 2400 LX`, 'Add at least one service line.');
  if (claim.lines.length > MAX_LINES) f.add('error', 'structure.too-many-lines', 'lines', `The claim has ${claim.lines.length} service lines; an 837P claim carries at most ${MAX_LINES}.`, `${TR3} 2400 LX (repeat 50)`, `Split the claim into claims of at most ${MAX_LINES} lines.`);
  const birth = facts.dateOfBirth;
  for (let i = 0; i < claim.lines.length; i++) {
    const l = claim.lines[i]!;
    // Most lines are clean: check them without building any text, and explain only the others.
    if (lineLooksClean(l, nDx, today, birth)) continue;
    const p = `lines[${i}]`;
    const w = lineWord(i);
    const W = cap(w);
    if (!(l.chargeCents > 0)) f.add('error', 'structure.charge', `${p}.chargeCents`, `${W}: the charge must be more than zero.`, `${TR3} 2400 SV102`, `Enter the charge for ${w} from the fee schedule.`);
    if (!(l.units > 0)) f.add('error', 'structure.units', `${p}.units`, `${W}: the units must be more than zero.`, `${TR3} 2400 SV104`, `Enter the units performed on ${w}.`);
    if (l.diagnosisPointers.length === 0) {
      f.add('error', 'structure.no-pointer', `${p}.diagnosisPointers`, `${W} points to no diagnosis.`, `${TR3} 2400 SV107`, `Point ${w} to the diagnosis that supports it.`);
    }
    for (let k = 0; k < l.diagnosisPointers.length; k++) {
      const ptr = l.diagnosisPointers[k]!;
      if (!Number.isInteger(ptr) || ptr < 1 || ptr > nDx) {
        f.add('error', 'structure.pointer', `${p}.diagnosisPointers[${k}]`, `${W}: diagnosis pointer ${ptr} points to no diagnosis (the claim has ${nDx}).`, `${TR3} 2400 SV107`, `Point ${w} to a diagnosis between 1 and ${nDx}.`);
      } else {
        for (let m = 0; m < k; m++) {
          if (l.diagnosisPointers[m] === ptr) {
            f.add('error', 'structure.pointer-repeat', `${p}.diagnosisPointers[${k}]`, `${W}: diagnosis pointer ${ptr} is listed twice.`, `${TR3} 2400 SV107`, 'Remove the repeated pointer.');
            break;
          }
        }
      }
    }
    checkDate(f, l.serviceDate, `${p}.serviceDate`, `${w} date of service`, today, birth);
    if (l.serviceDateEnd !== undefined) {
      if (l.serviceDateEnd < l.serviceDate) f.add('error', 'structure.date-range', `${p}.serviceDateEnd`, `${W}: the end date ${l.serviceDateEnd} is before the start date ${l.serviceDate}.`, `${TR3} 2400 DTP*472 RD8`, 'Correct the date range.');
      else if (l.serviceDateEnd > today) f.add('error', 'structure.date.future', `${p}.serviceDateEnd`, `${W}: the end date ${l.serviceDateEnd} is in the future (today is ${today}).`, `${TR3} 2400 DTP*472 RD8`, 'Bill services only after they are performed.');
    }
    if (l.renderingProvider) checkNpi(f, l.renderingProvider.npi, `${p}.renderingProvider.npi`, `${w} rendering provider`, '2420A NM109');
    if (l.placeOfService !== undefined && !isDigits(l.placeOfService, 2)) {
      f.add('error', 'structure.place-of-service', `${p}.placeOfService`, `${W}: place of service "${l.placeOfService}" must be a 2-digit CMS code.`, `${TR3} 2400 SV105`, 'Use a CMS place-of-service code.');
    }
  }
  return f.list ?? NO_PROBLEMS;
}

/**
 * CLM02 (total charge) must equal the sum of the line charges (SV102). Superbill's JSON format has no
 * separate total (it is derived), so this applies to claims read from an 837P, which carry one.
 */
export function checkDeclaredTotal(claim: Claim, declaredTotalCents: number, lineSumCents: number): readonly Problem[] {
  if (declaredTotalCents === lineSumCents) return NO_PROBLEMS;
  return [
    {
      severity: 'error',
      code: 'structure.total',
      message: `The claim total (CLM02) is ${declaredTotalCents} cents but the lines add up to ${lineSumCents} cents.`,
      path: 'totalChargeCents',
      ruleId: RULE,
      source: `${TR3} 2300 CLM02 (must equal the sum of 2400 SV102)`,
      fix: `Set the claim total to ${lineSumCents} cents, or correct the line charges of claim ${claim.patientControlNumber}.`,
    },
  ];
}

export const structureFamily: EditFamily = { id: 'structure', title: 'Structure (837P requirements)', run: checkStructure };
