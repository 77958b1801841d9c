/**
 * One-call reading of a whole X12 file: tokenize, then check the envelopes. Lenient by default
 * (diagnostics in the result); `strict: true` throws an X12SyntaxError carrying the same diagnostics.
 */
import { throwIfErrors, type X12Diagnostic } from './diagnostics.js';
import { checkEnvelopes, type EnvelopeTree } from './envelopes.js';
import type { Delimiters } from './segment.js';
import { tokenize, type DelimiterSet, type TokenizedSegment, type TokenizeLayout } from './tokenizer.js';

/** Lenient (default) or strict reading. */
export interface ParseOptions {
  /** Throw an X12SyntaxError when any error is found (default false: return diagnostics). */
  readonly strict?: boolean;
}

/** A tokenized file with its envelope tree: what the readers and the 999 builder take. */
export interface ParsedX12 {
  readonly delimiters: Delimiters;
  readonly delimiterSets: readonly DelimiterSet[];
  readonly segments: readonly TokenizedSegment[];
  readonly layout: TokenizeLayout;
  readonly envelopes: EnvelopeTree;
  /** Tokenizer and envelope diagnostics, in file order. */
  readonly diagnostics: readonly X12Diagnostic[];
}

/** Orders diagnostics by segment position (those without one first), keeping insertion order otherwise. */
export function sortDiagnostics(list: readonly X12Diagnostic[]): X12Diagnostic[] {
  return list
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (a.d.segmentIndex ?? 0) - (b.d.segmentIndex ?? 0) || a.i - b.i)
    .map((x) => x.d);
}

/** Tokenizes and checks envelopes (ISA/IEA, GS/GE, ST/SE counts and control numbers). */
export function parseX12(input: string | Uint8Array, options: ParseOptions = {}): ParsedX12 {
  const t = tokenize(input);
  const env = checkEnvelopes(t.segments);
  const diagnostics = sortDiagnostics([...t.diagnostics, ...env.diagnostics]);
  if (options.strict) throwIfErrors(diagnostics);
  return {
    delimiters: t.delimiters,
    delimiterSets: t.delimiterSets,
    segments: t.segments,
    layout: t.layout,
    envelopes: env.tree,
    diagnostics,
  };
}
