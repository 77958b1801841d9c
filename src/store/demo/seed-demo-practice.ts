/**
 * `superbill demo seed`: builds the demo practice (issue 3) through the store's services, in ONE
 * transaction, so it appears whole or not at all. Deterministic: a seeded PRNG and dates fixed
 * relative to DEMO_ANCHOR (2026-11-01), so every run on every machine and dialect builds the same
 * practice (compare `fingerprint`). Idempotent: when the practice's handle already exists, nothing is
 * written and the existing practice is summarised.
 *
 * What it holds: one billing provider (organisation NPI, EIN, ZIP+4), three rendering providers, one
 * facility, Medicare (MB), Medicaid (MC) and two commercial payers (CI, BL) with contracts, a fee
 * schedule, a few hundred patients with coverages (some with a secondary), six months of encounters
 * coded with ICD-10-CM, HCPCS and CPT code numbers, one claim per encounter, and the money: charges,
 * primary and secondary payments, contractual adjustments, transfers to the next party, patient
 * payments, small-balance write-offs, refunds of overpayments and reversals of mistaken postings —
 * enough that AR aging has amounts in every bucket for payers and for patients.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { AGING_BUCKETS } from '../../billing/ledger/aging.js';
import type { AgingBucket } from '../../billing/ledger/aging.js';
import type { ClaimEvent } from '../../billing/claim-lifecycle.js';
import type { NewLedgerEntry } from '../../billing/ledger/entry.js';
import type { PayerBucket } from '../../billing/ledger/kinds.js';
import { reversalOf } from '../../billing/ledger/reversal.js';
import type { ClaimInput } from '../../model/claim.js';
import { addDays, ageOn } from '../../model/dates.js';
import type { CalendarDate } from '../../model/dates.js';
import { applyBasisPoints } from '../../model/money.js';
import { saveClaim } from '../claims.service.js';
import { createEncounter } from '../encounters.service.js';
import { createFeeSchedule } from '../fee-schedules.service.js';
import { getAging, getTenantBalances, postLedgerEntries } from '../ledger.service.js';
import { addCoverage, createPatient } from '../patients.service.js';
import { createPayer, createPayerContract } from '../payers.service.js';
import { createBillingProvider, createFacility, createProvider } from '../providers.service.js';
import type { Executor } from '../schema.js';
import { findTenantBySlug, findUserByEmail } from '../tenancy.repository.js';
import { addMember, createTenant, createUser } from '../tenancy.service.js';
import { systemContext } from '../tenant-context.js';
import type { TenantContext } from '../tenant-context.js';
import type { Role } from '../tables/tenants.table.js';
import { withTransaction } from '../transaction.js';
import { transitionClaim } from '../use-cases/transition-claim.js';
import { ACUTE_DIAGNOSES, CHRONIC_DIAGNOSES, DEMO_PAYERS, FIRST_NAMES, PREVENTIVE, PROCEDURES, STREETS, SURNAMES, TOWNS, procedure } from './catalog.js';
import type { DemoPayerKey } from './catalog.js';
import { demoMbi, demoMemberId, demoNpi } from './identifiers.js';
import { Prng } from './prng.js';
import { seedWorkflowExamples } from './wrong-claims.js';

/** The fixed "today" of the demo: every date is relative to it. */
export const DEMO_ANCHOR: CalendarDate = '2026-11-01';
/** The first date of service of the six months of encounters. */
export const DEMO_FIRST_SERVICE_DATE: CalendarDate = '2026-05-01';
export const DEMO_SLUG = 'demo-practice';
const SEED = 20_261_101;

/** Options for {@link seedDemoPractice}. */
export interface DemoSeedOptions {
  /** The practice's handle (default `demo-practice`); tests use others to seed twice in one database. */
  readonly slug?: string;
  /** How many patients (default 300). */
  readonly patientCount?: number;
  /** Add the claim-workflow examples (deliberately wrong claims, coded encounters); default true. */
  readonly workflowExamples?: boolean;
}

/** What the demo practice holds (whether it was created now or found). */
export interface DemoSeedResult {
  readonly created: boolean;
  readonly tenantId: number;
  readonly slug: string;
  readonly message: string;
  readonly counts: Readonly<Record<'providers' | 'payers' | 'patients' | 'coverages' | 'encounters' | 'claims' | 'claimLines' | 'ledgerEntries' | 'postingBatches', number>>;
  readonly totals: { readonly chargedCents: number; readonly balanceCents: number; readonly payerCents: number; readonly patientCents: number };
  readonly aging: {
    readonly asOf: CalendarDate;
    readonly byPayer: readonly { payer: string; buckets: Record<AgingBucket, number>; totalCents: number }[];
    readonly patients: { readonly buckets: Record<AgingBucket, number>; readonly totalCents: number; readonly accounts: number };
  };
  /** SHA-256 over the practice's claims and ledger in order: equal on every run and dialect. */
  readonly fingerprint: string;
}

