/**
 * 835 reader: whole files (`read835`) and streams of any chunking (`Remittance835Reader`,
 * `read835Stream`). One pass over zero-copy segment cursors: the envelope tracker checks
 * ISA/GS/ST counts and control numbers, and a RemittanceBuilder per 835 transaction set builds the
 * typed remittance. Memory stays bounded when streaming: a payment is handed over at its SE, and
 * with `keepClaims: false` even one payment's claims are passed on one by one (`onClaim`).
 */
import type { Problem } from '../../model/problem.js';
import { segmentKey, type SegmentCursor } from '../syntax/cursor.js';
import { diagnosticToProblem, X12SyntaxError, type X12Diagnostic } from '../syntax/diagnostics.js';
import { EnvelopeTracker, type EnvelopeTree, type TransactionEnvelope } from '../syntax/envelopes.js';
import { sortDiagnostics } from '../syntax/parse.js';
import { DEFAULT_DELIMITERS } from '../syntax/segment.js';
import { SegmentScanner } from '../syntax/tokenizer.js';
import { RemittanceBuilder, type BuildRemittanceOptions } from './build-remittance.js';
import type { Remittance835 } from './model.js';

const K_ST = segmentKey('ST');
const K_SE = segmentKey('SE');

/** Options for reading 835s. */
export interface Read835Options extends BuildRemittanceOptions {
  /** Throw an X12SyntaxError on syntax errors instead of returning diagnostics (imbalances never throw). */
  readonly strict?: boolean;
}

/** What an 835 file holds. */
export interface Read835Result {
  readonly remittances: Remittance835[];
  /** Syntax diagnostics (999 codes), in file order. */
  readonly diagnostics: X12Diagnostic[];
  /** Balance problems (claim, line, payment) — reported, not thrown. */
  readonly imbalances: Problem[];
  readonly envelopes: EnvelopeTree;
  /** Totals for progress and benchmarks. */
  readonly stats: { readonly segments: number; readonly claims: number; readonly lines: number };
}

/** Incremental 835 reader: `write` chunks, then `end`; each returns the payments completed. */
export class Remittance835Reader {
  readonly diagnostics: X12Diagnostic[] = [];
  readonly imbalances: Problem[] = [];
  private readonly scanner: SegmentScanner;
  private readonly tracker = new EnvelopeTracker();
  private readonly options: Read835Options;
  private builder: RemittanceBuilder | undefined;
  private ready: Remittance835[] = [];
  private claims = 0;
  private lines = 0;

  constructor(options: Read835Options = {}) {
    this.options = options;
    this.scanner = new SegmentScanner({ onSegment: (c) => { this.segment(c); } });
    this.tracker.onTransactionEnd = (t) => { this.closeTransaction(t); };
  }

  private segment(c: SegmentCursor): void {
    this.tracker.acceptCursor(c);
    const key = c.key;
    if (key === K_ST) {
      const t = this.tracker.currentTransaction;
      if (t?.id === '835') {
        const d = this.scanner.delimiters ?? DEFAULT_DELIMITERS;
        this.builder = new RemittanceBuilder(
          { index: t.firstIndex, controlNumber: t.controlNumber, implementation: t.implementation || (this.tracker.currentGroup?.version ?? '') },
          d,
          { diagnostics: this.diagnostics, problems: this.imbalances },
          this.options,
        );
      } else if (t) {
        this.diagnostics.push({
          severity: 'error',
          level: 'transaction',
          code: '1',
          message: `Transaction set ${t.id} ${t.controlNumber} is not an 835; the 835 reader skipped it.`,
          segmentIndex: c.index,
          segmentId: 'ST',
        });
      }
      return;
    }
    if (key !== K_SE && this.builder) this.builder.accept(c);
  }

  private closeTransaction(_t: TransactionEnvelope): void {
    const b = this.builder;
    if (!b) return;
    this.builder = undefined;
    const r = b.finish();
    this.claims += r.claimCount;
    this.lines += b.lines;
    this.ready.push(r);
  }

  private take(): Remittance835[] {
    const out = this.ready;
    this.ready = [];
    return out;
  }

  /** Feeds a chunk (any size); returns the payments whose SE it completed. */
  write(chunk: string | Uint8Array): Remittance835[] {
    this.scanner.write(chunk);
    return this.take();
  }

  /** Ends the input; returns the last payments (an unterminated one is closed and reported). */
  end(): Remittance835[] {
    this.scanner.end();
    this.tracker.end();
    for (const d of this.scanner.diagnostics) this.diagnostics.push(d);
    for (const d of this.tracker.diagnostics) this.diagnostics.push(d);
    const sorted = sortDiagnostics(this.diagnostics);
    this.diagnostics.length = 0;
    for (const d of sorted) this.diagnostics.push(d);
    return this.take();
  }

  /** Envelope tree (complete after `end`). */
  get envelopes(): EnvelopeTree {
    return this.tracker.tree;
  }

  /** Counts so far. */
  get stats(): { segments: number; claims: number; lines: number } {
    return { segments: this.scanner.segmentTotal, claims: this.claims, lines: this.lines };
  }
}

/** Reads a whole 835 file (text or bytes). Lenient unless `strict`. */
export function read835(input: string | Uint8Array, options: Read835Options = {}): Read835Result {
  const reader = new Remittance835Reader(options);
  const remittances = reader.write(input);
  for (const r of reader.end()) remittances.push(r);
  if (options.strict && reader.diagnostics.some((d) => d.severity === 'error')) throw new X12SyntaxError(reader.diagnostics, 'The 835 file');
  return { remittances, diagnostics: reader.diagnostics, imbalances: reader.imbalances, envelopes: reader.envelopes, stats: reader.stats };
}

/**
 * Streams an 835 from chunks (a file ReadStream, a network body): yields each payment at its SE.
 * Diagnostics and imbalances are in `reader` when the iteration ends.
 */
export async function* read835Stream(
  source: AsyncIterable<string | Uint8Array>,
  options: Read835Options = {},
  reader: Remittance835Reader = new Remittance835Reader(options),
): AsyncGenerator<Remittance835> {
  for await (const chunk of source) {
    for (const r of reader.write(chunk)) yield r;
  }
  for (const r of reader.end()) yield r;
  if (options.strict && reader.diagnostics.some((d) => d.severity === 'error')) throw new X12SyntaxError(reader.diagnostics, 'The 835 file');
}

/** Diagnostics and imbalances of a read as Problems (for the CLI and API). */
export function read835Problems(result: Pick<Read835Result, 'diagnostics' | 'imbalances'>): Problem[] {
  return [...result.diagnostics.map(diagnosticToProblem), ...result.imbalances];
}
