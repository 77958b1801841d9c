/**
 * Cross-segment rules of the 837P (005010X222A1), checked before anything is written. Every problem
 * is collected. The rules and where they come from:
 * - CLM02 must equal the sum of the SV102 line charges (TR3 2300 CLM02 note).
 * - 1 to 50 service lines per claim (TR3 loop 2400 repeat 50).
 * - 1 to 12 diagnoses in HI (HI01–HI12); SV107 pointers (at most 4) point at one of them.
 * - CLM05-3 frequency 7 or 8 needs REF*F8 with the payer's claim control number; 1 must not send it.
 * - Required identifiers: billing provider NPI (check digit), ZIP+4, tax ID; member ID; payer ID.
 * - COB: the 2320 and 2430 amounts balance (see validate-common.ts).
 */
import type { Problem } from '../../model/problem.js';
import type { Delimiters } from '../syntax/segment.js';
import { hiCode } from './common-writer.js';
import type { Claim2300P, Professional837, RenderingProvider837P } from './professional-model.js';
import { CLAIM_DATE_QUALIFIERS_837P } from './professional-model.js';
import {
  checkAddress,
  checkClaimTotal,
  checkCob,
  checkDate,
  checkNpi,
  checkProvider,
  isAbsentOrRealDate,
  isDigits,
  ICD10_SHAPE,
  type ProblemList,
  lineAdjudicationHasDelimiter,
  otherSubscriberHasDelimiter,
  providerHasDelimiter,
  addressHasDelimiter,
  validateTransaction,
} from './validate-common.js';
import type { DelimiterScan } from '../envelope/text-check.js';

/** TR3 loop 2400 repeat. */
export const MAX_LINES_837P = 50;
/** HI01–HI12. */
export const MAX_DIAGNOSES_837P = 12;

/** Every problem that would make this 837P wrong or rejected; empty when it can be written. */
export function validate837P(tx: Professional837, delimiters: Delimiters, prefix = ''): Problem[] {
  return validateTransaction(tx, delimiters, prefix, check837PClaim, claimHasDelimiter);
}

/** True when any text field of a claim loop (2300 and below) contains a delimiter or line break. */
export function claimHasDelimiter(c: Claim2300P, has: DelimiterScan): boolean {
  if (
    has(c.patientControlNumber) ||
    has(c.placeOfServiceCode) ||
    has(c.frequencyCode) ||
    has(c.assignmentCode) ||
    has(c.benefitsAssigned) ||
    has(c.releaseOfInformation) ||
    has(c.priorAuthorization) ||
    has(c.payerClaimControlNumber) ||
    c.diagnoses.some(has) ||
    providerHasDelimiter(c.referringProvider, has) ||
    providerHasDelimiter(c.renderingProvider, has) ||
    has(c.renderingProvider?.taxonomyCode) ||
    (c.serviceFacility !== undefined &&
      (has(c.serviceFacility.name) ||
        has(c.serviceFacility.npi) ||
        addressHasDelimiter(c.serviceFacility.address, has)))
  )
    return true;
  for (const d of c.dates) if (has(d.qualifier) || has(d.date)) return true;
  for (const o of c.otherSubscribers) if (otherSubscriberHasDelimiter(o, has)) return true;
  for (const l of c.lines) {
    if (
      has(l.procedureCode) ||
      l.modifiers.some(has) ||
      has(l.unitType) ||
      has(l.placeOfServiceCode) ||
      has(l.serviceDate) ||
      has(l.serviceDateEnd) ||
      has(l.lineControlNumber) ||
      (l.drug !== undefined && (has(l.drug.ndc) || has(l.drug.unit))) ||
      providerHasDelimiter(l.renderingProvider, has) ||
      has(l.renderingProvider?.taxonomyCode)
    )
      return true;
    for (const a of l.adjudications) if (lineAdjudicationHasDelimiter(a, has)) return true;
  }
  return false;
}