const PLAN = {
  medicare: { copayCents: 0, coinsuranceBp: 2_000, memberPrefix: '' },
  medicaid: { copayCents: 0, coinsuranceBp: 0, memberPrefix: 'DM' },
  acme: { copayCents: 2_500, coinsuranceBp: 1_000, memberPrefix: 'ACM' },
  bluedemo: { copayCents: 3_000, coinsuranceBp: 2_000, memberPrefix: 'XDB' },
} as const satisfies Record<DemoPayerKey, unknown>;

interface DemoPayer {
  readonly id: number;
  readonly key: DemoPayerKey;
  readonly name: string;
  readonly payerId: string;
  readonly claimFilingIndicator: string;
  readonly contractBp: number;
}

interface DemoCoverage {
  readonly id: number;
  readonly payer: DemoPayer;
  readonly memberId: string;
  readonly groupNumber?: string;
  readonly relationshipCode: string;
  readonly subscriber?: { lastName: string; firstName: string; dateOfBirth: string; sex: 'M' | 'F' };
}

interface DemoPatient {
  readonly id: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly dateOfBirth: CalendarDate;
  readonly sex: 'M' | 'F';
  readonly address: { line1: string; city: string; state: string; zip: string };
  readonly primary: DemoCoverage;
  readonly secondary?: DemoCoverage;
}

interface PlannedLine {
  readonly code: string;
  readonly units: number;
  readonly modifiers: string[];
  readonly pointers: number[];
}

/** Builds the demo practice, or summarises it when it already exists. */
export async function seedDemoPractice(db: Executor, options: DemoSeedOptions = {}): Promise<DemoSeedResult> {
  const slug = options.slug ?? DEMO_SLUG;
  const existing = await findTenantBySlug(db, slug);
  if (existing) {
    return summarize(db, existing.id, slug, false, `The demo practice "${slug}" already exists (tenant ${existing.id}); nothing was changed.`);
  }
  const tenantId = await withTransaction(db, (trx) => build(trx, slug, options.patientCount ?? 300, options.workflowExamples ?? true));
  return summarize(db, tenantId, slug, true, `Created the demo practice "${slug}" (tenant ${tenantId}).`);
}

