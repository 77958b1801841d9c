import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SequentialControlNumbers } from '../envelope/control-numbers.js';
import { parseX12 } from '../syntax/parse.js';
import { write270, type EligibilityRequest270 } from './write-270.js';

const DIR = join(import.meta.dirname, '../../../test/fixtures/x12/270');
const ENV = {
  sender: { qualifier: '30', id: '000000005' },
  receiver: { qualifier: '30', id: '12345', applicationCode: '54321' },
  usage: 'T',
  date: '2013-10-31',
  time: '1147',
} as const;

const base: EligibilityRequest270 = {
  referenceId: '10001234',
  creationDate: '2006-05-01',
  creationTime: '1319',
  payer: { name: 'ABC COMPANY', payerId: '842610001' },
  provider: { entityType: '2', lastNameOrOrganization: 'BONE AND JOINT CLINIC', npi: '1234567893' },
  originatorId: '9877281234',
  inquiries: [
    {
      traceNumber: '93175-012547',
      subscriber: {
        lastName: 'SMITH',
        firstName: 'ROBERT',
        memberId: '11122333301',
        dateOfBirth: '1943-05-19',
      },
      serviceDate: '2006-05-01',
    },
  ],
};

/** Segments from BHT to the last EQ, as text lines. */
const body = (text: string): string[] => {
  const segs = parseX12(text).segments.map((s) => s.elements.join('*'));
  return segs.slice(
    segs.findIndex((s) => s.startsWith('BHT')),
    segs.findIndex((s) => s.startsWith('SE')),
  );
};

describe('write270', () => {
  it('writes the TR3 subscriber inquiry (same body as the demo file except the provider ID qualifier)', () => {
    const r = write270(base, ENV, new SequentialControlNumbers({ interchange: 907 }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const demo = body(readFileSync(join(DIR, 'LinuxForHealth__x12__demo.270'), 'utf8')).map((s) =>
      s.replace('*SV*2000035', '*XX*1234567893'),
    );
    expect(body(r.text)).toEqual(demo);
    const parsed = parseX12(r.text);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.envelopes.interchanges[0]!.groups[0]).toMatchObject({
      functionalId: 'HS',
      version: '005010X279A1',
    });
  });

  it('puts a dependent in 2000D with the trace, demographics and date', () => {
    const r = write270(
      {
        ...base,
        inquiries: [
          {
            ...base.inquiries[0]!,
            subscriber: { lastName: 'SMITH', memberId: '11122333301' },
            dependent: { lastName: 'SMITH', firstName: 'MARY', dateOfBirth: '1978-10-14' },
            serviceTypeCodes: ['30', '98'],
          },
        ],
      },
      ENV,
      new SequentialControlNumbers(),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(body(r.text).slice(5)).toEqual([
      'HL*3*2*22*1',
      'NM1*IL*1*SMITH*****MI*11122333301',
      'HL*4*3*23*0',
      'TRN*1*93175-012547*9877281234',
      'NM1*03*1*SMITH*MARY',
      'DMG*D8*19781014',
      'DTP*291*D8*20060501',
      'EQ*30',
      'EQ*98',
    ]);
  });

  it('returns every problem instead of writing', () => {
    const r = write270(
      {
        ...base,
        originatorId: '123',
        inquiries: [{ ...base.inquiries[0]!, traceNumber: '', serviceDate: '2006-02-30' }],
      },
      ENV,
      new SequentialControlNumbers(),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.code)).toEqual(['x12.270.trn03', 'x12.270.trn', 'x12.270.date']);
  });
});
