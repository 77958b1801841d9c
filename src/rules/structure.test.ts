import { describe, expect, it } from 'vitest';
import { claim, codes, line, run } from '../../test/fixtures/rules/helpers.js';
import { checkDeclaredTotal, structureFamily } from './structure.js';

describe('structure edits', () => {
  it('the clean base claim passes', () => {
    expect(run(structureFamily, claim())).toEqual([]);
  });
  it('billing provider: NPI check digit, ZIP+4, street address, tax id', () => {
    const found = run(
      structureFamily,
      claim((c) => {
        c.billingProvider.npi = '1245319598';
        c.billingProvider.address.zip = '62701';
        c.billingProvider.address.line1 = 'PO Box 12';
        c.billingProvider.taxId = '12-3456789';
      }),
    );
    expect(codes(found).sort()).toEqual(['structure.billing-po-box', 'structure.npi', 'structure.tax-id', 'structure.zip4']);
    expect(found.find((p) => p.code === 'structure.zip4')!.path).toBe('billingProvider.address.zip');
  });
  it('a 5-digit ZIP is fine for the subscriber', () => {
    expect(run(structureFamily, claim((c) => void (c.subscriber.address!.zip = '62702')))).toEqual([]);
  });
  it('subscriber who is the patient needs an address; a patient needs a valid relationship', () => {
    expect(codes(run(structureFamily, claim((c) => {
      delete c.subscriber.address;
    })))).toEqual(['structure.subscriber-address']);
    const withPatient = claim((c) => {
      delete c.subscriber.address;
      c.patient = { lastName: 'Doe', firstName: 'Tim', dateOfBirth: '2015-06-01', sex: 'M', relationshipCode: '99', address: { line1: '1 A St', city: 'X', state: 'IL', zip: '62702' } };
    });
    expect(codes(run(structureFamily, withPatient))).toEqual(['structure.patient-relationship']);
  });
  it('dates: not in the future, not before birth, ranges in order', () => {
    const found = run(structureFamily, claim((c) => (c.lines = [line('99213', { serviceDate: '2027-01-04' }), line('99213', { serviceDate: '1950-01-01' }), line('99213', { serviceDateEnd: '2026-03-01' })])));
    expect(codes(found)).toEqual(['structure.date.future', 'structure.date.before-birth', 'structure.date-range']);
    expect(found.map((p) => p.path)).toEqual(['lines[0].serviceDate', 'lines[1].serviceDate', 'lines[2].serviceDateEnd']);
    expect(found[0]!.message).toContain('Line 1 date of service 2027-01-04 is in the future');
  });
  it('pointers must point at a diagnosis, once; diagnoses must not repeat', () => {
    const found = run(structureFamily, claim((c) => {
      c.diagnoses = ['I10', 'E78.5', 'I10'];
      c.lines = [line('99213', { diagnosisPointers: [1, 4, 1] })];
    }));
    expect(codes(found)).toEqual(['structure.duplicate-diagnosis', 'structure.pointer', 'structure.pointer-repeat']);
    expect(found[1]!.path).toBe('lines[0].diagnosisPointers[1]');
  });
  it('charge and units above zero; at most 50 lines', () => {
    expect(codes(run(structureFamily, claim((c) => (c.lines = [line('99213', { chargeCents: 0 })]))))).toEqual(['structure.charge']);
    const many = claim((c) => (c.lines = Array.from({ length: 51 }, () => line('36415'))));
    expect(codes(run(structureFamily, many))).toEqual(['structure.too-many-lines']);
    const fifty = claim((c) => (c.lines = Array.from({ length: 50 }, () => line('36415'))));
    expect(run(structureFamily, fifty)).toEqual([]);
  });
  it('a replacement claim needs the original claim number', () => {
    expect(codes(run(structureFamily, claim((c) => void (c.frequencyCode = '7'))))).toEqual(['structure.original-claim']);
    expect(run(structureFamily, claim((c) => { c.frequencyCode = '7'; c.originalClaimNumber = 'X123'; }))).toEqual([]);
  });
  it('CLM02 must equal the sum of the lines', () => {
    const c = claim();
    expect(checkDeclaredTotal(c, 12500, 12500)).toEqual([]);
    expect(codes(checkDeclaredTotal(c, 12600, 12500))).toEqual(['structure.total']);
  });
});