async function build(trx: Executor, slug: string, patientCount: number, workflowExamples: boolean): Promise<number> {
  const rng = new Prng(SEED);
  const tenant = await createTenant(trx, { name: 'Demo Family Medicine', slug });
  const ctx = systemContext(tenant.id);
  await createDemoUsers(trx, ctx, slug);

  const practiceAddress = { line1: '100 Demo Plaza Suite 200', city: 'Springfield', state: 'IL', zip: '627011234' };
  const billing = await createBillingProvider(trx, ctx, {
    npi: demoNpi(rng, 2),
    lastNameOrOrganization: 'Demo Family Medicine LLC',
    taxonomy: '261QP2300X',
    taxId: '37-1234567',
    taxIdType: 'EI',
    address: practiceAddress,
    payToAddress: { line1: 'PO Box 4400', city: 'Springfield', state: 'IL', zip: '627084400' },
    contactName: 'Billing Office',
    contactPhone: '2175550100',
  });
  const facility = await createFacility(trx, ctx, { name: 'Demo Family Medicine Clinic', npi: demoNpi(rng, 2), address: practiceAddress });
  const providerSpecs = [
    { lastNameOrOrganization: 'Demoton', firstName: 'Alex', taxonomy: '207Q00000X' },
    { lastNameOrOrganization: 'Samplewood', firstName: 'Robin', taxonomy: '207R00000X' },
    { lastNameOrOrganization: 'Testfield', firstName: 'Jordan', taxonomy: '363LF0000X' },
  ];
  const providers = [];
  for (const p of providerSpecs) providers.push(await createProvider(trx, ctx, { ...p, npi: demoNpi(rng, 1), kind: 'rendering' }));

  await createFeeSchedule(trx, ctx, {
    name: 'Standard charges 2026',
    effectiveFrom: '2026-01-01',
    items: PROCEDURES.map((p) => ({ procedureCode: p.code, chargeCents: p.chargeCents })),
  });
  const payers = new Map<DemoPayerKey, DemoPayer>();
  for (const spec of DEMO_PAYERS) {
    const stored = await createPayer(trx, ctx, {
      name: spec.name,
      payerId: spec.payerId,
      claimFilingIndicator: spec.claimFilingIndicator,
      timelyFilingDays: spec.timelyFilingDays,
      address: { line1: `PO Box ${rng.int(1000, 9999)}`, city: 'Springfield', state: 'IL', zip: '62794' },
    });
    // Preventive visits are not a Medicare benefit (it pays the wellness visits G0438/G0439 instead).
    const covered = PROCEDURES.filter((p) => !(spec.key === 'medicare' && ['99395', '99396', '99397'].includes(p.code)));
    await createPayerContract(trx, ctx, {
      payerId: stored.id,
      name: `${spec.name} fee schedule 2026`,
      effectiveFrom: '2026-01-01',
      rates: covered.map((p) => ({ procedureCode: p.code, allowedCents: allowedFor(p.code, spec.contractBp) })),
    });
    payers.set(spec.key, { id: stored.id, key: spec.key, name: spec.name, payerId: spec.payerId, claimFilingIndicator: spec.claimFilingIndicator, contractBp: spec.contractBp });
  }
  const payer = (key: DemoPayerKey): DemoPayer => payers.get(key)!;

  // Patients and their coverages.
  const patients: DemoPatient[] = [];
  for (let i = 0; i < patientCount; i++) {
    const sex = rng.chance(0.53) ? 'F' : 'M';
    const firstName = rng.pick(FIRST_NAMES[sex]);
    const lastName = rng.pick(SURNAMES);
    const senior = rng.chance(0.38);
    const age = senior ? rng.int(65, 92) : rng.int(19, 64);
    const dateOfBirth = addDays(DEMO_ANCHOR, -(age * 365 + rng.int(0, 364)));
    const town = rng.pick(TOWNS);
    const address = { line1: `${rng.int(100, 9899)} ${rng.pick(STREETS)}`, city: town.city, state: 'IL', zip: town.zip };
    const stored = await createPatient(trx, ctx, {
      accountNumber: `DEMO${String(i + 1).padStart(5, '0')}`,
      lastName,
      firstName,
      dateOfBirth,
      sex,
      address,
      phone: `2175550${rng.int(100, 199)}`,
    });
    const cover = async (key: DemoPayerKey, priority: 'primary' | 'secondary', spouse: boolean): Promise<DemoCoverage> => {
      const p = payer(key);
      const memberId = key === 'medicare' ? demoMbi(rng) : demoMemberId(rng, PLAN[key].memberPrefix);
      const groupNumber = key === 'acme' || key === 'bluedemo' ? `G${rng.digits(6)}` : undefined;
      const subscriber = spouse
        ? { lastName, firstName: rng.pick(FIRST_NAMES[sex === 'F' ? 'M' : 'F']), dateOfBirth: addDays(dateOfBirth, rng.int(-1500, 1500)), sex: sex === 'F' ? ('M' as const) : ('F' as const) }
        : undefined;
      const record = await addCoverage(trx, ctx, {
        patientId: stored.id,
        payerId: p.id,
        priority,
        memberId,
        ...(groupNumber !== undefined ? { groupNumber } : {}),
        relationshipCode: spouse ? '01' : '18',
        ...(subscriber ? { subscriber } : {}),
        effectiveFrom: '2026-01-01',
        copayCents: PLAN[key].copayCents,
        coinsuranceBasisPoints: PLAN[key].coinsuranceBp,
      });
      return { id: record.id, payer: p, memberId, relationshipCode: spouse ? '01' : '18', ...(groupNumber !== undefined ? { groupNumber } : {}), ...(subscriber ? { subscriber } : {}) };
    };
    let primary: DemoCoverage;
    let secondary: DemoCoverage | undefined;
    if (senior) {
      primary = await cover('medicare', 'primary', false);
      const second = rng.weighted<DemoPayerKey | null>([['medicaid', 25], ['bluedemo', 30], [null, 45]]);
      if (second !== null) secondary = await cover(second, 'secondary', false);
    } else {
      const key = rng.weighted<DemoPayerKey>([['medicaid', 25], ['acme', 40], ['bluedemo', 35]]);
      const spouse = key !== 'medicaid' && rng.chance(0.3);
      primary = await cover(key, 'primary', spouse);
      if (key !== 'medicaid' && rng.chance(0.1)) secondary = await cover(key === 'acme' ? 'bluedemo' : 'acme', 'secondary', false);
    }
    patients.push({ id: stored.id, firstName, lastName, dateOfBirth, sex, address, primary, ...(secondary ? { secondary } : {}) });
  }

  // Six months of encounters, one claim each, and the money that followed.
  const span = -((Date.parse(`${DEMO_FIRST_SERVICE_DATE}T00:00:00Z`) - Date.parse(`${DEMO_ANCHOR}T00:00:00Z`)) / 86_400_000);
  let claimNo = 0;
  for (const patient of patients) {
    const visits = rng.weighted([[1, 35], [2, 35], [3, 20], [4, 10]] as const);
    const offsets = [...new Set(Array.from({ length: visits }, () => rng.int(1, span)))].sort((a, b) => b - a);
    const provider = rng.pick(providers);
    let hadPreventive = false;
    for (const [visitIndex, offset] of offsets.entries()) {
      const dos = addDays(DEMO_ANCHOR, -offset);
      const plan = planVisit(rng, patient, dos, visitIndex === 0 && rng.chance(0.1), hadPreventive);
      hadPreventive ||= plan.preventive;
      const lines = plan.lines.map((l) => ({ ...l, chargeCents: procedure(l.code).chargeCents * l.units }));
      const encounter = await createEncounter(trx, ctx, {
        patientId: patient.id,
        billingProviderId: billing.id,
        renderingProviderId: provider.id,
        facilityId: facility.id,
        dateOfService: dos,
        placeOfService: '11',
        diagnoses: plan.diagnoses.map(undot),
        lines: lines.map((l) => ({ procedureCode: l.code, modifiers: l.modifiers, units: l.units, chargeCents: l.chargeCents, diagnosisPointers: l.pointers, serviceDate: dos })),
        status: 'billed',
      });
      claimNo += 1;
      const pcn = `DEMO${String(claimNo).padStart(6, '0')}`;
      const cov = patient.primary;
      const subscriber = cov.subscriber ?? { lastName: patient.lastName, firstName: patient.firstName, dateOfBirth: patient.dateOfBirth, sex: patient.sex };
      const claim: ClaimInput = {
        patientControlNumber: pcn,
        placeOfService: '11',
        billingProvider: { npi: billing.npi, lastNameOrOrganization: billing.lastNameOrOrganization, taxonomy: '261QP2300X', taxId: billing.taxId, taxIdType: 'EI', address: billing.address },
        renderingProvider: { npi: provider.npi, lastNameOrOrganization: provider.lastNameOrOrganization, firstName: provider.firstName, taxonomy: provider.taxonomy },
        serviceFacility: { name: facility.name, npi: facility.npi, address: facility.address },
        payer: { name: cov.payer.name, payerId: cov.payer.payerId, claimFilingIndicator: cov.payer.claimFilingIndicator },
        payerResponsibility: 'P',
        subscriber: {
          ...subscriber,
          memberId: cov.memberId,
          ...(cov.groupNumber !== undefined ? { groupNumber: cov.groupNumber } : {}),
          address: patient.address,
        },
        ...(cov.relationshipCode !== '18'
          ? { patient: { lastName: patient.lastName, firstName: patient.firstName, dateOfBirth: patient.dateOfBirth, sex: patient.sex, relationshipCode: cov.relationshipCode } }
          : {}),
        diagnoses: plan.diagnoses.map(undot),
        lines: lines.map((l, i) => ({
          procedureCode: l.code,
          modifiers: l.modifiers,
          chargeCents: l.chargeCents,
          units: l.units,
          diagnosisPointers: l.pointers,
          serviceDate: dos,
          placeOfService: '11',
          lineControlNumber: `${pcn}-${i + 1}`,
        })),
      };
      const stored = await saveClaim(trx, ctx, { claim, patientId: patient.id, encounterId: encounter.id, payerId: cov.payer.id, coverageId: cov.id, status: 'ready' });
      await runMoney(trx, ctx, rng, {
        pcn,
        claimId: stored.id,
        dos,
        primary: cov.payer,
        primaryPlan: PLAN[cov.payer.key],
        ...(patient.secondary ? { secondary: patient.secondary.payer } : {}),
        lines: lines.map((l, i) => ({ lineId: stored.lineIds[i]!, code: l.code, units: l.units, chargeCents: l.chargeCents, isVisit: i === 0 })),
      });
    }
  }
  if (workflowExamples) await seedWorkflowExamples(trx, ctx);
  return tenant.id;
}

