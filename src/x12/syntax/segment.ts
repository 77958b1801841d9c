/**
 * The X12 segment model shared by the reader, the writer and every implementation guide.
 * Element access is 1-based as in the standard: `elements[1]` is CLM01, `elements[0]` the segment id.
 */

/** The four delimiters of an interchange, read from the ISA (ISA is fixed-width: 106 characters). */
export interface Delimiters {
  /** Element separator: ISA character 4 (usually `*`). */
  readonly element: string;
  /** Component (sub-element) separator: ISA16 (usually `:`). */
  readonly component: string;
  /** Repetition separator: ISA11 in 005010 (usually `^`). */
  readonly repetition: string;
  /** Segment terminator: the character after ISA16 (usually `~`). */
  readonly segment: string;
}

/** The delimiters Superbill writes by default. */
export const DEFAULT_DELIMITERS: Delimiters = { element: '*', component: ':', repetition: '^', segment: '~' };

/** One segment: `elements[0]` is the id (`CLM`), `elements[n]` is element n as raw text. */
export interface Segment {
  readonly elements: readonly string[];
}

/** The segment id (`ISA`, `CLM`). */
export function segmentId(segment: Segment): string {
  return segment.elements[0] ?? '';
}

/** Element `n` (1-based) as raw text, '' when absent. */
export function element(segment: Segment, n: number): string {
  return segment.elements[n] ?? '';
}

/** Component `c` (1-based) of element `n`, '' when absent: `component(sv1, 1, 2, d)` is SV101-2. */
export function component(segment: Segment, n: number, c: number, delimiters: Delimiters): string {
  const value = segment.elements[n];
  if (value === undefined) return '';
  if (c === 1 && !value.includes(delimiters.component)) return value;
  return value.split(delimiters.component)[c - 1] ?? '';
}
