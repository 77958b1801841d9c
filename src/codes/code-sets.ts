/**
 * The loaded code sets: every release of ICD-10-CM, HCPCS Level II and CPT (numbers, plus descriptors
 * when a licensed file was imported), the ICD-10-CM index terms, and the smaller code lists (modifiers,
 * CARC, RARC, CAS groups, claim status, NUCC taxonomy, place of service). Built once by
 * `createCodeSets` from parsed rows (pure: `load.ts` does the file reading) and then only read.
 */
import type { CalendarDate } from '../model/dates.js';
import { icd10cmChapterOf, type IcdChapter } from './icd10cm-chapters.js';
import type { CodeEntry, CodeSystem, IndexTerm } from './model.js';
import { CODE_SYSTEMS } from './model.js';
import { normalizeCode } from './normalize.js';

/** The smaller code lists shipped next to the code systems. */
export const CODE_LISTS = [
  'hcpcs-modifier',
  'carc',
  'rarc',
  'cas-group',
  'claim-status-category',
  'claim-status',
  'nucc-taxonomy',
  'place-of-service',
] as const;
export type CodeListName = (typeof CODE_LISTS)[number];

/** Runtime guard for CodeListName. */
export function isCodeListName(value: string): value is CodeListName {
  return (CODE_LISTS as readonly string[]).includes(value);
}

/** One code of a code list (a modifier, a CARC, a taxonomy code …). */
export interface CodeListEntry {
  readonly list: CodeListName;
  readonly code: string;
  /** Short name (POS name, taxonomy display name, modifier short description); may equal `description`. */
  readonly name: string;
  readonly description: string;
  readonly validFrom?: CalendarDate;
  /** Last date the code may be used (inclusive); undefined when still in use. */
  readonly validTo?: CalendarDate;
  /** Status or usage note from the source (e.g. "Not to be used with 005010 and up"). */
  readonly note?: string;
}

/** A release of a code system or list: what it is, which dates of service it covers, where it came from. */
export interface CodeRelease {
  readonly system: CodeSystem | CodeListName;
  readonly name: string;
  readonly validFrom?: CalendarDate;
  readonly validTo?: CalendarDate;
  /** Plain-language caveat (stale, partial, numbers only …). */
  readonly note?: string;
}

/** Everything `createCodeSets` needs (ICD-10-CM entries carry their parent: see data-files.ts). */
export interface CodeSetsData {
  readonly entries: readonly CodeEntry[];
  readonly indexTerms: readonly IndexTerm[];
  readonly releases: readonly CodeRelease[];
  readonly lists: readonly CodeListEntry[];
}

/** Read-only access to every loaded code set. */
export interface CodeSets {
  /** Every entry (all versions of every code), optionally of one system, in code order. */
  entries(system?: CodeSystem): readonly CodeEntry[];
  /** ICD-10-CM index terms (search aids). */
  indexTerms(): readonly IndexTerm[];
  /**
   * The entry for a code (any input form: "e1140", "E11.40"): the version valid on `dateOfService`
   * (undefined if none is), or the latest version when no date is given.
   */
  lookup(system: CodeSystem, code: string, dateOfService?: CalendarDate): CodeEntry | undefined;
  /** Every version of a code, oldest first (empty when unknown). */
  versions(system: CodeSystem, code: string): readonly CodeEntry[];
  /** Direct children of a code (latest version of each, or the version valid on the date, skipping those not valid then). */
  children(system: CodeSystem, code: string, dateOfService?: CalendarDate): readonly CodeEntry[];
  /** Billable codes under a header (any depth), valid on the date when given, in code order. */
  billableDescendants(system: CodeSystem, code: string, dateOfService?: CalendarDate): readonly CodeEntry[];
  /** The ICD-10-CM chapter of a code. */
  chapter(code: string): IcdChapter | undefined;
  /** Releases of a system or list, oldest first. */
  releases(system: CodeSystem | CodeListName): readonly CodeRelease[];
  /** The release of a system that covers a date of service. */
  releaseOn(system: CodeSystem, dateOfService: CalendarDate): CodeRelease | undefined;
  /** Entries of a code list. */
  list(name: CodeListName): readonly CodeListEntry[];
  /** One code of a list (exact match after trimming and upper-casing), undefined when absent. */
  listEntry(name: CodeListName, code: string): CodeListEntry | undefined;
}

/** True when an entry is valid on a date of service (dates compare as strings). */
export function isValidOn(
  entry: { readonly validFrom?: CalendarDate; readonly validTo?: CalendarDate },
  date: CalendarDate,
): boolean {
  return (
    (entry.validFrom === undefined || entry.validFrom <= date) &&
    (entry.validTo === undefined || date <= entry.validTo)
  );
}

