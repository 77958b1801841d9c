/**
 * The claim-workflow part of the demo practice (issue 5): coded encounters waiting for `claims create`,
 * a draft claim close to its payer's timely-filing deadline, and a set of deliberately wrong draft
 * claims, each with the findings the scrubber must raise for it (`expect`), so that `claims
 * scrub-stored` shows every edit family at work and a test can check that the set is caught in full.
 *
 * Called by the demo seed inside its transaction, after the practice exists; deterministic (fixed
 * dates, the practice's first rows). Codes are code numbers only (no CPT descriptors); the `why`
 * notes are our own words.
 */
import type { ClaimInput } from '../../model/claim.js';
import { saveClaim } from '../claims.service.js';
import { createEncounter } from '../encounters.service.js';
import { getBillingProviders, getFacility, getProviders } from '../providers.service.js';
import type { Executor } from '../schema.js';
import type { TenantContext } from '../tenant-context.js';
import { createClaimFromEncounter } from '../use-cases/create-claim-from-encounter.js';

/** One deliberately wrong claim: what is wrong, and the finding codes that must fire. */
export interface WrongClaim {
  readonly key: string;
  readonly why: string;
  /** Finding codes (Problem.code) the scrubber must report; others may come too. */
  readonly expect: readonly string[];
  /** The wrong claim, made from a clean base claim. */
  readonly build: (base: ClaimInput) => ClaimInput;
}

/** The date of service of the wrong claims and of the coded encounters (before the demo's "today"). */
export const WORKFLOW_DEMO_DATE = '2026-10-27';

type Line = ClaimInput['lines'][number];
function line(procedureCode: string, extra: Partial<Line> = {}): Line {
  return {
    procedureCode,
    modifiers: [],
    chargeCents: 10_000,
    units: 1,
    diagnosisPointers: [1],
    serviceDate: WORKFLOW_DEMO_DATE,
    placeOfService: '11',
    ...extra,
  };
}

/** The wrong claims (one or two mistakes each, one edit family at a time where the codes allow). */
export const WRONG_CLAIMS: readonly WrongClaim[] = [
  {
    key: 'header-dx',
    why: 'a category header (E11) is not a billable diagnosis',
    expect: ['code.header'],
    build: (b) => ({ ...b, diagnoses: ['E11'], lines: [line('99213')] }),
  },
  {
    key: 'excludes1',
    why: 'type 1 and type 2 diabetes together are an Excludes1 pair',
    expect: ['icd10cm.excludes1'],
    build: (b) => ({
      ...b,
      diagnoses: ['E119', 'E109'],
      lines: [line('99213', { diagnosisPointers: [1, 2] })],
    }),
  },
  {
    key: 'manifestation-first',
    why: 'anaemia in CKD is a manifestation code and may not be listed first',
    expect: ['icd10cm.manifestation-first'],
    build: (b) => ({
      ...b,
      diagnoses: ['D631', 'N1830'],
      lines: [line('99213', { diagnosisPointers: [1, 2] })],
    }),
  },
  {
    key: 'external-cause-first',
    why: 'a fall (external cause) is never the first-listed diagnosis',
    expect: ['icd10cm.external-cause-first'],
    build: (b) => ({
      ...b,
      diagnoses: ['W19XXXA', 'S52501A'],
      lines: [line('99213', { diagnosisPointers: [1, 2] })],
    }),
  },
  {
    key: 'sex-conflict',
    why: 'a prostate diagnosis on a female patient',
    expect: ['demographics.sex'],
    build: (b) => ({ ...b, diagnoses: ['N400'], lines: [line('99213')] }),
  },
  {
    key: 'pediatric-dx-on-adult',
    why: 'a child health exam code on an adult',
    expect: ['demographics.age.pediatric'],
    build: (b) => ({ ...b, diagnoses: ['Z00121'], lines: [line('99213')] }),
  },
  {
    key: 'ncci-never-together',
    why: 'two colonoscopy codes that are never billed together (NCCI indicator 0)',
    expect: ['ncci.ptp.0'],
    build: (b) => ({
      ...b,
      placeOfService: '22',
      diagnoses: ['K635'],
      lines: [line('45380', { placeOfService: '22' }), line('45378', { placeOfService: '22' })],
    }),
  },
  {
    key: 'ncci-needs-modifier',
    why: 'lesion destruction and a biopsy on one day without a distinct-service modifier (indicator 1)',
    expect: ['ncci.ptp.1'],
    build: (b) => ({ ...b, diagnoses: ['L821'], lines: [line('17110'), line('11200')] }),
  },
  {
    key: 'mue-units',
    why: 'three venipunctures on one day exceed the MUE',
    expect: ['mue.day.clinical'],
    build: (b) => ({
      ...b,
      diagnoses: ['I10'],
      lines: [line('99213'), line('36415', { units: 3, chargeCents: 4_500 })],
    }),
  },
  {
    key: 'add-on-alone',
    why: 'an add-on debridement code without its primary code',
    expect: ['aoc.no-primary.1'],
    build: (b) => ({
      ...b,
      placeOfService: '22',
      diagnoses: ['L97412'],
      lines: [line('11045', { placeOfService: '22' })],
    }),
  },
  {
    key: 'em-without-25',
    why: 'a visit billed with a joint injection on the same day without modifier 25',
    expect: ['modifier.25-missing'],
    build: (b) => ({
      ...b,
      diagnoses: ['M1711'],
      lines: [line('99213'), line('20610', { modifiers: ['RT'] })],
    }),
  },
  // Only errors hold a claim (a warning, such as telehealth POS without modifier 95, lets it go ready), so every wrong claim here has an error.
  {
    key: 'lt-and-rt',
    why: 'left and right side on one knee injection line',
    expect: ['modifier.lt-rt'],
    build: (b) => ({
      ...b,
      diagnoses: ['M1711'],
      lines: [line('99213', { modifiers: ['25'] }), line('20610', { modifiers: ['LT', 'RT'] })],
    }),
  },
  // A future date of service would also be a structure error, but the demo keeps every date before its "today".
  {
    key: 'zero-charge-repeated-dx',
    why: 'a line charged $0.00 and the same diagnosis listed twice',
    expect: ['structure.charge', 'structure.duplicate-diagnosis'],
    build: (b) => ({
      ...b,
      diagnoses: ['I10', 'I10'],
      lines: [line('99213', { chargeCents: 0, diagnosisPointers: [1] })],
    }),
  },
];

