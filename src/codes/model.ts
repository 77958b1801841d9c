/**
 * One model for every code system (ICD-10-CM, HCPCS Level II, CPT): a code with its descriptions,
 * whether it is billable, its place in the hierarchy and the dates it is valid for. A code whose title
 * was revised between releases has one entry per wording, each with its own date range.
 */
import type { CalendarDate } from '../model/dates.js';

export const CODE_SYSTEMS = ['ICD-10-CM', 'HCPCS', 'CPT'] as const;
export type CodeSystem = (typeof CODE_SYSTEMS)[number];

/** Runtime guard for CodeSystem. */
export function isCodeSystem(value: string): value is CodeSystem {
  return (CODE_SYSTEMS as readonly string[]).includes(value);
}

export interface CodeEntry {
  readonly system: CodeSystem;
  /** Normalised code: ICD-10-CM with its dot (E11.40), HCPCS/CPT as 5 characters. */
  readonly code: string;
  /** Short description; empty for a CPT code whose licensed descriptor has not been imported. */
  readonly shortDescription: string;
  readonly longDescription: string;
  /** False for ICD-10-CM headers (categories, subcategories) and chapter/section nodes. */
  readonly billable: boolean;
  /** Parent code in the hierarchy (E11.4 for E11.40); undefined at the top. */
  readonly parent?: string;
  /** First date of service the code (in this wording) is valid on. */
  readonly validFrom?: CalendarDate;
  /** Last date of service it is valid on (inclusive); undefined when still valid. */
  readonly validTo?: CalendarDate;
  /** CPT only: false until the user imports a licensed CPT file. */
  readonly descriptionLicensed?: boolean;
  /** A caveat to show with the code, e.g. "known by number only from the July 2026 HCPCS list". */
  readonly note?: string;
}

/** An ICD-10-CM index entry used as a search aid: "Diabetes, diabetic > type 2 > with > neuropathy" → E11.40. */
export interface IndexTerm {
  readonly path: string;
  readonly code: string;
  readonly source: 'alphabetic' | 'neoplasm' | 'drug' | 'external-cause';
  /** Nonessential modifiers of the last term, e.g. "(-astasia) (hysterical)"; may be empty. */
  readonly nonessential?: string;
  /** The "see" / "see also" reference the term carries (for alphabetic terms with no code of their own, the code is the one of the path it points to). */
  readonly see?: string;
  /**
   * True when the index gives only the start of a code (printed with a trailing "-", e.g. S52.56-, or a
   * drug-table code still needing its 7th character): `code` is then that prefix without the dash.
   */
  readonly incomplete?: boolean;
}
