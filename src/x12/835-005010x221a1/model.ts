/**
 * The typed remittance read from an 835 Health Care Claim Payment/Advice (ASC X12 005010X221A1).
 * One `Remittance835` per ST…SE transaction set (one payment). Money is integer cents; dates are
 * `YYYY-MM-DD`. Element ids are given in comments (`CLP04`), loop ids in the interface docs.
 */
import type { Cents } from '../../model/money.js';

/** CLP02 claim status codes (TR3 2100 CLP02). */
export const CLAIM_STATUS_CODES = {
  '1': 'Processed as primary',
  '2': 'Processed as secondary',
  '3': 'Processed as tertiary',
  '4': 'Denied',
  '19': 'Processed as primary, forwarded to additional payer(s)',
  '20': 'Processed as secondary, forwarded to additional payer(s)',
  '21': 'Processed as tertiary, forwarded to additional payer(s)',
  '22': 'Reversal of previous payment',
  '23': 'Not our claim, forwarded to additional payer(s)',
  '25': 'Predetermination pricing only, no payment',
} as const;
export type ClaimStatusCode = keyof typeof CLAIM_STATUS_CODES;

/** True when `v` is a CLP02 code. */
export function isClaimStatusCode(v: string): v is ClaimStatusCode {
  return Object.hasOwn(CLAIM_STATUS_CODES, v);
}

/** CAS01 claim adjustment group codes (005010: CR was removed). */
export const CAS_GROUP_CODES = ['CO', 'OA', 'PI', 'PR'] as const;
export type CasGroupCode = (typeof CAS_GROUP_CODES)[number];

/** True when `v` is a CAS01 group code. */
export function isCasGroupCode(v: string): v is CasGroupCode {
  // Spelled out instead of CAS_GROUP_CODES.includes: this runs for every CAS of big files.
  return v === 'CO' || v === 'OA' || v === 'PI' || v === 'PR';
}

/** PLB03-1 provider adjustment reason codes (element 426) with short descriptions. */
export const PROVIDER_ADJUSTMENT_REASONS = {
  '50': 'Late charge',
  '51': 'Interest penalty charge',
  '72': 'Authorized return (provider refund)',
  '90': 'Early payment allowance',
  AH: 'Origination fee',
  AM: "Applied to borrower's account",
  AP: 'Acceleration of benefits',
  B2: 'Rebate',
  B3: 'Recovery allowance',
  BD: 'Bad debt adjustment',
  BN: 'Bonus',
  C5: 'Temporary allowance',
  CR: 'Capitation interest',
  CS: 'Adjustment',
  CT: 'Capitation payment',
  CV: 'Capital passthru',
  CW: 'Certified registered nurse anesthetist passthru',
  DM: 'Direct medical education passthru',
  E3: 'Withholding',
  FB: 'Forwarding balance',
  FC: 'Fund allocation',
  GO: 'Graduate medical education passthru',
  HM: 'Hemophilia clotting factor supplement',
  IP: 'Incentive premium payment',
  IR: 'Internal Revenue Service withholding',
  IS: 'Interim settlement',
  J1: 'Nonreimbursable',
  L3: 'Penalty',
  L6: 'Interest owed',
  LE: 'Levy',
  LS: 'Lump sum',
  OA: 'Organ acquisition passthru',
  OB: 'Offset for affiliated providers',
  PI: 'Periodic interim payment',
  PL: 'Payment final',
  RA: 'Retro-activity adjustment',
  RE: 'Return on equity',
  SL: 'Student loan repayment',
  TL: 'Third party liability',
  WO: 'Overpayment recovery',
  WU: 'Unspecified recovery',
} as const;
export type ProviderAdjustmentReason = keyof typeof PROVIDER_ADJUSTMENT_REASONS;

/** A qualified reference (REF01/REF02) or identifier. */
export interface Reference {
  readonly qualifier: string;
  readonly value: string;
}

/** A qualified date (DTM01/DTM02), `YYYY-MM-DD` when DTM02 is a valid CCYYMMDD, else the raw text. */
export interface QualifiedDate {
  readonly qualifier: string;
  readonly date: string;
}

/** A qualified amount (AMT01/AMT02). */
export interface QualifiedAmount {
  readonly qualifier: string;
  readonly amountCents: Cents;
}

/** A qualified quantity (QTY01/QTY02), kept as decimal text. */
export interface QualifiedQuantity {
  readonly qualifier: string;
  readonly quantity: string;
}

/** One adjustment from a CAS triplet (CAS02/03/04, 05/06/07, … up to six per segment). */
export interface Adjustment {
  /** CAS01 group: CO contractual, OA other, PI payer initiated, PR patient responsibility. */
  readonly group: string;
  /** CARC reason code (CAS02, 05, 08, 11, 14, 17). */
  readonly reasonCode: string;
  readonly amountCents: Cents;
  /** Units adjusted (CAS04, 07, …), decimal text, when given. */
  readonly quantity?: string;
}

