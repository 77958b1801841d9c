import { describe, expect, it } from 'vitest';
import { DEFAULT_DELIMITERS } from '../syntax/segment.js';
import { parseX12 } from '../syntax/parse.js';
import { SequentialControlNumbers } from '../envelope/control-numbers.js';
import type { Claim2300P, Professional837, ServiceLine2400P } from './professional-model.js';
import { validate837P } from './validate.js';
import { isValidNpi } from './validate-common.js';
import { write837P } from './writer.js';

const line = (n: number, over: Partial<ServiceLine2400P> = {}): ServiceLine2400P => ({
  lineNumber: n,
  procedureCode: '99213',
  modifiers: [],
  chargeCents: 10000,
  unitType: 'UN',
  units: 1,
  diagnosisPointers: [1],
  serviceDate: '2026-02-02',
  adjudications: [],
  ...over,
});

const claim = (over: Partial<Claim2300P> = {}): Claim2300P => ({
  patientControlNumber: 'PCN1',
  totalChargeCents: 10000,
  placeOfServiceCode: '11',
  frequencyCode: '1',
  providerSignatureOnFile: true,
  assignmentCode: 'A',
  benefitsAssigned: 'Y',
  releaseOfInformation: 'Y',
  dates: [],
  diagnoses: ['J02.9'],
  otherSubscribers: [],
  lines: [line(1)],
  ...over,
});

const tx = (claims: Claim2300P[], patients = false): Professional837 => ({
  header: {
    purposeCode: '00',
    referenceId: 'B1',
    creationDate: '2026-02-03',
    creationTime: '0800',
    claimOrEncounter: 'CH',
  },
  submitter: {
    entityType: '2',
    lastNameOrOrganization: 'CLINIC',
    identifier: 'S1',
    contact: { name: 'A', phone: '5555550100' },
  },
  receiver: { name: 'CH', identifier: 'R1' },
  billingProviders: [
    {
      billingProvider: {
        entityType: '2',
        lastNameOrOrganization: 'CLINIC',
        npi: '1234567893',
        address: { line1: '1 MAIN ST', city: 'X', state: 'IL', zip: '627011234' },
        taxIdQualifier: 'EI',
        taxId: '123456789',
      },
      subscribers: [
        {
          payerResponsibility: 'P',
          claimFilingIndicator: 'CI',
          subscriber: {
            lastName: 'DOE',
            firstName: 'J',
            memberId: 'M1',
            address: { line1: '2 OAK', city: 'X', state: 'IL', zip: '62704' },
            dateOfBirth: '1990-01-01',
            sex: 'F',
          },
          payer: { name: 'PAYER', payerId: 'P1' },
          claims: patients ? [] : claims,
          patients: patients
            ? [
                {
                  relationshipCode: '19',
                  patient: {
                    lastName: 'DOE',
                    firstName: 'K',
                    address: { line1: '2 OAK', city: 'X', state: 'IL', zip: '62704' },
                    dateOfBirth: '2015-01-01',
                    sex: 'M',
                  },
                  claims,
                },
              ]
            : [],
        },
      ],
    },
  ],
});

const codes = (t: Professional837) => validate837P(t, DEFAULT_DELIMITERS).map((p) => p.code);

