/**
 * The demo practice, built on SQLite and on PostgreSQL: what it holds, that its identifiers and codes
 * are valid, that its money shows in every aging bucket, that a second run changes nothing, and that
 * both dialects build exactly the same practice.
 */
import { describe, expect, it } from 'vitest';
import { WRONG_CLAIMS } from './wrong-claims.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { isClaimState } from '../../billing/claim-lifecycle.js';
import { AGING_BUCKETS, agingByPatient, agingByPayer } from '../../billing/ledger/aging.js';
import { tenantBalance } from '../../billing/ledger/balances.js';
import { LEDGER_ENTRY_KINDS } from '../../billing/ledger/kinds.js';
import { getCodeSets } from '../../codes/load.js';
import { validateCode } from '../../codes/validate.js';
import { isValidNpi } from '../../model/identifiers.js';
import { agingSql } from '../aging.repository.js';
import { listEntries } from '../ledger.repository.js';
import { DEMO_DIAGNOSIS_CODES, PROCEDURES } from './catalog.js';
import { isMbiFormat } from './identifiers.js';
import { DEMO_ANCHOR, DEMO_FIRST_SERVICE_DATE, seedDemoPractice } from './seed-demo-practice.js';
import type { DemoSeedResult } from './seed-demo-practice.js';

const fingerprints = new Map<string, string>();
const PATIENTS = 120;