/**
 * The checks of one claim loop (2300 and below) under the subscriber loop whose SBR01 is
 * `responsibility`; problems point under `path`.
 */
export function check837PClaim(p: ProblemList, c: Claim2300P, path: string, responsibility: string): void {
  if (c.patientControlNumber.trim() === '')
    p.error(
      'x12.837.clm01',
      `${path}.patientControlNumber`,
      'The claim has no patient control number (CLM01).',
    );
  else if (c.patientControlNumber.length > 38)
    p.error(
      'x12.837.clm01',
      `${path}.patientControlNumber`,
      'The patient control number (CLM01) is longer than 38 characters.',
    );
  else if (c.patientControlNumber.length > 20) {
    p.warning(
      'x12.837.clm01.length',
      `${path}.patientControlNumber`,
      'The patient control number is longer than 20 characters; payers only have to keep 20 (TR3 CLM01), so the 835 may not echo it whole.',
    );
  }
  if (!isDigits(c.placeOfServiceCode, 2))
    p.error(
      'x12.837.pos',
      `${path}.placeOfService`,
      `The place of service "${c.placeOfServiceCode}" must be a two-digit code (CLM05-1).`,
    );
  checkFrequency(p, c.frequencyCode, c.payerClaimControlNumber, path);
  c.dates.forEach((d, i) => {
    if (!(CLAIM_DATE_QUALIFIERS_837P as readonly string[]).includes(d.qualifier))
      p.error(
        'x12.837.dtp',
        `${path}.dates[${i}]`,
        `"${d.qualifier}" is not a claim date qualifier of the 837P.`,
      );
    checkDate(p, d.date, `${path}.dates[${i}].date`, 'date');
  });
  checkDiagnoses(p, c.diagnoses, path, MAX_DIAGNOSES_837P);
  if (c.referringProvider) {
    checkProvider(p, c.referringProvider, `${path}.referringProvider`, 'referring provider', false);
    if (c.referringProvider.entityType !== '1')
      p.error(
        'x12.837.referring.person',
        `${path}.referringProvider`,
        'The referring provider must be a person (2310A NM102 = 1).',
      );
  }
  if (c.renderingProvider) checkRendering(p, c.renderingProvider, `${path}.renderingProvider`);
  if (c.serviceFacility) {
    checkNpi(p, c.serviceFacility.npi, `${path}.serviceFacility.npi`, false, 'service facility');
    checkAddress(p, c.serviceFacility.address, `${path}.serviceFacility.address`, false, 'service facility');
  }
  if (c.lines.length === 0) p.error('x12.837.lines.none', `${path}.lines`, 'The claim has no service lines.');
  if (c.lines.length > MAX_LINES_837P) {
    p.error(
      'x12.837.lines.max',
      `${path}.lines`,
      `The claim has ${c.lines.length} service lines; an 837P claim holds at most ${MAX_LINES_837P} (TR3 loop 2400).`,
      'Split the claim into several claims.',
    );
  }
  let sum = 0;
  c.lines.forEach((l, i) => {
    // The path is only spelled out when something is reported (this runs for every line of a batch).
    const lp = (): string => `${path}.lines[${i}]`;
    sum += l.chargeCents;
    if (l.lineNumber !== i + 1)
      p.error('x12.837.lx', lp(), `LX01 must number the lines 1, 2, 3…; line ${i + 1} has ${l.lineNumber}.`);
    if (!isCode(l.procedureCode, 5))
      p.error(
        'x12.837.procedure',
        `${lp()}.procedureCode`,
        `"${l.procedureCode}" is not a 5-character CPT/HCPCS code (SV101-2).`,
      );
    if (l.modifiers.length > 4)
      p.error(
        'x12.837.modifiers.max',
        `${lp()}.modifiers`,
        `The line has ${l.modifiers.length} modifiers; SV101 holds at most 4.`,
      );
    l.modifiers.forEach((m, mi) => {
      if (!isCode(m, 2))
        p.error('x12.837.modifier', `${lp()}.modifiers[${mi}]`, `"${m}" is not a two-character modifier.`);
    });
    if (l.chargeCents < 0)
      p.error('x12.837.charge.negative', `${lp()}.chargeCents`, 'A line charge (SV102) cannot be negative.');
    if (!(l.units > 0))
      p.error('x12.837.units', `${lp()}.units`, 'The units (SV104) must be more than zero.');
    if (l.placeOfServiceCode !== undefined && !isDigits(l.placeOfServiceCode, 2))
      p.error(
        'x12.837.pos',
        `${lp()}.placeOfService`,
        `The line place of service "${l.placeOfServiceCode}" must be two digits (SV105).`,
      );
    if (!pointersFine(l.diagnosisPointers, c.diagnoses.length))
      checkPointers(p, l.diagnosisPointers, c.diagnoses.length, lp());
    if (!isAbsentOrRealDate(l.serviceDate))
      checkDate(p, l.serviceDate, `${lp()}.serviceDate`, 'service date');
    if (!isAbsentOrRealDate(l.serviceDateEnd))
      checkDate(p, l.serviceDateEnd, `${lp()}.serviceDateEnd`, 'service end date');
    if (l.serviceDateEnd !== undefined && l.serviceDateEnd < l.serviceDate)
      p.error(
        'x12.837.dates.order',
        `${lp()}.serviceDateEnd`,
        'The service end date is before the start date.',
      );
    if (
      l.lineControlNumber !== undefined &&
      (l.lineControlNumber === '' || l.lineControlNumber.length > 50)
    ) {
      p.error(
        'x12.837.ref6r',
        `${lp()}.lineControlNumber`,
        'The line item control number (REF*6R) must be 1 to 50 characters.',
      );
    }
    if (l.drug) {
      if (!isDigits(l.drug.ndc, 11))
        p.error('x12.837.ndc', `${lp()}.drug.ndc`, `"${l.drug.ndc}" is not an 11-digit NDC (LIN03).`);
      if (!(l.drug.quantity > 0))
        p.error(
          'x12.837.ndc.quantity',
          `${lp()}.drug.quantity`,
          'The drug quantity (CTP04) must be more than zero.',
        );
    }
    if (l.renderingProvider) checkRendering(p, l.renderingProvider, `${lp()}.renderingProvider`);
  });
  checkClaimTotal(p, c.totalChargeCents, sum, path, 'SV102');
  checkCob(p, c, responsibility, path);
}

