/**
 * The 837P (005010X222A1) claim loop: 2300 and everything below it (2310A–C, 2320/2330, 2400, 2410,
 * 2420A, 2430). The hierarchy above it (1000A/B, 2000A–C) is shared with 837I, see model.ts.
 */
import type {
  AdjustmentGroup837,
  Address837,
  LineAdjudication2430,
  OtherSubscriber2320,
  ProviderName837,
  SourceLocated,
  Transaction837,
} from './model.js';

/** Claim-level DTP qualifiers in TR3 order (431 onset, 454 initial treatment, 304 last seen, 453 acute manifestation, 439 accident, 484 last menstrual period, 455 last X-ray, 471 prescription, 314/360/361 disability, 297/296 last/return worked, 435 admission, 096 discharge, 090/091 assumed care, 444 property & casualty first contact, 050 repricer received). */
export const CLAIM_DATE_QUALIFIERS_837P = [
  '431',
  '454',
  '304',
  '453',
  '439',
  '484',
  '455',
  '471',
  '314',
  '360',
  '361',
  '297',
  '296',
  '435',
  '096',
  '090',
  '091',
  '444',
  '050',
] as const;
export type ClaimDateQualifier837P = (typeof CLAIM_DATE_QUALIFIERS_837P)[number];

/** A 2300 DTP. */
export interface ClaimDate837P {
  readonly qualifier: ClaimDateQualifier837P /* DTP01 */;
  readonly date: string /* DTP03 (DTP02 = D8) */;
}

/** Loop 2310B rendering provider (NM1*82, PRV*PE*PXC) and 2420A at line level. */
export interface RenderingProvider837P extends ProviderName837 {
  readonly taxonomyCode?: string /* PRV03 */;
}

/** Loop 2310C service facility location (NM1*77, N3, N4). */
export interface ServiceFacility2310C {
  readonly name: string /* NM103 */;
  readonly npi?: string /* NM109 (NM108 = XX) */;
  readonly address: Address837;
}

/** Loop 2410 drug identification: LIN*N4, CTP. */
export interface Drug2410 {
  /** 11-digit NDC, 5-4-2, no dashes. */
  readonly ndc: string /* LIN03 (LIN02 = N4) */;
  readonly quantity: number /* CTP04 */;
  /** F2 international unit, GR gram, ME milligram, ML millilitre, UN unit. */
  readonly unit: 'F2' | 'GR' | 'ME' | 'ML' | 'UN' /* CTP05-1 */;
}

/** Loop 2400 service line: LX, SV1, DTP*472, REF*6R (+ 2410, 2420A, 2430). */
export interface ServiceLine2400P {
  readonly lineNumber: number /* LX01 */;
  readonly procedureCode: string /* SV101-2 (SV101-1 = HC) */;
  readonly modifiers: readonly string[] /* SV101-3..6 */;
  readonly chargeCents: number /* SV102 */;
  readonly unitType: 'UN' | 'MJ' /* SV103 */;
  readonly units: number /* SV104 */;
  /** Only when it differs from CLM05-1. */
  readonly placeOfServiceCode?: string /* SV105 */;
  /** 1-based pointers into the HI list, at most 4. */
  readonly diagnosisPointers: readonly number[] /* SV107-1..4 */;
  readonly serviceDate: string /* DTP03 (DTP01 = 472) */;
  /** When set, DTP*472 is RD8 from–to. */
  readonly serviceDateEnd?: string;
  readonly lineControlNumber?: string /* REF02 (REF01 = 6R) */;
  readonly drug?: Drug2410;
  readonly renderingProvider?: RenderingProvider837P /* 2420A */;
  readonly adjudications: readonly LineAdjudication2430[] /* 2430 */;
}

/** Loop 2300 claim information (837P). */
export interface Claim2300P extends SourceLocated {
  readonly patientControlNumber: string /* CLM01 */;
  readonly totalChargeCents: number /* CLM02 */;
  /** Place of service code. */
  readonly placeOfServiceCode: string /* CLM05-1 (CLM05-2 = B) */;
  /** 1 original, 7 replacement, 8 void. */
  readonly frequencyCode: string /* CLM05-3 */;
  readonly providerSignatureOnFile: boolean /* CLM06 Y/N */;
  /** A assigned, B lab services only, C not assigned. */
  readonly assignmentCode: 'A' | 'B' | 'C' /* CLM07 */;
  readonly benefitsAssigned: 'Y' | 'N' | 'W' /* CLM08 */;
  /** Y signed statement on file, I informed consent (HIPAA-permitted use). */
  readonly releaseOfInformation: 'Y' | 'I' /* CLM09 */;
  readonly dates: readonly ClaimDate837P[] /* DTP */;
  readonly priorAuthorization?: string /* REF*G1 */;
  /** The payer's number of the claim replaced or voided (frequency 7/8). */
  readonly payerClaimControlNumber?: string /* REF*F8 */;
  /** ICD-10-CM codes, first principal (ABK) then others (ABF); with or without the dot. */
  readonly diagnoses: readonly string[] /* HI01–HI12 */;
  readonly referringProvider?: ProviderName837 /* 2310A NM1*DN */;
  readonly renderingProvider?: RenderingProvider837P /* 2310B */;
  readonly serviceFacility?: ServiceFacility2310C /* 2310C */;
  readonly otherSubscribers: readonly OtherSubscriber2320[] /* 2320 */;
  readonly lines: readonly ServiceLine2400P[] /* 2400 */;
}

/** A whole 837P transaction set body. */
export type Professional837 = Transaction837<Claim2300P>;

export type { AdjustmentGroup837 };
