/**
 * The demo practice's fixed reference data: diagnosis and procedure codes, fees, allowed amounts,
 * payers and obviously fictional names. Codes are code NUMBERS only: CPT descriptions are
 * AMA-copyrighted and never shipped; the `why` notes are our own words.
 *
 * ICD-10-CM codes are billable (complete) codes valid on every date of service the demo uses (FY2026,
 * Oct 2025 – Sep 2026, and FY2027 from Oct 2026); src/store/demo/demo.int.test.ts checks each one
 * against the committed code sets in data/codes.
 */

/** Diagnoses for problem-oriented visits, with how often they come up (relative weight). */
export const CHRONIC_DIAGNOSES: readonly (readonly [string, number])[] = [
  ['I10', 30], // essential hypertension
  ['E11.9', 14], // type 2 diabetes without complications
  ['E11.65', 6], // type 2 diabetes with hyperglycaemia
  ['E11.22', 3], // type 2 diabetes with diabetic CKD
  ['E78.5', 16], // hyperlipidaemia, unspecified
  ['E78.00', 5], // pure hypercholesterolaemia
  ['E03.9', 7], // hypothyroidism
  ['E66.9', 6], // obesity
  ['J45.909', 5], // asthma
  ['J44.9', 4], // COPD
  ['I25.10', 4], // coronary artery disease
  ['I48.91', 3], // atrial fibrillation
  ['I50.9', 2], // heart failure
  ['F41.1', 6], // generalised anxiety
  ['F32.A', 4], // depression, unspecified
  ['F17.210', 4], // nicotine dependence, cigarettes
  ['G47.00', 3], // insomnia
  ['G43.909', 3], // migraine
  ['K21.9', 6], // GERD
  ['M17.11', 4], // primary osteoarthritis, right knee
  ['M54.50', 7], // low back pain
  ['M54.2', 3], // cervicalgia
  ['N40.0', 3], // BPH without LUTS
  ['D64.9', 2], // anaemia
  ['E55.9', 3], // vitamin D deficiency
  ['R73.03', 4], // prediabetes
  ['Z79.4', 3], // long-term insulin use
  ['Z79.84', 3], // long-term oral hypoglycaemics
];

export const ACUTE_DIAGNOSES: readonly (readonly [string, number])[] = [
  ['J06.9', 12], // acute upper respiratory infection
  ['J02.9', 6], // acute pharyngitis
  ['J01.90', 4], // acute sinusitis
  ['J20.9', 4], // acute bronchitis
  ['R05.9', 5], // cough
  ['R51.9', 3], // headache
  ['R10.9', 3], // abdominal pain
  ['R53.83', 3], // fatigue
  ['R42', 2], // dizziness
  ['R07.9', 2], // chest pain
  ['N39.0', 5], // urinary tract infection
  ['K59.00', 2], // constipation
  ['K58.9', 2], // irritable bowel syndrome
  ['L30.9', 3], // dermatitis
  ['B35.1', 2], // onychomycosis
  ['H10.9', 2], // conjunctivitis
  ['H61.23', 2], // impacted cerumen, bilateral
  ['M25.561', 3], // right knee pain
  ['S93.401A', 2], // right ankle sprain, initial encounter
  ['R60.0', 1], // localised oedema
  ['E87.6', 1], // hypokalaemia
  ['R35.0', 1], // frequency of micturition
];

/** Preventive-care diagnoses. */
export const PREVENTIVE = {
  /** Routine adult exam without abnormal findings. */
  exam: 'Z00.00',
  /** Routine adult exam with abnormal findings. */
  examAbnormal: 'Z00.01',
  /** Encounter for immunisation. */
  immunization: 'Z23',
  /** Screening for diabetes. */
  diabetesScreen: 'Z13.1',
  /** Screening mammogram referral. */
  mammogramScreen: 'Z12.31',
  /** Dietary counselling. */
  dietCounsel: 'Z71.3',
} as const;

