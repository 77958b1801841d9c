/**
 * The ledger service: who may post what (tenant-context.ts roles), the audit record written with the
 * posting, and reads limited to the caller's tenant — on SQLite and PostgreSQL.
 */
import { expect, it } from 'vitest';
import { createLedgerPractice } from '../../test/support/ledger-practice.js';
import { describeEachDialect } from '../../test/support/databases.js';
import type { NewLedgerEntry } from '../billing/ledger/entry.js';
import { isAppError } from '../model/errors.js';
import { listAuditEntries } from './audit.repository.js';
import { getAging, getBalances, getLedgerEntries, getTenantBalances, postLedgerEntries } from './ledger.service.js';
import type { TenantContext } from './tenant-context.js';

const DAY = '2026-10-15';

describeEachDialect('ledger service', (getDb) => {
  it('lets each role post only what it may, audits every posting, and reads only its own tenant', async () => {
    const { db } = getDb();
    const a = await createLedgerPractice(db, { slug: `svc-a-${process.pid}`, patientCount: 1, linesPerPatient: 1, serviceDate: () => DAY });
    const b = await createLedgerPractice(db, { slug: `svc-b-${process.pid}`, patientCount: 1, linesPerPatient: 1, serviceDate: () => DAY });
    const as = (role: TenantContext['role'], tenantId = a.tenantId): TenantContext => ({ tenantId, userId: null, role });
    const line = a.lines[0]!.claimLineId;
    const charge: NewLedgerEntry = { kind: 'charge', claimLineId: line, bucket: 'patient', payerId: null, amountCents: 5_000, effectiveDate: DAY };
    const copay: NewLedgerEntry = { kind: 'patient_payment', claimLineId: line, bucket: 'patient', payerId: null, amountCents: -2_000, effectiveDate: DAY };

    const refused = async (ctx: TenantContext, entries: NewLedgerEntry[]) => {
      const e = await postLedgerEntries(db, ctx, entries).catch((err: unknown) => err);
      return isAppError(e) ? e.code : 'posted';
    };
    // Coders and auditors post nothing; the front desk takes patient payments only.
    expect(await refused(as('coder'), [charge])).toBe('forbidden');
    expect(await refused(as('auditor'), [copay])).toBe('forbidden');
    expect(await refused(as('front_desk'), [charge])).toBe('forbidden');
    const [posted] = await postLedgerEntries(db, as('biller'), [charge]);
    expect(await refused(as('front_desk'), [copay])).toBe('posted');

    const audit = await listAuditEntries(db, a.tenantId, { entity: 'ledger_entries' });
    expect(audit.map((r) => r.entity_id).sort()).toEqual([String(posted!.id), String(posted!.id + 1)].sort());

    // Reads: the auditor sees the balance; tenant B sees nothing of A and cannot post to A's line.
    const balances = await getBalances(db, as('auditor'), 'line');
    expect(balances.get(line)?.buckets.patient).toBe(3_000);
    expect(await getLedgerEntries(db, as('auditor', b.tenantId))).toEqual([]);
    expect((await getTenantBalances(db, as('admin', b.tenantId))).tenant.balanceCents).toBe(0);
    expect(await getAging(db, as('biller', b.tenantId), 'patient', DAY)).toEqual([]);
    expect(await refused(as('admin', b.tenantId), [copay])).toBe('business_rule');
    expect((await getLedgerEntries(db, as('auditor'))).map((e) => e.amountCents)).toEqual([5_000, -2_000]);
  });
});
