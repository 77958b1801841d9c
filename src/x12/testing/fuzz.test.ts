/**
 * Fuzz: 100,000 mutated real fixture files through the tokenizer, the envelope checks, the 835 and
 * 999 readers and the 999 writer. Every case must end in a result with well-formed diagnostics —
 * never an uncaught exception or a hang (the whole run is bounded by the test timeout).
 */
import { describe, expect, it } from 'vitest';
import { read835 } from '../835-005010x221a1/reader.js';
import { build999 } from '../999-005010x231a1/build-999.js';
import { read999 } from '../999-005010x231a1/reader.js';
import { DIAGNOSTIC_LEVELS, X12SyntaxError, type X12Diagnostic } from '../syntax/diagnostics.js';
import { parseX12 } from '../syntax/parse.js';
import { listX12Fixtures } from './fixtures.js';
import { seededRandom } from './generate-835.js';
import { mutate, MUTATIONS } from './mutate.js';

const CASES = 100_000;

function checkDiagnostics(list: readonly X12Diagnostic[], segments: number): void {
  for (const d of list) {
    if (!DIAGNOSTIC_LEVELS.includes(d.level) || d.code === '' || d.message === '') throw new Error(`malformed diagnostic ${JSON.stringify(d)}`);
    if (d.segmentIndex !== undefined && (d.segmentIndex < 0 || d.segmentIndex > segments + 1)) throw new Error(`diagnostic points past the file: ${JSON.stringify(d)}`);
  }
}

describe('fuzz: mutated fixture files', () => {
  // Small files keep 100k cases fast; every type is represented.
  const files = listX12Fixtures().filter((f) => f.bytes.length <= 6000);

  it(`ends ${CASES} mutated files in diagnostics, never an exception`, () => {
    expect(files.length).toBeGreaterThan(60);
    const rnd = seededRandom(20261127);
    let withDiagnostics = 0;
    const started = Date.now();
    for (let i = 0; i < CASES; i++) {
      const f = files[Math.floor(rnd() * files.length)]!;
      let bytes = f.bytes;
      const rounds = 1 + Math.floor(rnd() * 3);
      const applied: string[] = [];
      for (let k = 0; k < rounds; k++) {
        const m = MUTATIONS[Math.floor(rnd() * MUTATIONS.length)]!;
        applied.push(m);
        bytes = mutate(bytes, m, rnd);
      }
      try {
        let diagnostics: readonly X12Diagnostic[];
        let segments: number;
        if (f.type === '835') {
          const r = read835(bytes);
          diagnostics = r.diagnostics;
          segments = r.stats.segments;
          if (i % 10 === 0) build999({ envelopes: r.envelopes, diagnostics }, diagnostics);
        } else if (f.type === '999') {
          const r = read999(bytes);
          diagnostics = r.diagnostics;
          segments = r.parsed.segments.length;
        } else {
          const p = parseX12(bytes);
          diagnostics = p.diagnostics;
          segments = p.segments.length;
          if (i % 10 === 0) build999(p);
        }
        checkDiagnostics(diagnostics, segments);
        if (diagnostics.length > 0) withDiagnostics++;
        if (i % 50 === 0) {
          try {
            parseX12(bytes, { strict: true });
          } catch (e) {
            if (!(e instanceof X12SyntaxError)) throw e;
          }
        }
      } catch (e) {
        throw new Error(`case ${i} (${f.type}/${f.name}, ${applied.join(' + ')}) threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
    }
    // Most mutations break something; a few (BOM, CRLF) are legal and must stay silent.
    expect(withDiagnostics).toBeGreaterThan(CASES / 2);
    expect(withDiagnostics).toBeLessThan(CASES);
    // About 20 s on the shared 2-core machine; the bound catches a hang or a quadratic path.
    expect(Date.now() - started).toBeLessThan(110_000);
  }, 120_000);
});
