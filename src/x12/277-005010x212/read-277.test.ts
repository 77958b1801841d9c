import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../syntax/tokenizer.js';
import { read277 } from './read-277.js';

const DIR = join(import.meta.dirname, '../../../test/fixtures/x12/277');
const read = (name: string) => read277(tokenize(readFileSync(join(DIR, name), 'utf8')));

describe('read277', () => {
  it('reads pending and finalized claims with amounts and dates (TR3 demo)', () => {
    const r = read('LinuxForHealth__x12__demo.277');
    expect(r.problems).toEqual([]);
    const [first, second] = r.claims;
    expect(first).toMatchObject({
      traceNumber: 'ABCXYZ1',
      payerClaimControlNumber: '05347006051',
      patientAccountNumber: 'SM123456',
      billType: '111',
      outcome: 'pending',
      serviceDateFrom: '2005-08-31',
      serviceDateTo: '2005-09-06',
    });
    expect(first!.statuses[0]).toMatchObject({ chargeCents: 851388, effectiveDate: '2005-09-13' });
    expect(second).toMatchObject({ traceNumber: 'ABCXYZ2', outcome: 'finalized' });
    expect(second!.statuses[0]).toMatchObject({ chargeCents: 759900, paymentCents: 759900 });
    expect(r.claims.map((c) => c.outcome)).toContain('denied');
  });

  it('reads a paid pharmacy claim with its service line status', () => {
    const r = read('Project-Herophilus__Project-Herophilus-Assets__277Sample_276Resp-ClaimInfo_.txt');
    const c = r.claims[0]!;
    expect(c).toMatchObject({
      outcome: 'paid',
      payerClaimControlNumber: '1026000000099999',
      patientAccountNumber: 'PT12345',
    });
    expect(c.statuses[0]!.codes[0]).toMatchObject({
      categoryCode: 'F1',
      statusCode: '3',
      codeListQualifier: 'RX',
    });
    expect(c.lines).toHaveLength(1);
    expect(c.lines[0]).toMatchObject({
      procedureQualifier: 'N4',
      procedureCode: '10337080301',
      chargeCents: 52449,
      paymentCents: 38973,
      serviceDateFrom: '2010-07-29',
    });
    expect(c.lines[0]!.statuses[0]!.outcome).toBe('paid');
  });

  it('reads every 277 fixture without errors and finds as many statuses as the file has STC segments', () => {
    for (const f of readdirSync(DIR)) {
      const text = readFileSync(join(DIR, f), 'utf8');
      const r = read(f);
      const stc = tokenize(text).segments.filter((s) => s.elements[0] === 'STC').length;
      const found =
        r.claims.reduce(
          (n, c) => n + c.statuses.length + c.lines.reduce((m, l) => m + l.statuses.length, 0),
          0,
        ) + r.levels.reduce((n, l) => n + l.statuses.length, 0);
      expect(found, f).toBe(stc);
      expect(
        r.problems.filter((p) => p.severity === 'error'),
        f,
      ).toEqual([]);
    }
  });

  it('reads a receiver-level error when the request could not be answered', () => {
    const r = read('LinuxForHealth__x12__information-receiver-level-status.277');
    expect(r.claims).toEqual([]);
    expect(r.levels[0]!.statuses[0]!.outcome).toBe('error');
  });
});
