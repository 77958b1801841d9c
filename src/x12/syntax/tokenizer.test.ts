import { describe, expect, it } from 'vitest';
import { listX12Fixtures, readX12Fixture } from '../testing/fixtures.js';
import { element } from './segment.js';
import { SegmentScanner, tokenize, type TokenizedSegment } from './tokenizer.js';
import { serializeSegments } from './writer.js';

const SMALL =
  'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260101*1200*^*00501*000000001*0*T*:~\n' +
  'GS*HP*SENDER*RECEIVER*20260101*1200*1*X*005010X221A1~\n' +
  'ST*835*0001~\nBPR*I*100*C*ACH~\nTRN*1*12345*1512345678~\nSE*4*0001~\nGE*1*1~\nIEA*1*000000001~\n';

function plain(segments: readonly TokenizedSegment[]): string[][] {
  return segments.map((s) => [...s.elements]);
}

function scanInChunks(input: string | Buffer, sizes: (i: number) => number): { segs: TokenizedSegment[]; scanner: SegmentScanner } {
  const scanner = new SegmentScanner();
  const segs: TokenizedSegment[] = [];
  let at = 0;
  let i = 0;
  while (at < input.length) {
    const size = Math.max(1, sizes(i++));
    segs.push(...scanner.write(input.slice(at, at + size)));
    at += size;
  }
  segs.push(...scanner.end());
  return { segs, scanner };
}

describe('tokenize', () => {
  it('reads the delimiters from the ISA and splits segments with their positions', () => {
    const r = tokenize(SMALL);
    expect(r.delimiters).toEqual({ element: '*', component: ':', repetition: '^', segment: '~' });
    expect(r.segments.map((s) => s.elements[0])).toEqual(['ISA', 'GS', 'ST', 'BPR', 'TRN', 'SE', 'GE', 'IEA']);
    expect(r.segments[3]!.index).toBe(4);
    expect(SMALL.slice(r.segments[3]!.offset, r.segments[3]!.offset + 4)).toBe('BPR*');
    expect(element(r.segments[3]!, 2)).toBe('100');
    expect(r.layout).toEqual({ bom: false, lineBreak: '\n', consistent: true, trailing: '\n' });
    expect(r.diagnostics).toEqual([]);
  });

  it('reads unusual delimiters (| for elements, ! as terminator, ~ as repetition)', () => {
    const r = tokenize(readX12Fixture('270/Kartik-Hirijaganer__X12-Parser-Encoder__270_custom_delimiters.x12'));
    expect(r.delimiters).toEqual({ element: '|', component: ':', repetition: '~', segment: '!' });
    expect(r.segments[1]!.elements.slice(0, 3)).toEqual(['GS', 'HS', 'ACMEHOMEHLTH']);
    expect(r.diagnostics).toEqual([]);
  });

  it('uses a newline as segment terminator when ISA16 is followed by one', () => {
    const r = tokenize(readX12Fixture('835/tastypackets__x12-parser__multi-line-not-delimited.edi'));
    expect(r.delimiters.segment).toBe('\n');
    expect(r.segments.every((s) => !s.elements.join('').includes('\n'))).toBe(true);
    expect(r.segments.at(-1)!.elements[0]).toBe('IEA');
  });

  it('strips a BOM, accepts CRLF and several interchanges with different delimiters', () => {
    const second = SMALL.replaceAll('*', '|').replaceAll('~', '!').replace('|^|', '|^|');
    const text = `\uFEFF${SMALL.replaceAll('\n', '\r\n')}${second}`;
    const r = tokenize(text);
    expect(r.layout.bom).toBe(true);
    expect(r.segments).toHaveLength(16);
    expect(r.delimiterSets.map((d) => [d.fromSegmentIndex, d.delimiters.element, d.delimiters.segment])).toEqual([
      [1, '*', '~'],
      [9, '|', '!'],
    ]);
    expect(r.segments[11]!.elements).toEqual(['BPR', 'I', '100', 'C', 'ACH']);
    expect(r.layout.consistent).toBe(false);
    expect(r.diagnostics).toEqual([]);
  });

  it('reports a file without an ISA and guesses its delimiters', () => {
    const r = tokenize('ST*835*0001~BPR*I*5*C~SE*3*0001~');
    expect(r.segments).toHaveLength(3);
    expect(r.diagnostics).toMatchObject([{ level: 'interchange', code: '022', severity: 'error' }]);
  });

  it('skips garbage before the ISA and reports it', () => {
    const r = tokenize(`garbage!!${SMALL}`);
    expect(r.segments[0]!.elements[0]).toBe('ISA');
    expect(r.diagnostics).toMatchObject([{ level: 'interchange', code: '022' }]);
  });

  it('reports an unterminated last segment and bad segment ids', () => {
    const r = tokenize(SMALL.slice(0, -2));
    expect(r.diagnostics).toMatchObject([{ code: '023', segmentIndex: 8, segmentId: 'IEA' }]);
    const bad = tokenize(SMALL.replace('TRN*', 'trn*'));
    expect(bad.diagnostics).toMatchObject([{ level: 'segment', code: '1', segmentIndex: 5 }]);
  });

  it('reports an empty file', () => {
    expect(tokenize('').diagnostics).toMatchObject([{ code: '023' }]);
    expect(tokenize('\n\n').segments).toEqual([]);
  });

  it('round-trips every well-formed fixture byte for byte', () => {
    let checked = 0;
    for (const f of listX12Fixtures()) {
      const text = f.bytes.toString('utf8');
      const r = tokenize(f.bytes);
      const complete = !r.diagnostics.some((d) => d.code === '023');
      if (!r.layout.consistent || !complete) continue;
      const written =
        (r.layout.bom ? '\uFEFF' : '') +
        serializeSegments(r.segments, r.delimiters, { lineBreak: r.layout.lineBreak, trailingLineBreak: false }) +
        r.layout.trailing;
      expect(written, f.name).toBe(text);
      checked += 1;
    }
    // 121 files; a handful mix line-break styles or end inside a segment, and are skipped.
    expect(checked).toBeGreaterThanOrEqual(110);
  });
});

