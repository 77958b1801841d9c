/**
 * The 837 loop model shared by 837P (005010X222A1) and 837I (005010X223A2): it follows the TR3 loops,
 * one interface per loop, with descriptive field names and the element id in a comment. The claim
 * loop (2300 and below) differs per guide, so the hierarchy is generic over the claim type.
 * Money is integer cents, dates `YYYY-MM-DD`.
 */

/** NM102 entity type qualifier: 1 person, 2 non-person entity. */
export type EntityTypeQualifier = '1' | '2';

/** N3/N4 address. */
export interface Address837 {
  readonly line1: string /* N301 */;
  readonly line2?: string /* N302 */;
  readonly city: string /* N401 */;
  readonly state: string /* N402 */;
  /** 5 or 9 digits (2010AA billing provider: 9, ZIP+4). */
  readonly zip: string /* N403 */;
}

/** PER communication contact. */
export interface Contact837 {
  readonly name?: string /* PER02 */;
  /** Digits only, e.g. 8015551212. */
  readonly phone?: string /* PER04 with PER03 = TE */;
  readonly email?: string /* PER04/06 with EM */;
}

/** A person's name in NM1. */
export interface PersonName837 {
  readonly lastName: string /* NM103 */;
  readonly firstName?: string /* NM104 */;
  readonly middleName?: string /* NM105 */;
  readonly suffix?: string /* NM107 */;
}

/** A provider in NM1 (person or organisation) identified by NPI. */
export interface ProviderName837 {
  readonly entityType: EntityTypeQualifier /* NM102 */;
  /** Organisation name, or the person's last name. */
  readonly lastNameOrOrganization: string /* NM103 */;
  readonly firstName?: string /* NM104 */;
  readonly middleName?: string /* NM105 */;
  readonly suffix?: string /* NM107 */;
  /** National Provider Identifier (NM108 = XX). */
  readonly npi?: string /* NM109 */;
}

/** BHT beginning of hierarchical transaction. */
export interface TransactionHeader837 {
  /** BHT02: 00 original, 18 reissue. */
  readonly purposeCode: '00' | '18' /* BHT02 */;
  /** The originator's batch reference. */
  readonly referenceId: string /* BHT03 */;
  readonly creationDate: string /* BHT04 */;
  /** HHMM. */
  readonly creationTime: string /* BHT05 */;
  /** CH chargeable (claims), RP reporting (encounters). */
  readonly claimOrEncounter: 'CH' | 'RP' /* BHT06 */;
}

/** Loop 1000A submitter: NM1*41 + PER*IC. */
export interface Submitter1000A {
  readonly entityType: EntityTypeQualifier /* NM102 */;
  readonly lastNameOrOrganization: string /* NM103 */;
  readonly firstName?: string /* NM104 */;
  /** Electronic transmitter identification number (NM108 = 46). */
  readonly identifier: string /* NM109 */;
  readonly contact: Contact837 /* PER */;
}

/** Loop 1000B receiver: NM1*40. */
export interface Receiver1000B {
  readonly name: string /* NM103 */;
  readonly identifier: string /* NM109 (NM108 = 46) */;
}

/** Loop 2010AA billing provider: NM1*85, N3, N4, REF*EI|SY, PER. */
export interface BillingProvider2010AA extends ProviderName837 {
  readonly address: Address837 /* N3/N4: a street address, ZIP+4 */;
  readonly taxIdQualifier: 'EI' | 'SY' /* REF01 */;
  readonly taxId: string /* REF02 */;
  readonly contact?: Contact837 /* PER */;
}

/** Loop 2000A billing provider hierarchical level (HL*n**20*1). */
export interface BillingProvider2000A<C> {
  /** Billing provider taxonomy (PRV*BI*PXC). */
  readonly taxonomyCode?: string /* PRV03 */;
  readonly billingProvider: BillingProvider2010AA;
  /** Loop 2010AB pay-to address (NM1*87*2, N3, N4) when payments go elsewhere. */
  readonly payToAddress?: Address837;
  readonly subscribers: readonly Subscriber2000B<C>[];
}

/** Loop 2010BA subscriber: NM1*IL*1…*MI, N3/N4 and DMG when the subscriber is the patient. */
export interface Subscriber2010BA extends PersonName837 {
  readonly memberId: string /* NM109 (NM108 = MI) */;
  readonly address?: Address837 /* N3/N4 */;
  readonly dateOfBirth?: string /* DMG02 (DMG01 = D8) */;
  readonly sex?: 'M' | 'F' | 'U' /* DMG03 */;
}

/** Loop 2010BB payer: NM1*PR*2…*PI. */
export interface Payer2010BB {
  readonly name: string /* NM103 */;
  readonly payerId: string /* NM109 (NM108 = PI) */;
  readonly address?: Address837 /* N3/N4 */;
}

/** Loop 2000B subscriber hierarchical level: HL*n*parent*22*child, SBR. */
export interface Subscriber2000B<C> {
  /** P primary, S secondary, T tertiary, … */
  readonly payerResponsibility: string /* SBR01 */;
  readonly groupNumber?: string /* SBR03 */;
  readonly groupName?: string /* SBR04 */;
  /** MB, MC, CI, BL, HM, … */
  readonly claimFilingIndicator: string /* SBR09 */;
  readonly subscriber: Subscriber2010BA;
  readonly payer: Payer2010BB;
  /** Claims whose patient is the subscriber (SBR02 = 18). */
  readonly claims: readonly C[];
  /** Dependants with their claims (loop 2000C). */
  readonly patients: readonly Patient2000C<C>[];
}

