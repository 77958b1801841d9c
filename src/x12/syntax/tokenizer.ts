/**
 * X12 tokenizer (ASC X12.6 / 005010 control segments): splits text into segments and elements,
 * reading the delimiters from each ISA. The same incremental scanner serves `tokenize(text)` and the
 * streaming reader (`SegmentScanner.write(chunk)`), so both accept any chunking of the same input.
 *
 * ISA is fixed-width (106 characters): the element separator is character 4, the repetition
 * separator is ISA11 (005010), the component separator is ISA16 and the segment terminator is the
 * character after ISA16. We locate ISA16 by counting 16 element separators instead of trusting the
 * fixed offsets, so an ISA with padded-out or short fields is still read (and reported).
 */
import { Buffer, isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import { SegmentCursor } from './cursor.js';
import type { X12Diagnostic } from './diagnostics.js';
import { DEFAULT_DELIMITERS, type Delimiters, type Segment } from './segment.js';

/** A segment with where it was found. */
export interface TokenizedSegment extends Segment {
  /** 1-based index of the segment in the file (all interchanges together). */
  readonly index: number;
  /** Offset of the segment's first character in the decoded text (UTF-16 code units; a BOM counts). */
  readonly offset: number;
}

/** How the input was laid out between segments: what a writer needs to reproduce it. */
export interface TokenizeLayout {
  /** A UTF-8 byte-order mark preceded the text. */
  readonly bom: boolean;
  /** The whitespace after the first segment terminator: '', '\n' or '\r\n'. */
  readonly lineBreak: string;
  /** Every segment terminator (but perhaps the last) was followed by exactly `lineBreak`. */
  readonly consistent: boolean;
  /** The whitespace after the last segment terminator. */
  readonly trailing: string;
}

/** The delimiters in force from a given segment on (one entry per ISA, or one guessed set). */
export interface DelimiterSet {
  readonly fromSegmentIndex: number;
  readonly delimiters: Delimiters;
}

/** Everything `tokenize` found. */
export interface TokenizeResult {
  /** The delimiters of the first interchange (or guessed when there is no ISA). */
  readonly delimiters: Delimiters;
  readonly delimiterSets: readonly DelimiterSet[];
  readonly segments: TokenizedSegment[];
  readonly diagnostics: X12Diagnostic[];
  readonly layout: TokenizeLayout;
}

/** Tuning for the scanner. */
export interface ScannerOptions {
  /**
   * Receives every segment as a zero-copy cursor (valid only during the call) instead of the
   * segments being returned from `write`/`end`: the fast path for big files.
   */
  readonly onSegment?: (cursor: SegmentCursor) => void;
  /** A segment longer than this (in characters) without a terminator stops the scan (default 4 MiB). */
  readonly maxSegmentLength?: number;
}

const CR = 13;
const LF = 10;
const BOM = 0xfeff;
/** How far we look for the 16 element separators of an ISA before giving up. */
const ISA_SCAN_LIMIT = 512;
/** How much text we buffer to find the first ISA or guess delimiters when the file has no ISA. */
const SNIFF_LENGTH = 4096;

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A segment id is 2–3 characters: an upper-case letter, then upper-case letters or digits. */
function isSegmentIdAt(text: string, at: number, n: number): boolean {
  if (n < 2 || n > 3) return false;
  const c0 = text.charCodeAt(at);
  if (c0 < 65 || c0 > 90) return false;
  for (let i = 1; i < n; i++) {
    const c = text.charCodeAt(at + i);
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}

/** Same value as `segmentKey(text.slice(at, at + n))`, without making the string. */
function keyAt(text: string, at: number, n: number): number {
  return ((text.charCodeAt(at) & 0xff) << 16) | ((text.charCodeAt(at + 1) & 0xff) << 8) | (n > 2 ? text.charCodeAt(at + 2) & 0xff : 0);
}

function printable(ch: string): string {
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === '') return '(none)';
  return JSON.stringify(ch);
}

type IsaHeader = { kind: 'ok'; delimiters: Delimiters; length: number } | { kind: 'more' } | { kind: 'bad'; reason: string };

/**
 * Incremental tokenizer. Feed it text or bytes with `write(chunk)` (any chunk size: a chunk may end
 * inside a segment, a multi-byte character or the ISA header) and call `end()` once; each call
 * returns the segments completed so far. Diagnostics accumulate in `diagnostics`.
 */
export class SegmentScanner {
  readonly diagnostics: X12Diagnostic[] = [];
  readonly delimiterSets: DelimiterSet[] = [];
  private readonly decoder = new StringDecoder('utf8');
  private readonly maxSegmentLength: number;
  private readonly onSegment: ((cursor: SegmentCursor) => void) | undefined;
  private readonly cursor = new SegmentCursor();
  private buffer = '';
  /**
   * Byte mode (the fast path for byte input that is plain ASCII): `bytes` holds exactly the text of
   * `buffer` (one byte per character), and the hot loop scans the bytes instead of the string.
   * The first chunk that is not ASCII (UTF-8 text, a BOM) or a string chunk switches the scanner to
   * text mode for the rest of the input: that chunk goes through the UTF-8 decoder as before.
   */
  private byteMode = true;
  private bytes: Uint8Array | undefined;
  /**
   * Reused buffer for the unfinished segment plus the next chunk, so byte mode allocates no new
   * ArrayBuffer per chunk (it grows to the longest such run and stays).
   */
  private scratch = new Uint8Array(0);
  /** Offset of `buffer[0]` in the decoded text. */
  private base = 0;
  private segmentCount = 0;
  private current: Delimiters | undefined;
  private started = false;
  private ended = false;
  private stopped = false;
  private sawBom = false;
  /** Whitespace seen since the last terminator (CR, LF, spaces and tabs). */
  private pendingWs = '';
  private firstBreak: string | undefined;
  private consistent = true;
  private lastWasTerminated = true;

  constructor(options: ScannerOptions = {}) {
    this.maxSegmentLength = options.maxSegmentLength ?? 4 * 1024 * 1024;
    this.onSegment = options.onSegment;
  }

  /** The delimiters in force (undefined until the first ISA is read or guessed). */
  get delimiters(): Delimiters | undefined {
    return this.current;
  }

  /** Layout of what has been read so far (final after `end()`). */
  get layout(): TokenizeLayout {
    return {
      bom: this.sawBom,
      lineBreak: this.firstBreak ?? this.pendingWs,
      consistent: this.consistent,
      trailing: this.ended ? this.pendingWs : '',
    };
  }

  /** Number of segments emitted so far. */
  get segmentTotal(): number {
    return this.segmentCount;
  }

  /** Feeds a chunk; returns the segments it completed. */
  write(chunk: string | Uint8Array): TokenizedSegment[] {
    if (this.ended) throw new Error('SegmentScanner.write after end()');
    const out: TokenizedSegment[] = [];
    if (this.byteMode) {
      if (typeof chunk !== 'string' && isAscii(chunk)) {
        if (chunk.length === 0 || this.stopped) return out;
        // Always a plain Uint8Array (a view when nothing is carried over): a Buffer here as well
        // would make the element loads in the hot loop polymorphic.
        let bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        // The unfinished segment of the last chunk is at the front of `scratch` (see below).
        const carried = this.bytes === undefined ? 0 : this.bytes.length;
        if (carried > 0) {
          const need = carried + chunk.length;
          if (this.scratch.length < need) {
            const grown = new Uint8Array(Math.max(need, this.scratch.length * 2, 131072));
            grown.set(this.scratch.subarray(0, carried));
            this.scratch = grown;
          }
          this.scratch.set(chunk, carried);
          bytes = this.scratch.subarray(0, need);
        }
        this.bytes = bytes;
        // ASCII: latin1 and UTF-8 give the same text, and latin1 is a plain copy of the bytes.
        this.buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
        this.scan(out);
        // Move the unfinished segment to the front of `scratch`: the caller may reuse its chunk,
        // and the next chunk is appended after it.
        const rest = this.bytes;
        if (rest.length === 0) this.bytes = undefined;
        else {
          if (this.scratch.length < rest.length) this.scratch = new Uint8Array(Math.max(rest.length * 2, 131072));
          if (rest.buffer === this.scratch.buffer) this.scratch.copyWithin(0, rest.byteOffset - this.scratch.byteOffset, rest.byteOffset - this.scratch.byteOffset + rest.length);
          else this.scratch.set(rest);
          this.bytes = this.scratch.subarray(0, rest.length);
        }
        return out;
      }
      // Not plain ASCII bytes: text mode from here on (`buffer` already holds the unread text).
      this.byteMode = false;
      this.bytes = undefined;
    }
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    if (text.length === 0 || this.stopped) return out;
    this.buffer = this.buffer.length === 0 ? text : this.buffer + text;
    this.scan(out);
    return out;
  }

  /** Signals the end of input; returns the last segments (an unterminated one is reported and kept). */
  end(): TokenizedSegment[] {
    const out: TokenizedSegment[] = [];
    if (this.ended) return out;
    const rest = this.decoder.end();
    if (rest.length > 0 && !this.stopped) this.buffer += rest;
    this.ended = true;
    if (!this.stopped) this.scan(out);
    if (this.segmentCount === 0 && this.diagnostics.length === 0) {
      this.diag('interchange', '023', 'The file is empty: there is no ISA and no segment.');
    }
    this.buffer = '';
    this.bytes = undefined;
    return out;
  }

  private diag(level: X12Diagnostic['level'], code: string, message: string, extra: Partial<X12Diagnostic> = {}): void {
    this.diagnostics.push({ severity: 'error', level, code, message, ...extra });
  }

  private warn(level: X12Diagnostic['level'], code: string, message: string, extra: Partial<X12Diagnostic> = {}): void {
    this.diagnostics.push({ severity: 'warning', level, code, message, ...extra });
  }

  /** Drops `n` consumed characters from the front of the buffer. */
  private consume(n: number): void {
    if (n <= 0) return;
    this.base += n;
    this.buffer = n >= this.buffer.length ? '' : this.buffer.slice(n);
    if (this.bytes !== undefined) this.bytes = this.bytes.subarray(n);
  }

  /** Called once at the start: strips a BOM and finds the first ISA (or guesses delimiters). */
  private start(): boolean {
    let buf = this.buffer;
    let pos = 0;
    if (!this.sawBom && buf.charCodeAt(0) === BOM) {
      this.sawBom = true;
      pos = 1;
    }
    while (pos < buf.length) {
      const c = buf.charCodeAt(pos);
      if (c === CR || c === LF || c === 32 || c === 9) pos++;
      else break;
    }
    if (buf.length - pos < 4 && !this.ended) return false;
    if (pos >= buf.length) return false;
    if (buf.startsWith('ISA', pos)) {
      this.consume(pos);
      this.started = true;
      return true;
    }
    // Not an ISA first: look a little further for one (garbage before the envelope), else guess.
    if (buf.length - pos < SNIFF_LENGTH && !this.ended) return false;
    buf = buf.slice(pos, pos + SNIFF_LENGTH);
    const at = findIsa(buf);
    if (at > 0) {
      this.diag('interchange', '022', `${at} character(s) of unreadable text come before the ISA; they were skipped.`, {
        value: buf.slice(0, Math.min(at, 40)),
      });
      this.consume(pos + at);
      this.started = true;
      return true;
    }
    this.consume(pos);
    const guessed = guessDelimiters(buf);
    this.current = guessed;
    this.delimiterSets.push({ fromSegmentIndex: 1, delimiters: guessed });
    this.diag(
      'interchange',
      '022',
      `The file does not start with an ISA interchange header; delimiters were guessed (element ${printable(guessed.element)}, segment terminator ${printable(guessed.segment)}).`,
    );
    this.started = true;
    return true;
  }

  private scan(out: TokenizedSegment[]): void {
    if (!this.started && !this.start()) return;
    const buf = this.buffer;
    const n = buf.length;
    const bytes = this.bytes;
    let pos = 0;
    for (;;) {
      if (bytes !== undefined && this.onSegment !== undefined && this.current !== undefined) pos = this.fastSegments(bytes, buf, pos);
      // Skip line breaks (and indentation) between segments: not data unless one is the terminator.
      const wsStart = pos;
      const term = this.current?.segment;
      const termCode = term === undefined ? -1 : term.charCodeAt(0);
      while (pos < n) {
        const c = bytes !== undefined ? bytes[pos]! : buf.charCodeAt(pos);
        if ((c === CR || c === LF || c === 32 || c === 9) && c !== termCode) pos++;
        else break;
      }
      if (pos >= n) {
        if (pos > wsStart) this.pendingWs += buf.slice(wsStart, pos);
        break;
      }
      const wsEnd = pos;
      const segStart = pos;
      let d = this.current;
      // A new interchange: re-read the delimiters from its ISA.
      // (Each `break` below waits for more input: rewind to before the whitespace so it is seen again.)
      if (n - pos < 4 && !this.ended && (buf.charCodeAt(pos) === 73 || d === undefined)) {
        pos = wsStart;
        break;
      }
      if (buf.charCodeAt(pos) === 73 && buf.charCodeAt(pos + 1) === 83 && buf.charCodeAt(pos + 2) === 65) {
        const header = readIsaHeader(buf, pos, this.ended);
        if (header.kind === 'more') {
          pos = wsStart;
          break;
        }
        if (header.kind === 'ok') {
          d = this.adoptDelimiters(header.delimiters, header.length);
        } else if (d === undefined) {
          // A broken first ISA: fall back to the usual delimiters and say so.
          d = DEFAULT_DELIMITERS;
          this.current = d;
          this.delimiterSets.push({ fromSegmentIndex: this.segmentCount + 1, delimiters: d });
          this.diag('interchange', '022', `The ISA header cannot be read (${header.reason}); the usual delimiters * : ^ ~ were assumed.`, {
            segmentIndex: this.segmentCount + 1,
            segmentId: 'ISA',
          });
        } else {
          this.diag('interchange', '022', `The ISA header cannot be read (${header.reason}); the previous delimiters were kept.`, {
            segmentIndex: this.segmentCount + 1,
            segmentId: 'ISA',
          });
        }
      }
      if (d === undefined) {
        pos = wsStart;
        break;
      }
      // One pass over the segment: element separators go straight into the cursor's offsets and
      // the pass stops at the terminator (no per-element indexOf calls, no strings made here).
      const cur = this.cursor;
      let starts = cur.starts;
      let cap = starts.length - 1;
      const tc = d.segment.charCodeAt(0);
      const ec = d.element.charCodeAt(0);
      starts[0] = segStart;
      let k = 1;
      let end = pos;
      if (bytes !== undefined) {
        for (; end < n; end++) {
          const c = bytes[end]!;
          // The terminator first: with (invalid) equal delimiters it must win, as in text mode.
          if (c === tc) break;
          if (c === ec) {
            if (k >= cap) {
              const grown = new Int32Array(starts.length * 2);
              grown.set(starts);
              starts = grown;
              cur.starts = grown;
              cap = grown.length - 1;
            }
            starts[k++] = end + 1;
          }
        }
      } else {
        // Text mode: indexOf is faster than a charCodeAt loop on concatenated strings.
        end = buf.indexOf(d.segment, pos);
        if (end < 0) end = n;
        const es = d.element;
        for (let i = buf.indexOf(es, segStart); i >= 0 && i < end; i = buf.indexOf(es, i + 1)) {
          if (k >= cap) {
            const grown = new Int32Array(starts.length * 2);
            grown.set(starts);
            starts = grown;
            cur.starts = grown;
            cap = grown.length - 1;
          }
          starts[k++] = i + 1;
        }
      }
      let terminated = true;
      if (end >= n) {
        if (!this.ended) {
          if (n - pos > this.maxSegmentLength) {
            this.diag(
              'interchange',
              '004',
              `No segment terminator ${printable(d.segment)} within ${this.maxSegmentLength} characters after offset ${this.base + pos}; reading stopped.`,
            );
            this.stopped = true;
            pos = n;
          } else pos = wsStart;
          break;
        }
        end = n;
        terminated = false;
      }
      let segEnd = end;
      // Newline as terminator with CRLF line ends: the CR belongs to the line end, not the data.
      if (tc === LF && segEnd > pos && buf.charCodeAt(segEnd - 1) === CR) {
        segEnd--;
        // A separator cannot be CR (the ISA check refuses it), so no element start lies past segEnd.
      }
      pos = terminated ? end + 1 : end;
      // (No line breaks at all is the common case of big files: nothing to check then.)
      if (wsEnd !== wsStart || this.firstBreak !== '' || this.pendingWs !== '' || this.segmentCount === 0) this.finishWhitespace(buf, wsStart, wsEnd);
      if (segEnd === segStart) {
        // Two terminators in a row: nothing to keep, but it is not valid X12.
        this.warn('segment', '1', `An empty segment (two terminators in a row) at offset ${this.base + segStart} was skipped.`, {
          segmentIndex: this.segmentCount,
        });
        continue;
      }
      starts[k] = segEnd + 1;
      cur.count = k;
      cur.text = buf;
      const index = ++this.segmentCount;
      cur.index = index;
      cur.offset = this.base + segStart;
      const idLen = starts[1]! - 1 - segStart;
      let idOk: boolean;
      if (bytes !== undefined) {
        // Same as keyAt and isSegmentIdAt below, read from the bytes.
        let key = 0;
        idOk = false;
        if (idLen === 2 || idLen === 3) {
          const b0 = bytes[segStart]!;
          const b1 = bytes[segStart + 1]!;
          const b2 = idLen === 3 ? bytes[segStart + 2]! : 0;
          key = (b0 << 16) | (b1 << 8) | b2;
          idOk = b0 >= 65 && b0 <= 90 && ((b1 >= 65 && b1 <= 90) || (b1 >= 48 && b1 <= 57)) && (idLen === 2 || (b2 >= 65 && b2 <= 90) || (b2 >= 48 && b2 <= 57));
        }
        cur.key = key;
      } else {
        cur.key = idLen === 2 || idLen === 3 ? keyAt(buf, segStart, idLen) : 0;
        idOk = isSegmentIdAt(buf, segStart, idLen);
      }
      if (!idOk) {
        const id = buf.slice(segStart, Math.min(segStart + idLen, segStart + 20));
        this.diag('segment', '1', `Segment ${index} starts with ${JSON.stringify(id)}, which is not a segment identifier.`, {
          segmentIndex: index,
          segmentId: id.slice(0, 3),
        });
      }
      if (!terminated) {
        this.diag('interchange', '023', `The file ends inside segment ${index} (${buf.slice(segStart, segStart + Math.min(idLen, 3))}): its terminator ${printable(d.segment)} is missing.`, {
          segmentIndex: index,
          segmentId: buf.slice(segStart, segStart + Math.min(idLen, 3)),
        });
      }
      if (this.onSegment) this.onSegment(cur);
      else out.push(cur.materialize());
      this.lastWasTerminated = terminated;
    }
    this.consume(pos);
  }

  /**
   * The hot loop of byte mode: reads ordinary body segments from `pos` for as long as nothing needs
   * the general path above (an ISA or other segment starting with I, an unfinished segment at the end of the
   * buffer, an empty segment, a bad segment id, the first line break) and returns where it stopped.
   * Each segment gets exactly the state changes the general path would make.
   */
  private fastSegments(bytes: Uint8Array, buf: string, from: number): number {
    const d = this.current!;
    const first = this.firstBreak;
    // (Line breaks of more than two characters, such as indentation, take the general path.)
    if (first === undefined || first.length > 2 || this.pendingWs !== '' || this.segmentCount === 0) return from;
    const onSegment = this.onSegment!;
    const n = bytes.length;
    const tc = d.segment.charCodeAt(0);
    const ec = d.element.charCodeAt(0);
    const firstLen = first.length;
    const f0 = firstLen > 0 ? first.charCodeAt(0) : -1;
    const f1 = firstLen > 1 ? first.charCodeAt(1) : -1;
    const cur = this.cursor;
    let pos = from;
    for (;;) {
      const wsStart = pos;
      while (pos < n) {
        const c = bytes[pos]!;
        if ((c === CR || c === LF || c === 32 || c === 9) && c !== tc) pos++;
        else break;
      }
      const segStart = pos;
      if (pos >= n || bytes[pos] === 73) return wsStart;
      let starts = cur.starts;
      let cap = starts.length - 1;
      starts[0] = segStart;
      let k = 1;
      let end = pos;
      for (; end < n; end++) {
        const c = bytes[end]!;
        if (c === tc) break;
        if (c === ec) {
          if (k >= cap) {
            const grown = new Int32Array(starts.length * 2);
            grown.set(starts);
            starts = grown;
            cur.starts = grown;
            cap = grown.length - 1;
          }
          starts[k++] = end + 1;
        }
      }
      if (end >= n) return wsStart;
      let segEnd = end;
      if (tc === LF && segEnd > segStart && bytes[segEnd - 1] === CR) segEnd--;
      if (segEnd === segStart) return wsStart;
      const idEnd = k > 1 ? starts[1]! - 1 : segEnd;
      const idLen = idEnd - segStart;
      if (idLen !== 2 && idLen !== 3) return wsStart;
      const b0 = bytes[segStart]!;
      const b1 = bytes[segStart + 1]!;
      const b2 = idLen === 3 ? bytes[segStart + 2]! : 0;
      if (!(b0 >= 65 && b0 <= 90 && ((b1 >= 65 && b1 <= 90) || (b1 >= 48 && b1 <= 57)) && (idLen === 2 || (b2 >= 65 && b2 <= 90) || (b2 >= 48 && b2 <= 57)))) return wsStart;
      // The line break before it must match the first one (finishWhitespace's fast path).
      const wsLen = segStart - wsStart;
      if (wsLen !== firstLen || (wsLen > 0 && bytes[wsStart] !== f0) || (wsLen > 1 && bytes[wsStart + 1] !== f1)) this.consistent = false;
      pos = end + 1;
      starts[k] = segEnd + 1;
      cur.count = k;
      cur.text = buf;
      cur.index = ++this.segmentCount;
      cur.offset = this.base + segStart;
      cur.key = (b0 << 16) | (b1 << 8) | b2;
      onSegment(cur);
      this.lastWasTerminated = true;
    }
  }

  /** Records the line break before this segment (buf[from, to) plus any carried part) and checks it matches the first one. */
  private finishWhitespace(buf: string, from: number, to: number): void {
    if (this.segmentCount === 0) {
      this.pendingWs = '';
      return;
    }
    const first = this.firstBreak;
    if (this.pendingWs === '' && first !== undefined) {
      // Fast path: compare in place, no string made.
      if (to - from !== first.length) this.consistent = false;
      else for (let i = 0; i < first.length; i++) if (buf.charCodeAt(from + i) !== first.charCodeAt(i)) this.consistent = false;
      return;
    }
    const ws = this.pendingWs + buf.slice(from, to);
    this.pendingWs = '';
    if (first === undefined) this.firstBreak = ws;
    else if (ws !== first) this.consistent = false;
  }

  private adoptDelimiters(next: Delimiters, isaLength: number): Delimiters {
    const index = this.segmentCount + 1;
    const prev = this.current;
    if (
      prev === undefined ||
      prev.element !== next.element ||
      prev.component !== next.component ||
      prev.repetition !== next.repetition ||
      prev.segment !== next.segment
    ) {
      this.delimiterSets.push({ fromSegmentIndex: index, delimiters: next });
    }
    this.current = next;
    if (isaLength !== 106) {
      this.warn('interchange', '022', `The ISA is ${isaLength} characters long; X12 fixes it at 106 (fields padded to their full width).`, {
        segmentIndex: index,
        segmentId: 'ISA',
      });
    }
    const all = [next.element, next.component, next.segment, next.repetition].filter((x) => x !== '');
    if (new Set(all).size !== all.length) {
      this.diag('interchange', '026', `The ISA delimiters are not distinct: element ${printable(next.element)}, component ${printable(next.component)}, repetition ${printable(next.repetition)}, segment ${printable(next.segment)}.`, {
        segmentIndex: index,
        segmentId: 'ISA',
      });
    }
    if (isAlnum(next.component.charCodeAt(0))) {
      this.diag('interchange', '027', `The component separator ISA16 is ${printable(next.component)}, a letter or digit.`, {
        segmentIndex: index,
        segmentId: 'ISA',
        element: 16,
      });
    }
    if (isAlnum(next.segment.charCodeAt(0)) || next.segment === ' ') {
      this.diag('interchange', '004', `The segment terminator after ISA16 is ${printable(next.segment)}, which cannot be a terminator.`, {
        segmentIndex: index,
        segmentId: 'ISA',
      });
    }
    return next;
  }

  /** True when the last segment read had its terminator. */
  get terminated(): boolean {
    return this.lastWasTerminated;
  }
}

/** Finds "ISA" followed by a non-alphanumeric separator, or -1. */
function findIsa(text: string): number {
  let from = 0;
  for (;;) {
    const at = text.indexOf('ISA', from);
    if (at < 0) return -1;
    const sep = text.charCodeAt(at + 3);
    if (!Number.isNaN(sep) && !isAlnum(sep) && sep !== 32 && sep !== CR && sep !== LF) return at;
    from = at + 1;
  }
}

/** Guesses delimiters for text without an ISA: element separator after the first id, terminator `~` or newline. */
function guessDelimiters(text: string): Delimiters {
  let i = 0;
  while (i < text.length && i < 3 && isAlnum(text.charCodeAt(i))) i++;
  const sepCode = text.charCodeAt(i);
  const element = Number.isNaN(sepCode) || isAlnum(sepCode) || sepCode === CR || sepCode === LF ? '*' : text.charAt(i);
  const segment = text.includes('~') && element !== '~' ? '~' : '\n';
  const component = element === ':' ? '>' : ':';
  return { element, component, repetition: '', segment };
}

/** Reads the delimiters of the ISA starting at `pos`: counts 16 element separators, then ISA16 and the terminator. */
function readIsaHeader(buf: string, pos: number, ended: boolean): IsaHeader {
  const n = buf.length;
  if (pos + 3 >= n) return ended ? { kind: 'bad', reason: 'the file ends inside it' } : { kind: 'more' };
  const element = buf.charAt(pos + 3);
  const ec = element.charCodeAt(0);
  if (isAlnum(ec) || ec === 32 || ec === CR || ec === LF) {
    return { kind: 'bad', reason: `its element separator would be ${printable(element)}` };
  }
  let count = 0;
  let i = pos + 3;
  const limit = Math.min(n, pos + ISA_SCAN_LIMIT);
  let isa11Start = -1;
  let isa11End = -1;
  for (; i < limit; i++) {
    if (buf.charCodeAt(i) === ec) {
      count++;
      if (count === 11) isa11Start = i + 1;
      else if (count === 12) isa11End = i;
      if (count === 16) break;
    }
  }
  if (count < 16) {
    if (i >= n && !ended && n - pos < ISA_SCAN_LIMIT) return { kind: 'more' };
    return { kind: 'bad', reason: `it has ${count} of its 16 elements` };
  }
  if (i + 2 >= n) {
    if (!ended) return { kind: 'more' };
    return { kind: 'bad', reason: 'the file ends before its segment terminator' };
  }
  const component = buf.charAt(i + 1);
  const segment = buf.charAt(i + 2);
  // ISA11 is the repetition separator from 00501 on; earlier versions put 'U' there (no repetition).
  const isa11 = buf.slice(isa11Start, isa11End);
  const repetition = isa11.length === 1 && !isAlnum(isa11.charCodeAt(0)) && isa11 !== ' ' ? isa11 : '';
  return { kind: 'ok', delimiters: { element, component, repetition, segment }, length: i + 3 - pos };
}

/** Tokenizes a whole file (text or bytes) in lenient mode: segments plus positioned diagnostics. */
export function tokenize(text: string | Uint8Array, options: ScannerOptions = {}): TokenizeResult {
  const scanner = new SegmentScanner(options);
  const segments = scanner.write(text);
  for (const s of scanner.end()) segments.push(s);
  return {
    delimiters: scanner.delimiters ?? DEFAULT_DELIMITERS,
    delimiterSets: scanner.delimiterSets,
    segments,
    diagnostics: scanner.diagnostics,
    layout: scanner.layout,
  };
}
