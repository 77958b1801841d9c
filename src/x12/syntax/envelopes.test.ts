import { describe, expect, it } from 'vitest';
import { parseX12 } from './parse.js';
import { X12SyntaxError } from './diagnostics.js';

const ISA = 'ISA*00*          *00*          *ZZ*S              *ZZ*R              *260101*1200*^*00501*000000001*0*P*:~';

describe('envelope checks', () => {
  it('accepts a clean file with two groups and several transaction sets', () => {
    const text = `${ISA}GS*HP*S*R*20260101*1200*1*X*005010X221A1~ST*835*0001~BPR*I~SE*3*0001~ST*835*0002~SE*2*0002~GE*2*1~GS*HP*S*R*20260101*1200*2*X*005010X221A1~ST*835*0001~SE*2*0001~GE*1*2~IEA*2*000000001~`;
    const p = parseX12(text);
    expect(p.diagnostics).toEqual([]);
    expect(p.envelopes.interchanges[0]!.groups.map((g) => g.transactions.map((t) => [t.controlNumber, t.segmentCount]))).toEqual([
      [['0001', 3], ['0002', 2]],
      [['0001', 2]],
    ]);
  });

  it('reports wrong counts and control numbers with their 999/TA1 codes', () => {
    const text = `${ISA}GS*HP*S*R*20260101*1200*1*X*005010X221A1~ST*835*0001~BPR*I~SE*9*0002~GE*3*9~IEA*2*000000002~`;
    const p = parseX12(text);
    expect(p.diagnostics.map((d) => [d.level, d.code, d.segmentId])).toEqual([
      ['transaction', '4', 'SE'],
      ['transaction', '3', 'SE'],
      ['group', '5', 'GE'],
      ['group', '4', 'GE'],
      ['interchange', '021', 'IEA'],
      ['interchange', '001', 'IEA'],
    ]);
    expect(() => parseX12(text, { strict: true })).toThrow(X12SyntaxError);
  });

  it('reports missing trailers, duplicate control numbers and stray segments', () => {
    const text = `${ISA}GS*HP*S*R*20260101*1200*1*X*005010X221A1~ST*835*0001~BPR*I~ST*835*0001~SE*2*0001~CLP*X~`;
    const p = parseX12(text);
    expect(p.diagnostics.map((d) => [d.level, d.code])).toEqual([
      ['interchange', '023'],
      ['group', '3'],
      ['transaction', '2'],
      ['transaction', '23'],
      ['interchange', '022'],
    ]);
    try {
      parseX12(text, { strict: true });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(X12SyntaxError);
      expect((e as X12SyntaxError).problems[0]).toMatchObject({ code: 'x12.interchange.023', path: 'segment 1 (ISA)' });
    }
  });
});