/** Every diagnosis code the demo may use. */
export const DEMO_DIAGNOSIS_CODES: readonly string[] = [
  ...CHRONIC_DIAGNOSES.map(([c]) => c),
  ...ACUTE_DIAGNOSES.map(([c]) => c),
  ...Object.values(PREVENTIVE),
];

/** A billable procedure: code number, practice charge and the Medicare-like allowed amount (cents). */
export interface DemoProcedure {
  readonly code: string;
  readonly system: 'cpt' | 'hcpcs';
  /** The practice's charge per unit. */
  readonly chargeCents: number;
  /** Baseline allowed amount per unit; contracts scale it per payer. */
  readonly allowedCents: number;
  /** Our own words, not the CPT descriptor. */
  readonly why: string;
}

export const PROCEDURES: readonly DemoProcedure[] = [
  { code: '99202', system: 'cpt', chargeCents: 15_000, allowedCents: 7_200, why: 'new patient visit, straightforward' },
  { code: '99203', system: 'cpt', chargeCents: 22_000, allowedCents: 11_000, why: 'new patient visit, low complexity' },
  { code: '99204', system: 'cpt', chargeCents: 33_500, allowedCents: 16_800, why: 'new patient visit, moderate complexity' },
  { code: '99212', system: 'cpt', chargeCents: 11_500, allowedCents: 5_700, why: 'established visit, straightforward' },
  { code: '99213', system: 'cpt', chargeCents: 18_500, allowedCents: 9_200, why: 'established visit, low complexity' },
  { code: '99214', system: 'cpt', chargeCents: 26_000, allowedCents: 13_100, why: 'established visit, moderate complexity' },
  { code: '99215', system: 'cpt', chargeCents: 37_000, allowedCents: 18_500, why: 'established visit, high complexity' },
  { code: '99395', system: 'cpt', chargeCents: 28_000, allowedCents: 14_000, why: 'preventive visit, 18–39' },
  { code: '99396', system: 'cpt', chargeCents: 30_000, allowedCents: 15_000, why: 'preventive visit, 40–64' },
  { code: '99397', system: 'cpt', chargeCents: 32_000, allowedCents: 16_000, why: 'preventive visit, 65+' },
  { code: '36415', system: 'cpt', chargeCents: 1_500, allowedCents: 300, why: 'venous blood draw' },
  { code: '80053', system: 'cpt', chargeCents: 4_500, allowedCents: 1_056, why: 'metabolic panel' },
  { code: '80061', system: 'cpt', chargeCents: 5_500, allowedCents: 1_339, why: 'lipid panel' },
  { code: '85025', system: 'cpt', chargeCents: 3_500, allowedCents: 777, why: 'blood count' },
  { code: '83036', system: 'cpt', chargeCents: 4_000, allowedCents: 971, why: 'HbA1c' },
  { code: '84443', system: 'cpt', chargeCents: 6_000, allowedCents: 1_680, why: 'TSH' },
  { code: '81002', system: 'cpt', chargeCents: 1_800, allowedCents: 348, why: 'urinalysis, dipstick' },
  { code: '87880', system: 'cpt', chargeCents: 4_500, allowedCents: 1_600, why: 'rapid strep test' },
  { code: '93000', system: 'cpt', chargeCents: 7_500, allowedCents: 1_600, why: 'ECG with report' },
  { code: '90686', system: 'cpt', chargeCents: 4_800, allowedCents: 2_027, why: 'flu vaccine product' },
  { code: '90471', system: 'cpt', chargeCents: 4_000, allowedCents: 2_100, why: 'vaccine administration' },
  { code: '96372', system: 'cpt', chargeCents: 5_000, allowedCents: 1_500, why: 'therapeutic injection' },
  { code: '20610', system: 'cpt', chargeCents: 22_000, allowedCents: 6_300, why: 'large joint injection' },
  { code: '69210', system: 'cpt', chargeCents: 12_000, allowedCents: 5_200, why: 'cerumen removal' },
  { code: 'G0438', system: 'hcpcs', chargeCents: 32_000, allowedCents: 16_800, why: 'Medicare annual wellness visit, first' },
  { code: 'G0439', system: 'hcpcs', chargeCents: 25_000, allowedCents: 13_300, why: 'Medicare annual wellness visit, subsequent' },
  { code: 'G0444', system: 'hcpcs', chargeCents: 4_500, allowedCents: 1_900, why: 'annual depression screening' },
  { code: 'G0008', system: 'hcpcs', chargeCents: 4_000, allowedCents: 3_330, why: 'Medicare flu shot administration' },
  // J1030 (40 mg) ended 2024-03-31; J1010 is per 1 mg since 2024-04-01, so 40 mg bills 40 units.
  { code: 'J1010', system: 'hcpcs', chargeCents: 65, allowedCents: 8, why: 'methylprednisolone acetate, per 1 mg' },
  { code: 'J3301', system: 'hcpcs', chargeCents: 1_000, allowedCents: 150, why: 'triamcinolone acetonide, per 10 mg' },
];

