/**
 * `codes show`: everything Superbill knows about one code (descriptions, billable or header, parent,
 * children, chapter, every version with its dates, the release in force on a date, and validity on
 * that date). Shared by the CLI and the HTTP API.
 */
import type { CalendarDate } from '../model/dates.js';
import type { CodeListEntry, CodeListName, CodeRelease, CodeSets } from './code-sets.js';
import { displayDescription } from './describe.js';
import type { IcdChapter } from './icd10cm-chapters.js';
import type { CodeEntry, CodeSystem } from './model.js';
import { candidateSystems, normalizeCode } from './normalize.js';
import type { CodeValidation } from './validate.js';
import { validateCode } from './validate.js';

/** A related code in short form (parent, child). */
export interface CodeRef {
  readonly code: string;
  readonly description: string;
  readonly billable: boolean;
}

/** Everything known about one code. */
export interface CodeDetails {
  readonly query: string;
  readonly system: CodeSystem;
  readonly code: string;
  /** The version valid on the date (or the latest version when no date was given). */
  readonly entry: CodeEntry;
  /** Every version, oldest first. */
  readonly versions: readonly CodeEntry[];
  readonly parent?: CodeRef;
  readonly children: readonly CodeRef[];
  readonly chapter?: IcdChapter;
  readonly release?: CodeRelease;
  /** Validity on the date of service, when one was given. */
  readonly validation?: CodeValidation;
  /** Other systems that have a code written the same way (A0100: HCPCS and ICD-10-CM A01.00). */
  readonly alsoIn: readonly CodeSystem[];
}

/** Options for showCode. */
export interface ShowCodeOptions {
  readonly system?: CodeSystem;
  readonly dateOfService?: CalendarDate;
}

function ref(e: CodeEntry): CodeRef {
  return { code: e.code, description: displayDescription(e), billable: e.billable };
}

/** Details of a code, or undefined when no system knows it (use validateCode to explain why). */
export function showCode(
  codeSets: CodeSets,
  text: string,
  options: ShowCodeOptions = {},
): CodeDetails | undefined {
  const systems = options.system !== undefined ? [options.system] : candidateSystems(text);
  const known = systems.filter((s) => {
    const code = normalizeCode(s, text);
    return code !== undefined && codeSets.versions(s, code).length > 0;
  });
  const system = known[0];
  if (system === undefined) return undefined;
  const code = normalizeCode(system, text)!;
  const versions = codeSets.versions(system, code);
  const date = options.dateOfService;
  const entry =
    (date !== undefined ? codeSets.lookup(system, code, date) : undefined) ?? versions[versions.length - 1]!;
  const parentEntry =
    entry.parent !== undefined
      ? (codeSets.lookup(system, entry.parent, date) ?? codeSets.lookup(system, entry.parent))
      : undefined;
  const chapter = system === 'ICD-10-CM' ? codeSets.chapter(code) : undefined;
  const release = date !== undefined ? codeSets.releaseOn(system, date) : undefined;
  return {
    query: text,
    system,
    code,
    entry,
    versions,
    ...(parentEntry !== undefined ? { parent: ref(parentEntry) } : {}),
    children: codeSets.children(system, code, date).map(ref),
    ...(chapter !== undefined ? { chapter } : {}),
    ...(release !== undefined ? { release } : {}),
    ...(date !== undefined
      ? { validation: validateCode(codeSets, code, { system, dateOfService: date }) }
      : {}),
    alsoIn: known.slice(1),
  };
}

/** One code of a code list (modifier, CARC, RARC, POS, taxonomy …), undefined when absent. */
export function showListCode(
  codeSets: CodeSets,
  list: CodeListName,
  code: string,
): { entry: CodeListEntry; release?: CodeRelease } | undefined {
  const entry = codeSets.listEntry(list, code);
  if (entry === undefined) return undefined;
  const release = codeSets.releases(list)[0];
  return release !== undefined ? { entry, release } : { entry };
}

/** Plain-text rendering of CodeDetails for the CLI. */
export function formatCodeDetails(d: CodeDetails): string {
  const e = d.entry;
  const lines: string[] = [`${d.system} ${d.code} — ${displayDescription(e)}`];
  if (e.shortDescription !== '' && e.shortDescription !== e.longDescription)
    lines.push(`  short:     ${e.shortDescription}`);
  lines.push(`  billable:  ${e.billable ? 'yes' : 'no (header: choose a code under it)'}`);
  if (d.chapter)
    lines.push(`  chapter:   ${d.chapter.chapter} ${d.chapter.title} (${d.chapter.first}–${d.chapter.last})`);
  if (d.parent) lines.push(`  parent:    ${d.parent.code} ${d.parent.description}`);
  if (d.children.length > 0) {
    lines.push(`  children:  ${d.children.length}`);
    for (const c of d.children.slice(0, 20))
      lines.push(`    ${c.code}${c.billable ? '' : ' (header)'} ${c.description}`);
    if (d.children.length > 20) lines.push(`    … ${d.children.length - 20} more`);
  }
  lines.push('  versions:');
  for (const v of d.versions) {
    lines.push(
      `    ${v.validFrom ?? '(earlier: start not in the data)'} → ${v.validTo ?? 'still valid'}: ${v.billable ? 'billable' : 'header'}, ${displayDescription(v)}`,
    );
  }
  if (e.note !== undefined) lines.push(`  note:      ${e.note}`);
  if (d.release) lines.push(`  release:   ${d.release.name}${d.release.note ? ` — ${d.release.note}` : ''}`);
  if (d.validation)
    lines.push(
      `  on ${d.validation.dateOfService}: ${d.validation.valid ? 'valid' : 'NOT valid'} — ${d.validation.summary}`,
    );
  if (d.alsoIn.length > 0) lines.push(`  also a code in: ${d.alsoIn.join(', ')} (use --system to show it)`);
  return `${lines.join('\n')}\n`;
}

export { CPT_LICENCE_NOTE, displayDescription } from './describe.js';
