/**
 * Zero-copy view of one segment for hot paths (the 835 reader on 100 MB files): element boundaries
 * are offsets into the scanner's text, amounts are parsed from character codes and the segment id
 * is a small integer key, so a reader creates strings only for the values it keeps.
 * A cursor is valid only inside the callback that received it.
 */
import type { TokenizedSegment } from './tokenizer.js';

/**
 * Direct-mapped caches (no Map, no eviction bookkeeping) for short codes and formatted dates: a value
 * seen before comes back as the same string instance instead of a new string per segment. A slot
 * holds the last value that hashed to it; a different value simply replaces it.
 */
const INTERN_SIZE = 4096;
/** Key of each cached code: length and up to three 8-bit characters packed into one integer. */
const INTERN_KEYS = new Int32Array(INTERN_SIZE);
const INTERN = new Array<string>(INTERN_SIZE).fill('');
/** 1 where `pinCodes` put a literal: such an entry is never replaced. */
const PINNED = new Uint8Array(INTERN_SIZE);

/** Cache key of a code of 1–3 characters (length and 8-bit characters packed), or -1. */
function codeKey(len: number, c0: number, c1: number, c2: number): number {
  if ((c0 | c1 | c2) > 255) return -1;
  return (len << 24) | (c0 << 16) | (c1 << 8) | c2;
}

function codeSlot(key: number): number {
  return (Math.imul(key, 0x9e3779b1) >>> 20) & (INTERN_SIZE - 1);
}

/**
 * Makes `code`/`range` return these very strings for these codes. Pass string literals: V8 keeps
 * literals as unique (internalized) strings, so comparing a returned code with a literal
 * (`q === '472'`, `switch (entity)`, a property lookup) is a pointer comparison instead of a
 * character-by-character one. Codes that are not 1–3 characters are ignored.
 */
export function pinCodes(codes: Iterable<string>): void {
  for (const v of codes) {
    if (v.length < 1 || v.length > 3) continue;
    const key = codeKey(v.length, v.charCodeAt(0), v.length > 1 ? v.charCodeAt(1) : 0, v.length > 2 ? v.charCodeAt(2) : 0);
    if (key < 0) continue;
    const slot = codeSlot(key);
    if (PINNED[slot] === 1) continue;
    INTERN_KEYS[slot] = key;
    INTERN[slot] = v;
    PINNED[slot] = 1;
  }
}
const DATE_SIZE = 4096;
const DATE_KEYS = new Int32Array(DATE_SIZE).fill(-1);
const DATE_VALUES = new Array<string>(DATE_SIZE).fill('');

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
   * Element `n`, for codes (qualifiers, status and reason codes): same value as `get(n)`, but a code
   * of 1–3 characters comes back as a cached string instance, so hot loops do not allocate one per
   * segment. (Caching longer values was measured: hashing them costs more than it saves.)
   */
  code(n: number): string {
    if (n >= this.count) return '';
    return this.range(this.starts[n]!, this.starts[n + 1]! - 1);
  }

  /** The text from `s` to `e` (offsets into `text`), codes of 1–3 characters cached like `code`. */
  range(s: number, e: number): string {
    const len = e - s;
    if (len <= 0) return '';
    const t = this.text;
    if (len > 3) return t.slice(s, e);
    const c0 = t.charCodeAt(s);
    const c1 = len > 1 ? t.charCodeAt(s + 1) : 0;
    const c2 = len > 2 ? t.charCodeAt(s + 2) : 0;
    // Only 8-bit characters fit the key.
    const key = codeKey(len, c0, c1, c2);
    if (key < 0) return t.slice(s, e);
    const slot = codeSlot(key);
    if (INTERN_KEYS[slot] === key) return INTERN[slot]!;
    const out = t.slice(s, e);
    if (PINNED[slot] === 0) {
      INTERN_KEYS[slot] = key;
      INTERN[slot] = out;
    }
    return out;
  }

  /** Start offset (in `text`) of element `n`; with `end(n)` for reading composites in place. */
  start(n: number): number {
    return n < this.count ? this.starts[n]! : 0;
  }

  /** End offset (exclusive, in `text`) of element `n`. */
  end(n: number): number {
    return n < this.count ? this.starts[n + 1]! - 1 : 0;
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
    // Remittances repeat the same few dates thousands of times: reuse the formatted string (the
    // cache holds only dates that passed the checks below).
    const key = y * 10000 + m * 100 + d;
    const slot = (y * 372 + m * 31 + d) & (DATE_SIZE - 1);
    if (DATE_KEYS[slot] === key) return DATE_VALUES[slot]!;
    if (m < 1 || m > 12 || d < 1) return undefined;
    const max = m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
    if (d > max) return undefined;
    const out = `${t.slice(s, s + 4)}-${t.slice(s + 4, s + 6)}-${t.slice(s + 6, s + 8)}`;
    DATE_KEYS[slot] = key;
    DATE_VALUES[slot] = out;
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
