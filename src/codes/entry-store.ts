/**
 * Where the entries of one code system live once loaded. The shipped files stay packed
 * (`PackedEntryStore`: the file's bytes + offsets, a CodeEntry made on first use of a row and then
 * kept); entries built in memory (imported CPT descriptors, `createCodeSets` callers) use
 * `ObjectEntryStore`. Rows are in code order, versions of a code adjacent, oldest first, so a look-up
 * is a binary search and the codes under a header are one contiguous range.
 */
import type { CalendarDate } from '../model/dates.js';
import type { CodeEntry, CodeSystem, IndexTerm } from './model.js';
import type { PackedTable } from './packed-table.js';

/** The entries of one code system, in code order. */
export interface EntryStore {
  readonly system: CodeSystem;
  readonly length: number;
  /** The entry of a row (the same object on every call). */
  entry(row: number): CodeEntry;
  /** Every entry, in row order (the same array on every call). */
  all(): readonly CodeEntry[];
  /** Compares a row's code with a normalised code: < 0, 0 or > 0. */
  compareCode(row: number, code: string): number;
  /** True when a row's code starts with a (normalised) prefix. */
  codeStartsWith(row: number, prefix: string): boolean;
  /** True when two rows hold the same code (two versions). */
  sameCode(a: number, b: number): boolean;
  /** First row of the parent code (ICD-10-CM), −1 at the top or when the system has no hierarchy. */
  parentRow(row: number): number;
}

/**
 * An array of `n` undefined slots with fast elements: `new Array(n)` makes a holey array, and V8 keeps
 * a large one (≥ 100,000 slots) as a hash table: slower and bigger.
 */
function filled<T>(n: number): (T | undefined)[] {
  const out: (T | undefined)[] = [];
  for (let i = 0; i < n; i += 1) out.push(undefined);
  return out;
}

