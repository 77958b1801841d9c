/**
 * Small helpers every outbound writer uses to make segments the way X12.6 wants them: no trailing
 * empty elements or components (X12.6 §3.7.3: absent data at the end is left off, not sent empty),
 * decimal amounts without trailing zeros (X12.6 "R" type; the HIPAA TR3s, section B.1.1.3.1.2),
 * dates as CCYYMMDD.
 */
import type { Cents } from '../../model/money.js';
import type { Delimiters, Segment } from '../syntax/segment.js';

/** One segment from its id and elements; undefined → empty, trailing empty elements dropped. */
export function seg(id: string, ...elements: readonly (string | undefined)[]): Segment {
  let end = elements.length;
  while (end > 0 && (elements[end - 1] === undefined || elements[end - 1] === '')) end--;
  const out: string[] = new Array<string>(end + 1);
  out[0] = id;
  for (let i = 0; i < end; i++) out[i + 1] = elements[i] ?? '';
  return { elements: out };
}

/** A composite element from its components, trailing empty components dropped: `HC:99213:25`. */
export function composite(separator: string, ...components: readonly (string | undefined)[]): string {
  let end = components.length;
  while (end > 0 && (components[end - 1] === undefined || components[end - 1] === '')) end--;
  let text = components[0] ?? '';
  for (let i = 1; i < end; i++) text += separator + (components[i] ?? '');
  return text;
}

/**
 * Cents as an X12 decimal (DE 782 Monetary Amount): whole dollars without a decimal point ("50"),
 * otherwise no trailing zeros ("50.5", "103.37"), a leading minus for negatives. The TR3 (B.1.1.3.1.2)
 * says trailing zeros after the decimal point must be suppressed, and X12 RFI 1526 confirms that for
 * DE 782 the cents are never "necessary precision".
 */
export function x12Amount(cents: Cents): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not an integer number of cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = cents < 0 ? -cents : cents;
  const whole = Math.trunc(abs / 100);
  const frac = abs % 100;
  if (frac === 0) return `${sign}${whole}`;
  if (frac % 10 === 0) return `${sign}${whole}.${frac / 10}`;
  return `${sign}${whole}.${frac < 10 ? '0' : ''}${frac}`;
}

/**
 * A quantity as an X12 decimal ("1", "1.5", "0.25"): no exponent, no trailing zeros, at most 3 decimal
 * places (the TR3s allow SV104 units with up to 3 decimals).
 */
export function x12Decimal(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  if (Number.isInteger(value)) return String(value);
  const fixed = value.toFixed(3);
  return fixed.replace(/0+$/, '').replace(/\.$/, '');
}

/** `YYYY-MM-DD` → `CCYYMMDD` (D8). */
export function d8(date: string): string {
  // A batch repeats the same few hundred dates: remember them rather than slice and join again.
  let compact = recentDates.get(date);
  if (compact === undefined) {
    compact = date.slice(0, 4) + date.slice(5, 7) + date.slice(8, 10);
    if (recentDates.size >= 4096) recentDates.clear();
    recentDates.set(date, compact);
  }
  return compact;
}

const recentDates = new Map<string, string>();

/** A date range as RD8 `CCYYMMDD-CCYYMMDD`. */
export function rd8(from: string, to: string): string {
  return `${d8(from)}-${d8(to)}`;
}

/** DTP with a single date (D8), or a range (RD8) when `to` is given and differs from `from`. */
export function writeDateOrRange(
  out: SegmentSink,
  qualifier: string,
  from: string,
  to: string | undefined,
): void {
  if (to && to !== from) out.add('DTP', qualifier, 'RD8', rd8(from, to));
  else out.add('DTP', qualifier, 'D8', d8(from));
}

/**
 * Where writers put segments: a list of Segment objects (for tests and callers that post-process) or
 * text directly (the fast path: no Segment objects are kept, which matters at 100,000 claims/s).
 */
export interface SegmentSink {
  /** Segments added so far. */
  readonly count: number;
  /** Adds a segment from its id and elements; trailing empty elements are dropped, as in {@link seg}. */
  add(id: string, ...elements: (string | undefined)[]): void;
  /** Adds a ready segment as it is (every element kept, e.g. the fixed-width ISA). */
  addSegment(segment: Segment): void;
}

/** Collects Segment objects. */
export class SegmentListSink implements SegmentSink {
  readonly segments: Segment[] = [];
  get count(): number {
    return this.segments.length;
  }
  add(id: string, ...elements: readonly (string | undefined)[]): void {
    this.segments.push(seg(id, ...elements));
  }
  addSegment(segment: Segment): void {
    this.segments.push(segment);
  }
}

/**
 * Writes segments straight to text with the given delimiters and line break. Each segment is built
 * as one string and kept in a list that is joined into a flat chunk every 2048 segments, so few
 * objects live long. Concatenating the whole batch with += would build a rope of millions of small
 * nodes, and pushing every element as a separate piece made the final joins the main cost.
 */
export class TextSink implements SegmentSink {
  /** Finished chunks: flat strings of whole segments, each with its terminator. */
  private readonly chunks: string[] = [];
  private segments: string[] = [];
  private n = 0;
  private readonly separator: string;
  private readonly suffix: string;

  constructor(delimiters: Delimiters, lineBreak = '') {
    this.separator = delimiters.element;
    this.suffix = delimiters.segment + lineBreak;
  }

  get count(): number {
    return this.n;
  }

  add(id: string, ...elements: readonly (string | undefined)[]): void {
    const separator = this.separator;
    let text = id;
    // Empty elements are written only when a value follows them (X12.6 §3.7.3), so their
    // separators wait in `skipped` until then.
    let skipped = '';
    for (let i = 0; i < elements.length; i++) {
      const value = elements[i];
      if (value === undefined || value === '') skipped += separator;
      else {
        text += skipped + separator + value;
        skipped = '';
      }
    }
    this.push(text);
  }

  addSegment(segment: Segment): void {
    this.push(segment.elements.join(this.separator));
  }

  private push(segment: string): void {
    this.segments.push(segment);
    this.n++;
    if (this.segments.length === 2048) this.flush();
  }

  private flush(): void {
    if (this.segments.length === 0) return;
    this.chunks.push(this.segments.join(this.suffix) + this.suffix);
    this.segments = [];
  }

  /** Adds a body rendered by another TextSink with the same delimiters and line break. */
  addRendered(body: RenderedBody): void {
    this.flush();
    this.chunks.push(body.text);
    this.n += body.segmentCount;
  }

  /** The text and the number of segments written so far. */
  render(): RenderedBody {
    return { text: this.toString(), segmentCount: this.n };
  }

  /** The text written so far. */
  toString(): string {
    this.flush();
    if (this.chunks.length > 1) this.chunks.splice(0, this.chunks.length, this.chunks.join(''));
    return this.chunks[0] ?? '';
  }
}

/** Segments already written as text (each followed by the terminator and line break), and how many. */
export interface RenderedBody {
  readonly text: string;
  readonly segmentCount: number;
}
