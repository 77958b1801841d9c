/**
 * Zero-copy view of one segment for hot paths (the 835 reader on 100 MB files): element boundaries
 * are offsets into the scanner's text, amounts are parsed from character codes and the segment id
 * is a small integer key, so a reader creates strings only for the values it keeps.
 * A cursor is valid only inside the callback that received it.
 */
import type { TokenizedSegment } from './tokenizer.js';

const DATE_CACHE = new Map<number, string>();
const CODE_CACHE = new Map<number, string>();

/** Integer key of a 2–3 character segment id (`segmentKey('CLP')`), for fast `switch`es. */
export function segmentKey(id: string): number {
  return ((id.charCodeAt(0) & 0xff) << 16) | ((id.charCodeAt(1) & 0xff) << 8) | (id.length > 2 ? id.charCodeAt(2) & 0xff : 0);
}

/** The reusable view the scanner fills for each segment. */
export class SegmentCursor {
  /** The text the offsets point into (the scanner's current buffer). */
  text = '';
  /** 1-based index of the segment in the file. */
  index = 0;
  /** Offset of the segment in the decoded file. */
  offset = 0;
  /** Number of elements including the id (like `elements.length`). */
  count = 0;
  /** `starts[k]` is where element k begins; `starts[count]` is one past the segment end plus one. */
  starts = new Int32Array(64);
  /** `segmentKey` of the id (0 when the id is not 2–3 characters). */
  key = 0;

  /** Element `n` as a string ('' when absent). */
  get(n: number): string {
    if (n >= this.count) return '';
    return this.text.slice(this.starts[n], this.starts[n + 1]! - 1);
  }

  /**
   * Element `n` when it is a short code (1–3 characters: qualifiers, status and reason codes): the
   * same string instance is returned for the same code, so hot loops do not allocate one per segment.
   * Longer values come back as `get(n)`.
   */
  code(n: number): string {
    if (n >= this.count) return '';
    const s = this.starts[n]!;
    const len = this.starts[n + 1]! - 1 - s;
    if (len === 0) return '';
    const t = this.text;
    if (len > 3) return t.slice(s, s + len);
    const c0 = t.charCodeAt(s);
    const c1 = len > 1 ? t.charCodeAt(s + 1) : 0;
    const c2 = len > 2 ? t.charCodeAt(s + 2) : 0;
    // Only 8-bit characters are interned: the key holds 8 bits per character.
    if ((c0 | c1 | c2) > 255) return t.slice(s, s + len);
    const key = (len << 24) | (c0 << 16) | (c1 << 8) | c2;
    let v = CODE_CACHE.get(key);
    if (v === undefined) {
      v = t.slice(s, s + len);
      if (CODE_CACHE.size > 50000) CODE_CACHE.clear();
      CODE_CACHE.set(key, v);
    }
    return v;
  }

  /** Length of element `n` (0 when absent). */
  len(n: number): number {
    if (n >= this.count) return 0;
    return this.starts[n + 1]! - 1 - this.starts[n]!;
  }

  /** True when element `n` is exactly `value`. */
  is(n: number, value: string): boolean {
    if (n >= this.count) return value === '';
    const s = this.starts[n]!;
    const e = this.starts[n + 1]! - 1;
    if (e - s !== value.length) return false;
    const t = this.text;
    for (let i = 0; i < value.length; i++) if (t.charCodeAt(s + i) !== value.charCodeAt(i)) return false;
    return true;
  }

  /**
   * Element `n` as integer cents, parsed from the characters (X12 R type: optional sign, digits,
   * optional decimal point and fraction). Returns `undefined` when empty, NaN when not a number or
   * when it has non-zero digits beyond cents.
   */
  cents(n: number): number | undefined {
    if (n >= this.count) return undefined;
    const t = this.text;
    let i = this.starts[n]!;
    const e = this.starts[n + 1]! - 1;
    if (i >= e) return undefined;
    let neg = false;
    let c = t.charCodeAt(i);
    if (c === 45) {
      neg = true;
      i++;
    } else if (c === 43) i++;
    let whole = 0;
    let digits = 0;
    for (; i < e; i++) {
      c = t.charCodeAt(i);
      if (c < 48 || c > 57) break;
      whole = whole * 10 + (c - 48);
      digits++;
    }
    let frac = 0;
    let fracDigits = 0;
    if (i < e && c === 46) {
      i++;
      for (; i < e; i++) {
        c = t.charCodeAt(i);
        if (c < 48 || c > 57) return Number.NaN;
        if (fracDigits < 2) frac = frac * 10 + (c - 48);
        else if (c !== 48) return Number.NaN;
        fracDigits++;
      }
      if (fracDigits === 1) frac *= 10;
    }
    if (i < e || (digits === 0 && fracDigits === 0) || digits > 13) return Number.NaN;
    const cents = whole * 100 + frac;
    return neg && cents !== 0 ? -cents : cents;
  }

  /**
   * Element `n` as a calendar date: CCYYMMDD → `YYYY-MM-DD`. Returns '' when empty and `undefined`
   * when it is not a real date (wrong length, not digits, month 13, February 30…).
   */
  date(n: number): string | undefined {
    if (n >= this.count) return '';
    const t = this.text;
    const s = this.starts[n]!;
    const e = this.starts[n + 1]! - 1;
    if (e === s) return '';
    if (e - s !== 8) return undefined;
    let y = 0;
    let m = 0;
    let d = 0;
    for (let i = 0; i < 8; i++) {
      const c = t.charCodeAt(s + i) - 48;
      if (c < 0 || c > 9) return undefined;
      if (i < 4) y = y * 10 + c;
      else if (i < 6) m = m * 10 + c;
      else d = d * 10 + c;
    }
    if (m < 1 || m > 12 || d < 1) return undefined;
    const max = m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
    if (d > max) return undefined;
    // Remittances repeat the same few dates thousands of times: reuse the formatted string.
    const key = y * 10000 + m * 100 + d;
    let out = DATE_CACHE.get(key);
    if (out === undefined) {
      out = `${t.slice(s, s + 4)}-${t.slice(s + 4, s + 6)}-${t.slice(s + 6, s + 8)}`;
      if (DATE_CACHE.size > 20000) DATE_CACHE.clear();
      DATE_CACHE.set(key, out);
    }
    return out;
  }

  /** Element `n` split on `separator` (components or repetitions); [] when absent. */
  parts(n: number, separator: string): string[] {
    if (n >= this.count) return [];
    return this.get(n).split(separator);
  }

  /** Copies the segment out as a plain TokenizedSegment. */
  materialize(): TokenizedSegment {
    const elements = new Array<string>(this.count);
    const t = this.text;
    const st = this.starts;
    for (let k = 0; k < this.count; k++) elements[k] = t.slice(st[k], st[k + 1]! - 1);
    return { elements, index: this.index, offset: this.offset };
  }
}