/** A name and identifier from NM1 (or N1). */
export interface Party {
  /** NM101/N101 entity identifier code (`QC` patient, `IL` insured, `74` corrected insured, `TT` crossover…). */
  readonly entity: string;
  /** NM103 last or organisation name / N102 name. */
  readonly name: string;
  readonly firstName?: string;
  readonly middleName?: string;
  readonly suffix?: string;
  /** NM108/N103 identification code qualifier. */
  readonly idQualifier?: string;
  /** NM109/N104 identifier. */
  readonly id?: string;
}

/** Payer (loop 1000A) or payee (loop 1000B). */
export interface RemittanceParty extends Party {
  readonly address?: { readonly lines: readonly string[]; readonly city?: string; readonly state?: string; readonly postalCode?: string; readonly country?: string };
  readonly references: readonly Reference[];
  /** PER contacts: function code, name and numbers. */
  readonly contacts: readonly { readonly function: string; readonly name?: string; readonly numbers: readonly Reference[] }[];
}

/** Balance check result: `expected` is what the adjustments must add up to. */
export interface Balance {
  readonly balanced: boolean;
  /** charge − paid (claim and line) or Σ CLP04 − Σ PLB (payment). */
  readonly expectedCents: Cents;
  /** Σ adjustments (claim and line) or BPR02 (payment). */
  readonly actualCents: Cents;
}

/** A service line (loop 2110). */
export interface ServiceLine835 {
  /** SVC01-1 product/service id qualifier: HC (HCPCS/CPT), AD (ADA), N4 (NDC), NU (revenue), … */
  readonly procedureQualifier: string;
  /** SVC01-2 adjudicated procedure code. */
  readonly procedureCode: string;
  /** SVC01-3…6 modifiers. */
  readonly modifiers: readonly string[];
  /** SVC01-7 description, when sent. */
  readonly description?: string;
  /** SVC02 line item charge. */
  readonly chargeCents: Cents;
  /** SVC03 line item provider payment. */
  readonly paidCents: Cents;
  /** SVC04 NUBC revenue code. */
  readonly revenueCode?: string;
  /** SVC05 units of service paid (default 1 when absent, per TR3), decimal text. */
  readonly units?: string;
  /** SVC06 submitted procedure when the payer adjudicated a different code. */
  readonly originalProcedure?: { readonly qualifier: string; readonly code: string; readonly modifiers: readonly string[]; readonly description?: string };
  /** SVC07 original units of service. */
  readonly originalUnits?: string;
  /** DTM*472 service date, or DTM*150/151 period. */
  readonly serviceDate?: string;
  readonly serviceDateFrom?: string;
  readonly serviceDateTo?: string;
  readonly adjustments: readonly Adjustment[];
  /** REF*6R line item control number (the 837 REF*6R we sent): matches the line back. */
  readonly lineControlNumber?: string;
  readonly references: readonly Reference[];
  readonly amounts: readonly QualifiedAmount[];
  readonly quantities: readonly QualifiedQuantity[];
  /** LQ remark codes: LQ01 HE = RARC, RX = NCPDP reject code. */
  readonly remarks: readonly Reference[];
  readonly balance: Balance;
  /** 1-based index of the SVC segment in the file. */
  readonly segmentIndex: number;
}

/** MIA inpatient adjudication (2100): the amounts and remark codes most used in posting. */
export interface InpatientAdjudication {
  /** MIA01 covered days or visits count. */
  readonly coveredDays?: string;
  /** MIA04 claim DRG amount. */
  readonly drgAmountCents?: Cents;
  /** MIA05, MIA20–MIA24 claim payment remark codes. */
  readonly remarkCodes: readonly string[];
  /** All elements as sent (MIA01 = elements[1]). */
  readonly elements: readonly string[];
}

/** MOA outpatient adjudication (2100). */
export interface OutpatientAdjudication {
  /** MOA01 reimbursement rate (percentage as decimal text). */
  readonly reimbursementRate?: string;
  /** MOA02 HCPCS payable amount. */
  readonly hcpcsPayableCents?: Cents;
  /** MOA03–MOA07 claim payment remark codes. */
  readonly remarkCodes: readonly string[];
  /** MOA08 ESRD payment amount. */
  readonly esrdPaymentCents?: Cents;
  /** MOA09 non-payable professional component amount. */
  readonly nonPayableProfessionalCents?: Cents;
}

