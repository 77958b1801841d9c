/**
 * Superbill's claim: the domain object that the scrubber checks, the 837P/837I writers map to X12 and
 * the store persists. It is also the documented JSON claim format (`docs/claim-format.md`) that
 * `superbill claims scrub FILE` and `superbill x12 837 FILE` read. Money is integer cents; dates are
 * `YYYY-MM-DD`.
 */
import { z } from 'zod';
import { isCalendarDate } from './dates.js';

const calendarDate = z.string().refine(isCalendarDate, { error: 'must be a real date in YYYY-MM-DD form' });
const cents = z.number().int({ error: 'must be whole cents (an integer)' });

/** TR3 2300 CLM05-3 claim frequency: 1 original, 7 replacement, 8 void. */
export const CLAIM_FREQUENCY_CODES = ['1', '7', '8'] as const;
export type ClaimFrequencyCode = (typeof CLAIM_FREQUENCY_CODES)[number];

/** TR3 2000B SBR01 payer responsibility sequence. */
export const PAYER_RESPONSIBILITY_CODES = ['P', 'S', 'T', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'U'] as const;
export type PayerResponsibilityCode = (typeof PAYER_RESPONSIBILITY_CODES)[number];

/** CAS01 claim adjustment group codes. */
export const CAS_GROUP_CODES = ['CO', 'CR', 'OA', 'PI', 'PR'] as const;
export type CasGroupCode = (typeof CAS_GROUP_CODES)[number];

export const SEX_CODES = ['M', 'F', 'U'] as const;
export type SexCode = (typeof SEX_CODES)[number];

export const addressSchema = z.object({
  line1: z.string().min(1),
  line2: z.string().optional(),
  city: z.string().min(1),
  state: z.string().length(2),
  /** 5 or 9 digits, no dash (the 837 wants ZIP+4 for the billing provider). */
  zip: z.string().regex(/^\d{5}(\d{4})?$/, { error: 'must be 5 or 9 digits' }),
});
export type Address = z.infer<typeof addressSchema>;

export const personNameSchema = z.object({
  lastName: z.string().min(1),
  firstName: z.string().optional(),
  middleName: z.string().optional(),
  suffix: z.string().optional(),
});

export const providerSchema = z.object({
  npi: z.string(),
  /** Organisation name, or a person's last name when `firstName` is set. */
  lastNameOrOrganization: z.string().min(1),
  firstName: z.string().optional(),
  middleName: z.string().optional(),
  taxonomy: z.string().optional(),
});
export type Provider = z.infer<typeof providerSchema>;

export const billingProviderSchema = providerSchema.extend({
  taxId: z.string(),
  /** EI = employer identification number, SY = social security number. */
  taxIdType: z.enum(['EI', 'SY']).default('EI'),
  address: addressSchema,
  payToAddress: addressSchema.optional(),
  contactName: z.string().optional(),
  contactPhone: z.string().optional(),
});
export type BillingProvider = z.infer<typeof billingProviderSchema>;

export const facilitySchema = z.object({
  name: z.string().min(1),
  npi: z.string().optional(),
  address: addressSchema,
});
export type Facility = z.infer<typeof facilitySchema>;

export const subscriberSchema = personNameSchema.extend({
  memberId: z.string().min(1),
  dateOfBirth: calendarDate,
  sex: z.enum(SEX_CODES),
  address: addressSchema.optional(),
  groupNumber: z.string().optional(),
  groupName: z.string().optional(),
});
export type Subscriber = z.infer<typeof subscriberSchema>;

/** The patient when not the subscriber (TR3 2000C/2010CA); `relationshipCode` is PAT01 (e.g. 19 child, 01 spouse). */
export const patientSchema = personNameSchema.extend({
  dateOfBirth: calendarDate,
  sex: z.enum(SEX_CODES),
  address: addressSchema.optional(),
  relationshipCode: z.string().min(2).max(2),
});
export type Patient = z.infer<typeof patientSchema>;

export const payerSchema = z.object({
  name: z.string().min(1),
  payerId: z.string().min(1),
  /** SBR09 claim filing indicator: MB Medicare Part B, MC Medicaid, CI commercial, BL BCBS, HM HMO, … */
  claimFilingIndicator: z.string().min(1).max(2),
  address: addressSchema.optional(),
});
export type Payer = z.infer<typeof payerSchema>;

export const adjustmentSchema = z.object({
  group: z.enum(CAS_GROUP_CODES),
  reason: z.string().min(1),
  amountCents: cents,
  quantity: z.number().optional(),
});
export type Adjustment = z.infer<typeof adjustmentSchema>;

/** What an earlier payer did with one line (837P 2430 SVD/CAS/DTP*573), for a secondary claim. */
export const lineAdjudicationSchema = z.object({
  payerId: z.string().min(1),
  paidCents: cents,
  procedureCode: z.string().min(1),
  modifiers: z.array(z.string()).max(4).default([]),
  units: z.number().positive(),
  adjustments: z.array(adjustmentSchema).default([]),
  adjudicationDate: calendarDate,
});
export type LineAdjudication = z.infer<typeof lineAdjudicationSchema>;

