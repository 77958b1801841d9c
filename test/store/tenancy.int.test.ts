/**
 * Tenant isolation, on SQLite and PostgreSQL: a user of practice A can neither read nor change
 * practice B's patients, claims or ledger, through the services or by pointing a row of A at a row
 * of B (composite foreign keys), and cannot act in B at all without a membership.
 */
import { beforeAll, expect, it } from 'vitest';
import { readAuditTrail } from '../../src/store/audit.js';
import {
  getClaim,
  getClaimHistory,
  listClaims,
  saveClaim,
} from '../../src/store/claims.service.js';
import { createEncounter } from '../../src/store/encounters.service.js';
import { getBalances, getLedgerEntries, postLedgerEntries } from '../../src/store/ledger.service.js';
import {
  addCoverage,
  findPatients,
  getCoverages,
  getPatient,
  updatePatient,
} from '../../src/store/patients.service.js';
import { getPayer } from '../../src/store/payers.service.js';
import { nowIso } from '../../src/store/sql-types.js';
import { resolveTenantContext, tenantsOfUser } from '../../src/store/tenancy.service.js';
import { transitionClaim } from '../../src/store/use-cases/transition-claim.js';
import { describeEachDialect } from '../support/databases.js';
import { createTestPractice, sampleClaim } from '../support/practice.js';
import type { TestPractice } from '../support/practice.js';
import { appError } from '../support/app-error.js';


describeEachDialect('tenant isolation', (getDb) => {
  let a: TestPractice;
  let b: TestPractice;
  let claimB: { id: number; lineIds: readonly number[] };

  beforeAll(async () => {
    const { db } = getDb();
    a = await createTestPractice(db, 'Alpha');
    b = await createTestPractice(db, 'Beta');
    claimB = await saveClaim(db, b.as.biller, {
      claim: sampleClaim('BETA-1'),
      patientId: b.patientId,
      payerId: b.payerId,
    });
    await postLedgerEntries(db, b.as.biller, [
      {
        kind: 'charge',
        claimLineId: claimB.lineIds[0]!,
        bucket: 'primary',
        payerId: b.payerId,
        amountCents: 12_500,
        effectiveDate: '2026-03-02',
      },
    ]);
  });

  it('cannot act in another tenant without a membership', async () => {
    const { db } = getDb();
    const e = await appError(() => resolveTenantContext(db, a.as.admin.userId!, b.tenantId));
    expect(e.code).toBe('forbidden');
    expect((await tenantsOfUser(db, a.as.admin.userId!)).map((t) => t.id)).toEqual([a.tenantId]);
  });

  it("cannot read B's patients, coverages or payers", async () => {
    const { db } = getDb();
    expect((await appError(() => getPatient(db, a.as.admin, b.patientId))).code).toBe('not_found');
    expect((await appError(() => getCoverages(db, a.as.admin, b.patientId))).code).toBe('not_found');
    expect((await appError(() => getPayer(db, a.as.admin, b.payerId))).code).toBe('not_found');
    const everyone = await findPatients(db, a.as.admin, { limit: 1000 });
    expect(everyone.map((x) => x.id)).toEqual([a.patientId]);
  });

  it("cannot change B's patients, or attach B's payer or patient to A's records", async () => {
    const { db } = getDb();
    expect(
      (await appError(() => updatePatient(db, a.as.admin, b.patientId, { lastName: 'Hijacked' }))).code,
    ).toBe('not_found');
    expect((await getPatient(db, b.as.admin, b.patientId)).lastName).toBe('Betason');
    const coverage = await appError(() =>
      addCoverage(db, a.as.admin, {
        patientId: a.patientId,
        payerId: b.payerId,
        priority: 'primary',
        memberId: 'X',
        effectiveFrom: '2026-01-01',
      }),
    );
    expect(coverage.code).toBe('not_found');
    const claim = await appError(() =>
      saveClaim(db, a.as.admin, { claim: sampleClaim('A-ON-B'), patientId: b.patientId }),
    );
    expect(claim.code).toBe('not_found');
    const encounter = await appError(() =>
      createEncounter(db, a.as.admin, {
        patientId: a.patientId,
        billingProviderId: b.billingProviderId,
        dateOfService: '2026-03-02',
        placeOfService: '11',
        diagnoses: ['I10'],
        lines: [],
      }),
    );
    expect(encounter.code).toBe('not_found');
  });

  it("cannot read or change B's claims", async () => {
    const { db } = getDb();
    expect((await appError(() => getClaim(db, a.as.admin, claimB.id))).code).toBe('not_found');
    expect((await appError(() => getClaimHistory(db, a.as.admin, claimB.id))).code).toBe('not_found');
    expect(
      (
        await appError(() =>
          transitionClaim(db, a.as.admin, {
            claimId: claimB.id,
            events: [{ type: 'scrubbed', errors: 0, warnings: 0 }],
          }),
        )
      ).code,
    ).toBe('not_found');
    expect(await listClaims(db, a.as.admin)).toEqual([]);
    expect((await getClaim(db, b.as.admin, claimB.id)).status).toBe('draft');
  });

  it("cannot read or post to B's ledger", async () => {
    const { db } = getDb();
    expect(await getLedgerEntries(db, a.as.admin)).toEqual([]);
    expect((await getBalances(db, a.as.admin, 'patient')).size).toBe(0);
    const posting = await appError(() =>
      postLedgerEntries(db, a.as.admin, [
        {
          kind: 'insurance_payment',
          claimLineId: claimB.lineIds[0]!,
          bucket: 'primary',
          payerId: b.payerId,
          amountCents: -5_000,
          effectiveDate: '2026-04-01',
        },
      ]),
    );
    // The line is unknown in A's ledger: refused as a whole (the exact code is the ledger's business).
    expect(['not_found', 'business_rule', 'validation']).toContain(posting.code);
    const entriesB = await getLedgerEntries(db, b.as.admin);
    expect(entriesB.map((e) => [e.kind, e.amountCents])).toEqual([['charge', 12_500]]);
  });

  it('refuses, in the database itself, a row of A that points at a row of B', async () => {
    const { db } = getDb();
    const at = nowIso();
    await expect(
      db
        .insertInto('coverages')
        .values({
          tenant_id: a.tenantId,
          patient_id: b.patientId,
          payer_id: a.payerId,
          priority: 'primary',
          member_id: 'FK',
          relationship_code: '18',
          effective_from: '2026-01-01',
          created_at: at,
          updated_at: at,
        })
        .execute(),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('claim_lines')
        .values({
          tenant_id: a.tenantId,
          claim_id: claimB.id,
          line_number: 9,
          procedure_code: '99213',
          units: 1,
          charge_cents: 1,
          diagnosis_pointers: '1',
          service_date: '2026-03-02',
          document: '{}',
        })
        .execute(),
    ).rejects.toThrow();
  });

  it("keeps each tenant's audit trail to itself", async () => {
    const { db } = getDb();
    const trailA = await readAuditTrail(db, a.as.auditor, { limit: 10_000 });
    expect(trailA.length).toBeGreaterThan(0);
    expect(trailA.some((t) => t.entity === 'claims' && t.entityId === String(claimB.id))).toBe(false);
    const rows = await db
      .selectFrom('audit_log')
      .select('tenant_id')
      .where('tenant_id', '=', a.tenantId)
      .execute();
    expect(rows).toHaveLength(trailA.length);
  });
});