/** One claim payment (loop 2100). */
export interface Claim835 {
  /** CLP01 patient control number: our claim id as sent in CLM01. */
  readonly patientControlNumber: string;
  /** CLP02 claim status code. */
  readonly status: string;
  /** CLP02 = 22: this claim reverses an earlier payment (amounts carry the opposite sign). */
  readonly reversal: boolean;
  /** Set on the claim that follows a reversal of the same claim in this payment: index of that reversal in `claims`. */
  readonly correctsReversalAt?: number;
  /** CLP03 total claim charge. */
  readonly chargeCents: Cents;
  /** CLP04 claim payment amount. */
  readonly paidCents: Cents;
  /** CLP05 patient responsibility amount (0 when absent). */
  readonly patientResponsibilityCents: Cents;
  /** CLP06 claim filing indicator (MB Medicare B, MC Medicaid, 12 PPO, …). */
  readonly claimFilingIndicator: string;
  /** CLP07 payer claim control number (ICN/DCN): needed to void or replace the claim. */
  readonly payerClaimControlNumber: string;
  /** CLP08 facility type code (place of service / type of bill). */
  readonly facilityTypeCode?: string;
  /** CLP09 claim frequency code. */
  readonly frequencyCode?: string;
  /** CLP11 DRG code, CLP12 DRG weight, CLP13 discharge fraction. */
  readonly drgCode?: string;
  readonly drgWeight?: string;
  readonly dischargeFraction?: string;
  /** LX01 header number of the 2000 loop the claim sits in. */
  readonly headerNumber?: string;
  /** Claim-level CAS. */
  readonly adjustments: readonly Adjustment[];
  /** NM1*QC patient. */
  readonly patient?: Party;
  /** NM1*IL insured (when different from the patient). */
  readonly insured?: Party;
  /** NM1*74 corrected patient/insured name or id. */
  readonly correctedInsured?: Party;
  /** NM1*82 service (rendering) provider. */
  readonly serviceProvider?: Party;
  /** NM1*TT crossover carrier (claim forwarded to this payer). */
  readonly crossoverCarrier?: Party;
  /** NM1*PR corrected priority payer. */
  readonly correctedPayer?: Party;
  /** NM1*GB other subscriber. */
  readonly otherSubscriber?: Party;
  readonly inpatient?: InpatientAdjudication;
  readonly outpatient?: OutpatientAdjudication;
  readonly references: readonly Reference[];
  /** DTM*232 / 233 statement period. */
  readonly statementFrom?: string;
  readonly statementTo?: string;
  /** DTM*050 received date. */
  readonly receivedDate?: string;
  /** Every claim DTM (036 coverage expiration, 050, 232, 233). */
  readonly dates: readonly QualifiedDate[];
  readonly amounts: readonly QualifiedAmount[];
  readonly quantities: readonly QualifiedQuantity[];
  readonly lines: ServiceLine835[];
  readonly balance: Balance;
  /** 1-based index of the CLP segment in the file. */
  readonly segmentIndex: number;
}

/** One PLB adjustment (a reason/reference composite and its amount). */
export interface ProviderAdjustment {
  /** PLB03-1 (05-1, …) adjustment reason code. */
  readonly reasonCode: string;
  /** PLB03-2 reference (often the payer claim control number or an invoice id). */
  readonly reference?: string;
  /** PLB04 (06, …): positive reduces the payment, negative increases it. */
  readonly amountCents: Cents;
}

/** One PLB segment. */
export interface ProviderAdjustmentSegment {
  /** PLB01 provider identifier. */
  readonly providerId: string;
  /** PLB02 fiscal period date. */
  readonly fiscalPeriodDate: string;
  readonly adjustments: readonly ProviderAdjustment[];
  readonly segmentIndex: number;
}

/** One 835 transaction set: one payment and the claims it pays. */
export interface Remittance835 {
  /** ST02. */
  readonly controlNumber: string;
  /** ST03 / GS08 implementation guide (`005010X221A1`). */
  readonly implementation: string;
  /** BPR01 transaction handling code (I remittance + payment, H notification only, …). */
  readonly handlingCode: string;
  /** BPR02 total actual provider payment amount. */
  readonly totalPaidCents: Cents;
  /** BPR03 C credit / D debit. */
  readonly creditDebit: string;
  /** BPR04 payment method: ACH, CHK, BOP, FWT, NON. */
  readonly paymentMethod: string;
  /** BPR05 payment format (CCP, CTX). */
  readonly paymentFormat?: string;
  /** BPR16 check issue or EFT effective date. */
  readonly paymentDate?: string;
  /** TRN02 check or EFT trace number: what reconciles the payment with the bank deposit. */
  readonly traceNumber: string;
  /** TRN03 payer identifier (1 + EIN usually). */
  readonly payerIdentifier?: string;
  /** TRN04 originating company supplemental code. */
  readonly originatingSupplementalCode?: string;
  /** DTM*405 production date. */
  readonly productionDate?: string;
  /** REF*EV receiver id, REF*F2 version (header REFs). */
  readonly references: readonly Reference[];
  /** Loop 1000A. */
  readonly payer?: RemittanceParty;
  /** Loop 1000B. */
  readonly payee?: RemittanceParty;
  readonly claims: Claim835[];
  readonly providerAdjustments: ProviderAdjustmentSegment[];
  /** BPR02 = Σ CLP04 − Σ PLB amounts (TR3 1.10.2.1). */
  readonly balance: Balance;
  /** Number of claims (also when `claims` was not kept, see Read835Options.keepClaims). */
  readonly claimCount: number;
  /** 1-based index of the ST segment. */
  readonly segmentIndex: number;
}
