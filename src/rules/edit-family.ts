/**
 * The shape every edit family shares: a pure function from a claim (with its precomputed facts) and
 * the scrub context to the findings it produces.
 */
import type { Claim } from '../model/claim.js';
import type { CalendarDate } from '../model/dates.js';
import type { Problem } from '../model/problem.js';
import type { ClaimFacts } from './claim-facts.js';
import type { PayerRule } from './payer-rules-schema.js';
import type { EditTables } from './tables/tables.js';

/** Code validity on a date of service (the code-set layer's validateCode, adapted). */
export interface CodeChecker {
  /** Problems with a diagnosis (ICD-10-CM) or procedure (CPT/HCPCS) code on a date of service. */
  readonly validate: (text: string, system: 'ICD-10-CM' | 'PROCEDURE', dateOfService: CalendarDate) => readonly Problem[];
  /** True when a HCPCS Level II modifier exists on the date of service; undefined when unknown. */
  readonly isHcpcsModifier?: (modifier: string, dateOfService: CalendarDate) => boolean | undefined;
  /** The release the checker reads, for `source`. */
  readonly source: string;
}

export interface ScrubContext {
  readonly tables: EditTables;
  /** Code validity; when absent the code-validity family reports that it did not run. */
  readonly codes?: CodeChecker;
  /** Practice-written payer rules (data, see payer-rules.ts). */
  readonly payerRules?: readonly PayerRule[];
  /** Today's date, for "not in the future" edits. */
  readonly today: CalendarDate;
}

export interface EditInput {
  readonly claim: Claim;
  readonly facts: ClaimFacts;
  readonly context: ScrubContext;
}

export const EDIT_FAMILY_IDS = [
  'structure',
  'code-validity',
  'icd10cm-conventions',
  'demographics',
  'ncci-ptp',
  'mue',
  'add-on-codes',
  'modifiers',
  'payer-rules',
] as const;
export type EditFamilyId = (typeof EDIT_FAMILY_IDS)[number];

export interface EditFamily {
  readonly id: EditFamilyId;
  readonly title: string;
  readonly run: (input: EditInput) => readonly Problem[];
}

/** The empty result, shared so a clean claim allocates nothing per family. */
export const NO_PROBLEMS: readonly Problem[] = Object.freeze([]);
