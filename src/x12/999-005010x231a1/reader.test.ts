import { describe, expect, it } from 'vitest';
import { read835 } from '../835-005010x221a1/reader.js';
import { listX12Fixtures, readX12Fixture } from '../testing/fixtures.js';
import { parseX12 } from '../syntax/parse.js';
import { build999 } from './build-999.js';
import { read999 } from './reader.js';

describe('read999', () => {
  it('reads every 999 fixture without throwing', () => {
    const files = listX12Fixtures('999');
    expect(files.length).toBe(5);
    for (const f of files) {
      const r = read999(f.bytes);
      expect(r.acknowledgments.length, f.name).toBeGreaterThan(0);
    }
  });

  it('tells accepted, rejected and why (IK3/IK4 with descriptions)', () => {
    const r = read999(readX12Fixture('999/xlate__staedi__invalid999.edi'));
    const g = r.acknowledgments[0]!.groups[0]!;
    expect(g).toMatchObject({ functionalId: 'HC', controlNumber: '17456', status: 'partially-accepted', included: 3, received: 3, accepted: 1 });
    const [, second, third] = g.transactions;
    expect(second).toMatchObject({ controlNumber: '0002', status: 'rejected', errors: [{ code: '5', description: 'One or more segments in error' }] });
    expect(second!.segmentErrors[0]).toMatchObject({
      segmentId: 'CLM',
      position: 22,
      error: { code: '8', description: 'Segment has data element errors' },
      contexts: ['CLM01:123456789'],
      elementErrors: [{ position: 2, reference: '782', code: '1', description: 'Required data element missing' }],
    });
    expect(third!.segmentErrors[0]!.error).toEqual({ code: '3', description: 'Required segment missing' });
    // The file is deliberately broken: IK5 before AK1, IK5*Q, AK2 with 5 elements, SE01 wrong.
    expect(r.diagnostics.map((d) => [d.segmentId, d.level, d.code])).toEqual([
      ['IK5', 'segment', '2'],
      ['AK2', 'element', '3'],
      ['IK5', 'element', '7'],
      ['IK5', 'segment', '2'],
      ['SE', 'transaction', '4'],
    ]);
  });

  it('reads an accepted 999', () => {
    const r = read999(readX12Fixture('999/Project-Herophilus__Project-Herophilus-Assets__999_Sample_Accepted_.txt'));
    expect(r.diagnostics).toEqual([]);
    const g = r.acknowledgments[0]!.groups[0]!;
    expect(g.status).toBe('accepted');
    expect(g.transactions.every((t) => t.status === 'accepted')).toBe(true);
  });
});

describe('build999', () => {
  const now = new Date('2026-01-02T03:04:00Z');

  it('acknowledges a clean file with A and swaps sender and receiver', () => {
    const f = readX12Fixture('835/Project-Herophilus__Project-Herophilus-Assets__835Sample_OutpatientRetro_.txt');
    const r = read835(f);
    const built = build999(parseX12(f), r.diagnostics, { now });
    expect(built.groupCodes).toEqual(['A']);
    const back = read999(built.text);
    expect(back.diagnostics).toEqual([]);
    expect(back.parsed.segments[0]!.elements.slice(5, 9)).toEqual(['ZZ', 'ETIN           ', 'ZZ', 'EMEDNYBAT      ']);
    expect(back.acknowledgments[0]!.groups[0]).toMatchObject({ functionalId: 'HP', controlNumber: '111111123', status: 'accepted', received: 1, accepted: 1 });
  });

  it('rejects with IK3/IK4 and IK5 codes from the diagnostics, and reads back the same', () => {
    const f = readX12Fixture('835/albmarin__badX12__error_validation.edi');
    const parsed = parseX12(f);
    const r = read835(f);
    const built = build999(parsed, r.diagnostics, { now });
    const back = read999(built.text);
    expect(back.diagnostics).toEqual([]);
    const g = back.acknowledgments[0]!.groups[0]!;
    expect(g.status).toBe('rejected');
    expect(g.errors.map((e) => e.code)).toEqual(['5', '4']);
    expect(g.transactions[0]!.errors.map((e) => e.code)).toEqual(['4', '3']);
  });

  it('writes IK3 code 8 and IK4 with component position and bad value', () => {
    const text =
      'ISA*00*          *00*          *ZZ*P              *ZZ*R              *260101*1200*^*00501*000000007*0*T*:~' +
      'GS*HP*P*R*20260101*1200*7*X*005010X221A1~ST*835*0001~BPR*I*99*C*CHK************20261301~TRN*1*CHK1*1999999999~' +
      'N1*PR*PAYER~N1*PE*CLINIC~LX*1~CLP*A1*1*100*1.2.3**MC*ICN1~SVC*HC*100*80~SE*9*0001~GE*1*7~IEA*1*000000007~';
    const built = build999(parseX12(text), read835(text).diagnostics, { now, lineBreak: '' });
    expect(built.text).toContain('ST*999*0001*005010X231A1~AK1*HP*7*005010X221A1~AK2*835*0001~');
    expect(built.text).toContain('IK3*BPR*2**8~IK4*16**8*20261301~');
    expect(built.text).toContain('IK3*CLP*7*2100*8~IK4*4**6*1.2.3~');
    expect(built.text).toContain('IK3*SVC*8*2110*8~IK4*1:2**1~');
    expect(built.text).toContain('IK5*R*5~AK9*R*1*1*0~');
    expect(built.text.startsWith('ISA*00*          *00*          *ZZ*R              *ZZ*P              *260102*0304*^*00501*000000001*0*T*:~')).toBe(true);
  });
});
