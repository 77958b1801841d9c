import { describe, expect, it } from 'vitest';
import { listX12Fixtures, readX12Fixture } from '../testing/fixtures.js';
import { generate835, generate835Chunks, type Generate835Totals } from '../testing/generate-835.js';
import { X12SyntaxError } from '../syntax/diagnostics.js';
import { tokenize } from '../syntax/tokenizer.js';
import { read835, read835Stream, Remittance835Reader } from './reader.js';

const RETRO = '835/Project-Herophilus__Project-Herophilus-Assets__835Sample_OutpatientRetro_.txt';
const PHARMACY = '835/Project-Herophilus__Project-Herophilus-Assets__835_Sample_Pharmacy.2014.txt';

describe('read835 on every fixture 835', () => {
  const files = listX12Fixtures('835');

  it('has the 835 fixtures', () => {
    expect(files.length).toBe(26);
  });

  for (const f of files) {
    it(`reads ${f.name}: every CLP, balanced or imbalance reported`, () => {
      const r = read835(f.bytes);
      const clps = tokenize(f.bytes).segments.filter((s) => s.elements[0] === 'CLP').length;
      expect(r.stats.claims).toBe(clps);
      expect(r.remittances.length).toBeGreaterThan(0);
      const reported = new Set(r.imbalances.map((p) => p.path));
      for (const rem of r.remittances) {
        if (!rem.balance.balanced) expect(r.imbalances.some((p) => p.code === 'x12.835.payment-imbalance')).toBe(true);
        for (const c of rem.claims) {
          expect(Number.isSafeInteger(c.chargeCents) && Number.isSafeInteger(c.paidCents)).toBe(true);
          if (!c.balance.balanced) expect(reported.has(`segment ${c.segmentIndex} (CLP), loop 2100`)).toBe(true);
          else expect(c.balance.expectedCents).toBe(c.balance.actualCents);
          for (const l of c.lines) if (!l.balance.balanced) expect(reported.has(`segment ${l.segmentIndex} (SVC), loop 2110`)).toBe(true);
        }
      }
    });
  }
});

