import { describe, expect, it } from 'vitest';
import { claimSchema } from '../model/claim.js';
import { SequentialControlNumbers } from '../x12/envelope/control-numbers.js';
import { check837PFile } from './check-837p-file.js';
import { claimFromEncounter } from './claim-from-encounter.js';
import { write837File } from './edi-837-file.js';

const address = { line1: '1 Main St', city: 'Springfield', state: 'IL', zip: '62701' };
const claim = claimSchema.parse(
  claimFromEncounter({
    encounter: {
      id: 1,
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
        {
          procedureCode: '83036',
          modifiers: [],
          units: 1,
          diagnosisPointers: [1],
          serviceDate: '2026-10-27',
        },
      ],
    },
    chargesCents: [26_000, 4_000],
    patient: { lastName: 'Fixturo', firstName: 'Bea', dateOfBirth: '1960-05-01', sex: 'F', address },
    coverage: { priority: 'primary', memberId: 'XDB1', relationshipCode: '18' },
    payer: { name: 'Blue Demo Shield', payerId: 'DBLUE', claimFilingIndicator: 'BL' },
    billingProvider: {
      npi: '1245319599',
      lastNameOrOrganization: 'Clinic',
      taxId: '371234567',
      taxIdType: 'EI',
      address: { ...address, zip: '627011234' },
      contactName: 'Billing',
      contactPhone: '2175550100',
    },
    patientControlNumber: 'SB0000001-1',
  }),
);

function written(): string {
  const r = write837File([claim], {
    interchange: {
      sender: { qualifier: '30', id: '371234567' },
      receiver: { qualifier: 'ZZ', id: 'DBLUE' },
      usage: 'T',
      date: '2026-11-02',
      time: '0930',
    },
    controlNumbers: new SequentialControlNumbers({ interchange: 7 }),
    parties: { submitterId: '371234567', receiverId: 'DBLUE' },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.text;
}

describe('check837PFile', () => {
  it('finds nothing wrong with a file the writer made for exactly these claims', () => {
    expect(check837PFile(written(), ['SB0000001-1'])).toEqual([]);
  });

  it('catches a claim total that no longer matches its lines, a missing claim and a foreign one', () => {
    const tampered = written().replace('CLM*SB0000001-1*300*', 'CLM*SB0000001-1*310*');
    expect(tampered).not.toBe(written());
    expect(check837PFile(tampered, ['SB0000001-1']).length).toBeGreaterThan(0);
    const codes = check837PFile(written(), ['SB0000002-1']).map((p) => [p.code, p.path]);
    expect(codes).toEqual([
      ['x12.837p.claim', 'CLM01 SB0000002-1'],
      ['x12.837p.claim', 'CLM01 SB0000001-1'],
    ]);
  });

  it('catches a file labelled with another guide and a broken envelope', () => {
    const relabelled = written().replace('*X*005010X222A1~', '*X*005010X223A2~');
    expect(check837PFile(relabelled, ['SB0000001-1']).map((p) => p.code)).toContain('x12.837p.gs08');
    const cut = written().replace(/IEA\*1\*000000007~$/, '');
    expect(check837PFile(cut, ['SB0000001-1']).length).toBeGreaterThan(0);
  });
});
