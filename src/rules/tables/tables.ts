/**
 * In-memory edit tables (pure: built from file contents by the loader in load.ts) and the release
 * picker: every table may hold several releases, and the one in force on a date of service is used.
 */
import type { CalendarDate } from '../../model/dates.js';
import type { EditTableManifestEntry } from './manifest.js';
import { citeTable } from './manifest.js';
import type { PtpTable } from './ptp-format.js';

/** One release of one table, with the words a finding uses to cite it. */
export interface TableRelease<T> {
  readonly entry: EditTableManifestEntry;
  /** "NCCI PTP practitioner 2024-07-01 (2024Q3)". */
  readonly cite: string;
  readonly data: T;
}

/** All releases of one table, oldest first. */
export class Versioned<T> {
  readonly releases: readonly TableRelease<T>[];

  constructor(releases: readonly TableRelease<T>[]) {
    this.releases = [...releases].sort((a, b) => (a.entry.effectiveFrom < b.entry.effectiveFrom ? -1 : 1));
  }

  /**
   * The release in force on `date`: the latest one effective on or before it. A date before every
   * release gets the oldest release (the nearest we have); `isStale` tells the caller.
   */
  at(date: CalendarDate): TableRelease<T> | undefined {
    const rs = this.releases;
    if (rs.length <= 1) return rs[0];
    for (let i = rs.length - 1; i >= 0; i--) if (rs[i]!.entry.effectiveFrom <= date) return rs[i];
    return rs[0];
  }
}

/** Wraps one release. */
export function release<T>(entry: EditTableManifestEntry, data: T): TableRelease<T> {
  return { entry, cite: citeTable(entry), data };
}

export const MUE_ADJUDICATION_INDICATORS = [1, 2, 3] as const;
export type MueAdjudicationIndicator = (typeof MUE_ADJUDICATION_INDICATORS)[number];

export interface MueEntry {
  readonly value: number;
  /** 1 per line, 2 per day (policy), 3 per day (clinical). */
  readonly mai: MueAdjudicationIndicator;
  readonly rationale: string;
}
export type MueTable = ReadonlyMap<string, MueEntry>;

export interface AddOnEntry {
  /** CMS add-on edit type: 1 only the listed primaries, 2 contractor-defined, 3 listed primaries and others the contractor allows. */
  readonly type: 1 | 2 | 3;
  readonly primaries: ReadonlySet<string>;
}
export type AddOnTable = ReadonlyMap<string, AddOnEntry>;

/** Bit flags of the MCE diagnosis edit lists a code is on. */
export const MCE = {
  newborn: 1,
  pediatric: 2,
  maternity: 4,
  adult: 8,
  female: 16,
  male: 32,
  manifestation: 64,
} as const;
export type MceKind = keyof typeof MCE;
/** Undotted ICD-10-CM code → MCE flags. */
export type MceTable = ReadonlyMap<string, number>;

/** A code range over undotted ICD-10-CM codes, compared on the range ends' own length (prefix match). */
export interface CodeRange {
  readonly lo: string;
  readonly hi: string;
}

export interface Excludes1Note {
  /** As written in the tabular list: "E11", "A15-A19", "Chapter 15". */
  readonly node: string;
  readonly level: 'chapter' | 'block' | 'category' | 'subcategory_or_code';
  /** The codes the note applies to (the node and everything under it). */
  readonly scope: CodeRange;
  /** The codes it excludes. */
  readonly refs: readonly CodeRange[];
  /** Verbatim note text (public domain). */
  readonly text: string;
}

export interface Excludes1Table {
  readonly notes: readonly Excludes1Note[];
  /** Undotted category/subcategory/code → indexes of the notes written on exactly that node. */
  readonly byNode: ReadonlyMap<string, readonly number[]>;
  /** Notes on blocks and chapters (few; scanned by range). */
  readonly wide: readonly number[];
}

export interface MpfsIndicators {
  /** PC/TC indicator 0–9 (MPFS RVU file). */
  readonly pctc: number;
  /** Global surgery days: 000, 010, 090, XXX, YYY, ZZZ, MMM. */
  readonly global: string;
  /** Bilateral surgery indicator 0, 1, 2, 3, 9. */
  readonly bilateral: number;
}
export type MpfsTable = ReadonlyMap<string, MpfsIndicators>;

/** Every edit table the scrubber uses. */
export interface EditTables {
  readonly ptpPractitioner: Versioned<PtpTable>;
  readonly ptpOutpatientHospital: Versioned<PtpTable>;
  readonly muePractitioner: Versioned<MueTable>;
  readonly mueOutpatientHospital: Versioned<MueTable>;
  readonly mueDmeSupplier: Versioned<MueTable>;
  readonly addOn: Versioned<AddOnTable>;
  readonly mce: Versioned<MceTable>;
  readonly excludes1: Versioned<Excludes1Table>;
  readonly mpfs: Versioned<MpfsTable>;
}

/** True when `code` (undotted) falls in `range` (prefix semantics: E11 covers E11.9; R73.0-R73.9 covers R73.01). */
export function inRange(code: string, range: CodeRange): boolean {
  return comparePrefix(code, range.lo) >= 0 && comparePrefix(code, range.hi) <= 0;
}

/** Compares `code.slice(0, bound.length)` with `bound` without allocating the slice. */
function comparePrefix(code: string, bound: string): number {
  const n = bound.length;
  const m = code.length < n ? code.length : n;
  for (let i = 0; i < m; i++) {
    const d = code.charCodeAt(i) - bound.charCodeAt(i);
    if (d !== 0) return d;
  }
  return code.length < n ? -1 : 0;
}