describe('read835 details', () => {
  it('reads a retro reversal and its correction, MOA, AMT and a negative PLB FB', () => {
    const r = read835(readX12Fixture(RETRO));
    expect(r.diagnostics).toEqual([]);
    expect(r.imbalances).toEqual([]);
    const [p] = r.remittances;
    expect(p).toMatchObject({ handlingCode: 'H', totalPaidCents: 0, paymentMethod: 'NON', traceNumber: '12345678901', payerIdentifier: '1141797357', paymentDate: '2014-01-01', productionDate: '2014-01-01' });
    expect(p!.payer).toMatchObject({ entity: 'PR', name: 'NYSDOH', address: { city: 'ALBANY', state: 'NY', postalCode: '122370080' } });
    expect(p!.payer!.contacts[0]).toMatchObject({ function: 'BL', numbers: [{ qualifier: 'TE', value: '8003439000' }, { qualifier: 'UR', value: 'WWW.EMEDNY.ORG' }] });
    expect(p!.payee).toMatchObject({ entity: 'PE', idQualifier: 'FI', id: '111222333', references: [{ qualifier: 'PQ', value: '12345678' }] });
    const [rev, cor] = p!.claims;
    expect(rev).toMatchObject({ status: '22', reversal: true, chargeCents: -715117, paidCents: -715117, payerClaimControlNumber: '1400000000000020', statementFrom: '2014-02-01' });
    expect(rev!.outpatient?.remarkCodes).toEqual(['N689']);
    expect(cor).toMatchObject({ status: '1', reversal: false, correctsReversalAt: 0, chargeCents: 715117, paidCents: 713101 });
    expect(cor!.adjustments).toEqual([{ group: 'CO', reasonCode: '45', amountCents: 2016 }]);
    expect(cor!.amounts).toEqual([{ qualifier: 'AU', amountCents: 713101 }]);
    expect(p!.providerAdjustments).toEqual([
      { providerId: '02245834', fiscalPeriodDate: '2014-12-31', adjustments: [{ reasonCode: 'FB', reference: 'FCN#201401011010200', amountCents: -2016 }], segmentIndex: 31 },
    ]);
    expect(p!.balance).toEqual({ balanced: true, expectedCents: 0, actualCents: 0 });
  });

  it('reads NDC service lines, LQ*RX remarks and PLB WO', () => {
    const r = read835(readX12Fixture(PHARMACY));
    const p = r.remittances[0]!;
    expect(p.claims.map((c) => c.lines[0]!.procedureQualifier)).toEqual(['N4', 'N4', 'N4']);
    expect(p.claims[0]!.lines[0]).toMatchObject({ procedureCode: '68382005501', chargeCents: 400, paidCents: 0, remarks: [{ qualifier: 'RX', value: '65' }] });
    expect(p.providerAdjustments[0]!.adjustments[0]).toEqual({ reasonCode: 'WO', reference: 'FCN#201001010000000', amountCents: 399 });
    expect(p.balance.expectedCents).toBe(p.claims.reduce((s, c) => s + c.paidCents, 0) - 399);
  });

  it('reads SVC06 original procedure, modifiers, units, REF*6R and MIA', () => {
    const text =
      'ISA*00*          *00*          *ZZ*P              *ZZ*R              *260101*1200*^*00501*000000007*0*P*:~' +
      'GS*HP*P*R*20260101*1200*7*X*005010X221A1~ST*835*0001~BPR*I*80*C*CHK************20260105~TRN*1*CHK1*1999999999~' +
      'N1*PR*PAYER~N1*PE*CLINIC*XX*1234567893~LX*1~CLP*A1*1*100*80*10*MC*ICN1*11*1~NM1*QC*1*DOE*JANE~NM1*TT*2*MEDIGAP CO*****PI*99~' +
      'MIA*0***12.5*MA01~SVC*HC:99214:25:59*100*80**2*HC:99215*3~DTM*150*20251201~DTM*151*20251202~CAS*CO*45*5*1*253*5~CAS*PR*1*10~REF*6R*LINE-1~' +
      'SE*17*0001~GE*1*7~IEA*1*000000007~';
    const r = read835(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.imbalances).toEqual([]);
    const c = r.remittances[0]!.claims[0]!;
    expect(c.crossoverCarrier).toMatchObject({ entity: 'TT', name: 'MEDIGAP CO', idQualifier: 'PI', id: '99' });
    expect(c.inpatient).toMatchObject({ coveredDays: '0', drgAmountCents: 1250, remarkCodes: ['MA01'] });
    expect(c.lines[0]).toMatchObject({
      procedureCode: '99214',
      modifiers: ['25', '59'],
      units: '2',
      originalProcedure: { qualifier: 'HC', code: '99215', modifiers: [] },
      originalUnits: '3',
      serviceDateFrom: '2025-12-01',
      serviceDateTo: '2025-12-02',
      lineControlNumber: 'LINE-1',
      adjustments: [
        { group: 'CO', reasonCode: '45', amountCents: 500, quantity: '1' },
        { group: 'CO', reasonCode: '253', amountCents: 500 },
        { group: 'PR', reasonCode: '1', amountCents: 1000 },
      ],
    });
  });

  it('reports claim, line and payment imbalances without throwing, and bad elements with IK4 codes', () => {
    const text =
      'ISA*00*          *00*          *ZZ*P              *ZZ*R              *260101*1200*^*00501*000000007*0*P*:~' +
      'GS*HP*P*R*20260101*1200*7*X*005010X221A1~ST*835*0001~BPR*I*99*C*CHK************20261301~TRN*1*CHK1*1999999999~' +
      'N1*PR*PAYER~N1*PE*CLINIC~LX*1~CLP*A1*9*100*1.2.3**MC*ICN1~SVC*HC:99214*100*80~CAS*XX*45*5~' +
      'SE*10*0001~GE*1*7~IEA*1*000000007~';
    const r = read835(text);
    expect(r.diagnostics.map((d) => [d.segmentId, d.element, d.code, d.loop])).toEqual([
      ['BPR', 16, '8', undefined],
      ['CLP', 2, '7', '2100'],
      ['CLP', 4, '6', '2100'],
      ['CAS', 1, '7', '2110'],
    ]);
    expect(r.imbalances.map((p) => p.code)).toEqual(['x12.835.line-imbalance', 'x12.835.claim-imbalance', 'x12.835.payment-imbalance']);
    expect(() => read835(text, { strict: true })).toThrow(X12SyntaxError);
  });

  it('reports missing header segments with IK3 code 3', () => {
    const r = read835('ISA*00*          *00*          *ZZ*P              *ZZ*R              *260101*1200*^*00501*000000007*0*P*:~GS*HP*P*R*20260101*1200*7*X*005010X221A1~ST*835*0001~LX*1~CLP*A*1*1*1**MC*I~SE*4*0001~GE*1*7~IEA*1*000000007~');
    expect(r.diagnostics.filter((d) => d.level === 'segment').map((d) => [d.segmentId, d.code])).toEqual([
      ['BPR', '3'],
      ['TRN', '3'],
      ['N1', '3'],
      ['N1', '3'],
    ]);
  });
});

describe('generated 835s and streaming', () => {
  it('reads a generated file as balanced, whatever the chunking', () => {
    const totals: Generate835Totals = { transactions: 0, claims: 0, lines: 0, bytes: 0 };
    const text = generate835({ targetBytes: 150_000, claimsPerTransaction: 40, seed: 3, lineBreak: '\r\n' }, totals);
    const whole = read835(text);
    expect(whole.diagnostics).toEqual([]);
    expect(whole.imbalances).toEqual([]);
    expect(whole.stats.claims).toBe(totals.claims);
    expect(whole.stats.lines).toBe(totals.lines);
    expect(whole.remittances.length).toBe(totals.transactions);
    const bytes = Buffer.from(text);
    for (const size of [1, 7, 100, 4096]) {
      const reader = new Remittance835Reader();
      const got = [];
      for (let i = 0; i < bytes.length; i += size) got.push(...reader.write(bytes.subarray(i, i + size)));
      got.push(...reader.end());
      expect(got).toEqual(whole.remittances);
    }
  });

  it('streams with keepClaims off and hands each claim to onClaim', async () => {
    let claims = 0;
    async function* source(): AsyncGenerator<string> {
      for (const chunk of generate835Chunks({ targetBytes: 60_000, claimsPerTransaction: 25 })) {
        await Promise.resolve();
        yield chunk;
      }
    }
    let payments = 0;
    for await (const p of read835Stream(source(), { keepClaims: false, onClaim: () => { claims += 1; } })) {
      expect(p.claims).toEqual([]);
      payments += 1;
    }
    expect(payments).toBeGreaterThan(1);
    expect(claims).toBe(payments * 25);
  });
});
