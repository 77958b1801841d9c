/**
 * Builders for storage tests: a practice (tenant) with one user per role, a billing provider, a
 * rendering provider, a payer and a patient, all created through the services. Identifiers are
 * synthetic but valid in format (NPIs pass the Luhn check).
 */
import type { ClaimInput } from '../../src/model/claim.js';
import { npiCheckDigit } from '../../src/model/identifiers.js';
import { createPayer } from '../../src/store/payers.service.js';
import { createPatient } from '../../src/store/patients.service.js';
import { createBillingProvider, createProvider } from '../../src/store/providers.service.js';
import type { Executor } from '../../src/store/schema.js';
import type { Role } from '../../src/store/tables/tenants.table.js';
import { ROLES } from '../../src/store/tables/tenants.table.js';
import type { TenantContext } from '../../src/store/tenant-context.js';
import {
  addMember,
  createTenant,
  createUser,
  resolveTenantContext,
} from '../../src/store/tenancy.service.js';

/** A valid NPI built from nine digits plus its check digit. */
export function npi(firstNine: string): string {
  return `${firstNine}${npiCheckDigit(firstNine)}`;
}

let counter = 0;

/** A practice set up for tests. */
export interface TestPractice {
  readonly tenantId: number;
  /** A context per role, each a different user. */
  readonly as: Readonly<Record<Role, TenantContext>>;
  readonly billingProviderId: number;
  readonly renderingProviderId: number;
  readonly payerId: number;
  readonly patientId: number;
}

/** Creates a practice named `label` with users, providers, a payer and one patient. */
export async function createTestPractice(db: Executor, label: string): Promise<TestPractice> {
  counter += 1;
  const slug = `${label.toLowerCase().replaceAll(/[^a-z0-9]+/g, '-')}-${process.pid}-${counter}`;
  const tenant = await createTenant(db, { name: `${label} Practice`, slug });
  const system: TenantContext = { tenantId: tenant.id, userId: null, role: 'admin' };
  const contexts: Partial<Record<Role, TenantContext>> = {};
  for (const role of ROLES) {
    const user = await createUser(db, {
      email: `${role}.${slug}@example.test`,
      displayName: `${role} of ${label}`,
    });
    await addMember(db, system, user.id, role);
    contexts[role] = await resolveTenantContext(db, user.id, tenant.id);
  }
  const admin = contexts.admin!;
  const billing = await createBillingProvider(db, admin, {
    npi: npi('123456789'),
    lastNameOrOrganization: `${label} Clinic LLC`,
    taxId: '12-3456789',
    taxIdType: 'EI',
    taxonomy: '207Q00000X',
    address: { line1: '1 Main St', city: 'Springfield', state: 'IL', zip: '627011234' },
  });
  const rendering = await createProvider(db, admin, {
    npi: npi('198765432'),
    lastNameOrOrganization: 'Welby',
    firstName: 'Marcus',
    taxonomy: '207Q00000X',
  });
  const payer = await createPayer(db, admin, {
    name: 'Acme Health',
    payerId: 'ACME1',
    claimFilingIndicator: 'CI',
    timelyFilingDays: 180,
  });
  const patient = await createPatient(db, admin, {
    accountNumber: `${label.toUpperCase()}-0001`,
    lastName: `${label}son`,
    firstName: 'Pat',
    dateOfBirth: '1980-04-02',
    sex: 'F',
    address: { line1: '9 Elm St', city: 'Springfield', state: 'IL', zip: '62702' },
  });
  return {
    tenantId: tenant.id,
    as: contexts as Record<Role, TenantContext>,
    billingProviderId: billing.id,
    renderingProviderId: rendering.id,
    payerId: payer.id,
    patientId: patient.id,
  };
}

/** A valid professional claim (two lines) for tests. */
export function sampleClaim(patientControlNumber = 'PCN-1'): ClaimInput {
  return {
    patientControlNumber,
    placeOfService: '11',
    billingProvider: {
      npi: npi('123456789'),
      lastNameOrOrganization: 'Test Clinic LLC',
      taxId: '123456789',
      address: { line1: '1 Main St', city: 'Springfield', state: 'IL', zip: '627011234' },
    },
    renderingProvider: { npi: npi('198765432'), lastNameOrOrganization: 'Welby', firstName: 'Marcus' },
    payer: { name: 'Acme Health', payerId: 'ACME1', claimFilingIndicator: 'CI' },
    subscriber: {
      lastName: 'Testson',
      firstName: 'Pat',
      memberId: 'M123',
      dateOfBirth: '1980-04-02',
      sex: 'F',
    },
    diagnoses: ['E119', 'I10'],
    lines: [
      {
        procedureCode: '99213',
        chargeCents: 12_500,
        units: 1,
        diagnosisPointers: [1, 2],
        serviceDate: '2026-03-02',
      },
      {
        procedureCode: 'J3420',
        modifiers: ['JZ'],
        chargeCents: 4_050,
        units: 1,
        diagnosisPointers: [1],
        serviceDate: '2026-03-02',
        drug: { ndc: '00409048801', quantity: 1, unit: 'ML' },
        lineControlNumber: 'L2',
      },
    ],
  };
}