/** The procedure with this code (throws for a code not in the catalog: a bug in the seed). */
export function procedure(code: string): DemoProcedure {
  const p = PROCEDURES.find((x) => x.code === code);
  if (!p) throw new Error(`demo procedure ${code} is not in the catalog`);
  return p;
}

/** The payers: SBR09 claim filing indicator, contract level (basis points of the baseline allowed). */
export const DEMO_PAYERS = [
  { key: 'medicare', name: 'Medicare Part B (Demo Jurisdiction)', payerId: 'DMCR1', claimFilingIndicator: 'MB', timelyFilingDays: 365, contractBp: 10_000 },
  { key: 'medicaid', name: 'State Medicaid (Demo)', payerId: 'DMCD1', claimFilingIndicator: 'MC', timelyFilingDays: 180, contractBp: 7_200 },
  { key: 'acme', name: 'Acme Health Plan (Demo)', payerId: 'DACME', claimFilingIndicator: 'CI', timelyFilingDays: 90, contractBp: 13_000 },
  { key: 'bluedemo', name: 'Blue Demo Shield', payerId: 'DBLUE', claimFilingIndicator: 'BL', timelyFilingDays: 180, contractBp: 12_000 },
] as const;
export type DemoPayerKey = (typeof DEMO_PAYERS)[number]['key'];

/** First names (common, so they read naturally) and surnames that no real family carries. */
export const FIRST_NAMES = {
  F: ['Ada', 'Bea', 'Cora', 'Dina', 'Elsa', 'Faye', 'Gwen', 'Hana', 'Iris', 'June', 'Kira', 'Lena', 'Mara', 'Nina', 'Opal', 'Pia', 'Rosa', 'Tess', 'Uma', 'Vera'],
  M: ['Abe', 'Bo', 'Cal', 'Dev', 'Eli', 'Finn', 'Gus', 'Hal', 'Ian', 'Jon', 'Kai', 'Leo', 'Max', 'Ned', 'Otto', 'Pax', 'Rex', 'Sol', 'Ted', 'Vic'],
} as const;
export const SURNAMES = [
  'Demoton', 'Samplewood', 'Testfield', 'Mockridge', 'Fakely', 'Placeholt', 'Dummerly', 'Synthwick', 'Fictson', 'Notreal',
  'Pretendy', 'Exampleby', 'Stubbins', 'Fixturo', 'Lorembly', 'Ipsumor', 'Trialton', 'Madeupson', 'Imaginbury', 'Nobodyton',
] as const;

/** Towns of the fictional practice area (real state, 555 numbers are fictional by convention). */
export const TOWNS = [
  { city: 'Springfield', zip: '62701' },
  { city: 'Chatham', zip: '62629' },
  { city: 'Rochester', zip: '62563' },
  { city: 'Sherman', zip: '62684' },
] as const;
export const STREETS = ['Maple Ave', 'Oak St', 'Elm St', 'Cedar Ln', 'Birch Rd', 'Walnut Dr', 'Pine Ct', 'Willow Way'] as const;
