/**
 * The list of edit tables in data/edits/ (written by scripts/build-edit-tables.ts): each table id can
 * have several releases, each with the first date of service it applies to, so the scrubber picks
 * the release in force on a claim's date of service and names it in every finding.
 */
import type { CalendarDate } from '../../model/dates.js';

export const EDIT_TABLE_IDS = [
  'ptp-practitioner',
  'ptp-outpatient-hospital',
  'mue-practitioner',
  'mue-outpatient-hospital',
  'mue-dme-supplier',
  'aoc',
  'mce',
  'icd10cm-excludes1',
  'mpfs-indicators',
] as const;
export type EditTableId = (typeof EDIT_TABLE_IDS)[number];

/** Runtime guard for EditTableId. */
export function isEditTableId(value: string): value is EditTableId {
  return (EDIT_TABLE_IDS as readonly string[]).includes(value);
}

export interface EditTableManifestEntry {
  /** Table id, e.g. `ptp-practitioner`. */
  readonly table: string;
  /** Human name, e.g. `NCCI PTP practitioner`. */
  readonly name: string;
  /** Release label, e.g. `2024Q3`, `v41.1 (FY2024)`, `FY2027`. */
  readonly release: string;
  /** First date of service the release applies to. */
  readonly effectiveFrom: CalendarDate;
  /** File name inside data/edits/. */
  readonly file: string;
  /** `tsv` (gzipped, header row) or the binary PTP format id. */
  readonly format: string;
  readonly rows: number;
  readonly activeRows?: number;
  /** Where it came from, in words. */
  readonly source: string;
}

export interface EditTableManifest {
  readonly format: 1;
  readonly note: string;
  readonly tables: readonly EditTableManifestEntry[];
}

/** How a finding cites a table: "NCCI PTP practitioner 2024-07-01 (2024Q3)". */
export function citeTable(entry: Pick<EditTableManifestEntry, 'name' | 'effectiveFrom' | 'release'>): string {
  return `${entry.name} ${entry.effectiveFrom} (${entry.release})`;
}