/** Loop 2000C patient hierarchical level (HL*n*parent*23*0, PAT) and 2010CA (NM1*QC, N3, N4, DMG). */
export interface Patient2000C<C> {
  /** Individual relationship code: 01 spouse, 19 child, 20 employee, 21 unknown, 39 organ donor, 40 cadaver donor, 53 life partner, G8 other. */
  readonly relationshipCode: string /* PAT01 */;
  readonly patient: PersonName837 & {
    readonly address: Address837 /* N3/N4 */;
    readonly dateOfBirth: string /* DMG02 */;
    readonly sex: 'M' | 'F' | 'U' /* DMG03 */;
  };
  readonly claims: readonly C[];
}

/** One CAS segment's group with its reason/amount/quantity triples (CAS02–CAS19; at most 6 per segment). */
export interface AdjustmentGroup837 {
  readonly group: string /* CAS01 */;
  readonly reasons: readonly {
    readonly reason: string /* CAS02 */;
    readonly amountCents: number /* CAS03 */;
    readonly quantity?: number; /* CAS04 */
  }[];
}

/** Loop 2330A other subscriber (NM1*IL) and 2330B other payer (NM1*PR, DTP*573, REF*F8). */
export interface OtherSubscriberName2330A extends PersonName837 {
  readonly entityType: EntityTypeQualifier /* NM102 */;
  readonly memberId: string /* NM109 (NM108 = MI) */;
  readonly address?: Address837;
}
export interface OtherPayer2330B {
  readonly name: string /* NM103 */;
  readonly payerId: string /* NM109 (NM108 = PI) */;
  readonly address?: Address837;
  /** Claim check or remittance date (DTP*573), when this payer adjudicated the claim. */
  readonly adjudicationDate?: string /* DTP03 */;
  /** This payer's claim control number (REF*F8). */
  readonly payerClaimControlNumber?: string /* REF02 */;
}

/** Loop 2320 other subscriber information: SBR, CAS, AMT*D, OI (+ 2330A, 2330B). */
export interface OtherSubscriber2320 {
  readonly payerResponsibility: string /* SBR01 */;
  /** Relationship of this other subscriber to the patient (18 self). */
  readonly relationshipCode: string /* SBR02 */;
  readonly groupNumber?: string /* SBR03 */;
  readonly groupName?: string /* SBR04 */;
  readonly claimFilingIndicator: string /* SBR09 */;
  /** Claim-level adjustments by this payer. */
  readonly adjustments: readonly AdjustmentGroup837[] /* CAS */;
  /** What this payer paid on the claim (AMT*D), when it adjudicated it. */
  readonly payerPaidCents?: number /* AMT02 */;
  readonly benefitsAssigned: 'Y' | 'N' | 'W' /* OI03 */;
  readonly releaseOfInformation: 'Y' | 'I' /* OI06 */;
  readonly subscriber: OtherSubscriberName2330A;
  readonly payer: OtherPayer2330B;
}

/** Loop 2430 line adjudication by another payer: SVD, CAS, DTP*573. */
export interface LineAdjudication2430 {
  /** Matches 2330B NM109 of the payer that adjudicated the line. */
  readonly otherPayerId: string /* SVD01 */;
  readonly paidCents: number /* SVD02 */;
  readonly procedureCode: string /* SVD03-2 (SVD03-1 = HC) */;
  readonly modifiers: readonly string[] /* SVD03-3..6 */;
  /** 837I only: the revenue code of the line. */
  readonly revenueCode?: string /* SVD04 */;
  readonly paidUnits: number /* SVD05 */;
  readonly adjustments: readonly AdjustmentGroup837[] /* CAS */;
  readonly adjudicationDate: string /* DTP*573 */;
}

/** Where a problem in a claim should point: the domain path (e.g. `claims[3]`) when it came from one. */
export interface SourceLocated {
  /** Not X12: the path of the source object, used in problem paths. */
  readonly sourcePath?: string;
}

/** The whole transaction set body (BHT through the last loop), generic over the claim loop. */
export interface Transaction837<C> {
  readonly header: TransactionHeader837;
  readonly submitter: Submitter1000A;
  readonly receiver: Receiver1000B;
  readonly billingProviders: readonly BillingProvider2000A<C>[];
}

/** Every claim in the hierarchy, in file order, with the loops above it. */
export function* eachClaim<C>(tx: Transaction837<C>): Generator<{
  claim: C;
  billing: BillingProvider2000A<C>;
  subscriber: Subscriber2000B<C>;
  patient?: Patient2000C<C>;
}> {
  for (const billing of tx.billingProviders) {
    for (const subscriber of billing.subscribers) {
      for (const claim of subscriber.claims) yield { claim, billing, subscriber };
      for (const patient of subscriber.patients)
        for (const claim of patient.claims) yield { claim, billing, subscriber, patient };
    }
  }
}