async function createDemoUsers(trx: Executor, ctx: TenantContext, slug: string): Promise<void> {
  const roles: readonly Role[] = ['admin', 'coder', 'biller', 'front_desk', 'auditor'];
  for (const role of roles) {
    const email = `${role.replace('_', '-')}@${slug}.example.org`;
    const user = (await findUserByEmail(trx, email)) ?? (await createUser(trx, { email, displayName: `Demo ${role.replace('_', ' ')}` }));
    await addMember(trx, ctx, user.id, role);
  }
}

function undot(code: string): string {
  return code.replace('.', '');
}

function allowedFor(code: string, contractBp: number): number {
  const p = procedure(code);
  return Math.min(p.chargeCents, applyBasisPoints(p.allowedCents, contractBp));
}

/** What was done at a visit: diagnoses (first-listed first) and the lines with their pointers. */
function planVisit(rng: Prng, patient: DemoPatient, dos: CalendarDate, newPatient: boolean, hadPreventive: boolean): { diagnoses: string[]; lines: PlannedLine[]; preventive: boolean } {
  const age = ageOn(patient.dateOfBirth, dos);
  const medicare = patient.primary.payer.key === 'medicare';
  const month = Number(dos.slice(5, 7));
  const chronic = (): string => rng.weighted(CHRONIC_DIAGNOSES);
  const kind = rng.weighted([['preventive', hadPreventive ? 0 : 14], ['flu', month >= 9 ? 12 : 0], ['problem', 74]] as const);
  if (kind === 'flu') {
    return { diagnoses: [PREVENTIVE.immunization], lines: [{ code: '90686', units: 1, modifiers: [], pointers: [1] }, { code: medicare ? 'G0008' : '90471', units: 1, modifiers: [], pointers: [1] }], preventive: false };
  }
  if (kind === 'preventive') {
    const abnormal = rng.chance(0.4);
    const diagnoses: string[] = [abnormal ? PREVENTIVE.examAbnormal : PREVENTIVE.exam];
    if (abnormal) diagnoses.push(chronic());
    if (medicare) {
      const lines: PlannedLine[] = [{ code: rng.chance(0.2) ? 'G0438' : 'G0439', units: 1, modifiers: [], pointers: [1] }, { code: 'G0444', units: 1, modifiers: [], pointers: [1] }];
      return { diagnoses: unique(diagnoses), lines, preventive: true };
    }
    diagnoses.push(PREVENTIVE.diabetesScreen);
    const code = age < 40 ? '99395' : age < 65 ? '99396' : '99397';
    const screen = diagnoses.indexOf(PREVENTIVE.diabetesScreen) + 1;
    const lines: PlannedLine[] = [
      { code, units: 1, modifiers: [], pointers: [1] },
      { code: '36415', units: 1, modifiers: [], pointers: [screen] },
      { code: '80061', units: 1, modifiers: [], pointers: [screen] },
    ];
    if (patient.sex === 'F' && age >= 40 && rng.chance(0.5)) diagnoses.push(PREVENTIVE.mammogramScreen);
    return { diagnoses: unique(diagnoses), lines, preventive: true };
  }
  // A problem-oriented visit: one acute or chronic problem first, sometimes more.
  const first = age >= 50 && rng.chance(0.55) ? chronic() : rng.weighted(ACUTE_DIAGNOSES);
  const diagnoses = unique([first, ...Array.from({ length: rng.weighted([[0, 40], [1, 40], [2, 20]] as const) }, chronic)]);
  const pointers = diagnoses.slice(0, 4).map((_, i) => i + 1);
  const level = rng.weighted(newPatient ? ([['99202', 15], ['99203', 50], ['99204', 35]] as const) : ([['99212', 12], ['99213', 45], ['99214', 35], ['99215', 8]] as const));
  const visit: PlannedLine = { code: level, units: 1, modifiers: [], pointers };
  const lines: PlannedLine[] = [visit];
  const add = (code: string, units = 1, pointer = 1): void => {
    lines.push({ code, units, modifiers: [], pointers: [pointer] });
  };
  if (rng.chance(0.35)) {
    add('36415');
    const labs = diagnoses.some((d) => d.startsWith('E11') || d === 'R73.03') ? ['83036', '80053'] : diagnoses.includes('E03.9') ? ['84443'] : [rng.pick(['80053', '85025', '80061'])];
    for (const lab of labs) add(lab);
  }
  if (first === 'N39.0' || first === 'R35.0') add('81002');
  if (first === 'J02.9') add('87880');
  if (first === 'R07.9' || (diagnoses.includes('I48.91') && rng.chance(0.5))) add('93000', 1, diagnoses.includes('R07.9') ? diagnoses.indexOf('R07.9') + 1 : diagnoses.indexOf('I48.91') + 1);
  if (first === 'H61.23') {
    add('69210');
    visit.modifiers.push('25');
  }
  if (first === 'M17.11' && rng.chance(0.5)) {
    add('20610');
    add('J3301', 4);
    visit.modifiers.push('25');
  } else if (['J45.909', 'J44.9', 'L30.9', 'J20.9'].includes(first) && rng.chance(0.3)) {
    add('96372');
    add('J1010', 40);
    visit.modifiers.push('25');
  }
  return { diagnoses, lines, preventive: false };
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

interface MoneyLine {
  readonly lineId: number;
  readonly code: string;
  readonly units: number;
  readonly chargeCents: number;
  readonly isVisit: boolean;
}

interface MoneyPlan {
  readonly pcn: string;
  readonly claimId: number;
  readonly dos: CalendarDate;
  readonly primary: DemoPayer;
  readonly primaryPlan: { readonly copayCents: number; readonly coinsuranceBp: number };
  readonly secondary?: DemoPayer;
  readonly lines: readonly MoneyLine[];
}

/**
 * The money of one claim, as it would arrive over time: charges on the date of service, the primary
 * payer's remittance two to four weeks later, the secondary's after that, then the patient. Only what
 * has happened by DEMO_ANCHOR is posted, so recent claims are still owed by payers.
 */
async function runMoney(trx: Executor, ctx: TenantContext, rng: Prng, m: MoneyPlan): Promise<void> {
  const post = async (stage: string, entries: NewLedgerEntry[]) =>
    entries.length === 0 ? [] : postLedgerEntries(trx, ctx, entries, { batchKey: `demo:${m.pcn}:${stage}`, source: 'demo seed' });
  // Every status change is a step of the claim lifecycle; the payer's answer is the adjudication's outcome.
  const step = (event: ClaimEvent, reason?: string) =>
    transitionClaim(trx, ctx, { claimId: m.claimId, events: [event], ...(reason !== undefined ? { reason } : {}) });
  const payerClaimControlNumber = `DEMO${m.pcn}`;
  const p = m.primary.id;

  await post(
    'charges',
    m.lines.map((l) => ({ kind: 'charge', claimLineId: l.lineId, bucket: 'primary', payerId: p, amountCents: l.chargeCents, effectiveDate: m.dos })),
  );
  if (addDays(m.dos, 2) > DEMO_ANCHOR) return;
  await step({ type: 'submitted', batchId: `demo:${m.pcn}`, interchangeControlNumber: '000000001', groupControlNumber: '1', transactionSetControlNumber: '0001', fileName: 'demo.837p' });
  const outcome = rng.weighted([['paid', 87], ['denied', 6], ['pending', 7]] as const);
  const eraDate = addDays(m.dos, rng.int(14, 30));
  if (eraDate > DEMO_ANCHOR) return;
  await step({ type: 'acknowledged', source: '277CA' });
  if (outcome === 'pending') return; // no answer from the payer yet: ages in the payer's AR
  if (outcome === 'denied') {
    await step({ type: 'adjudicated', outcome: 'denied', payerClaimControlNumber, paidCents: 0, patientResponsibilityCents: 0 }, 'CO-50 not deemed a medical necessity (demo)');
    // Half of the denials are being appealed (still the payer's); half are billed to the patient.
    if (rng.chance(0.5)) {
      const date = addDays(eraDate, 10);
      if (date <= DEMO_ANCHOR) {
        await post(
          'denial-to-patient',
          m.lines.map((l) => ({ kind: 'transfer', claimLineId: l.lineId, bucket: 'primary', payerId: p, toBucket: 'patient', toPayerId: null, amountCents: -l.chargeCents, effectiveDate: date, memo: 'denied; billed to the patient' })),
        );
      }
    }
    return;
  }

  // Primary remittance: pays the contract's allowed amount less the patient's copay and coinsurance;
  // the rest of the charge is a contractual adjustment; the patient share goes to the secondary
  // payer when there is one, else to the patient.
  const next: { bucket: PayerBucket | 'patient'; payerId: number | null } = m.secondary ? { bucket: 'secondary', payerId: m.secondary.id } : { bucket: 'patient', payerId: null };
  const era: NewLedgerEntry[] = [];
  const shares = new Map<number, number>();
  for (const l of m.lines) {
    const allowed = Math.min(l.chargeCents, applyBasisPoints(procedure(l.code).allowedCents * l.units, m.primary.contractBp));
    const copay = l.isVisit ? Math.min(m.primaryPlan.copayCents, allowed) : 0;
    const share = copay + applyBasisPoints(allowed - copay, m.primaryPlan.coinsuranceBp);
    const paid = allowed - share;
    if (paid > 0) era.push({ kind: 'insurance_payment', claimLineId: l.lineId, bucket: 'primary', payerId: p, amountCents: -paid, effectiveDate: eraDate, memo: `${m.pcn} ERA` });
    if (l.chargeCents > allowed) era.push({ kind: 'contractual_adjustment', claimLineId: l.lineId, bucket: 'primary', payerId: p, amountCents: -(l.chargeCents - allowed), effectiveDate: eraDate, memo: 'CO-45' });
    if (share > 0) {
      era.push({ kind: 'transfer', claimLineId: l.lineId, bucket: 'primary', payerId: p, toBucket: next.bucket, toPayerId: next.payerId, amountCents: -share, effectiveDate: eraDate, memo: 'PR-1/PR-2/PR-3 patient responsibility' });
      shares.set(l.lineId, share);
    }
  }
  const posted = await post('era-primary', era);
  const paidCents = -era.filter((e) => e.kind === 'insurance_payment').reduce((sum, e) => sum + e.amountCents, 0);
  const patientResponsibilityCents = [...shares.values()].reduce((sum, c) => sum + c, 0);
  await step({ type: 'adjudicated', outcome: 'paid', payerClaimControlNumber, paidCents, patientResponsibilityCents });
  // Now and then a payment is keyed twice and the duplicate reversed a week later.
  const firstPayment = posted.find((e) => e.kind === 'insurance_payment');
  const fixDate = addDays(eraDate, 7);
  if (firstPayment && rng.chance(0.04) && fixDate <= DEMO_ANCHOR) {
    const [dup] = await post('era-primary-duplicate', [{ kind: 'insurance_payment', claimLineId: firstPayment.claimLineId, bucket: 'primary', payerId: p, amountCents: firstPayment.amountCents, effectiveDate: eraDate, memo: 'keyed twice' }]);
    if (dup) await post('era-primary-duplicate-reversal', [reversalOf(dup, fixDate, 'duplicate posting')]);
  }

  // Secondary remittance.
  let patientFrom = eraDate;
  const patientShares = new Map<number, number>();
  if (m.secondary && shares.size > 0) {
    const s = m.secondary.id;
    const date = addDays(eraDate, rng.int(14, 28));
    if (date > DEMO_ANCHOR) return;
    // Medicaid pays a crossover at its own lower rate; a commercial secondary pays 80 %.
    const payBp = m.secondary.key === 'medicaid' ? 7_000 : 8_000;
    const entries: NewLedgerEntry[] = [];
    for (const [lineId, share] of shares) {
      const paid = applyBasisPoints(share, payBp);
      const rest = share - paid;
      if (paid > 0) entries.push({ kind: 'insurance_payment', claimLineId: lineId, bucket: 'secondary', payerId: s, amountCents: -paid, effectiveDate: date, memo: `${m.pcn} secondary ERA` });
      if (rest > 0) {
        if (m.secondary.key === 'medicaid') {
          entries.push({ kind: 'contractual_adjustment', claimLineId: lineId, bucket: 'secondary', payerId: s, amountCents: -rest, effectiveDate: date, memo: 'CO-45 crossover' });
        } else {
          entries.push({ kind: 'transfer', claimLineId: lineId, bucket: 'secondary', payerId: s, toBucket: 'patient', toPayerId: null, amountCents: -rest, effectiveDate: date, memo: 'PR-2 coinsurance' });
          patientShares.set(lineId, rest);
        }
      }
    }
    await post('era-secondary', entries);
    patientFrom = date;
  } else {
    for (const [lineId, share] of shares) patientShares.set(lineId, share);
  }

  // The patient: a statement goes out; most pay in full, some in part, some not at all.
  if (patientShares.size === 0) return;
  const payDate = addDays(patientFrom, rng.int(15, 45));
  if (payDate > DEMO_ANCHOR) return;
  const behaviour = rng.weighted([['full', 55], ['partial', 15], ['none', 30]] as const);
  const owed = [...patientShares.values()].reduce((a, b) => a + b, 0);
  const [firstLine] = patientShares.keys();
  if (behaviour === 'full') {
    const overpay = rng.chance(0.05) ? 500 : 0;
    // Some pay promptly in full and get a 5 % courtesy discount (an "other adjustment").
    const discountBp = overpay === 0 && rng.chance(0.15) ? 500 : 0;
    const entries: NewLedgerEntry[] = [];
    [...patientShares].forEach(([lineId, share], i) => {
      const discount = applyBasisPoints(share, discountBp);
      if (discount > 0) entries.push({ kind: 'other_adjustment', claimLineId: lineId, bucket: 'patient', payerId: null, amountCents: -discount, effectiveDate: payDate, memo: 'prompt-pay courtesy discount' });
      entries.push({ kind: 'patient_payment', claimLineId: lineId, bucket: 'patient', payerId: null, amountCents: -(share - discount + (i === 0 ? overpay : 0)), effectiveDate: payDate, memo: 'statement payment' });
    });
    await post('patient-payment', entries);
    const refundDate = addDays(payDate, 20);
    if (overpay > 0 && firstLine !== undefined && refundDate <= DEMO_ANCHOR) {
      await post('patient-refund', [{ kind: 'refund', claimLineId: firstLine, bucket: 'patient', payerId: null, amountCents: overpay, effectiveDate: refundDate, memo: 'overpayment refunded' }]);
    }
  } else if (behaviour === 'partial' && firstLine !== undefined) {
    const part = Math.max(100, Math.floor(patientShares.get(firstLine)! / 2));
    await post('patient-payment', [{ kind: 'patient_payment', claimLineId: firstLine, bucket: 'patient', payerId: null, amountCents: -part, effectiveDate: payDate, memo: 'partial payment' }]);
  } else if (behaviour === 'none' && owed < 1_000) {
    // Small balances nobody will pay are written off after two statements.
    const date = addDays(payDate, 60);
    if (date <= DEMO_ANCHOR) {
      await post(
        'small-balance-write-off',
        [...patientShares].map(([lineId, share]) => ({ kind: 'write_off', claimLineId: lineId, bucket: 'patient', payerId: null, amountCents: -share, effectiveDate: date, memo: 'small balance' })),
      );
    }
  }
}

async function count(db: Executor, table: 'billing_providers' | 'providers' | 'payers' | 'patients' | 'coverages' | 'encounters' | 'claims' | 'claim_lines' | 'ledger_entries' | 'ledger_posting_batches', tenantId: number): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function summarize(db: Executor, tenantId: number, slug: string, created: boolean, message: string): Promise<DemoSeedResult> {
  const ctx = systemContext(tenantId);
  const { tenant, payers } = await getTenantBalances(db, ctx);
  const payerNames = new Map((await db.selectFrom('payers').select(['id', 'name']).where('tenant_id', '=', tenantId).execute()).map((r) => [r.id, r.name]));
  const byPayer = (await getAging(db, ctx, 'payer', DEMO_ANCHOR)).map((r) => ({ payer: payerNames.get(r.partyId) ?? String(r.partyId), buckets: r.buckets, totalCents: r.totalCents }));
  const byPatient = await getAging(db, ctx, 'patient', DEMO_ANCHOR);
  const patientBuckets = { '0-30': 0, '31-60': 0, '61-90': 0, '91-120': 0, '120+': 0 };
  for (const r of byPatient) for (const b of AGING_BUCKETS) patientBuckets[b] += r.buckets[b];
  return {
    created,
    tenantId,
    slug,
    message,
    counts: {
      providers: (await count(db, 'billing_providers', tenantId)) + (await count(db, 'providers', tenantId)),
      payers: await count(db, 'payers', tenantId),
      patients: await count(db, 'patients', tenantId),
      coverages: await count(db, 'coverages', tenantId),
      encounters: await count(db, 'encounters', tenantId),
      claims: await count(db, 'claims', tenantId),
      claimLines: await count(db, 'claim_lines', tenantId),
      ledgerEntries: await count(db, 'ledger_entries', tenantId),
      postingBatches: await count(db, 'ledger_posting_batches', tenantId),
    },
    totals: {
      chargedCents: tenant.chargedCents,
      balanceCents: tenant.balanceCents,
      payerCents: [...payers.values()].reduce((a, b) => a + b, 0),
      patientCents: tenant.buckets.patient,
    },
    aging: {
      asOf: DEMO_ANCHOR,
      byPayer,
      patients: { buckets: patientBuckets, totalCents: byPatient.reduce((s, r) => s + r.totalCents, 0), accounts: byPatient.length },
    },
    fingerprint: await fingerprint(db, tenantId),
  };
}

/** A hash of the practice's claims and ledger that does not depend on database ids or timestamps. */
async function fingerprint(db: Executor, tenantId: number): Promise<string> {
  const rows = await db
    .selectFrom('ledger_entries as e')
    .innerJoin('claims as c', (j) => j.onRef('c.id', '=', 'e.claim_id').onRef('c.tenant_id', '=', 'e.tenant_id'))
    .innerJoin('claim_lines as l', (j) => j.onRef('l.id', '=', 'e.claim_line_id').onRef('l.tenant_id', '=', 'e.tenant_id'))
    .leftJoin('payers as p', (j) => j.onRef('p.id', '=', 'e.payer_id').onRef('p.tenant_id', '=', 'e.tenant_id'))
    .select(['c.patient_control_number', 'l.line_number', 'l.procedure_code', 'e.kind', 'e.bucket', 'e.to_bucket', 'p.payer_identifier', 'e.amount_cents', 'e.service_date', 'e.effective_date'])
    .select(sql<string>`''`.as('sep'))
    .where('e.tenant_id', '=', tenantId)
    .orderBy('e.id')
    .execute();
  const hash = createHash('sha256');
  for (const r of rows) {
    hash.update([r.patient_control_number, r.line_number, r.procedure_code, r.kind, r.bucket, r.to_bucket ?? '', r.payer_identifier ?? '', r.amount_cents, r.service_date, r.effective_date].join('|'));
    hash.update('\n');
  }
  return hash.digest('hex');
}