describe('validate837P cross-segment rules', () => {
  it('accepts a plain valid claim', () => {
    expect(validate837P(tx([claim()]), DEFAULT_DELIMITERS)).toEqual([]);
  });

  it('CLM02 must equal the sum of SV102', () => {
    const problems = validate837P(tx([claim({ totalChargeCents: 9999 })]), DEFAULT_DELIMITERS);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'x12.837.clm02.sum', severity: 'error' });
    expect(problems[0]!.message).toContain('99.99');
    expect(problems[0]!.message).toContain('100.00');
  });

  it('diagnosis pointers must point at existing diagnoses, at most 4, no repeats', () => {
    const c = claim({
      diagnoses: ['J02.9', 'R50.9'],
      lines: [line(1, { diagnosisPointers: [1, 3, 1, 2, 2] })],
    });
    expect(codes(tx([c]))).toEqual([
      'x12.837.pointer.max',
      'x12.837.pointer.range',
      'x12.837.pointer.duplicate',
      'x12.837.pointer.duplicate',
    ]);
  });

  it('at most 50 lines and at most 12 diagnoses', () => {
    const lines = Array.from({ length: 51 }, (_, i) => line(i + 1));
    const diagnoses = [
      'A00.0',
      'A00.1',
      'A01.0',
      'A01.1',
      'A02.0',
      'A02.1',
      'A03.0',
      'A03.1',
      'A04.0',
      'A04.1',
      'A05.0',
      'A05.1',
      'A06.0',
    ];
    expect(codes(tx([claim({ lines, totalChargeCents: 510000, diagnoses })]))).toEqual([
      'x12.837.hi.max',
      'x12.837.lines.max',
    ]);
    expect(
      codes(
        tx([
          claim({ lines: lines.slice(0, 50), totalChargeCents: 500000, diagnoses: diagnoses.slice(0, 12) }),
        ]),
      ),
    ).toEqual([]);
  });

  it('frequency 7 and 8 need REF*F8; 1 must not carry it', () => {
    expect(codes(tx([claim({ frequencyCode: '7' })]))).toEqual(['x12.837.frequency.f8']);
    expect(codes(tx([claim({ frequencyCode: '8', payerClaimControlNumber: 'ICN1' })]))).toEqual([]);
    expect(codes(tx([claim({ payerClaimControlNumber: 'ICN1' })]))).toEqual([
      'x12.837.frequency.f8-original',
    ]);
    expect(codes(tx([claim({ frequencyCode: '5' })]))).toEqual(['x12.837.frequency']);
  });

  it('finds delimiters inside values', () => {
    const problems = validate837P(
      tx([claim({ patientControlNumber: 'PCN*1', priorAuthorization: 'A~B' })]),
      DEFAULT_DELIMITERS,
    );
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['x12.value.delimiter', 'billingProviders[0].subscribers[0].claims[0].patientControlNumber'],
      ['x12.value.delimiter', 'billingProviders[0].subscribers[0].claims[0].priorAuthorization'],
    ]);
  });

  it('COB: other payer amounts and line adjudications must balance and name a known payer', () => {
    const other = {
      payerResponsibility: 'P',
      relationshipCode: '18',
      claimFilingIndicator: 'CI',
      adjustments: [{ group: 'PR', reasons: [{ reason: '1', amountCents: 1000 }] }],
      payerPaidCents: 8000,
      benefitsAssigned: 'Y' as const,
      releaseOfInformation: 'Y' as const,
      subscriber: { entityType: '1' as const, lastName: 'DOE', memberId: 'M0' },
      payer: { name: 'FIRST', payerId: 'F1', adjudicationDate: '2026-02-20' },
    };
    // 100.00 − 80.00 = 20.00 but only 10.00 adjusted; and both this claim and the other payer are P.
    const balanced = claim({ otherSubscribers: [other] });
    expect(codes(tx([balanced]))).toEqual(['x12.837.cob.sequence', 'x12.837.cob.unbalanced']);
    const secondary: Claim2300P = {
      ...balanced,
      otherSubscribers: [
        { ...other, adjustments: [{ group: 'PR', reasons: [{ reason: '1', amountCents: 1000 }] }] },
      ],
      lines: [
        line(1, {
          adjudications: [
            {
              otherPayerId: 'F1',
              paidCents: 9000,
              procedureCode: '99213',
              modifiers: [],
              paidUnits: 1,
              adjustments: [{ group: 'CO', reasons: [{ reason: '45', amountCents: 1000 }] }],
              adjudicationDate: '2026-02-20',
            },
          ],
        }),
      ],
    };
    const t = tx([secondary]);
    const sub = t.billingProviders[0]!.subscribers[0]!;
    const asSecondary: Professional837 = {
      ...t,
      billingProviders: [{ ...t.billingProviders[0]!, subscribers: [{ ...sub, payerResponsibility: 'S' }] }],
    };
    expect(codes(asSecondary)).toEqual([]);
    const wrongPayer: Claim2300P = {
      ...secondary,
      lines: [
        line(1, {
          adjudications: [{ ...secondary.lines[0]!.adjudications[0]!, otherPayerId: 'ZZ9', paidCents: 9500 }],
        }),
      ],
    };
    const t2 = tx([wrongPayer]);
    const s2 = t2.billingProviders[0]!.subscribers[0]!;
    expect(
      codes({
        ...t2,
        billingProviders: [
          { ...t2.billingProviders[0]!, subscribers: [{ ...s2, payerResponsibility: 'S' }] },
        ],
      }),
    ).toEqual(['x12.837.cob.unbalanced', 'x12.837.cob.unknown-payer', 'x12.837.cob.line-unbalanced']);
  });

  it("a subscriber loop may not mix own and dependants' claims; the patient needs PAT01", () => {
    const t = tx([claim()], true);
    expect(codes(t)).toEqual([]);
    const sub = t.billingProviders[0]!.subscribers[0]!;
    const mixed: Professional837 = {
      ...t,
      billingProviders: [
        {
          ...t.billingProviders[0]!,
          subscribers: [
            { ...sub, claims: [claim()], patients: [{ ...sub.patients[0]!, relationshipCode: '99' }] },
          ],
        },
      ],
    };
    expect(codes(mixed)).toEqual(['x12.837.hierarchy.mixed', 'x12.837.patient.relationship']);
  });

  it('checks the NPI check digit', () => {
    expect(['1234567893', '1234567890', '123456789', '1987654328'].map(isValidNpi)).toEqual([
      true,
      false,
      false,
      true,
    ]);
  });
});