describe('SegmentScanner (streaming)', () => {
  it('gives the same segments for every split point of a small file', () => {
    const whole = tokenize(SMALL);
    for (let cut = 0; cut <= SMALL.length; cut++) {
      const scanner = new SegmentScanner();
      const segs = [...scanner.write(SMALL.slice(0, cut)), ...scanner.write(SMALL.slice(cut)), ...scanner.end()];
      expect(plain(segs), `cut ${cut}`).toEqual(plain(whole.segments));
      expect(segs.map((s) => s.offset)).toEqual(whole.segments.map((s) => s.offset));
      expect(scanner.diagnostics).toEqual([]);
      expect(scanner.layout).toEqual(whole.layout);
    }
  });

  it('reads 1-byte chunks and chunks smaller than the ISA, including split UTF-8 characters', () => {
    const text = SMALL.replace('TRN*1*12345', 'TRN*1*Çé€😀');
    const bytes = Buffer.from(`\uFEFF${text}`, 'utf8');
    const whole = tokenize(bytes);
    expect(whole.segments[4]!.elements[2]).toBe('Çé€😀');
    for (const size of [1, 2, 3, 5, 7, 50, 105, 106, 107]) {
      const { segs, scanner } = scanInChunks(bytes, () => size);
      expect(plain(segs), `size ${size}`).toEqual(plain(whole.segments));
      expect(scanner.layout.bom).toBe(true);
    }
  });

  it('gives the same segments as tokenize on every fixture with pseudo-random chunk sizes', () => {
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (const f of listX12Fixtures()) {
      const whole = tokenize(f.bytes);
      const { segs, scanner } = scanInChunks(f.bytes, () => 1 + (next() % 200));
      expect(plain(segs), f.name).toEqual(plain(whole.segments));
      expect(scanner.diagnostics, f.name).toEqual(whole.diagnostics);
    }
  });

  it('reads ASCII bytes (byte mode) exactly as the decoded text (text mode), at every split point', () => {
    const bytes = Buffer.from(SMALL, 'latin1');
    const whole = tokenize(SMALL);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const scanner = new SegmentScanner();
      const segs = [...scanner.write(bytes.subarray(0, cut)), ...scanner.write(bytes.subarray(cut)), ...scanner.end()];
      expect(segs, `cut ${cut}`).toEqual(whole.segments);
      expect(scanner.diagnostics).toEqual([]);
      expect(scanner.layout).toEqual(whole.layout);
    }
  });

  it('switches from byte mode to text mode when a non-ASCII chunk arrives, without changing the result', () => {
    const text = SMALL.replace('TRN*1*12345', 'TRN*1*Çé€😀');
    const bytes = Buffer.from(text, 'utf8');
    const whole = tokenize(text);
    const firstNonAscii = bytes.findIndex((b) => b > 127);
    for (const cut of [1, 105, 106, 107, firstNonAscii - 3, firstNonAscii, firstNonAscii + 1]) {
      const scanner = new SegmentScanner();
      // ASCII bytes first (byte mode), then a string chunk or the rest of the bytes (text mode).
      const segs = [...scanner.write(bytes.subarray(0, cut)), ...scanner.write(bytes.subarray(cut, firstNonAscii + 2)), ...scanner.write(bytes.subarray(firstNonAscii + 2)), ...scanner.end()];
      expect(segs, `cut ${cut}`).toEqual(whole.segments);
      if (cut > firstNonAscii) continue; // (a string chunk cannot start inside a UTF-8 character)
      const mixed = new SegmentScanner();
      const segs2 = [...mixed.write(bytes.subarray(0, cut)), ...mixed.write(bytes.subarray(cut).toString('utf8')), ...mixed.end()];
      expect(segs2, `cut ${cut} then text`).toEqual(whole.segments);
    }
  });

  it('gives the same segments, offsets, diagnostics and layout from bytes as from text on every fixture', () => {
    for (const f of listX12Fixtures()) {
      const fromBytes = tokenize(f.bytes);
      const fromText = tokenize(f.bytes.toString('utf8'));
      expect(fromBytes.segments, f.name).toEqual(fromText.segments);
      expect(fromBytes.diagnostics, f.name).toEqual(fromText.diagnostics);
      expect(fromBytes.layout, f.name).toEqual(fromText.layout);
      expect(fromBytes.delimiterSets, f.name).toEqual(fromText.delimiterSets);
    }
  });

  it('hands out the same segments through onSegment cursors (the fast byte path) as tokenize, on every fixture and layout', () => {
    const variants = (b: Buffer): Buffer[] => {
      const t = b.toString('latin1');
      return [b, Buffer.from(t.replace(/~\r?\n?/g, '~\r\n'), 'latin1'), Buffer.from(t.replace(/~\r?\n?/g, '~\n  '), 'latin1'), Buffer.from(t.replace(/~\r?\n?/g, '~'), 'latin1')];
    };
    let checked = 0;
    for (const f of listX12Fixtures()) {
      for (const bytes of variants(f.bytes)) {
        const whole = tokenize(bytes);
        for (const size of [65536, 97]) {
          const got: TokenizedSegment[] = [];
          const scanner = new SegmentScanner({ onSegment: (c) => got.push(c.materialize()) });
          for (let at = 0; at < bytes.length; at += size) scanner.write(bytes.subarray(at, at + size));
          scanner.end();
          expect(got, f.name).toEqual(whole.segments);
          expect(scanner.diagnostics, f.name).toEqual(whole.diagnostics);
          expect(scanner.layout, f.name).toEqual(whole.layout);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(800);
  });

  it('stops on a segment longer than the limit instead of buffering without end', () => {
    const scanner = new SegmentScanner({ maxSegmentLength: 1000 });
    scanner.write(SMALL.slice(0, 200));
    for (let i = 0; i < 10; i++) scanner.write('A'.repeat(500));
    scanner.end();
    expect(scanner.diagnostics.some((d) => d.code === '004')).toBe(true);
  });
});