/** The coded encounters `claims create` can bill: one visit with labs, one with a joint injection. */
const CODED_ENCOUNTERS = [
  {
    diagnoses: ['E119', 'I10'],
    lines: [
      { procedureCode: '99214', units: 1, pointers: [1, 2] },
      { procedureCode: '36415', units: 1, pointers: [1] },
      { procedureCode: '83036', units: 1, pointers: [1] },
    ],
  },
  {
    diagnoses: ['M1711'],
    lines: [
      { procedureCode: '99213', units: 1, pointers: [1], modifiers: ['25'] },
      { procedureCode: '20610', units: 1, pointers: [1], modifiers: ['RT'] },
      { procedureCode: 'J3301', units: 4, pointers: [1] },
    ],
  },
  { diagnoses: ['J069'], lines: [{ procedureCode: '99213', units: 1, pointers: [1] }] },
] as const;

/** What {@link seedWorkflowExamples} added. */
export interface WorkflowExamples {
  readonly codedEncounterIds: readonly number[];
  readonly lateClaimId: number;
  readonly wrongClaims: readonly {
    readonly key: string;
    readonly claimId: number;
    readonly patientControlNumber: string;
    readonly expect: readonly string[];
  }[];
}

/** Adds the coded encounters, a claim near its filing deadline and the wrong claims to a practice. */
export async function seedWorkflowExamples(trx: Executor, ctx: TenantContext): Promise<WorkflowExamples> {
  const billing = (await getBillingProviders(trx, ctx))[0];
  const rendering = (await getProviders(trx, ctx)).find((p) => p.kind === 'rendering');
  const facilityRow = await trx
    .selectFrom('facilities')
    .select('id')
    .where('tenant_id', '=', ctx.tenantId)
    .orderBy('id')
    .executeTakeFirst();
  if (!billing || !rendering || !facilityRow)
    throw new Error(
      'seedWorkflowExamples needs a practice with a billing provider, a rendering provider and a facility',
    );
  const facility = await getFacility(trx, ctx, facilityRow.id);
  // Adult women with a primary coverage of their own (relationship 18): the base of every wrong claim.
  const patients = await trx
    .selectFrom('patients as p')
    .innerJoin('coverages as c', (j) =>
      j.onRef('c.patient_id', '=', 'p.id').onRef('c.tenant_id', '=', 'p.tenant_id'),
    )
    .innerJoin('payers as y', (j) =>
      j.onRef('y.id', '=', 'c.payer_id').onRef('y.tenant_id', '=', 'c.tenant_id'),
    )
    .select([
      'p.id',
      'p.last_name',
      'p.first_name',
      'p.date_of_birth',
      'p.sex',
      'p.address_line1',
      'p.address_city',
      'p.address_state',
      'p.address_zip',
      'c.id as coverage_id',
      'c.member_id',
      'c.group_number',
      'y.id as payer_id',
      'y.name as payer_name',
      'y.payer_identifier',
      'y.claim_filing_indicator',
      'y.timely_filing_days',
    ])
    .where('p.tenant_id', '=', ctx.tenantId)
    .where('c.priority', '=', 'primary')
    .where('c.relationship_code', '=', '18')
    .where('p.sex', '=', 'F')
    .where('p.date_of_birth', '<', '1990-01-01')
    .orderBy('p.id')
    .execute();
  const base = patients[0];
  if (!base)
    throw new Error('seedWorkflowExamples needs an adult female patient with her own primary coverage');

  // Coded encounters for `claims create` (charges 0: the fee schedule prices them when billed).
  const codedEncounterIds: number[] = [];
  for (const [i, plan] of CODED_ENCOUNTERS.entries()) {
    const patient = patients[(i + 1) % patients.length]!;
    const encounter = await createEncounter(trx, ctx, {
      patientId: patient.id,
      billingProviderId: billing.id,
      renderingProviderId: rendering.id,
      facilityId: facility.id,
      dateOfService: WORKFLOW_DEMO_DATE,
      placeOfService: '11',
      diagnoses: [...plan.diagnoses],
      lines: plan.lines.map((l) => ({
        procedureCode: l.procedureCode,
        modifiers: 'modifiers' in l ? [...l.modifiers] : [],
        units: l.units,
        chargeCents: 0,
        diagnosisPointers: [...l.pointers],
      })),
      status: 'coded',
    });
    codedEncounterIds.push(encounter.id);
  }

  // A visit billed late: created as a draft 85 days after the visit, so with a 90-day payer it is
  // flagged near its deadline by `claims timely-filing` on the demo's "today" (and past a week later).
  // The patient of the payer with the shortest limit (Acme, 90 days, in the demo).
  const late = await trx
    .selectFrom('patients as p')
    .innerJoin('coverages as c', (j) =>
      j.onRef('c.patient_id', '=', 'p.id').onRef('c.tenant_id', '=', 'p.tenant_id'),
    )
    .innerJoin('payers as y', (j) =>
      j.onRef('y.id', '=', 'c.payer_id').onRef('y.tenant_id', '=', 'c.tenant_id'),
    )
    .select('p.id')
    .where('p.tenant_id', '=', ctx.tenantId)
    .where('c.priority', '=', 'primary')
    .orderBy('y.timely_filing_days')
    .orderBy('p.id')
    .executeTakeFirstOrThrow();
  const lateDate = '2026-08-08';
  const lateEncounter = await createEncounter(trx, ctx, {
    patientId: late.id,
    billingProviderId: billing.id,
    renderingProviderId: rendering.id,
    facilityId: facility.id,
    dateOfService: lateDate,
    placeOfService: '11',
    diagnoses: ['I10'],
    lines: [{ procedureCode: '99213', units: 1, chargeCents: 0, diagnosisPointers: [1] }],
    status: 'coded',
  });
  const lateClaim = await createClaimFromEncounter(trx, ctx, { encounterId: lateEncounter.id });

  const { id: _bid, ...billingProvider } = billing;
  const { id: _rid, kind: _kind, ...renderingProvider } = rendering;
  const address = {
    line1: base.address_line1 ?? '1 Demo St',
    city: base.address_city ?? 'Springfield',
    state: base.address_state ?? 'IL',
    zip: base.address_zip ?? '62701',
  };
  const baseClaim: ClaimInput = {
    patientControlNumber: 'WRONG',
    placeOfService: '11',
    billingProvider,
    renderingProvider,
    serviceFacility: {
      name: facility.name,
      ...(facility.npi !== undefined ? { npi: facility.npi } : {}),
      address: facility.address,
    },
    payer: {
      name: base.payer_name,
      payerId: base.payer_identifier,
      claimFilingIndicator: base.claim_filing_indicator,
    },
    payerResponsibility: 'P',
    subscriber: {
      lastName: base.last_name,
      ...(base.first_name !== null ? { firstName: base.first_name } : {}),
      dateOfBirth: base.date_of_birth,
      sex: base.sex,
      memberId: base.member_id,
      ...(base.group_number !== null ? { groupNumber: base.group_number } : {}),
      address,
    },
    diagnoses: ['I10'],
    lines: [line('99213')],
  };
  const wrongClaims: WorkflowExamples['wrongClaims'][number][] = [];
  for (const [i, wrong] of WRONG_CLAIMS.entries()) {
    const pcn = `WRONG${String(i + 1).padStart(2, '0')}-${wrong.key}`.slice(0, 38);
    const built = wrong.build(baseClaim);
    const claim: ClaimInput = {
      ...built,
      patientControlNumber: pcn,
      lines: built.lines.map((l, n) => ({ ...l, lineControlNumber: `${pcn}-${n + 1}` })),
    };
    const stored = await saveClaim(trx, ctx, {
      claim,
      patientId: base.id,
      payerId: base.payer_id,
      coverageId: base.coverage_id,
      status: 'draft',
    });
    wrongClaims.push({ key: wrong.key, claimId: stored.id, patientControlNumber: pcn, expect: wrong.expect });
  }
  return { codedEncounterIds, lateClaimId: lateClaim.claim.id, wrongClaims };
}