describe('write837P', () => {
  it('writes nothing when there is an error and returns all problems', () => {
    const r = write837P(
      [tx([claim({ totalChargeCents: 1 }), claim({ patientControlNumber: '', frequencyCode: '7' })])],
      {
        interchange: {
          sender: { qualifier: 'ZZ', id: 'S1' },
          receiver: { qualifier: 'ZZ', id: 'R1' },
          usage: 'T',
          date: '2026-02-03',
          time: '0800',
        },
        controlNumbers: new SequentialControlNumbers(),
      },
    );
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.code)).toEqual([
      'x12.837.clm02.sum',
      'x12.837.clm01',
      'x12.837.frequency.f8',
    ]);
  });

  it('writes several transaction sets with SE01 right and the dependant in 2000C', () => {
    const r = write837P([tx([claim()]), tx([claim(), claim({ patientControlNumber: 'PCN2' })], true)], {
      interchange: {
        sender: { qualifier: 'ZZ', id: 'S1' },
        receiver: { qualifier: 'ZZ', id: 'R1' },
        usage: 'T',
        date: '2026-02-03',
        time: '0800',
      },
      controlNumbers: new SequentialControlNumbers(),
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const parsed = parseX12(r.text);
    expect(parsed.diagnostics).toEqual([]);
    const sets = parsed.envelopes.interchanges[0]!.groups[0]!.transactions;
    expect(sets.map((s) => [s.controlNumber, s.segmentCount, s.se?.elements[1]])).toEqual([
      // ST BHT NM1 PER NM1 HL NM1 N3 N4 REF HL SBR NM1 N3 N4 DMG NM1 + CLM HI LX SV1 DTP + SE
      ['0001', 23, '23'],
      // ST BHT NM1 PER NM1 HL NM1 N3 N4 REF HL SBR NM1 NM1 HL PAT NM1 N3 N4 DMG + 2 × 5 + SE
      ['0002', 31, '31'],
    ]);
    const ids = parsed.segments.map((s) => s.elements.join('*'));
    expect(ids).toContain('HL*3*2*23*0');
    expect(ids).toContain('PAT*19');
    // SBR02 is empty when the patient is a dependant (not the subscriber).
    expect(ids).toContain('SBR*P********CI');
  });
});
