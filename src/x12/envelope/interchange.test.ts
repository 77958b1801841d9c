import { describe, expect, it } from 'vitest';
import { AppError } from '../../model/errors.js';
import { parseX12 } from '../syntax/parse.js';
import { serializeSegments } from '../syntax/writer.js';
import { SequentialControlNumbers, type ControlNumberSource } from './control-numbers.js';
import { buildInterchange, type InterchangeOptions } from './interchange.js';
import { composite, d8, rd8, seg, x12Amount, x12Decimal } from './segment-builder.js';

const OPTIONS: InterchangeOptions = {
  sender: { qualifier: 'ZZ', id: 'SENDER1' },
  receiver: { qualifier: '30', id: '123456789', applicationCode: 'RECVAPP' },
  usage: 'P',
  date: '2026-03-04',
  time: '0915',
};

const body = (n: number) => Array.from({ length: n }, (_, i) => seg('LX', String(i + 1)));

describe('buildInterchange', () => {
  it('writes a fixed-width ISA of 106 characters with padding, usage and delimiters', () => {
    const built = buildInterchange(
      [{ functionalIdentifierCode: 'HC', versionCode: '005010X222A1', transactionSets: [] }],
      OPTIONS,
      new SequentialControlNumbers({ interchange: 42 }),
    );
    const text = serializeSegments(built.segments, built.delimiters);
    const isa = text.slice(0, text.indexOf('~') + 1);
    expect(isa).toBe(
      'ISA*00*          *00*          *ZZ*SENDER1        *30*123456789      *260304*0915*^*00501*000000042*0*P*:~',
    );
    expect(isa).toHaveLength(106);
    expect(text).toContain('GS*HC*SENDER1*RECVAPP*20260304*0915*1*X*005010X222A1~');
  });

  it('counts segments, sets and groups and repeats control numbers in the trailers', () => {
    const numbers = new SequentialControlNumbers({ interchange: 7, group: 100, transactionSet: 9 });
    const built = buildInterchange(
      [
        {
          functionalIdentifierCode: 'HC',
          versionCode: '005010X222A1',
          transactionSets: [
            { transactionSetId: '837', implementationReference: '005010X222A1', segments: body(3) },
            { transactionSetId: '837', implementationReference: '005010X222A1', segments: body(1) },
          ],
        },
        {
          functionalIdentifierCode: 'HS',
          versionCode: '005010X279A1',
          transactionSets: [
            { transactionSetId: '270', implementationReference: '005010X279A1', segments: body(5) },
          ],
        },
      ],
      OPTIONS,
      numbers,
    );
    const text = serializeSegments(built.segments, built.delimiters, { lineBreak: '\n' });
    const parsed = parseX12(text);
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const lines = text.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('SE'))).toEqual(['SE*5*0009~', 'SE*3*0010~', 'SE*7*0011~']);
    expect(lines.filter((l) => l.startsWith('GE'))).toEqual(['GE*2*100~', 'GE*1*101~']);
    expect(lines.at(-1)).toBe('IEA*2*000000007~');
    expect(built.transactionSetControlNumbers).toEqual([[9, 10], [11]]);
  });

  it('uses the delimiters it is given', () => {
    const built = buildInterchange(
      [{ functionalIdentifierCode: 'HC', versionCode: 'V', transactionSets: [] }],
      { ...OPTIONS, delimiters: { element: '|', component: '>', repetition: '`', segment: '\n' } },
      new SequentialControlNumbers(),
    );
    const text = serializeSegments(built.segments, built.delimiters);
    expect(text.split('\n')[0]).toMatch(/^ISA\|00\|.*\|`\|00501\|000000001\|0\|P\|>$/);
    expect(parseX12(text).delimiters).toEqual({
      element: '|',
      component: '>',
      repetition: '`',
      segment: '\n',
    });
  });

  it('reports every problem with the settings at once', () => {
    try {
      buildInterchange(
        [],
        {
          ...OPTIONS,
          sender: { qualifier: 'ZZ', id: 'A-SENDER-ID-THAT-IS-TOO-LONG' },
          usage: 'X' as 'T',
          time: '2500',
        },
        new SequentialControlNumbers(),
      );
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).problems.map((p) => p.code).sort()).toEqual([
        'x12.envelope.application-code',
        'x12.envelope.id',
        'x12.envelope.time',
        'x12.envelope.usage',
      ]);
    }
  });

  it('refuses control numbers that do not fit or repeat within a group', () => {
    const big: ControlNumberSource = {
      nextInterchangeControlNumber: () => 1_000_000_000,
      nextGroupControlNumber: () => 1,
      nextTransactionSetControlNumber: () => 1,
    };
    expect(() => buildInterchange([], OPTIONS, big)).toThrow(/ISA13/);
    const repeat: ControlNumberSource = {
      nextInterchangeControlNumber: () => 1,
      nextGroupControlNumber: () => 1,
      nextTransactionSetControlNumber: () => 5,
    };
    const sets = [1, 2].map(() => ({
      transactionSetId: '837',
      implementationReference: 'X',
      segments: body(1),
    }));
    expect(() =>
      buildInterchange(
        [{ functionalIdentifierCode: 'HC', versionCode: 'X', transactionSets: sets }],
        OPTIONS,
        repeat,
      ),
    ).toThrow(/repeated ST02 5/);
  });
});

describe('segment helpers', () => {
  it('formats money without trailing zeros (DE 782)', () => {
    expect([0, 5, 50, 100, 10337, 5050, 5005, -1250, 99999999].map(x12Amount)).toEqual([
      '0',
      '0.05',
      '0.5',
      '1',
      '103.37',
      '50.5',
      '50.05',
      '-12.5',
      '999999.99',
    ]);
    expect(() => x12Amount(1.5)).toThrow(RangeError);
  });

  it('formats quantities without exponent or trailing zeros', () => {
    expect([1, 2.5, 0.125, 1e-7, 12.3456].map(x12Decimal)).toEqual(['1', '2.5', '0.125', '0', '12.346']);
  });

  it('drops trailing empty elements and components but keeps inner ones', () => {
    expect(seg('NM1', '82', '1', 'DOE', undefined, '', undefined, undefined, undefined).elements).toEqual([
      'NM1',
      '82',
      '1',
      'DOE',
    ]);
    expect(seg('OI', undefined, undefined, 'Y', undefined, undefined, 'Y').elements).toEqual([
      'OI',
      '',
      '',
      'Y',
      '',
      '',
      'Y',
    ]);
    expect(composite(':', 'HC', '99213', '25', undefined, '')).toBe('HC:99213:25');
    expect(d8('2026-01-05')).toBe('20260105');
    expect(rd8('2026-01-05', '2026-01-07')).toBe('20260105-20260107');
  });
});
