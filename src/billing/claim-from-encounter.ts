/**
 * Encounter → claim (pure): the coded visit, the coverage billed, and the parties become a domain claim
 * (src/model/claim.ts) that the scrubber checks and the 837P writer maps. Storage looks the rows up
 * and persists the result (src/store/use-cases/create-claim-from-encounter.ts).
 */
import type {
  Address,
  BillingProvider,
  ClaimInput,
  Facility,
  PayerResponsibilityCode,
  Provider,
  SexCode,
} from '../model/claim.js';

/** The coded encounter: diagnoses first-listed first (ICD-10-CM without the dot), lines in order. */
export interface CodedEncounter {
  readonly id: number;
  readonly dateOfService: string;
  readonly placeOfService: string;
  readonly diagnoses: readonly string[];
  readonly lines: readonly {
    readonly procedureCode: string;
    readonly modifiers: readonly string[];
    readonly units: number;
    readonly diagnosisPointers: readonly number[];
    readonly serviceDate: string;
  }[];
}

/** The patient as the claim needs them. */
export interface ClaimPatient {
  readonly lastName: string;
  readonly firstName?: string;
  readonly middleName?: string;
  readonly suffix?: string;
  readonly dateOfBirth: string;
  readonly sex: SexCode;
  readonly address?: Address;
}

/** The coverage billed. `relationshipCode` is SBR02/PAT01: 18 self, 01 spouse, 19 child, … */
export interface ClaimCoverage {
  readonly priority: 'primary' | 'secondary' | 'tertiary';
  readonly memberId: string;
  readonly groupNumber?: string;
  readonly groupName?: string;
  readonly relationshipCode: string;
  readonly subscriber?: {
    readonly lastName: string;
    readonly firstName?: string;
    readonly dateOfBirth: string;
    readonly sex: SexCode;
  };
}

/** Everything a claim is built from. */
export interface ClaimFromEncounterInput {
  readonly encounter: CodedEncounter;
  /** Charge of each encounter line (all units), in the encounter's line order. */
  readonly chargesCents: readonly number[];
  readonly patient: ClaimPatient;
  readonly coverage: ClaimCoverage;
  readonly payer: {
    readonly name: string;
    readonly payerId: string;
    readonly claimFilingIndicator: string;
    readonly address?: Address;
  };
  readonly billingProvider: BillingProvider;
  readonly renderingProvider?: Provider;
  readonly referringProvider?: Provider;
  readonly serviceFacility?: Facility;
  /** CLM01, unique in the practice: the 835 echoes it in CLP01. */
  readonly patientControlNumber: string;
  /** REF*G1 prior authorisation number (2300). */
  readonly priorAuthorization?: string;
}

/** TR3 2000B SBR01: the coverage's order on this claim. */
export const RESPONSIBILITY_OF_PRIORITY: Readonly<
  Record<ClaimCoverage['priority'], PayerResponsibilityCode>
> = {
  primary: 'P',
  secondary: 'S',
  tertiary: 'T',
};

/**
 * REF*6R line item control number (2400): the claim's control number and the line number, so a
 * payment in the 835 (REF*6R echoed in 2110) finds its line even if the payer reorders lines.
 */
export function lineControlNumber(patientControlNumber: string, lineNumber: number): string {
  return `${patientControlNumber}-${lineNumber}`;
}

/** Builds the domain claim for one encounter and one coverage. */
export function claimFromEncounter(input: ClaimFromEncounterInput): ClaimInput {
  const { encounter, patient, coverage } = input;
  const self = coverage.relationshipCode === '18' || coverage.subscriber === undefined;
  const person = {
    lastName: patient.lastName,
    ...(patient.firstName !== undefined ? { firstName: patient.firstName } : {}),
    ...(patient.middleName !== undefined ? { middleName: patient.middleName } : {}),
    ...(patient.suffix !== undefined ? { suffix: patient.suffix } : {}),
  };
  // TR3 2010BA N3/N4 are required when the subscriber is the patient; for a dependant the subscriber
  // is taken to live at the patient's address (same household), which the coverage does not record.
  const address = patient.address ? { address: patient.address } : {};
  const group = {
    ...(coverage.groupNumber !== undefined ? { groupNumber: coverage.groupNumber } : {}),
    ...(coverage.groupName !== undefined ? { groupName: coverage.groupName } : {}),
  };
  const subscriber =
    self || !coverage.subscriber
      ? {
          ...person,
          dateOfBirth: patient.dateOfBirth,
          sex: patient.sex,
          memberId: coverage.memberId,
          ...group,
          ...address,
        }
      : {
          lastName: coverage.subscriber.lastName,
          ...(coverage.subscriber.firstName !== undefined
            ? { firstName: coverage.subscriber.firstName }
            : {}),
          dateOfBirth: coverage.subscriber.dateOfBirth,
          sex: coverage.subscriber.sex,
          memberId: coverage.memberId,
          ...group,
          ...address,
        };
  return {
    patientControlNumber: input.patientControlNumber,
    placeOfService: encounter.placeOfService,
    billingProvider: input.billingProvider,
    ...(input.renderingProvider ? { renderingProvider: input.renderingProvider } : {}),
    ...(input.referringProvider ? { referringProvider: input.referringProvider } : {}),
    ...(input.serviceFacility ? { serviceFacility: input.serviceFacility } : {}),
    payer: {
      name: input.payer.name,
      payerId: input.payer.payerId,
      claimFilingIndicator: input.payer.claimFilingIndicator,
      ...(input.payer.address ? { address: input.payer.address } : {}),
    },
    payerResponsibility: RESPONSIBILITY_OF_PRIORITY[coverage.priority],
    subscriber,
    ...(self
      ? {}
      : {
          patient: {
            ...person,
            dateOfBirth: patient.dateOfBirth,
            sex: patient.sex,
            relationshipCode: coverage.relationshipCode,
            ...address,
          },
        }),
    ...(input.priorAuthorization !== undefined && input.priorAuthorization !== ''
      ? { priorAuthorization: input.priorAuthorization }
      : {}),
    diagnoses: [...encounter.diagnoses],
    lines: encounter.lines.map((line, i) => ({
      procedureCode: line.procedureCode,
      modifiers: [...line.modifiers],
      chargeCents: input.chargesCents[i] ?? 0,
      units: line.units,
      diagnosisPointers: [...line.diagnosisPointers],
      serviceDate: line.serviceDate,
      placeOfService: encounter.placeOfService,
      lineControlNumber: lineControlNumber(input.patientControlNumber, i + 1),
    })),
  };
}
