import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../syntax/tokenizer.js';
import { read271 } from './read-271.js';

const DIR = join(import.meta.dirname, '../../../test/fixtures/x12/271');
const read = (name: string) => read271(tokenize(readFileSync(join(DIR, name), 'utf8')));

describe('read271', () => {
  it('reads active coverage, in- and out-of-network copays and the primary care provider (TR3 demo)', () => {
    const r = read('LinuxForHealth__x12__demo.271');
    expect(r.problems).toEqual([]);
    expect(r.payer).toEqual({ name: 'ABC COMPANY', id: '841610001' });
    const m = r.members[0]!;
    expect(m).toMatchObject({
      level: 'subscriber',
      lastName: 'SMITH',
      firstName: 'JOHN',
      memberId: '123456789',
    });
    expect(m.summary).toEqual({ active: true, copayCents: 1000, planBegin: '2006-01-01' });
    const copays = m.benefits.filter((b) => b.kind === 'copay');
    expect(copays.map((b) => [b.amountCents, b.inNetwork, b.timePeriod])).toEqual([
      [1000, 'Y', 'visit'],
      [3000, 'N', 'visit'],
    ]);
    expect(copays[0]!.serviceTypes).toContain('AL');
    const pcp = m.benefits.find((b) => b.kind === 'primary_care_provider')!;
    expect(pcp.relatedEntities).toEqual([{ entityCode: 'P3', name: 'JONES, MARCUS', id: '0202034' }]);
  });

  it('reads coinsurance as basis points and Medicare deductibles per period', () => {
    const r = read('aaronhuggins__node-x12__271.edi');
    const m = r.members[0]!;
    expect(m.summary.active).toBe(true);
    expect(m.summary.coinsuranceBasisPoints).toBe(0);
    const deductibles = m.benefits.filter((b) => b.kind === 'deductible');
    expect(deductibles.map((b) => [b.planDescription, b.timePeriod, b.amountCents])).toEqual([
      ['Medicare Part A', 'episode', 0],
      ['Medicare Part B', 'calendar_year', 0],
    ]);
    expect(deductibles[0]!.dates).toEqual([{ qualifier: '291', from: '2019-01-01', to: '2019-12-31' }]);
    expect(
      m.benefits.find((b) => b.kind === 'active_coverage' && b.insuranceType === 'MB')!.serviceTypes,
    ).toHaveLength(39);
  });

  it('reads a copay for the plan and a rejection with its reason', () => {
    expect(
      read('Kartik-Hirijaganer__X12-Parser-Encoder__271_multiple_eb_segments.x12').members[0]!.summary,
    ).toMatchObject({ active: true, copayCents: 500 });
    const rejected = read('LinuxForHealth__x12__subscriber-health-benefit-check-error.271');
    expect(rejected.members).toEqual([]);
    expect(rejected.rejections).toEqual([
      { valid: 'Y', reasonCode: '50', followUpCode: 'N', level: 'receiver' },
    ]);
  });

  it('computes remaining deductible, coinsurance and out-of-pocket from a constructed response', () => {
    const text = [
      'ISA*00*          *00*          *ZZ*PAYER          *ZZ*CLINIC         *260101*1200*^*00501*000000001*0*T*:~',
      'GS*HB*PAYER*CLINIC*20260101*1200*1*X*005010X279A1~',
      'ST*271*0001*005010X279A1~',
      'BHT*0022*11*T1*20260101*1200~',
      'HL*1**20*1~NM1*PR*2*ACME*****PI*60054~HL*2*1*21*1~NM1*1P*2*CLINIC*****XX*1234567893~',
      'HL*3*2*22*0~NM1*IL*1*DOE*JANE****MI*M1~DMG*D8*19900101*F~DTP*346*D8*20260101~DTP*347*D8*20261231~',
      'EB*1*IND*30*C1*PPO~EB*C*IND*30***23*1500~EB*C*IND*30***29*1234.5~EB*A*IND*30*****.2****Y~EB*G*IND*30***29*4000~EB*B*IND*98***27*25****Y~',
      'SE*16*0001~GE*1*1~IEA*1*000000001~',
    ].join('');
    const m = read271(tokenize(text)).members[0]!;
    expect(m.summary).toEqual({
      active: true,
      copayCents: 2500,
      coinsuranceBasisPoints: 2000,
      deductibleCents: 150000,
      deductibleRemainingCents: 123450,
      outOfPocketRemainingCents: 400000,
      planBegin: '2026-01-01',
      planEnd: '2026-12-31',
    });
    expect(m).toMatchObject({ dateOfBirth: '1990-01-01', sex: 'F' });
  });

  it('reads every 271 fixture without errors; every EB becomes a benefit', () => {
    for (const f of readdirSync(DIR)) {
      const text = readFileSync(join(DIR, f), 'utf8');
      const r = read271(tokenize(text));
      expect(
        r.problems.filter((p) => p.severity === 'error'),
        f,
      ).toEqual([]);
      const eb = tokenize(text).segments.filter((s) => s.elements[0] === 'EB').length;
      expect(
        r.members.reduce((n, m) => n + m.benefits.length, 0),
        f,
      ).toBe(eb);
    }
  });
});