/** `/^[A-Z0-9]{n}$/` without a regular expression: procedure codes and modifiers. */
function isCode(text: string, length: number): boolean {
  if (text.length !== length) return false;
  for (let i = 0; i < length; i++) {
    const ch = text.charCodeAt(i);
    if (!((ch >= 48 && ch <= 57) || (ch >= 65 && ch <= 90))) return false;
  }
  return true;
}

/** True when {@link checkPointers} has nothing to say: 1–4 different whole pointers into the list. */
function pointersFine(pointers: readonly number[], diagnosisCount: number): boolean {
  if (pointers.length === 0 || pointers.length > 4) return false;
  for (let i = 0; i < pointers.length; i++) {
    const ptr = pointers[i]!;
    if (!Number.isInteger(ptr) || ptr < 1 || ptr > diagnosisCount) return false;
    for (let j = 0; j < i; j++) if (pointers[j] === ptr) return false;
  }
  return true;
}

function checkRendering(p: ProblemList, r: RenderingProvider837P, path: string): void {
  checkProvider(p, r, path, 'rendering provider', true);
  if (r.taxonomyCode !== undefined && !/^[0-9A-Z]{9}X$/.test(r.taxonomyCode))
    p.warning(
      'x12.837.taxonomy',
      `${path}.taxonomy`,
      `"${r.taxonomyCode}" does not look like a provider taxonomy code.`,
    );
}