/** First row whose code is ≥ `code` (binary search). */
export function lowerBound(store: EntryStore, code: string): number {
  let lo = 0;
  let hi = store.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (store.compareCode(mid, code) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// Columns of a code-system file: code, billable, valid_from, valid_to, short_description, long_description, note.
const CODE = 0;
const BILLABLE = 1;
const FROM = 2;
const TO = 3;
const SHORT = 4;
const LONG = 5;
const NOTE = 6;

/** The row layout `PackedEntryStore` expects (data/codes/*.tsv code-system files). */
export const ENTRY_COLUMNS = [
  'code',
  'billable',
  'valid_from',
  'valid_to',
  'short_description',
  'long_description',
  'note',
] as const;

/** The entries of a shipped code-system file, kept packed. */
export class PackedEntryStore implements EntryStore {
  readonly length: number;
  /** Per row: index into `strings` of valid_from, valid_to and note (0 = blank). */
  private readonly from: Uint16Array;
  private readonly to: Uint16Array;
  private readonly note: Uint16Array;
  /** Distinct dates and notes (few: thousands of rows share them); index 0 is unused. */
  private readonly strings: (string | undefined)[] = [undefined];
  /**
   * Where each row's descriptions are (read far more often than the rest: the search index reads
   * them all): short_description at `descStart`, `shortLen` bytes; long_description right after it.
   */
  private readonly descStart: Int32Array;
  private readonly shortLen: Uint16Array;
  private readonly longLen: Uint16Array;
  /** First row of the parent code, −1 for none (ICD-10-CM only). */
  private readonly parents: Int32Array | undefined;
  private readonly views: (CodeEntry | undefined)[];
  /** Code strings decoded so far (codes are read often: look-ups, parents, the search index's groups). */
  private readonly codes: (string | undefined)[];
  /** The last long description decoded (callers often read it twice in a row: `e.longDescription !== '' ? …`). */
  private lastLongRow = -1;
  private lastLong = '';
  private list: readonly CodeEntry[] | undefined;

  /**
   * Checks the row order (code, then valid_from) and reads the few short fields; ICD-10-CM rows get
   * their parent: the longest shorter code that is a prefix (E11.40 → E11.4; S00.00XA → S00.00, since
   * S00.00X is not a code). Codes sort before their extensions, so the chain of open prefixes is a
   * stack: pop what is not a prefix of the current code, and the top is the parent.
   */
  constructor(
    readonly system: CodeSystem,
    private readonly table: PackedTable,
    file: string,
  ) {
    const rows = table.rows;
    this.length = rows;
    this.from = new Uint16Array(rows);
    this.to = new Uint16Array(rows);
    this.note = new Uint16Array(rows);
    this.descStart = new Int32Array(rows);
    this.shortLen = new Uint16Array(rows);
    this.longLen = new Uint16Array(rows);
    this.views = filled(rows);
    this.codes = filled(rows);
    const index = new Map<string, number>();
    const fields = new Int32Array(table.columns + 1);
    const intern = (col: number): number => {
      const text = table.slice(fields[col]!, fields[col + 1]! - 1);
      if (text === undefined) return 0;
      let i = index.get(text);
      if (i === undefined) {
        i = this.strings.length;
        if (i > 0xffff) throw new Error(`${file}: too many distinct dates and notes`);
        this.strings.push(text);
        index.set(text, i);
      }
      return i;
    };
    const icd = system === 'ICD-10-CM';
    const parents = icd ? new Int32Array(rows) : undefined;
    const stack: number[] = [];
    for (let r = 0; r < rows; r += 1) {
      table.split(r, fields);
      this.from[r] = intern(FROM);
      this.to[r] = intern(TO);
      this.note[r] = intern(NOTE);
      this.descStart[r] = fields[SHORT]!;
      const shortLen = fields[LONG]! - 1 - fields[SHORT]!;
      const longLen = fields[NOTE]! - 1 - fields[LONG]!;
      if (shortLen > 0xffff || longLen > 0xffff)
        throw new Error(`${file}: row ${r + 1}: description too long`);
      this.shortLen[r] = shortLen;
      this.longLen[r] = longLen;
      const order = r === 0 ? -1 : table.compareRows(r - 1, r, CODE);
      if (order > 0) throw new Error(`${file}: row ${r + 1} is out of code order`);
      if (order === 0 && (this.strings[this.from[r - 1]!] ?? '') > (this.strings[this.from[r]!] ?? ''))
        throw new Error(`${file}: row ${r + 1}: versions of a code must be oldest first`);
      if (parents === undefined) continue;
      if (order === 0) {
        // Another version of the previous code: same parent.
        parents[r] = parents[r - 1]!;
        continue;
      }
      while (stack.length > 0 && !table.isStrictPrefix(stack[stack.length - 1]!, r, CODE)) stack.pop();
      // ICD-10-CM codes are at least 3 characters: every prefix on the stack is a real code.
      parents[r] = stack.length > 0 ? stack[stack.length - 1]! : -1;
      stack.push(r);
    }
    this.parents = parents;
  }

  entry(row: number): CodeEntry {
    let e = this.views[row];
    if (e === undefined) {
      e = new PackedCodeEntry(this, row);
      this.views[row] = e;
    }
    return e;
  }

  all(): readonly CodeEntry[] {
    if (this.list === undefined) {
      const list: CodeEntry[] = [];
      for (let r = 0; r < this.length; r += 1) list.push(this.entry(r));
      this.list = list;
    }
    return this.list;
  }

  compareCode(row: number, code: string): number {
    return this.table.compare(row, CODE, code);
  }

  codeStartsWith(row: number, prefix: string): boolean {
    return this.table.startsWith(row, CODE, prefix);
  }

  sameCode(a: number, b: number): boolean {
    return this.table.compareRows(a, b, CODE) === 0;
  }

  parentRow(row: number): number {
    return this.parents === undefined ? -1 : this.parents[row]!;
  }

  /** Field readers for PackedCodeEntry. */
  code(row: number): string {
    let c = this.codes[row];
    if (c === undefined) {
      c = this.table.text(row, CODE);
      this.codes[row] = c;
    }
    return c;
  }

  billable(row: number): boolean {
    return this.table.firstByte(row, BILLABLE) === 49; // '1'
  }

  shortDescription(row: number): string {
    const start = this.descStart[row]!;
    return this.table.slice(start, start + this.shortLen[row]!) ?? '';
  }

  /** Blank long_description = same as short. */
  longDescription(row: number): string {
    if (row !== this.lastLongRow) {
      const longLen = this.longLen[row]!;
      if (longLen === 0) this.lastLong = this.shortDescription(row);
      else {
        const start = this.descStart[row]! + this.shortLen[row]! + 1;
        this.lastLong = this.table.slice(start, start + longLen) ?? '';
      }
      this.lastLongRow = row;
    }
    return this.lastLong;
  }

  validFrom(row: number): CalendarDate | undefined {
    return this.strings[this.from[row]!];
  }

  validTo(row: number): CalendarDate | undefined {
    return this.strings[this.to[row]!];
  }

  noteOf(row: number): string | undefined {
    return this.strings[this.note[row]!];
  }

  parentCode(row: number): string | undefined {
    const p = this.parentRow(row);
    return p < 0 ? undefined : this.code(p);
  }
}

/**
 * A CodeEntry read from a packed row. The fields are getters (a CodeEntry's fields are read-only):
 * `toJSON` gives the same JSON as a plain entry object, so API and CLI output are unchanged.
 */
class PackedCodeEntry implements CodeEntry {
  readonly #store: PackedEntryStore;
  readonly #row: number;

  constructor(store: PackedEntryStore, row: number) {
    this.#store = store;
    this.#row = row;
  }

  get system(): CodeSystem {
    return this.#store.system;
  }

  get code(): string {
    return this.#store.code(this.#row);
  }

  get shortDescription(): string {
    return this.#store.shortDescription(this.#row);
  }

  get longDescription(): string {
    return this.#store.longDescription(this.#row);
  }

  get billable(): boolean {
    return this.#store.billable(this.#row);
  }

  get parent(): string | undefined {
    return this.#store.parentCode(this.#row);
  }

  get validFrom(): CalendarDate | undefined {
    return this.#store.validFrom(this.#row);
  }

  get validTo(): CalendarDate | undefined {
    return this.#store.validTo(this.#row);
  }

  get descriptionLicensed(): boolean | undefined {
    // Shipped CPT rows are numbers only: the licensed descriptors are imported (ObjectEntryStore).
    return this.#store.system === 'CPT' ? false : undefined;
  }

  get note(): string | undefined {
    return this.#store.noteOf(this.#row);
  }

  /** The entry as a plain object (what JSON.stringify and the HTTP serializer output). */
  toJSON(): CodeEntry {
    return plainEntry(this);
  }
}

/** A plain-object copy of an entry, fields in the usual order, absent ones left out. */
export function plainEntry(e: CodeEntry): CodeEntry {
  const out: { -readonly [K in keyof CodeEntry]: CodeEntry[K] } = {
    system: e.system,
    code: e.code,
    shortDescription: e.shortDescription,
    longDescription: e.longDescription,
    billable: e.billable,
  };
  const parent = e.parent;
  if (parent !== undefined) out.parent = parent;
  const from = e.validFrom;
  if (from !== undefined) out.validFrom = from;
  const to = e.validTo;
  if (to !== undefined) out.validTo = to;
  const licensed = e.descriptionLicensed;
  if (licensed !== undefined) out.descriptionLicensed = licensed;
  const note = e.note;
  if (note !== undefined) out.note = note;
  return out;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Entries held as objects (sorted by code, then valid_from, on construction). */
export class ObjectEntryStore implements EntryStore {
  readonly length: number;
  private readonly list: readonly CodeEntry[];
  private readonly parents: Int32Array;

  constructor(
    readonly system: CodeSystem,
    entries: readonly CodeEntry[],
  ) {
    this.list = [...entries].sort(
      (a, b) => compareStrings(a.code, b.code) || compareStrings(a.validFrom ?? '', b.validFrom ?? ''),
    );
    this.length = this.list.length;
    const first = new Map<string, number>();
    this.list.forEach((e, r) => {
      if (!first.has(e.code)) first.set(e.code, r);
    });
    this.parents = Int32Array.from(this.list, (e) =>
      e.parent === undefined ? -1 : (first.get(e.parent) ?? -1),
    );
  }

  entry(row: number): CodeEntry {
    return this.list[row]!;
  }

  all(): readonly CodeEntry[] {
    return this.list;
  }

  compareCode(row: number, code: string): number {
    return compareStrings(this.list[row]!.code, code);
  }

  codeStartsWith(row: number, prefix: string): boolean {
    return this.list[row]!.code.startsWith(prefix);
  }

  sameCode(a: number, b: number): boolean {
    return this.list[a]!.code === this.list[b]!.code;
  }

  parentRow(row: number): number {
    return this.parents[row]!;
  }
}

// Columns of the index-term file: source, path, code, nonessential, see.
const T_SOURCE = 0;
const T_PATH = 1;
const T_CODE = 2;
const T_NONESSENTIAL = 3;
const T_SEE = 4;

/** The row layout of the index-term file. */
export const INDEX_TERM_COLUMNS = ['source', 'path', 'code', 'nonessential', 'see'] as const;

const TERM_SOURCES = ['alphabetic', 'neoplasm', 'drug', 'external-cause'] as const;
type TermSource = (typeof TERM_SOURCES)[number];

/** The ICD-10-CM index terms, kept packed; IndexTerm objects are made when the list is first asked for. */
export class PackedIndexTerms {
  private readonly source: Uint8Array;
  /** 0 not yet known, 1 complete, 2 incomplete (a "-" code or not an ICD-10-CM code). */
  private readonly state: Uint8Array;
  private list: readonly IndexTerm[] | undefined;

  /** Checks every row's source; `icd` tells which codes are complete ICD-10-CM codes (looked up on first use). */
  constructor(
    private readonly table: PackedTable,
    private readonly icd: EntryStore | undefined,
    file: string,
  ) {
    const rows = table.rows;
    this.source = new Uint8Array(rows);
    this.state = new Uint8Array(rows);
    for (let r = 0; r < rows; r += 1) {
      const s = sourceOf(table, r);
      if (s < 0) throw new Error(`${file}: unknown source ${table.text(r, T_SOURCE)}`);
      this.source[r] = s;
    }
  }

  get length(): number {
    return this.table.rows;
  }

  all(): readonly IndexTerm[] {
    if (this.list === undefined) {
      const list: IndexTerm[] = [];
      for (let r = 0; r < this.table.rows; r += 1) list.push(new PackedIndexTerm(this, r));
      this.list = list;
    }
    return this.list;
  }

  path(row: number): string {
    return this.table.text(row, T_PATH);
  }

  /** The code as written without a trailing "-" (and the dot before it): "S52.56-" → "S52.56". */
  code(row: number): string {
    const t = this.table;
    const text = t.text(row, T_CODE);
    if (!text.endsWith('-')) return text;
    return text.slice(0, text.endsWith('.-') ? -2 : -1);
  }

  sourceOf(row: number): TermSource {
    return TERM_SOURCES[this.source[row]!]!;
  }

  optional(row: number, col: 'nonessential' | 'see'): string | undefined {
    return this.table.optionalText(row, col === 'see' ? T_SEE : T_NONESSENTIAL);
  }

  incomplete(row: number): boolean | undefined {
    let s = this.state[row]!;
    if (s === 0) {
      const dash = this.table.lastByte(row, T_CODE) === 45; // '-'
      let known = false;
      if (!dash && this.icd !== undefined) {
        const code = this.code(row);
        const at = lowerBound(this.icd, code);
        known = at < this.icd.length && this.icd.compareCode(at, code) === 0;
      }
      s = dash || !known ? 2 : 1;
      this.state[row] = s;
    }
    return s === 2 ? true : undefined;
  }
}

function sourceOf(t: PackedTable, row: number): number {
  const first = t.firstByte(row, T_SOURCE);
  const size = t.size(row, T_SOURCE);
  for (let i = 0; i < TERM_SOURCES.length; i += 1) {
    const s = TERM_SOURCES[i]!;
    if (s.length === size && s.charCodeAt(0) === first && t.compare(row, T_SOURCE, s) === 0) return i;
  }
  return -1;
}

/** An IndexTerm read from a packed row (getters; `toJSON` gives the plain object). */
class PackedIndexTerm implements IndexTerm {
  readonly #terms: PackedIndexTerms;
  readonly #row: number;

  constructor(terms: PackedIndexTerms, row: number) {
    this.#terms = terms;
    this.#row = row;
  }

  get path(): string {
    return this.#terms.path(this.#row);
  }

  get code(): string {
    return this.#terms.code(this.#row);
  }

  get source(): TermSource {
    return this.#terms.sourceOf(this.#row);
  }

  get nonessential(): string | undefined {
    return this.#terms.optional(this.#row, 'nonessential');
  }

  get see(): string | undefined {
    return this.#terms.optional(this.#row, 'see');
  }

  get incomplete(): boolean | undefined {
    return this.#terms.incomplete(this.#row);
  }

  /** The term as a plain object. */
  toJSON(): IndexTerm {
    const out: { -readonly [K in keyof IndexTerm]: IndexTerm[K] } = {
      path: this.path,
      code: this.code,
      source: this.source,
    };
    const ne = this.nonessential;
    if (ne !== undefined) out.nonessential = ne;
    const see = this.see;
    if (see !== undefined) out.see = see;
    if (this.incomplete === true) out.incomplete = true;
    return out;
  }
}
