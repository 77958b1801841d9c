import { describe, expect, it } from 'vitest';
import { claimSchema } from '../model/claim.js';
import { claimFromEncounter } from './claim-from-encounter.js';
import type { ClaimFromEncounterInput } from './claim-from-encounter.js';

const address = { line1: '1 Main St', city: 'Springfield', state: 'IL', zip: '62701' };
const input: ClaimFromEncounterInput = {
  encounter: {
    id: 7,
    dateOfService: '2026-10-27',
    placeOfService: '11',
    diagnoses: ['E119', 'I10'],
    lines: [
      {
        procedureCode: '99214',
        modifiers: [],
        units: 1,
        diagnosisPointers: [1, 2],
        serviceDate: '2026-10-27',
      },
      { procedureCode: '83036', modifiers: [], units: 1, diagnosisPointers: [1], serviceDate: '2026-10-27' },
    ],
  },
  chargesCents: [26_000, 4_000],
  patient: { lastName: 'Fixturo', firstName: 'Bea', dateOfBirth: '2010-05-01', sex: 'F', address },
  coverage: {
    priority: 'secondary',
    memberId: 'XDB1',
    relationshipCode: '19',
    subscriber: { lastName: 'Fixturo', firstName: 'Max', dateOfBirth: '1980-01-01', sex: 'M' },
  },
  payer: { name: 'Blue Demo Shield', payerId: 'DBLUE', claimFilingIndicator: 'BL' },
  billingProvider: {
    npi: '1245319599',
    lastNameOrOrganization: 'Clinic',
    taxId: '371234567',
    taxIdType: 'EI',
    address: { ...address, zip: '627011234' },
  },
  patientControlNumber: 'SB0000007-1',
  priorAuthorization: 'PA1',
};

describe('claimFromEncounter', () => {
  it('builds a valid claim: dependant under the subscriber, SBR01 from the coverage order, REF*6R per line', () => {
    const claim = claimSchema.parse(claimFromEncounter(input));
    expect(claim.payerResponsibility).toBe('S');
    expect(claim.subscriber).toMatchObject({ lastName: 'Fixturo', firstName: 'Max', memberId: 'XDB1' });
    expect(claim.patient).toMatchObject({ firstName: 'Bea', relationshipCode: '19' });
    expect(claim.priorAuthorization).toBe('PA1');
    expect(claim.lines.map((l) => [l.chargeCents, l.lineControlNumber, l.placeOfService])).toEqual([
      [26_000, 'SB0000007-1-1', '11'],
      [4_000, 'SB0000007-1-2', '11'],
    ]);
  });

  it('makes the patient the subscriber when the relationship is self', () => {
    const claim = claimFromEncounter({
      ...input,
      coverage: { priority: 'primary', memberId: 'M1', relationshipCode: '18' },
    });
    expect(claim.patient).toBeUndefined();
    expect(claim.subscriber).toMatchObject({
      firstName: 'Bea',
      dateOfBirth: '2010-05-01',
      memberId: 'M1',
      address,
    });
    expect(claim.payerResponsibility).toBe('P');
  });
});