/** CLM05-3 and REF*F8 (TR3 2300 REF*F8: required when CLM05-3 is 7 or 8; otherwise not sent). */
export function checkFrequency(
  p: ProblemList,
  frequency: string,
  originalClaimNumber: string | undefined,
  path: string,
): void {
  if (!['1', '7', '8'].includes(frequency))
    p.error(
      'x12.837.frequency',
      `${path}.frequencyCode`,
      `The claim frequency "${frequency}" must be 1 (original), 7 (replacement) or 8 (void).`,
    );
  const hasF8 = originalClaimNumber !== undefined && originalClaimNumber.trim() !== '';
  if ((frequency === '7' || frequency === '8') && !hasF8) {
    p.error(
      'x12.837.frequency.f8',
      `${path}.originalClaimNumber`,
      `A ${frequency === '7' ? 'replacement (7)' : 'void (8)'} claim needs the payer's claim control number of the original claim (REF*F8).`,
      'Give originalClaimNumber: the payer claim control number from the 835 (CLP07) or 277CA.',
    );
  }
  if (frequency === '1' && hasF8)
    p.error(
      'x12.837.frequency.f8-original',
      `${path}.originalClaimNumber`,
      'An original claim (frequency 1) must not carry an original claim number (REF*F8).',
      'Set frequencyCode to 7 or 8, or remove originalClaimNumber.',
    );
}

/** HI list: 1..max codes of ICD-10-CM shape, no duplicates. */
export function checkDiagnoses(
  p: ProblemList,
  diagnoses: readonly string[],
  path: string,
  max: number,
): void {
  if (diagnoses.length === 0)
    p.error('x12.837.hi.none', `${path}.diagnoses`, 'The claim needs at least one diagnosis (HI).');
  if (diagnoses.length > max)
    p.error(
      'x12.837.hi.max',
      `${path}.diagnoses`,
      `The claim has ${diagnoses.length} diagnoses; at most ${max} fit in HI.`,
    );
  const seen = new Set<string>();
  diagnoses.forEach((d, i) => {
    const code = hiCode(d);
    if (!ICD10_SHAPE.test(code))
      p.error('x12.837.hi.code', `${path}.diagnoses[${i}]`, `"${d}" is not shaped like an ICD-10-CM code.`);
    if (seen.has(code))
      p.warning('x12.837.hi.duplicate', `${path}.diagnoses[${i}]`, `The diagnosis ${d} is listed twice.`);
    seen.add(code);
  });
}

/** SV107: 1 to 4 pointers, each naming an existing diagnosis, no repeats. */
export function checkPointers(
  p: ProblemList,
  pointers: readonly number[],
  diagnosisCount: number,
  lp: string,
): void {
  if (pointers.length === 0)
    p.error(
      'x12.837.pointer.none',
      `${lp}.diagnosisPointers`,
      'The line needs at least one diagnosis pointer (SV107).',
    );
  if (pointers.length > 4)
    p.error(
      'x12.837.pointer.max',
      `${lp}.diagnosisPointers`,
      `The line has ${pointers.length} diagnosis pointers; SV107 holds at most 4.`,
    );
  const seen = new Set<number>();
  pointers.forEach((ptr, i) => {
    if (!Number.isInteger(ptr) || ptr < 1 || ptr > diagnosisCount) {
      p.error(
        'x12.837.pointer.range',
        `${lp}.diagnosisPointers[${i}]`,
        `Diagnosis pointer ${ptr} does not point at a diagnosis; the claim has ${diagnosisCount}.`,
      );
    }
    if (seen.has(ptr))
      p.error(
        'x12.837.pointer.duplicate',
        `${lp}.diagnosisPointers[${i}]`,
        `Diagnosis pointer ${ptr} is repeated on the line.`,
      );
    seen.add(ptr);
  });
}
