import { describe, expect, it } from 'vitest';
import { SequentialControlNumbers } from '../envelope/control-numbers.js';
import { parseX12 } from '../syntax/parse.js';
import { read277 } from '../277-005010x212/read-277.js';
import { write276, type ClaimStatusRequest276 } from './write-276.js';

const ENV = {
  sender: { qualifier: 'ZZ', id: 'X67E' },
  receiver: { qualifier: 'ZZ', id: '12345' },
  usage: 'T',
  date: '2005-09-15',
  time: '1425',
} as const;

const request: ClaimStatusRequest276 = {
  referenceId: 'ABC276XXX',
  creationDate: '2005-09-15',
  creationTime: '1425',
  payer: { name: 'ABC INSURANCE', payerId: '12345' },
  receiver: { name: 'XYZ SERVICE', etin: 'X67E' },
  provider: { entityType: '2', lastNameOrOrganization: 'HOME HOSPITAL', npi: '1666666668' },
  claims: [
    {
      traceNumber: 'ABCXYZ1',
      subscriber: {
        lastName: 'SMITH',
        firstName: 'FRED',
        memberId: '123456789A',
        dateOfBirth: '1930-12-10',
        sex: 'M',
      },
      billType: '111',
      patientControlNumber: 'SM123456',
      totalChargeCents: 851388,
      serviceDateFrom: '2005-08-31',
      serviceDateTo: '2005-09-06',
    },
    {
      traceNumber: 'ABCXYZ3',
      subscriber: { lastName: 'MANN', firstName: 'JOHN', memberId: '345678901' },
      dependent: { lastName: 'MANN', firstName: 'JOSEPH', dateOfBirth: '1995-07-21', sex: 'M' },
      patientControlNumber: 'MA345678',
      totalChargeCents: 7599,
      serviceDateFrom: '2005-08-10',
    },
  ],
};

describe('write276', () => {
  it('writes the subscriber and dependent inquiries in TR3 order', () => {
    const r = write276(request, ENV, new SequentialControlNumbers());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const parsed = parseX12(r.text);
    expect(parsed.diagnostics).toEqual([]);
    const lines = parsed.segments.map((s) => s.elements.join('*'));
    expect(lines.slice(3, -3)).toEqual([
      'BHT*0010*13*ABC276XXX*20050915*1425',
      'HL*1**20*1',
      'NM1*PR*2*ABC INSURANCE*****PI*12345',
      'HL*2*1*21*1',
      'NM1*41*2*XYZ SERVICE*****46*X67E',
      'HL*3*2*19*1',
      'NM1*1P*2*HOME HOSPITAL*****XX*1666666668',
      'HL*4*3*22*0',
      'DMG*D8*19301210*M',
      'NM1*IL*1*SMITH*FRED****MI*123456789A',
      'TRN*1*ABCXYZ1',
      'REF*BLT*111',
      'REF*EJ*SM123456',
      'AMT*T3*8513.88',
      'DTP*472*RD8*20050831-20050906',
      'HL*5*3*22*1',
      'NM1*IL*1*MANN*JOHN****MI*345678901',
      'HL*6*5*23*0',
      'DMG*D8*19950721*M',
      'NM1*QC*1*MANN*JOSEPH',
      'TRN*1*ABCXYZ3',
      'REF*EJ*MA345678',
      'AMT*T3*75.99',
      'DTP*472*D8*20050810',
    ]);
    expect(parsed.envelopes.interchanges[0]!.groups[0]).toMatchObject({
      functionalId: 'HR',
      version: '005010X212',
    });
  });

  it('a 277 answering it can be matched back by trace number', () => {
    const answer = [
      'ISA*00*          *00*          *ZZ*12345          *ZZ*X67E           *050916*0810*^*00501*000000001*0*T*:~GS*HN*12345*X67E*20050916*0810*1*X*005010X212~ST*277*0001*005010X212~',
      'BHT*0010*08*277X212*20050916*0810*DG~HL*1**20*1~NM1*PR*2*ABC INSURANCE*****PI*12345~HL*2*1*21*1~NM1*41*2*XYZ SERVICE*****46*X67E~HL*3*2*19*1~NM1*1P*2*HOME HOSPITAL*****XX*1666666668~',
      'HL*4*3*22*0~NM1*IL*1*SMITH*FRED****MI*123456789A~TRN*2*ABCXYZ1~STC*F1:65*20050915**8513.88*7000~REF*EJ*SM123456~',
      'SE*14*0001~GE*1*1~IEA*1*000000001~',
    ].join('');
    const status = read277(parseX12(answer));
    expect(status.problems).toEqual([]);
    const c = status.claims.find((x) => x.traceNumber === request.claims[0]!.traceNumber)!;
    expect(c).toMatchObject({ outcome: 'paid', patientAccountNumber: 'SM123456' });
    expect(c.statuses[0]).toMatchObject({ chargeCents: 851388, paymentCents: 700000 });
  });

  it('returns every problem instead of writing', () => {
    const r = write276(
      {
        ...request,
        provider: { ...request.provider, npi: '12' },
        claims: [{ ...request.claims[0]!, traceNumber: '', serviceDateTo: '2005-01-01' }],
      },
      ENV,
      new SequentialControlNumbers(),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.code)).toEqual(['x12.276.npi', 'x12.276.trn', 'x12.276.date']);
  });
});