/** Another payer on the claim (837P 2320/2330 loops): who, and what it already paid. */
export const otherPayerSchema = z.object({
  payer: payerSchema,
  responsibility: z.enum(PAYER_RESPONSIBILITY_CODES),
  subscriber: subscriberSchema,
  /** SBR02 individual relationship of the other subscriber to the patient (18 self). */
  relationshipCode: z.string().min(2).max(2).default('18'),
  paidCents: cents.optional(),
  /** Claim-level adjustments the other payer made (2320 CAS). */
  adjustments: z.array(adjustmentSchema).default([]),
  adjudicationDate: calendarDate.optional(),
  payerClaimControlNumber: z.string().optional(),
});
export type OtherPayer = z.infer<typeof otherPayerSchema>;

export const drugSchema = z.object({
  /** 11-digit NDC in 5-4-2 form without dashes. */
  ndc: z.string().regex(/^\d{11}$/, { error: 'must be an 11-digit NDC (5-4-2) without dashes' }),
  quantity: z.number().positive(),
  /** CTP05-1 unit: F2 international unit, GR gram, ME milligram, ML millilitre, UN unit. */
  unit: z.enum(['F2', 'GR', 'ME', 'ML', 'UN']),
});
export type Drug = z.infer<typeof drugSchema>;

export const serviceLineSchema = z.object({
  /** CPT or HCPCS Level II code (professional) — for institutional lines the HCPCS on the revenue line. */
  procedureCode: z.string().min(1),
  modifiers: z.array(z.string()).max(4).default([]),
  chargeCents: cents,
  units: z.number().positive(),
  /** SV103: UN units, MJ minutes (anaesthesia). */
  unitType: z.enum(['UN', 'MJ']).default('UN'),
  /** 1-based pointers into `diagnoses`, at most 4. */
  diagnosisPointers: z.array(z.number().int().min(1).max(12)).min(1).max(4),
  serviceDate: calendarDate,
  serviceDateEnd: calendarDate.optional(),
  placeOfService: z.string().optional(),
  renderingProvider: providerSchema.optional(),
  drug: drugSchema.optional(),
  /** REF*6R line item control number: the 835 echoes it so a payment finds its line. */
  lineControlNumber: z.string().optional(),
  /** Institutional only: revenue code (SV201). */
  revenueCode: z.string().optional(),
  priorAdjudications: z.array(lineAdjudicationSchema).default([]),
});
export type ServiceLine = z.infer<typeof serviceLineSchema>;

export const claimSchema = z.object({
  id: z.string().optional(),
  /** Professional (837P / CMS-1500) or institutional (837I / UB-04). */
  kind: z.enum(['professional', 'institutional']).default('professional'),
  /** CLM01: the patient control number the payer echoes in CLP01. */
  patientControlNumber: z.string().min(1).max(38),
  frequencyCode: z.enum(CLAIM_FREQUENCY_CODES).default('1'),
  /** REF*F8: the payer's claim control number of the claim being replaced or voided. */
  originalClaimNumber: z.string().optional(),
  /** CLM05-1 for professional claims (place of service); type of bill first two digits for institutional. */
  placeOfService: z.string().min(1),
  billingProvider: billingProviderSchema,
  renderingProvider: providerSchema.optional(),
  referringProvider: providerSchema.optional(),
  serviceFacility: facilitySchema.optional(),
  payer: payerSchema,
  /** SBR01 of this claim: P primary, S secondary, T tertiary. */
  payerResponsibility: z.enum(PAYER_RESPONSIBILITY_CODES).default('P'),
  subscriber: subscriberSchema,
  /** Present when the patient is not the subscriber. */
  patient: patientSchema.optional(),
  otherPayers: z.array(otherPayerSchema).default([]),
  priorAuthorization: z.string().optional(),
  /** ICD-10-CM codes in order; the first is the principal/first-listed diagnosis. At most 12. */
  diagnoses: z.array(z.string().min(3)).min(1).max(12),
  lines: z.array(serviceLineSchema).min(1),
  /** Institutional only. */
  institutional: z
    .object({
      typeOfBill: z.string().regex(/^\d{3,4}$/),
      admissionDate: calendarDate.optional(),
      admissionTypeCode: z.string().optional(),
      admissionSourceCode: z.string().optional(),
      patientStatusCode: z.string(),
      statementFrom: calendarDate,
      statementTo: calendarDate,
      attendingProvider: providerSchema.optional(),
      principalProcedure: z.object({ code: z.string(), date: calendarDate }).optional(),
    })
    .optional(),
  signatureOnFile: z.boolean().default(true),
  acceptAssignment: z.boolean().default(true),
  benefitsAssigned: z.boolean().default(true),
  releaseOfInformation: z.enum(['Y', 'I']).default('Y'),
});
export type Claim = z.infer<typeof claimSchema>;
export type ClaimInput = z.input<typeof claimSchema>;

/** The sum of the claim's line charges (CLM02 must equal it). */
export function claimTotalCents(claim: Pick<Claim, 'lines'>): number {
  let total = 0;
  for (const line of claim.lines) total += line.chargeCents;
  return total;
}