describeEachDialect('demo seed', (getDb, dialect) => {
  let result: DemoSeedResult;

  it('builds a practice with three providers, four payers, hundreds of patients and six months of claims', async () => {
    const { db } = getDb();
    // Fewer patients than the 300 of `superbill demo seed` keep the PostgreSQL run short; the CLI test
    // builds the full practice.
    result = await seedDemoPractice(db, { patientCount: PATIENTS });
    expect(result.created).toBe(true);
    expect(result.counts).toMatchObject({ providers: 4, payers: 4, patients: PATIENTS });
    // 3 coded encounters wait for `claims create`; the wrong claims have no encounter.
    expect(result.counts.encounters - 3).toBe(result.counts.claims - WRONG_CLAIMS.length);
    expect(result.counts.claims).toBeGreaterThan(PATIENTS * 1.5);
    expect(result.counts.claimLines).toBeGreaterThan(result.counts.claims);
    const dates = await db.selectFrom('claim_lines').select('service_date').where('tenant_id', '=', result.tenantId).execute();
    expect(Math.min(...dates.map((d) => Date.parse(d.service_date)))).toBeGreaterThanOrEqual(Date.parse(DEMO_FIRST_SERVICE_DATE));
    expect(Math.max(...dates.map((d) => Date.parse(d.service_date)))).toBeLessThan(Date.parse(DEMO_ANCHOR));
    const filing = await db.selectFrom('payers').select('claim_filing_indicator').where('tenant_id', '=', result.tenantId).execute();
    expect(filing.map((p) => p.claim_filing_indicator).sort()).toEqual(['BL', 'CI', 'MB', 'MC']);
    fingerprints.set(dialect, result.fingerprint);
  });

  it("stores lifecycle states; the payer's answer is the outcome of the adjudicated event", async () => {
    const { db } = getDb();
    const t = result.tenantId;
    const claims = await db.selectFrom('claims').select(['id', 'status', 'payer_claim_number']).where('tenant_id', '=', t).execute();
    expect(claims.filter((c) => !isClaimState(c.status))).toEqual([]);
    const states = new Set(claims.map((c) => c.status));
    for (const s of ['submitted', 'acknowledged', 'adjudicated'] as const) expect(states).toContain(s);
    const events = await db.selectFrom('claim_events').select(['claim_id', 'payload']).where('tenant_id', '=', t).where('type', '=', 'adjudicated').execute();
    const adjudicated = claims.filter((c) => c.status === 'adjudicated');
    expect(events.map((e) => e.claim_id).sort((a, b) => a - b)).toEqual(adjudicated.map((c) => c.id).sort((a, b) => a - b));
    expect(adjudicated.filter((c) => c.payer_claim_number === null)).toEqual([]);
    const payloads = events.map((e) => JSON.parse(e.payload) as { outcome: string; paidCents: number });
    expect(new Set(payloads.map((p) => p.outcome))).toEqual(new Set(['paid', 'denied']));
    expect(payloads.filter((p) => p.outcome === 'paid' && p.paidCents <= 0)).toEqual([]);
    expect(payloads.filter((p) => p.outcome === 'denied' && p.paidCents !== 0)).toEqual([]);
  });

  it('uses valid-format identifiers: Luhn NPIs, MBIs for Medicare, ZIP+4 for the billing provider', async () => {
    const { db } = getDb();
    const t = result.tenantId;
    const npis = [
      ...(await db.selectFrom('providers').select('npi').where('tenant_id', '=', t).execute()),
      ...(await db.selectFrom('billing_providers').select('npi').where('tenant_id', '=', t).execute()),
      ...(await db.selectFrom('facilities').select('npi').where('tenant_id', '=', t).execute()),
    ].map((r) => r.npi ?? '');
    expect(npis).toHaveLength(5);
    expect(npis.filter((n) => !isValidNpi(n))).toEqual([]);
    const billing = await db.selectFrom('billing_providers').select('address_zip').where('tenant_id', '=', t).executeTakeFirstOrThrow();
    expect(billing.address_zip).toMatch(/^\d{9}$/);
    const medicare = await db
      .selectFrom('coverages as c')
      .innerJoin('payers as p', 'p.id', 'c.payer_id')
      .select('c.member_id')
      .where('c.tenant_id', '=', t)
      .where('p.claim_filing_indicator', '=', 'MB')
      .execute();
    expect(medicare.length).toBeGreaterThan(PATIENTS / 4);
    expect(medicare.filter((m) => !isMbiFormat(m.member_id))).toEqual([]);
  });

  it('codes every encounter with ICD-10-CM, CPT and HCPCS codes valid on its date of service', async () => {
    const { db } = getDb();
    const codeSets = getCodeSets();
    const t = result.tenantId;
    const lines = await db.selectFrom('claim_lines').select(['procedure_code', 'service_date']).where('tenant_id', '=', t).execute();
    const diagnoses = await db
      .selectFrom('encounter_diagnoses as d')
      .innerJoin('encounters as e', 'e.id', 'd.encounter_id')
      .select(['d.code', 'e.date_of_service'])
      .where('d.tenant_id', '=', t)
      .execute();
    const systemOf = (code: string) => (PROCEDURES.find((p) => p.code === code)?.system === 'hcpcs' ? 'HCPCS' : 'CPT');
    const bad = [
      ...lines.map((l) => validateCode(codeSets, l.procedure_code, { system: systemOf(l.procedure_code), dateOfService: l.service_date })),
      ...diagnoses.map((d) => validateCode(codeSets, d.code, { system: 'ICD-10-CM', dateOfService: d.date_of_service })),
    ].filter((v) => !v.valid);
    expect(bad.map((v) => `${v.input} ${v.dateOfService}: ${v.summary}`)).toEqual([]);
    expect(new Set(lines.map((l) => systemOf(l.procedure_code)))).toEqual(new Set(['CPT', 'HCPCS']));
  });

  it('posts every kind of ledger entry, and the aging shows amounts in every bucket for payers and patients', async () => {
    const { db } = getDb();
    const ctx = { tenantId: result.tenantId };
    const entries = await listEntries(db, ctx);
    expect(new Set(entries.map((e) => e.kind))).toEqual(new Set(LEDGER_ENTRY_KINDS));
    for (const b of AGING_BUCKETS) {
      expect(result.aging.byPayer.reduce((s, p) => s + p.buckets[b], 0), `payers ${b}`).toBeGreaterThan(0);
      expect(result.aging.patients.buckets[b], `patients ${b}`).toBeGreaterThan(0);
    }
    // The SQL aging and balances agree with the pure reference over the same entries.
    expect(await agingSql(db, ctx, 'payer', DEMO_ANCHOR)).toEqual(agingByPayer(entries, DEMO_ANCHOR));
    expect(await agingSql(db, ctx, 'patient', DEMO_ANCHOR)).toEqual(agingByPatient(entries, DEMO_ANCHOR));
    const tenant = tenantBalance(entries);
    expect(result.totals).toEqual({ chargedCents: tenant.chargedCents, balanceCents: tenant.balanceCents, payerCents: tenant.balanceCents - tenant.buckets.patient, patientCents: tenant.buckets.patient });
  });

  it('changes nothing when run again', async () => {
    const { db } = getDb();
    const again = await seedDemoPractice(db, { patientCount: PATIENTS });
    expect(again.created).toBe(false);
    expect(again.message).toMatch(/already exists/);
    expect({ ...again, created: true, message: '' }).toEqual({ ...result, message: '' });
  });
});

describe('demo seed determinism', () => {
  it('builds exactly the same practice on SQLite and PostgreSQL', () => {
    const [sqlite, postgres] = [fingerprints.get('sqlite'), fingerprints.get('postgres')];
    expect(sqlite).toMatch(/^[0-9a-f]{64}$/);
    if (postgres !== undefined) expect(postgres).toBe(sqlite);
  });

  it('uses only codes that are valid across the whole demo period (FY2026 and FY2027)', () => {
    const codeSets = getCodeSets();
    for (const date of [DEMO_FIRST_SERVICE_DATE, '2026-09-30', '2026-10-01', DEMO_ANCHOR]) {
      const bad = [
        ...DEMO_DIAGNOSIS_CODES.map((c) => validateCode(codeSets, c, { system: 'ICD-10-CM', dateOfService: date })),
        ...PROCEDURES.map((p) => validateCode(codeSets, p.code, { system: p.system === 'cpt' ? 'CPT' : 'HCPCS', dateOfService: date })),
      ].filter((v) => !v.valid);
      expect(bad.map((v) => `${v.input} on ${date}: ${v.summary}`)).toEqual([]);
    }
  });
});
