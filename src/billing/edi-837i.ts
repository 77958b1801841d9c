/**
 * Domain claim (kind 'institutional') → 837I loop 2300 (005010X223A2). The hierarchy is grouped as
 * for the 837P (edi-837.ts). The type of bill splits into CLM05-1 (first two digits without the
 * leading 0) and CLM05-3 (the last digit, which must match the claim's frequency code).
 */
import type { Claim } from '../model/claim.js';
import type { Problem } from '../model/problem.js';
import type { Claim2300I, Institutional837 } from '../x12/837i-005010x223a2/model.js';
import {
  groupClaims,
  toOtherSubscribers,
  toProviderName,
  toCasGroups,
  type Edi837Parties,
} from './edi-837.js';

/** Domain claim → 837I loop 2300; problems point under `path`. */
export function toClaim2300I(claim: Claim, path: string, problems: Problem[]): Claim2300I {
  const inst = claim.institutional;
  if (!inst) {
    problems.push({
      severity: 'error',
      code: 'billing.edi837i.institutional-missing',
      path: `${path}.institutional`,
      message:
        'An institutional claim needs the institutional block (type of bill, statement dates, patient status).',
    });
  }
  const tob = (inst?.typeOfBill ?? '').replace(/^0(?=\d{3}$)/, '');
  const facility = tob.slice(0, 2);
  const tobFrequency = tob.slice(2, 3);
  if (inst && tobFrequency !== claim.frequencyCode) {
    problems.push({
      severity: 'error',
      code: 'billing.edi837i.frequency-mismatch',
      path: `${path}.institutional.typeOfBill`,
      message: `The type of bill ${inst.typeOfBill} ends in ${tobFrequency}, but the claim frequency is ${claim.frequencyCode}; the last digit of the type of bill is the frequency (CLM05-3).`,
    });
  }
  const replaces = claim.frequencyCode === '7' || claim.frequencyCode === '8';
  const [principal = '', ...others] = claim.diagnoses;
  const lines = claim.lines.map((l, i) => {
    if (l.drug)
      problems.push({
        severity: 'warning',
        code: 'billing.edi837i.drug-ignored',
        path: `${path}.lines[${i}].drug`,
        message: 'NDC drug details (2410) are not written for institutional claims yet.',
      });
    return {
      lineNumber: i + 1,
      revenueCode: l.revenueCode ?? '',
      procedureCode: l.procedureCode,
      modifiers: l.modifiers,
      chargeCents: l.chargeCents,
      unitType: 'UN' as const,
      units: l.units,
      serviceDate: l.serviceDate,
      ...(l.serviceDateEnd !== undefined ? { serviceDateEnd: l.serviceDateEnd } : {}),
      ...(l.lineControlNumber !== undefined ? { lineControlNumber: l.lineControlNumber } : {}),
      adjudications: l.priorAdjudications.map((a) => ({
        otherPayerId: a.payerId,
        paidCents: a.paidCents,
        procedureCode: a.procedureCode,
        modifiers: a.modifiers,
        ...(l.revenueCode ? { revenueCode: l.revenueCode } : {}),
        paidUnits: a.units,
        adjustments: toCasGroups(a.adjustments),
        adjudicationDate: a.adjudicationDate,
      })),
    };
  });
  let total = 0;
  for (const l of claim.lines) total += l.chargeCents;
  const attending = inst?.attendingProvider;
  return {
    sourcePath: path,
    patientControlNumber: claim.patientControlNumber,
    totalChargeCents: total,
    facilityTypeCode: facility,
    frequencyCode: claim.frequencyCode,
    assignmentCode: claim.acceptAssignment ? 'A' : 'C',
    benefitsAssigned: claim.benefitsAssigned ? 'Y' : 'N',
    releaseOfInformation: claim.releaseOfInformation,
    statementFrom: inst?.statementFrom ?? '',
    statementTo: inst?.statementTo ?? '',
    ...(inst?.admissionDate ? { admissionDate: inst.admissionDate } : {}),
    ...(inst?.admissionTypeCode ? { admissionTypeCode: inst.admissionTypeCode } : {}),
    ...(inst?.admissionSourceCode ? { admissionSourceCode: inst.admissionSourceCode } : {}),
    patientStatusCode: inst?.patientStatusCode ?? '',
    ...(claim.priorAuthorization ? { priorAuthorization: claim.priorAuthorization } : {}),
    ...(replaces && claim.originalClaimNumber ? { payerClaimControlNumber: claim.originalClaimNumber } : {}),
    principalDiagnosis: principal,
    otherDiagnoses: others,
    ...(inst?.principalProcedure
      ? { principalProcedure: { code: inst.principalProcedure.code, date: inst.principalProcedure.date } }
      : {}),
    occurrenceCodes: [],
    valueCodes: [],
    conditionCodes: [],
    ...(attending
      ? {
          attendingProvider: {
            ...toProviderName(attending),
            ...(attending.taxonomy ? { taxonomyCode: attending.taxonomy } : {}),
          },
        }
      : {}),
    otherSubscribers: toOtherSubscribers(claim),
    lines,
  };
}

/** Domain claims (all institutional) → 837I transaction sets, with mapping problems. */
export function claimsToInstitutional837(
  claims: readonly Claim[],
  parties: Edi837Parties,
  pathOf: (index: number) => string = (i) => `claims[${i}]`,
): { transactions: Institutional837[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const transactions = groupClaims(claims, parties, (claim, i) => toClaim2300I(claim, pathOf(i), problems));
  return { transactions, problems };
}
