/**
 * Segment serializer: the inverse of the tokenizer. Elements are written raw (components and
 * repetitions are already inside the element text), so parse → write is byte-exact when the
 * delimiters and the line-break style are the same as the input's.
 */
import type { Delimiters, Segment } from './segment.js';

/** How segments are laid out between terminators. */
export interface SerializeOptions {
  /** Written after every segment terminator: '' (one line, the default), '\n' or '\r\n'. */
  readonly lineBreak?: string;
  /** Whether the last segment also gets `lineBreak` (default true, as most files end with one). */
  readonly trailingLineBreak?: boolean;
}

/** Writes one segment with its terminator (no line break). */
export function serializeSegment(segment: Segment, delimiters: Delimiters): string {
  return segment.elements.join(delimiters.element) + delimiters.segment;
}

/** Writes segments: elements joined by the element separator, each followed by the terminator and `lineBreak`. */
export function serializeSegments(
  segments: Iterable<Segment>,
  delimiters: Delimiters,
  options: SerializeOptions = {},
): string {
  const lineBreak = options.lineBreak ?? '';
  const trailing = options.trailingLineBreak ?? true;
  const suffix = delimiters.segment + lineBreak;
  const parts: string[] = [];
  for (const s of segments) parts.push(s.elements.join(delimiters.element) + suffix);
  if (!trailing && lineBreak !== '' && parts.length > 0) {
    const last = parts.length - 1;
    parts[last] = parts[last]!.slice(0, -lineBreak.length);
  }
  return parts.join('');
}
