/**
 * Cross-segment rules of the 837I (005010X223A2), checked before writing; every problem collected:
 * CLM02 = Σ SV203; at most 999 service lines (TR3 2400 repeat 999); frequency 7/8 needs REF*F8;
 * statement dates in order; principal diagnosis present; COB balancing as in the 837P.
 */
import type { Problem } from '../../model/problem.js';
import type { Delimiters } from '../syntax/segment.js';
import { hiCode } from '../837p-005010x222a1/common-writer.js';
import { checkFrequency } from '../837p-005010x222a1/validate.js';
import {
  checkClaimTotal,
  checkCob,
  checkDate,
  checkProvider,
  ICD10_SHAPE,
  type ProblemList,
  validateTransaction,
} from '../837p-005010x222a1/validate-common.js';
import type { Claim2300I, Institutional837 } from './model.js';

/** TR3 loop 2400 repeat for the 837I. */
export const MAX_LINES_837I = 999;

/** Every problem that would make this 837I wrong or rejected; empty when it can be written. */
export function validate837I(tx: Institutional837, delimiters: Delimiters, prefix = ''): Problem[] {
  return validateTransaction(tx, delimiters, prefix, checkClaim);
}

function checkClaim(p: ProblemList, c: Claim2300I, path: string, responsibility: string): void {
  const ip = `${path}.institutional`;
  if (c.patientControlNumber.trim() === '' || c.patientControlNumber.length > 38)
    p.error(
      'x12.837.clm01',
      `${path}.patientControlNumber`,
      'The patient control number (CLM01) must be 1 to 38 characters.',
    );
  if (!/^\d{2}$/.test(c.facilityTypeCode))
    p.error(
      'x12.837i.type-of-bill',
      `${ip}.typeOfBill`,
      `The type of bill must give a two-digit facility code (CLM05-1); got "${c.facilityTypeCode}".`,
    );
  checkFrequency(p, c.frequencyCode, c.payerClaimControlNumber, path);
  checkDate(p, c.statementFrom, `${ip}.statementFrom`, 'statement start date');
  checkDate(p, c.statementTo, `${ip}.statementTo`, 'statement end date');
  if (c.statementTo < c.statementFrom)
    p.error(
      'x12.837i.statement-dates',
      `${ip}.statementTo`,
      'The statement period ends before it starts (DTP*434).',
    );
  checkDate(p, c.admissionDate, `${ip}.admissionDate`, 'admission date');
  if (!/^\d{2}$/.test(c.patientStatusCode))
    p.error(
      'x12.837i.cl103',
      `${ip}.patientStatusCode`,
      `The patient status code (CL103) must be two digits; got "${c.patientStatusCode}".`,
    );
  const all = [
    c.principalDiagnosis,
    ...(c.admittingDiagnosis ? [c.admittingDiagnosis] : []),
    ...c.otherDiagnoses,
  ];
  all.forEach((d, i) => {
    if (!ICD10_SHAPE.test(hiCode(d)))
      p.error('x12.837.hi.code', `${path}.diagnoses[${i}]`, `"${d}" is not shaped like an ICD-10-CM code.`);
  });
  if (c.otherDiagnoses.length > 24)
    p.error(
      'x12.837.hi.max',
      `${path}.diagnoses`,
      'At most 24 other diagnoses fit in the 837I (two HI segments).',
    );
  if (c.attendingProvider)
    checkProvider(p, c.attendingProvider, `${ip}.attendingProvider`, 'attending provider', true);
  if (c.lines.length === 0) p.error('x12.837.lines.none', `${path}.lines`, 'The claim has no service lines.');
  if (c.lines.length > MAX_LINES_837I)
    p.error(
      'x12.837.lines.max',
      `${path}.lines`,
      `The claim has ${c.lines.length} lines; an 837I claim holds at most ${MAX_LINES_837I}.`,
    );
  let sum = 0;
  c.lines.forEach((l, i) => {
    const lp = `${path}.lines[${i}]`;
    sum += l.chargeCents;
    if (!/^\d{4}$/.test(l.revenueCode))
      p.error(
        'x12.837i.revenue-code',
        `${lp}.revenueCode`,
        `The revenue code (SV201) must be 4 digits; got "${l.revenueCode}".`,
        'Give revenueCode on every institutional line, e.g. 0450.',
      );
    if (l.procedureCode !== undefined && !/^[A-Z0-9]{5}$/.test(l.procedureCode))
      p.error(
        'x12.837.procedure',
        `${lp}.procedureCode`,
        `"${l.procedureCode}" is not a 5-character HCPCS code (SV202-2).`,
      );
    if (l.modifiers.length > 4)
      p.error('x12.837.modifiers.max', `${lp}.modifiers`, 'SV202 holds at most 4 modifiers.');
    if (l.chargeCents < 0)
      p.error('x12.837.charge.negative', `${lp}.chargeCents`, 'A line charge (SV203) cannot be negative.');
    if (!(l.units > 0)) p.error('x12.837.units', `${lp}.units`, 'The units (SV205) must be more than zero.');
    checkDate(p, l.serviceDate, `${lp}.serviceDate`, 'service date');
  });
  checkClaimTotal(p, c.totalChargeCents, sum, path, 'SV203');
  checkCob(p, c, responsibility, path);
}
