/**
 * The 837I (005010X223A2) claim loop: 2300 (CLM, DTP*434/435, CL1, REF, HI), 2310A attending
 * provider, 2320/2330 other payers and 2400 SV2 revenue lines with 2430 line adjudication. The
 * hierarchy above (1000A/B, 2000A–2010CA) is shared with 837P (../837p-005010x222a1/model.ts).
 */
import type {
  LineAdjudication2430,
  OtherSubscriber2320,
  ProviderName837,
  SourceLocated,
  Transaction837,
} from '../837p-005010x222a1/model.js';

/** A dated code in HI (occurrence BH, principal procedure BBR). */
export interface DatedCode837I {
  readonly code: string;
  readonly date: string /* HIxx-4 (HIxx-3 = D8) */;
}

/** A value code with its amount (HI BE). */
export interface ValueCode837I {
  readonly code: string /* HIxx-2 */;
  readonly amountCents: number /* HIxx-5 */;
}

/** Loop 2400 institutional service line: LX, SV2, DTP*472, REF*6R (+ 2430). */
export interface ServiceLine2400I {
  readonly lineNumber: number /* LX01 */;
  readonly revenueCode: string /* SV201 */;
  /** HCPCS/CPT when the revenue code needs one. */
  readonly procedureCode?: string /* SV202-2 (SV202-1 = HC) */;
  readonly modifiers: readonly string[] /* SV202-3..6 */;
  readonly chargeCents: number /* SV203 */;
  /** UN units, DA days. */
  readonly unitType: 'UN' | 'DA' /* SV204 */;
  readonly units: number /* SV205 */;
  readonly serviceDate?: string /* DTP*472 */;
  readonly serviceDateEnd?: string;
  readonly lineControlNumber?: string /* REF*6R */;
  readonly adjudications: readonly LineAdjudication2430[] /* 2430 */;
}

/** Loop 2300 claim information (837I). */
export interface Claim2300I extends SourceLocated {
  readonly patientControlNumber: string /* CLM01 */;
  readonly totalChargeCents: number /* CLM02 */;
  /** First two digits of the type of bill (facility type + bill classification). */
  readonly facilityTypeCode: string /* CLM05-1 (CLM05-2 = A) */;
  /** Third digit of the type of bill: 1 original, 7 replacement, 8 void, … */
  readonly frequencyCode: string /* CLM05-3 */;
  readonly assignmentCode: 'A' | 'B' | 'C' /* CLM07 */;
  readonly benefitsAssigned: 'Y' | 'N' | 'W' /* CLM08 */;
  readonly releaseOfInformation: 'Y' | 'I' /* CLM09 */;
  readonly statementFrom: string /* DTP*434 RD8 from */;
  readonly statementTo: string /* DTP*434 RD8 to */;
  readonly admissionDate?: string /* DTP*435 */;
  readonly admissionTypeCode?: string /* CL101 */;
  readonly admissionSourceCode?: string /* CL102 */;
  readonly patientStatusCode: string /* CL103 */;
  readonly priorAuthorization?: string /* REF*G1 */;
  readonly payerClaimControlNumber?: string /* REF*F8 */;
  readonly principalDiagnosis: string /* HI ABK */;
  readonly admittingDiagnosis?: string /* HI ABJ */;
  /** Up to 24 (two HI segments of 12). */
  readonly otherDiagnoses: readonly string[] /* HI ABF */;
  readonly principalProcedure?: DatedCode837I /* HI BBR */;
  readonly occurrenceCodes: readonly DatedCode837I[] /* HI BH */;
  readonly valueCodes: readonly ValueCode837I[] /* HI BE */;
  readonly conditionCodes: readonly string[] /* HI BG */;
  readonly attendingProvider?: ProviderName837 & {
    readonly taxonomyCode?: string;
  } /* 2310A NM1*71 + PRV*AT */;
  readonly otherSubscribers: readonly OtherSubscriber2320[] /* 2320 */;
  readonly lines: readonly ServiceLine2400I[] /* 2400 */;
}

/** A whole 837I transaction set body. */
export type Institutional837 = Transaction837<Claim2300I>;
