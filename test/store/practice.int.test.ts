/**
 * Contract tests for the practice data (providers, payers, patients, coverages, fee schedules,
 * contracts, encounters), run on SQLite and PostgreSQL alike.
 */
import { beforeAll, expect, it } from 'vitest';
import { readAuditTrail } from '../../src/store/audit.js';
import { createEncounter, getEncounter } from '../../src/store/encounters.service.js';
import { chargeFor, createFeeSchedule } from '../../src/store/fee-schedules.service.js';
import {
  addCoverage,
  createGuarantor,
  findPatients,
  getCoverages,
  getPatient,
  updatePatient,
} from '../../src/store/patients.service.js';
import { createPayerContract, expectedAllowedCents } from '../../src/store/payers.service.js';
import {
  createBillingProvider,
  createFacility,
  getBillingProvider,
} from '../../src/store/providers.service.js';
import { appError } from '../support/app-error.js';
import { describeEachDialect } from '../support/databases.js';
import { createTestPractice, npi } from '../support/practice.js';
import type { TestPractice } from '../support/practice.js';

describeEachDialect('practice data', (getDb) => {
  let p: TestPractice;
  beforeAll(async () => {
    p = await createTestPractice(getDb().db, 'Practice');
  });

  it('rejects a billing provider with every bad field named, and stores nothing', async () => {
    const { db } = getDb();
    const e = await appError(() =>
      createBillingProvider(db, p.as.admin, {
        npi: '1234567890',
        lastNameOrOrganization: 'Bad Clinic',
        taxId: '12-34567',
        address: { line1: '1 Main', city: 'X', state: 'ZZ', zip: '12345' },
        payToAddress: { line1: 'PO Box 1', city: 'X', state: 'IL', zip: '1234' },
      }),
    );
    expect(e.code).toBe('validation');
    expect(e.problems.map((x) => `${x.path}:${x.code}`)).toEqual([
      'npi:identifier.npi.check-digit',
      'taxId:identifier.ein.format',
      'address.state:identifier.state',
      'address.zip:identifier.zip.plus4',
      'payToAddress.zip:identifier.zip.format',
    ]);
    const names = (
      await db.selectFrom('billing_providers').select('name').where('tenant_id', '=', p.tenantId).execute()
    ).map((r) => r.name);
    expect(names).not.toContain('Bad Clinic');
  });

  it('stores a billing provider in the domain shape, with ZIP+4 and pay-to address', async () => {
    const { db } = getDb();
    const created = await createBillingProvider(db, p.as.biller, {
      npi: npi('155555555'),
      lastNameOrOrganization: 'Lakeside Medical Group',
      taxId: '36-1234567',
      taxIdType: 'EI',
      address: {
        line1: '200 Lake Shore Dr',
        line2: 'Suite 4',
        city: 'Chicago',
        state: 'IL',
        zip: '60601-1234',
      },
      payToAddress: { line1: 'PO Box 77', city: 'Chicago', state: 'IL', zip: '60690' },
    });
    const read = await getBillingProvider(db, p.as.auditor, created.id);
    expect(read).toEqual({
      id: created.id,
      npi: npi('155555555'),
      lastNameOrOrganization: 'Lakeside Medical Group',
      taxId: '361234567',
      taxIdType: 'EI',
      address: {
        line1: '200 Lake Shore Dr',
        line2: 'Suite 4',
        city: 'Chicago',
        state: 'IL',
        zip: '606011234',
      },
      payToAddress: { line1: 'PO Box 77', city: 'Chicago', state: 'IL', zip: '60690' },
    });
  });

  it('registers, finds, updates and audits patients', async () => {
    const { db } = getDb();
    const guarantor = await createGuarantor(db, p.as.front_desk, { lastName: 'Parent', firstName: 'Gail' });
    const patient = await getPatient(db, p.as.front_desk, p.patientId);
    expect(patient).toMatchObject({ accountNumber: 'PRACTICE-0001', dateOfBirth: '1980-04-02', sex: 'F' });
    const updated = await updatePatient(db, p.as.front_desk, p.patientId, {
      phone: '2175550100',
      guarantorId: guarantor.id,
    });
    expect(updated).toMatchObject({
      phone: '2175550100',
      guarantorId: guarantor.id,
      lastName: 'Practiceson',
    });

    const found = await findPatients(db, p.as.coder, { lastName: 'PRACTICE' });
    expect(found.map((x) => x.id)).toEqual([p.patientId]);
    expect(await findPatients(db, p.as.coder, { lastName: 'Nobody' })).toEqual([]);

    const trail = await readAuditTrail(db, p.as.auditor, { entity: 'patients', entityId: p.patientId });
    expect(trail.map((t) => t.action).sort()).toEqual(['create', 'read', 'read', 'update']);
    expect(trail.find((t) => t.action === 'update')!.userId).toBe(p.as.front_desk.userId);
  });

  it('refuses a duplicate account number', async () => {
    const { db } = getDb();
    const e = await appError(() =>
      import('../../src/store/patients.service.js').then((m) =>
        m.createPatient(db, p.as.admin, {
          accountNumber: 'PRACTICE-0001',
          lastName: 'X',
          dateOfBirth: '2000-01-01',
          sex: 'U',
        }),
      ),
    );
    expect(e.code).toBe('conflict');
  });

  it('orders coverages primary first and filters them by date', async () => {
    const { db } = getDb();
    await addCoverage(db, p.as.front_desk, {
      patientId: p.patientId,
      payerId: p.payerId,
      priority: 'secondary',
      memberId: 'SEC-1',
      effectiveFrom: '2026-01-01',
    });
    await addCoverage(db, p.as.front_desk, {
      patientId: p.patientId,
      payerId: p.payerId,
      priority: 'primary',
      memberId: 'PRI-1',
      relationshipCode: '01',
      subscriber: { lastName: 'Spouse', dateOfBirth: '1979-01-01', sex: 'M' },
      effectiveFrom: '2026-01-01',
      effectiveTo: '2026-06-30',
      copayCents: 2_500,
      deductibleCents: 150_000,
      coinsuranceBasisPoints: 2_000,
    });
    const all = await getCoverages(db, p.as.biller, p.patientId);
    expect(all.map((c) => c.memberId)).toEqual(['PRI-1', 'SEC-1']);
    expect(all[0]).toMatchObject({
      copayCents: 2_500,
      deductibleCents: 150_000,
      coinsuranceBasisPoints: 2_000,
    });
    expect(all[0]!.subscriber).toEqual({ lastName: 'Spouse', dateOfBirth: '1979-01-01', sex: 'M' });
    const july = await getCoverages(db, p.as.biller, p.patientId, '2026-07-01');
    expect(july.map((c) => c.memberId)).toEqual(['SEC-1']);

    const e = await appError(() =>
      addCoverage(db, p.as.front_desk, {
        patientId: p.patientId,
        payerId: p.payerId,
        priority: 'tertiary',
        memberId: 'T',
        relationshipCode: '19',
        effectiveFrom: '2026-02-01',
        effectiveTo: '2026-01-01',
      }),
    );
    expect(e.problems.map((x) => x.code)).toEqual(['coverage.subscriber', 'coverage.dates']);
  });

  it('prices from the fee schedule in force, preferring the exact modifier', async () => {
    const { db } = getDb();
    await createFeeSchedule(db, p.as.biller, {
      name: '2025',
      effectiveFrom: '2025-01-01',
      effectiveTo: '2025-12-31',
      items: [{ procedureCode: '99213', chargeCents: 11_000 }],
    });
    await createFeeSchedule(db, p.as.biller, {
      name: '2026',
      effectiveFrom: '2026-01-01',
      items: [
        { procedureCode: '99213', chargeCents: 12_500 },
        { procedureCode: '99213', modifier: '25', chargeCents: 13_000 },
      ],
    });
    expect(await chargeFor(db, p.as.coder, { procedureCode: '99213', on: '2025-06-01' })).toBe(11_000);
    expect(await chargeFor(db, p.as.coder, { procedureCode: '99213', on: '2026-06-01' })).toBe(12_500);
    expect(
      await chargeFor(db, p.as.coder, { procedureCode: '99213', modifier: '25', on: '2026-06-01' }),
    ).toBe(13_000);
    expect(
      await chargeFor(db, p.as.coder, { procedureCode: '99213', modifier: '59', on: '2026-06-01' }),
    ).toBe(12_500);
    expect(await chargeFor(db, p.as.coder, { procedureCode: '99214', on: '2026-06-01' })).toBeUndefined();
    expect(await chargeFor(db, p.as.coder, { procedureCode: '99213', on: '2024-06-01' })).toBeUndefined();

    const dup = await appError(() =>
      createFeeSchedule(db, p.as.biller, {
        name: 'dup',
        effectiveFrom: '2027-01-01',
        items: [
          { procedureCode: '99213', chargeCents: 1 },
          { procedureCode: '99213', chargeCents: 2 },
        ],
      }),
    );
    expect(dup.problems).toMatchObject([{ code: 'rates.duplicate', path: 'items[1]' }]);
  });

  it('finds the expected allowed amount in the payer contract', async () => {
    const { db } = getDb();
    await createPayerContract(db, p.as.biller, {
      payerId: p.payerId,
      name: 'Acme 2026',
      effectiveFrom: '2026-01-01',
      rates: [
        { procedureCode: '99213', allowedCents: 9_146 },
        { procedureCode: '99213', modifier: '95', allowedCents: 8_800 },
      ],
    });
    const on = '2026-03-02';
    expect(
      await expectedAllowedCents(db, p.as.biller, { payerId: p.payerId, procedureCode: '99213', on }),
    ).toBe(9_146);
    expect(
      await expectedAllowedCents(db, p.as.biller, {
        payerId: p.payerId,
        procedureCode: '99213',
        modifier: '95',
        on,
      }),
    ).toBe(8_800);
    expect(
      await expectedAllowedCents(db, p.as.biller, {
        payerId: p.payerId,
        procedureCode: '99213',
        on: '2025-12-31',
      }),
    ).toBeUndefined();
  });

  it('stores an encounter with diagnoses and lines in one go', async () => {
    const { db } = getDb();
    const facility = await createFacility(db, p.as.admin, {
      name: 'Main Street Office',
      address: { line1: '1 Main St', city: 'Springfield', state: 'IL', zip: '62701' },
    });
    const created = await createEncounter(db, p.as.front_desk, {
      patientId: p.patientId,
      billingProviderId: p.billingProviderId,
      renderingProviderId: p.renderingProviderId,
      facilityId: facility.id,
      dateOfService: '2026-03-02',
      placeOfService: '11',
      diagnoses: ['E119', 'I10'],
      lines: [
        {
          procedureCode: '99214',
          modifiers: ['25'],
          units: 1,
          chargeCents: 18_000,
          diagnosisPointers: [1, 2],
        },
        { procedureCode: '36415', units: 1.5, chargeCents: 1_500, diagnosisPointers: [1] },
      ],
    });
    const read = await getEncounter(db, p.as.coder, created.id);
    expect(read).toEqual(created);
    expect(read.diagnoses).toEqual(['E119', 'I10']);
    expect(
      read.lines.map((l) => [l.procedureCode, l.modifiers, l.units, l.chargeCents, l.serviceDate]),
    ).toEqual([
      ['99214', ['25'], 1, 18_000, '2026-03-02'],
      ['36415', [], 1.5, 1_500, '2026-03-02'],
    ]);

    const bad = await appError(() =>
      createEncounter(db, p.as.front_desk, {
        patientId: p.patientId,
        billingProviderId: p.billingProviderId,
        dateOfService: '2026-02-30',
        placeOfService: '11',
        diagnoses: ['E119'],
        lines: [{ procedureCode: '99213', units: 1, chargeCents: 100, diagnosisPointers: [3] }],
      }),
    );
    expect(bad.problems.map((x) => x.path)).toEqual(['dateOfService']);
  });
});
