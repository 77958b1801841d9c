import { describe, expect, it } from 'vitest';
import { pinCodes, segmentKey, type SegmentCursor } from './cursor.js';
import { SegmentScanner } from './tokenizer.js';

/** Runs `f` on the cursor of each segment of `text` (no ISA: delimiters are guessed as * and ~). */
function withCursors(text: string, f: (c: SegmentCursor) => void): void {
  const s = new SegmentScanner({ onSegment: f });
  s.write(text);
  s.end();
}

describe('SegmentCursor', () => {
  it('parses amounts exactly into cents, never through floats', () => {
    const got: (number | undefined)[] = [];
    withCursors('AMT*123.4*-5*0.1*1.005*1.000*abc**+3*.5*-0*12.34.5*99999999999.99~', (c) => {
      for (let n = 1; n < c.count; n++) got.push(c.cents(n));
    });
    expect(got).toEqual([12340, -500, 10, Number.NaN, 100, Number.NaN, undefined, 300, 50, 0, Number.NaN, 9999999999999]);
  });

  it('checks and formats CCYYMMDD dates', () => {
    const got: (string | undefined)[] = [];
    withCursors('DTM*20240229*20230229*20251301*2025010**20251231*00000000*20251231*20250230~', (c) => {
      for (let n = 1; n < c.count; n++) got.push(c.date(n));
    });
    // (Repeated dates come from a cache: a cached date and an impossible one must still differ.)
    expect(got).toEqual(['2024-02-29', undefined, undefined, undefined, '', '2025-12-31', undefined, '2025-12-31', undefined]);
  });

  it('returns the right value for every short code, whatever the cache and the pinned literals hold', () => {
    pinCodes(['QC', '472', 'Z', 'ÿÿ', 'TOOLONG']);
    const alphabet = ['A', 'Z', '0', '9', ':', '-', 'ÿ', '€'];
    const codes: string[] = [];
    for (const a of alphabet) for (const b of ['', ...alphabet]) for (const c of ['', 'Q', '7', '€']) codes.push(a + b + c);
    codes.push('QC', '472', 'Z', 'QD', '473');
    // Twice over: the second pass reads every code from the cache (or its replacement).
    for (let pass = 0; pass < 2; pass++) {
      withCursors(`XX*${codes.join('*')}~`, (c) => {
        for (let n = 1; n < c.count; n++) expect(c.code(n), `element ${n}`).toBe(c.get(n));
        expect(c.count - 1).toBe(codes.length);
      });
    }
  });

  it('gives elements, lengths, equality, codes and the integer segment key', () => {
    withCursors('CLP*PCN1*22*-1*X~', (c) => {
      expect(c.key).toBe(segmentKey('CLP'));
      expect([c.get(1), c.get(9), c.len(1), c.is(2, '22'), c.is(2, '2'), c.is(9, '')]).toEqual(['PCN1', '', 4, true, false, true]);
      expect(c.code(2)).toBe('22');
      expect(c.code(1)).toBe('PCN1');
      expect(c.materialize()).toEqual({ elements: ['CLP', 'PCN1', '22', '-1', 'X'], index: 1, offset: 0 });
    });
  });
});