function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareEntries(a: CodeEntry, b: CodeEntry): number {
  return (
    compareCodes(a.system, b.system) ||
    compareCodes(a.code, b.code) ||
    compareCodes(a.validFrom ?? '', b.validFrom ?? '')
  );
}

/** Builds the CodeSets object from parsed rows: indexes by code and parent. */
export function createCodeSets(data: CodeSetsData): CodeSets {
  let all = data.entries;
  for (let i = 1; i < all.length; i += 1) {
    if (compareEntries(all[i - 1]!, all[i]!) > 0) {
      all = [...all].sort(compareEntries);
      break;
    }
  }
  const bySystem = new Map<CodeSystem, CodeEntry[]>(CODE_SYSTEMS.map((s) => [s, []]));
  // One map per system, code → entry, or → versions when a code has several (few do): saves memory.
  const versionsBy = new Map<CodeSystem, Map<string, CodeEntry | CodeEntry[]>>(
    CODE_SYSTEMS.map((s) => [s, new Map()]),
  );
  const childrenBy = new Map<CodeSystem, Map<string, string[]>>(CODE_SYSTEMS.map((s) => [s, new Map()]));
  for (const entry of all) {
    bySystem.get(entry.system)!.push(entry);
    const versions = versionsBy.get(entry.system)!;
    const prev = versions.get(entry.code);
    if (prev === undefined) {
      versions.set(entry.code, entry);
      if (entry.parent !== undefined) {
        const kids = childrenBy.get(entry.system)!;
        const list = kids.get(entry.parent);
        if (list) list.push(entry.code);
        else kids.set(entry.parent, [entry.code]);
      }
    } else if (Array.isArray(prev)) prev.push(entry);
    else versions.set(entry.code, [prev, entry]);
  }
  const releases = new Map<string, CodeRelease[]>();
  for (const r of data.releases) {
    const list = releases.get(r.system);
    if (list) list.push(r);
    else releases.set(r.system, [r]);
  }
  for (const list of releases.values())
    list.sort((a, b) => compareCodes(a.validFrom ?? '', b.validFrom ?? ''));
  const lists = new Map<CodeListName, CodeListEntry[]>();
  const listIndex = new Map<string, CodeListEntry>();
  for (const e of data.lists) {
    const l = lists.get(e.list);
    if (l) l.push(e);
    else lists.set(e.list, [e]);
    listIndex.set(`${e.list}|${e.code.toUpperCase()}`, e);
  }

  const versionsOfNormal = (system: CodeSystem, norm: string): readonly CodeEntry[] => {
    const v = versionsBy.get(system)?.get(norm);
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  };
  const versionsOf = (system: CodeSystem, code: string): readonly CodeEntry[] => {
    const norm = normalizeCode(system, code);
    return norm === undefined ? [] : versionsOfNormal(system, norm);
  };
  const pick = (versions: readonly CodeEntry[], date?: CalendarDate): CodeEntry | undefined =>
    date === undefined ? versions[versions.length - 1] : versions.find((v) => isValidOn(v, date));
  const childrenOf = (system: CodeSystem, code: string, date?: CalendarDate): CodeEntry[] => {
    const norm = normalizeCode(system, code);
    if (norm === undefined) return [];
    const out: CodeEntry[] = [];
    for (const c of childrenBy.get(system)?.get(norm) ?? []) {
      const e = pick(versionsOfNormal(system, c), date);
      if (e) out.push(e);
    }
    return out;
  };

  return {
    entries: (system) => (system === undefined ? all : (bySystem.get(system) ?? [])),
    indexTerms: () => data.indexTerms,
    lookup: (system, code, date) => pick(versionsOf(system, code), date),
    versions: versionsOf,
    children: childrenOf,
    billableDescendants: (system, code, date) => {
      const out: CodeEntry[] = [];
      const walk = (c: string): void => {
        for (const child of childrenOf(system, c, date)) {
          if (child.billable) out.push(child);
          walk(child.code);
        }
      };
      walk(code);
      return out.sort((a, b) => compareCodes(a.code, b.code));
    },
    chapter: (code) => icd10cmChapterOf(code),
    releases: (system) => releases.get(system) ?? [],
    releaseOn: (system, date) => (releases.get(system) ?? []).find((r) => isValidOn(r, date)),
    list: (name) => lists.get(name) ?? [],
    listEntry: (name, code) => listIndex.get(`${name}|${code.trim().toUpperCase()}`),
  };
}
