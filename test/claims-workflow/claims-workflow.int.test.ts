/**
 * The claim workflow on SQLite and PostgreSQL, on the demo practice (a small one) with the workflow
 * examples (src/store/demo/wrong-claims.ts): create a claim from a coded encounter (coverage in force,
 * charges from the fee schedule × units, ledger, one transaction), illegal transitions refused, the
 * deliberately wrong claims caught in full, submit writes parseable 837P files with persisted control
 * numbers, and a resubmission does nothing twice.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { check837PFile } from '../../src/billing/check-837p-file.js';
import { addDays } from '../../src/model/dates.js';
import { AppError } from '../../src/model/errors.js';
import { loadScrubContext } from '../../src/rules/load-context.js';
import type { ScrubContext } from '../../src/rules/edit-family.js';
import { findClaimEvents } from '../../src/store/claims.repository.js';
import { PROCEDURES } from '../../src/store/demo/catalog.js';
import { DEMO_ANCHOR, seedDemoPractice } from '../../src/store/demo/seed-demo-practice.js';
import { seedWorkflowExamples, WORKFLOW_DEMO_DATE, WRONG_CLAIMS } from '../../src/store/demo/wrong-claims.js';
import type { WorkflowExamples } from '../../src/store/demo/wrong-claims.js';
import { createEncounter } from '../../src/store/encounters.service.js';
import { addCoverage, createPatient } from '../../src/store/patients.service.js';
import type { Executor } from '../../src/store/schema.js';
import { findUserByEmail } from '../../src/store/tenancy.repository.js';
import { resolveTenantContext } from '../../src/store/tenancy.service.js';
import { systemContext } from '../../src/store/tenant-context.js';
import type { TenantContext } from '../../src/store/tenant-context.js';
import { withTransaction } from '../../src/store/transaction.js';
import { createClaimFromEncounter } from '../../src/store/use-cases/create-claim-from-encounter.js';
import { listTimelyFiling } from '../../src/store/use-cases/list-timely-filing.js';
import { scrubClaims } from '../../src/store/use-cases/scrub-claims.js';
import { transitionClaim } from '../../src/store/use-cases/transition-claim.js';
import { submitClaimBatches } from '../../src/transport/submit-claim-batches.js';
import { parseX12 } from '../../src/x12/syntax/parse.js';
import { describeEachDialect } from '../support/databases.js';

let context: ScrubContext;
beforeAll(() => {
  context = loadScrubContext({ today: DEMO_ANCHOR });
});

const outDirs: string[] = [];
afterAll(() => {
  for (const d of outDirs) rmSync(d, { recursive: true, force: true });
});

async function count(
  db: Executor,
  table: 'claims' | 'claim_events' | 'ledger_entries' | 'audit_log' | 'claim_lines',
  tenantId: number,
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describeEachDialect('claims workflow', (getDb, dialect) => {
  let ctx: TenantContext;
  let examples: WorkflowExamples;
  let payers: Map<string, number>;

  beforeAll(async () => {
    const { db } = getDb();
    const seeded = await seedDemoPractice(db, { patientCount: 12, slug: `wf-${dialect}`, workflowExamples: false });
    ctx = systemContext(seeded.tenantId);
    examples = await withTransaction(db, (trx) => seedWorkflowExamples(trx, ctx));
    const rows = await db
      .selectFrom('payers')
      .select(['id', 'payer_identifier'])
      .where('tenant_id', '=', ctx.tenantId)
      .execute();
    payers = new Map(rows.map((r) => [r.payer_identifier, r.id]));
  });

  /** A patient with an expired primary (Medicaid), the primary in force (Acme) and a secondary (Blue). */
  async function patientWithCoverages(
    db: Executor,
    account: string,
  ): Promise<{ patientId: number; inForceId: number }> {
    const p = await createPatient(db, ctx, {
      accountNumber: account,
      lastName: 'Coverton',
      firstName: 'Ada',
      dateOfBirth: '1970-03-03',
      sex: 'F',
      address: { line1: '1 Oak St', city: 'Springfield', state: 'IL', zip: '62701' },
    });
    await addCoverage(db, ctx, {
      patientId: p.id,
      payerId: payers.get('DMCD1')!,
      priority: 'primary',
      memberId: 'DM000000001',
      effectiveFrom: '2025-01-01',
      effectiveTo: '2026-06-30',
    });
    const inForce = await addCoverage(db, ctx, {
      patientId: p.id,
      payerId: payers.get('DACME')!,
      priority: 'primary',
      memberId: 'ACM000000002',
      groupNumber: 'G1',
      effectiveFrom: '2026-07-01',
    });
    await addCoverage(db, ctx, {
      patientId: p.id,
      payerId: payers.get('DBLUE')!,
      priority: 'secondary',
      memberId: 'XDB000000003',
      effectiveFrom: '2026-01-01',
    });
    return { patientId: p.id, inForceId: inForce.id };
  }

  async function codedEncounter(
    db: Executor,
    patientId: number,
    dateOfService = WORKFLOW_DEMO_DATE,
  ): Promise<number> {
    const bp = await db
      .selectFrom('billing_providers')
      .select('id')
      .where('tenant_id', '=', ctx.tenantId)
      .executeTakeFirstOrThrow();
    const pr = await db
      .selectFrom('providers')
      .select('id')
      .where('tenant_id', '=', ctx.tenantId)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const e = await createEncounter(db, ctx, {
      patientId,
      billingProviderId: bp.id,
      renderingProviderId: pr.id,
      referringProviderId: pr.id,
      dateOfService,
      placeOfService: '11',
      diagnoses: ['M1711'],
      lines: [
        { procedureCode: '99213', modifiers: ['25'], units: 1, chargeCents: 0, diagnosisPointers: [1] },
        { procedureCode: '20610', modifiers: ['RT'], units: 1, chargeCents: 0, diagnosisPointers: [1] },
        { procedureCode: 'J3301', units: 4, chargeCents: 0, diagnosisPointers: [1] },
      ],
      status: 'coded',
    });
    return e.id;
  }

  it('creates a claim for the primary coverage in force (not the expired one), priced from the fee schedule × units, with ledger charges', async () => {
    const { db } = getDb();
    const { patientId, inForceId } = await patientWithCoverages(db, 'WF-COV-1');
    const encounterId = await codedEncounter(db, patientId);
    const created = await createClaimFromEncounter(db, ctx, { encounterId, priorAuthorization: 'PA-778' });
    const c = created.claim;
    expect(c.coverageId).toBe(inForceId);
    expect(c.payerId).toBe(payers.get('DACME'));
    expect(c.claim.payer.payerId).toBe('DACME');
    expect(c.claim.payerResponsibility).toBe('P');
    expect(c.claim.priorAuthorization).toBe('PA-778');
    expect(c.claim.referringProvider?.npi).toBe(c.claim.renderingProvider?.npi);
    expect(c.status).toBe('draft');
    const fee = (code: string) => PROCEDURES.find((p) => p.code === code)!.chargeCents;
    expect(c.claim.lines.map((l) => l.chargeCents)).toEqual([fee('99213'), fee('20610'), fee('J3301') * 4]);
    expect(c.totalChargeCents).toBe(fee('99213') + fee('20610') + fee('J3301') * 4);
    expect(c.claim.lines.map((l) => l.lineControlNumber)).toEqual(
      [1, 2, 3].map((n) => `${c.claim.patientControlNumber}-${n}`),
    );
    // Expected allowed: the Acme contract's rate per unit × units.
    const rates = await db
      .selectFrom('payer_contract_rates as r')
      .innerJoin('payer_contracts as k', 'k.id', 'r.contract_id')
      .select(['r.procedure_code', 'r.allowed_cents'])
      .where('k.payer_id', '=', payers.get('DACME')!)
      .where('r.procedure_code', 'in', ['99213', '20610', 'J3301'])
      .execute();
    const rate = (code: string) => rates.find((r) => r.procedure_code === code)!.allowed_cents;
    expect(created.expectedAllowedCents).toBe(rate('99213') + rate('20610') + rate('J3301') * 4);
    // Ledger: one charge per line, owed by the primary payer, summing to the claim total.
    const entries = await db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('tenant_id', '=', ctx.tenantId)
      .where('claim_id', '=', c.id)
      .orderBy('id')
      .execute();
    expect(entries.map((e) => [e.kind, e.bucket, e.payer_id, e.amount_cents])).toEqual(
      c.lineIds.map((_, i) => ['charge', 'primary', payers.get('DACME'), c.claim.lines[i]!.chargeCents]),
    );
    const events = await findClaimEvents(db, ctx.tenantId, c.id);
    expect(events.map((e) => e.type)).toEqual(['created', 'note']);
    const encounter = await db
      .selectFrom('encounters')
      .select('status')
      .where('id', '=', encounterId)
      .executeTakeFirstOrThrow();
    expect(encounter.status).toBe('billed');
    // A second claim for the same encounter is refused.
    await expect(createClaimFromEncounter(db, ctx, { encounterId })).rejects.toMatchObject({
      code: 'business_rule',
      message: expect.stringMatching(/already billed on/) as unknown,
    });
  });

  it('lets a coder create claims (the charges come with the claim) and refuses the front desk', async () => {
    const { db } = getDb();
    const { patientId } = await patientWithCoverages(db, 'WF-COV-ROLE');
    const encounterId = await codedEncounter(db, patientId);
    const as = async (role: string) => {
      const user = await findUserByEmail(db, `${role}@wf-${dialect}.example.org`);
      return resolveTenantContext(db, user!.id, ctx.tenantId);
    };
    await expect(createClaimFromEncounter(db, await as('front-desk'), { encounterId })).rejects.toMatchObject(
      { code: 'forbidden' },
    );
    const coder = await as('coder');
    const created = await createClaimFromEncounter(db, coder, { encounterId });
    const audit = await db
      .selectFrom('audit_log')
      .select(['entity', 'action', 'user_id'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('entity', '=', 'claims')
      .where('entity_id', '=', String(created.claim.id))
      .execute();
    expect(audit).toContainEqual({ entity: 'claims', action: 'create', user_id: coder.userId });
  });

  it('refuses an encounter with no coverage in force on its date of service', async () => {
    const { db } = getDb();
    const { patientId } = await patientWithCoverages(db, 'WF-COV-2');
    // 2025-12-15: the Medicaid coverage (2025) is in force but … only until 2026-06-30; move the date before all.
    const encounterId = await codedEncounter(db, patientId, '2024-12-15');
    await expect(createClaimFromEncounter(db, ctx, { encounterId })).rejects.toMatchObject({
      code: 'business_rule',
      message: expect.stringMatching(/no coverage in force on 2024-12-15/) as unknown,
    });
  });

  it('writes nothing at all when any part of the creation fails (one transaction)', async () => {
    const { db } = getDb();
    const { patientId } = await patientWithCoverages(db, 'WF-COV-3');
    const encounterId = await codedEncounter(db, patientId);
    const before = {
      claims: await count(db, 'claims', ctx.tenantId),
      lines: await count(db, 'claim_lines', ctx.tenantId),
      events: await count(db, 'claim_events', ctx.tenantId),
      ledger: await count(db, 'ledger_entries', ctx.tenantId),
      audit: await count(db, 'audit_log', ctx.tenantId),
    };
    // The ledger insert is the last write of the use case: make the database refuse it.
    if (dialect === 'sqlite') {
      await sql`CREATE TRIGGER wf_fail BEFORE INSERT ON ledger_entries BEGIN SELECT RAISE(ABORT, 'injected failure'); END`.execute(
        db,
      );
    } else {
      await sql`CREATE FUNCTION wf_fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql`.execute(
        db,
      );
      await sql`CREATE TRIGGER wf_fail BEFORE INSERT ON ledger_entries FOR EACH ROW EXECUTE FUNCTION wf_fail()`.execute(
        db,
      );
    }
    try {
      await expect(createClaimFromEncounter(db, ctx, { encounterId })).rejects.toThrow(/injected failure/);
    } finally {
      if (dialect === 'sqlite') await sql`DROP TRIGGER wf_fail`.execute(db);
      else {
        await sql`DROP TRIGGER wf_fail ON ledger_entries`.execute(db);
        await sql`DROP FUNCTION wf_fail()`.execute(db);
      }
    }
    const after = {
      claims: await count(db, 'claims', ctx.tenantId),
      lines: await count(db, 'claim_lines', ctx.tenantId),
      events: await count(db, 'claim_events', ctx.tenantId),
      ledger: await count(db, 'ledger_entries', ctx.tenantId),
      audit: await count(db, 'audit_log', ctx.tenantId),
    };
    expect(after).toEqual(before);
    const encounter = await db
      .selectFrom('encounters')
      .select('status')
      .where('id', '=', encounterId)
      .executeTakeFirstOrThrow();
    expect(encounter.status).toBe('coded');
    // With the failure gone the same encounter bills normally.
    const created = await createClaimFromEncounter(db, ctx, { encounterId });
    expect(created.claim.claim.lines).toHaveLength(3);
  });

  it('refuses illegal transitions with the reason and leaves the claim as it was', async () => {
    const { db } = getDb();
    const claimId = examples.wrongClaims[0]!.claimId;
    const submit = {
      type: 'submitted',
      batchId: 'x',
      interchangeControlNumber: '000000001',
      groupControlNumber: '1',
      transactionSetControlNumber: '0001',
      fileName: 'x.x12',
    } as const;
    await expect(transitionClaim(db, ctx, { claimId, events: [submit] })).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof AppError &&
        e.code === 'business_rule' &&
        /draft cannot be submitted; allowed from: ready/.test(e.problems[0]?.message ?? ''),
    );
    await expect(
      transitionClaim(db, ctx, { claimId, events: [{ type: 'marked_ready' }] }),
    ).rejects.toMatchObject({ code: 'business_rule' });
    const row = await db
      .selectFrom('claims')
      .select('status')
      .where('id', '=', claimId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('draft');
  });

  it('catches every deliberately wrong claim in full and holds it in draft', async () => {
    const { db } = getDb();
    const result = await scrubClaims(db, ctx, {
      context,
      claimIds: examples.wrongClaims.map((w) => w.claimId),
    });
    expect(result.claims).toHaveLength(WRONG_CLAIMS.length);
    for (const wrong of examples.wrongClaims) {
      const scrubbed = result.claims.find((c) => c.id === wrong.claimId)!;
      const codes = new Set(scrubbed.findings.map((f) => f.code));
      expect(
        wrong.expect.filter((code) => !codes.has(code)),
        wrong.key,
      ).toEqual([]);
      expect(scrubbed.to, wrong.key).toBe('draft');
    }
    const families = result.summary
      .filter((s) => s.errors > 0)
      .map((s) => s.family)
      .sort();
    expect(families).toEqual([
      'add-on-codes',
      'code-validity',
      'demographics',
      'icd10cm-conventions',
      'modifiers',
      'mue',
      'ncci-ptp',
      'structure',
    ]);
    const events = await findClaimEvents(db, ctx.tenantId, examples.wrongClaims[0]!.claimId);
    expect(events.at(-1)?.type).toBe('status_changed');
    expect(JSON.parse(events.at(-1)?.payload ?? '{}')).toMatchObject({
      from: 'draft',
      to: 'draft',
      reason: expect.stringMatching(/^scrubbed: \d+ errors?/) as unknown,
    });
  });

  it('flags the claim near its payer deadline', async () => {
    const { db } = getDb();
    const all = await listTimelyFiling(db, ctx, { on: DEMO_ANCHOR, all: true });
    const late = all.find((r) => r.claimId === examples.lateClaimId)!;
    expect(late.deadline).toBe(addDays(late.serviceFrom, late.limitDays));
    const near = await listTimelyFiling(db, ctx, { on: addDays(late.deadline, -5) });
    expect(near.find((r) => r.claimId === examples.lateClaimId)).toMatchObject({ flag: 'near', daysLeft: 5 });
    // Not flagged while the deadline is far, past once it is gone.
    expect(
      (await listTimelyFiling(db, ctx, { on: addDays(late.deadline, -60) })).find(
        (r) => r.claimId === examples.lateClaimId,
      ),
    ).toBeUndefined();
    expect(
      (await listTimelyFiling(db, ctx, { on: addDays(late.deadline, 1) })).find(
        (r) => r.claimId === examples.lateClaimId,
      )?.flag,
    ).toBe('past');
  });

  it('submits the ready claims as valid 837P files with persisted control numbers, and a resubmission does nothing', async () => {
    const { db } = getDb();
    const out = mkdtempSync(join(tmpdir(), 'superbill-submit-'));
    outDirs.push(out);
    // Bill the coded encounters of the examples and scrub them to ready.
    for (const id of examples.codedEncounterIds) await createClaimFromEncounter(db, ctx, { encounterId: id });
    await scrubClaims(db, ctx, { context });
    const ready = await db
      .selectFrom('claims')
      .select(['id', 'patient_control_number'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('status', '=', 'ready')
      .execute();
    expect(ready.length).toBeGreaterThanOrEqual(examples.codedEncounterIds.length);

    const now = new Date('2026-11-02T09:30:00Z');
    const result = await submitClaimBatches(db, ctx, { context, outDir: out, now });
    expect(result.failed).toEqual([]);
    const submittedIds = result.batches.flatMap((b) => b.claims.map((c) => c.id)).sort((a, b) => a - b);
    expect(submittedIds).toEqual(ready.map((r) => r.id).sort((a, b) => a - b));
    expect(new Set(result.batches.map((b) => b.payerId)).size).toBe(result.batches.length);
    const isa13s = new Set<string>();
    for (const batch of result.batches) {
      const text = readFileSync(join(out, batch.fileName), 'utf8');
      const parsed = parseX12(text);
      expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(
        check837PFile(
          text,
          batch.claims.map((c) => c.patientControlNumber),
        ),
      ).toEqual([]);
      expect(text).toContain(`*${batch.interchangeControlNumber}*0*T*:~`);
      isa13s.add(batch.interchangeControlNumber);
      for (const c of batch.claims) {
        const events = await findClaimEvents(db, ctx.tenantId, c.id);
        const submitted = events.filter((e) => e.type === 'submitted');
        expect(submitted).toHaveLength(1);
        expect(JSON.parse(submitted[0]!.payload)).toMatchObject({
          interchangeControlNumber: batch.interchangeControlNumber,
          fileName: batch.fileName,
        });
      }
    }
    expect(isa13s.size).toBe(result.batches.length);
    const statuses = await db.selectFrom('claims').select('status').where('id', 'in', submittedIds).execute();
    expect(new Set(statuses.map((s) => s.status))).toEqual(new Set(['submitted']));
    // The counter of the sender moved past every ISA13 used.
    const counter = await db
      .selectFrom('edi_control_numbers')
      .select(['sender', 'last_value'])
      .where('kind', '=', 'isa13')
      .execute();
    const maxIsa13 = Math.max(...[...isa13s].map(Number));
    expect(counter.some((c) => c.last_value >= maxIsa13)).toBe(true);

    const files = readdirSync(out).sort();
    const again = await submitClaimBatches(db, ctx, { context, outDir: out, now });
    expect(again.batches).toEqual([]);
    expect(again.scrub.claims).toEqual([]);
    expect(readdirSync(out).sort()).toEqual(files);
    for (const id of submittedIds) {
      const events = await findClaimEvents(db, ctx.tenantId, id);
      expect(events.filter((e) => e.type === 'submitted')).toHaveLength(1);
    }
  });
});
