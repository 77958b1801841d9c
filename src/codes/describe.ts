/**
 * How a code's description is shown: CPT codes without an imported licensed descriptor say so (CPT
 * descriptors are AMA-copyrighted and never shipped); HCPCS codes known by number only say that.
 */
import type { CodeEntry } from './model.js';

/** Text shown instead of a CPT description until a licensed file is imported. */
export const CPT_LICENCE_NOTE = 'description requires a CPT licence';

/** The description to show for an entry. */
export function displayDescription(entry: CodeEntry): string {
  if (entry.system === 'CPT' && entry.descriptionLicensed !== true) return `(${CPT_LICENCE_NOTE})`;
  if (entry.longDescription === '')
    return entry.note !== undefined ? "(no description in Superbill's data)" : '';
  return entry.longDescription;
}
