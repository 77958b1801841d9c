/**
 * Contract tests for claim storage on SQLite and PostgreSQL: a domain claim goes in with its lines in
 * one transaction and comes back equal; status changes follow the allowed transitions and leave a
 * typed event and an audit record; role permissions hold.
 */
import { beforeAll, expect, it } from 'vitest';
import { claimSchema } from '../../src/model/claim.js';
import { readAuditTrail } from '../../src/store/audit.js';
import {
  getClaim,
  getClaimHistory,
  listClaims,
  recordClaimEvent,
  saveClaim,
} from '../../src/store/claims.service.js';
import { withTransaction } from '../../src/store/transaction.js';
import { transitionClaim } from '../../src/store/use-cases/transition-claim.js';
import { describeEachDialect } from '../support/databases.js';
import { createTestPractice, sampleClaim } from '../support/practice.js';
import type { TestPractice } from '../support/practice.js';
import { appError } from '../support/app-error.js';


describeEachDialect('claims', (getDb) => {
  let p: TestPractice;
  beforeAll(async () => {
    p = await createTestPractice(getDb().db, 'Claims');
  });

  it('stores a claim with its lines and reads back the same domain claim', async () => {
    const { db } = getDb();
    const input = sampleClaim('PCN-ROUND');
    const stored = await saveClaim(db, p.as.biller, {
      claim: input,
      patientId: p.patientId,
      payerId: p.payerId,
    });
    expect(stored.status).toBe('draft');
    expect(stored.totalChargeCents).toBe(16_550);
    expect(stored.lineIds).toHaveLength(2);

    const read = await getClaim(db, p.as.coder, stored.id);
    expect(read.claim).toEqual({ ...claimSchema.parse(input), id: String(stored.id) });
    expect(read.lineIds).toEqual(stored.lineIds);
    expect(read.payerId).toBe(p.payerId);

    const lines = await db
      .selectFrom('claim_lines')
      .select(['line_number', 'charge_cents', 'modifier1', 'service_date'])
      .where('claim_id', '=', stored.id)
      .orderBy('line_number')
      .execute();
    expect(lines).toEqual([
      { line_number: 1, charge_cents: 12_500, modifier1: null, service_date: '2026-03-02' },
      { line_number: 2, charge_cents: 4_050, modifier1: 'JZ', service_date: '2026-03-02' },
    ]);
  });

  it('rejects a claim with bad identifiers, naming each, and stores nothing', async () => {
    const { db } = getDb();
    const input = sampleClaim('PCN-BAD');
    input.billingProvider.npi = '1234567890';
    input.billingProvider.address.zip = '62701';
    input.lines[1]!.diagnosisPointers = [3];
    const e = await appError(() => saveClaim(db, p.as.biller, { claim: input, patientId: p.patientId }));
    expect(e.code).toBe('validation');
    expect(e.problems.map((x) => x.path)).toEqual([
      'claim.billingProvider.npi',
      'claim.billingProvider.address.zip',
      'claim.lines[1].diagnosisPointers[0]',
    ]);
    expect(await listClaims(db, p.as.biller, { patientControlNumber: 'PCN-BAD' })).toEqual([]);
  });

  it('writes claim, lines, event and audit together or not at all', async () => {
    const { db } = getDb();
    await expect(
      withTransaction(db, async (trx) => {
        await saveClaim(trx, p.as.biller, { claim: sampleClaim('PCN-ROLLBACK'), patientId: p.patientId });
        throw new Error('crash after the claim was written');
      }),
    ).rejects.toThrow('crash');
    expect(await listClaims(db, p.as.biller, { patientControlNumber: 'PCN-ROLLBACK' })).toEqual([]);
    const orphanLines = await db
      .selectFrom('claim_lines')
      .leftJoin('claims', 'claims.id', 'claim_lines.claim_id')
      .select('claim_lines.id')
      .where('claims.id', 'is', null)
      .execute();
    expect(orphanLines).toEqual([]);
  });

  it('moves a claim through the lifecycle with a typed history', async () => {
    const { db } = getDb();
    const { id } = await saveClaim(db, p.as.biller, {
      claim: sampleClaim('PCN-LIFE'),
      patientId: p.patientId,
    });
    const ready = await transitionClaim(db, p.as.biller, {
      claimId: id,
      events: [{ type: 'scrubbed', errors: 0, warnings: 0 }, { type: 'marked_ready' }],
    });
    expect(ready.status).toBe('ready');
    await transitionClaim(db, p.as.biller, {
      claimId: id,
      events: [
        {
          type: 'submitted',
          batchId: 'B1',
          interchangeControlNumber: '000000905',
          groupControlNumber: '905',
          transactionSetControlNumber: '0001',
          fileName: 'b1.837p',
        },
      ],
    });
    await recordClaimEvent(db, p.as.biller, id, 'acknowledged', {
      kind: '999',
      accepted: true,
      reference: 'ICN 000000905',
    });
    // The lifecycle refuses a step it does not allow: a submitted claim cannot be closed.
    const refused = await appError(() =>
      transitionClaim(db, p.as.biller, { claimId: id, events: [{ type: 'closed' }] }),
    );
    expect(refused.code).toBe('business_rule');
    expect((await getClaim(db, p.as.biller, id)).status).toBe('submitted');
    const acknowledged = await transitionClaim(db, p.as.biller, {
      claimId: id,
      events: [{ type: 'acknowledged', source: '277CA' }],
    });
    expect(acknowledged.status).toBe('acknowledged');
    const adjudicated = await transitionClaim(db, p.as.biller, {
      claimId: id,
      events: [
        {
          type: 'adjudicated',
          outcome: 'denied',
          payerClaimControlNumber: 'PAYER-77',
          paidCents: 0,
          patientResponsibilityCents: 0,
        },
      ],
      reason: 'CO-50',
    });
    // The status is the lifecycle state; the payer's answer is the adjudicated event's outcome.
    expect(adjudicated.status).toBe('adjudicated');
    expect((await getClaim(db, p.as.biller, id)).payerClaimNumber).toBe('PAYER-77');

    const history = await getClaimHistory(db, p.as.auditor, id);
    expect(history.map((h) => h.type)).toEqual([
      'created',
      'status_changed',
      'status_changed',
      'acknowledged',
      'status_changed',
      'status_changed',
      'adjudicated',
    ]);
    const first = history[0]!;
    if (first.type !== 'created') throw new Error('first event must be created');
    expect(first.payload).toEqual({ lineCount: 2, totalChargeCents: 16_550, frequencyCode: '1' });
    const toReady = history[1]!;
    if (toReady.type !== 'status_changed') throw new Error('expected status_changed');
    expect(toReady.payload).toEqual({ from: 'draft', to: 'ready', reason: 'scrubbed, then marked ready' });
    const toAck = history[4]!;
    if (toAck.type !== 'status_changed') throw new Error('expected status_changed');
    expect(toAck.payload).toEqual({ from: 'submitted', to: 'acknowledged', reason: 'acknowledged' });
    expect(toAck.userId).toBe(p.as.biller.userId);
    const outcome = history[6]!;
    if (outcome.type !== 'adjudicated') throw new Error('expected adjudicated');
    expect(outcome.payload).toEqual({
      outcome: 'denied',
      paidCents: 0,
      patientResponsibilityCents: 0,
      payerClaimNumber: 'PAYER-77',
    });

    const trail = await readAuditTrail(db, p.as.auditor, { entity: 'claims', entityId: id });
    expect(trail.filter((t) => t.action === 'update')).toHaveLength(5);
  });

  it('lets the front desk read but not change claims, and the auditor only read', async () => {
    const { db } = getDb();
    const { id } = await saveClaim(db, p.as.coder, {
      claim: sampleClaim('PCN-ROLES'),
      patientId: p.patientId,
    });
    expect((await getClaim(db, p.as.front_desk, id)).id).toBe(id);
    for (const ctx of [p.as.front_desk, p.as.auditor]) {
      expect(
        (
          await appError(() =>
            transitionClaim(db, ctx, { claimId: id, events: [{ type: 'scrubbed', errors: 0, warnings: 0 }] }),
          )
        ).code,
      ).toBe('forbidden');
      expect(
        (await appError(() => saveClaim(db, ctx, { claim: sampleClaim('X'), patientId: p.patientId }))).code,
      ).toBe('forbidden');
    }
    expect((await getClaim(db, p.as.auditor, id)).status).toBe('draft');
    // Forbidden attempts write nothing, not even an audit record.
    const trail = await readAuditTrail(db, p.as.auditor, { entity: 'claims', entityId: id });
    expect(trail.map((t) => t.action).sort()).toEqual(['create', 'read', 'read']);
  });
});
