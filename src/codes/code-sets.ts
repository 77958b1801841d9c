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
import { type EntryStore, lowerBound, ObjectEntryStore } from './entry-store.js';
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

/** Everything `createCodeSets` needs (ICD-10-CM entries carry their parent: see entry-store.ts). */
export interface CodeSetsData {
  readonly entries: readonly CodeEntry[];
  readonly indexTerms: readonly IndexTerm[];
  readonly releases: readonly CodeRelease[];
  readonly lists: readonly CodeListEntry[];
}

/**
 * The parts of the code sets as the loader keeps them: entries per system (packed or objects), the
 * index terms and the code lists read on first use (most runs never show a CARC or a taxonomy code).
 */
export interface CodeSetsParts {
  readonly stores: ReadonlyMap<CodeSystem, EntryStore>;
  readonly indexTerms: () => readonly IndexTerm[];
  readonly releases: readonly CodeRelease[];
  readonly lists: ReadonlyMap<CodeListName, () => readonly CodeListEntry[]>;
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

/** Builds the CodeSets object from entry objects (any order). */
export function createCodeSets(data: CodeSetsData): CodeSets {
  const stores = new Map<CodeSystem, EntryStore>(
    CODE_SYSTEMS.map((s) => [
      s,
      new ObjectEntryStore(
        s,
        data.entries.filter((e) => e.system === s),
      ),
    ]),
  );
  const lists = new Map<CodeListName, CodeListEntry[]>();
  for (const e of data.lists) {
    const l = lists.get(e.list);
    if (l) l.push(e);
    else lists.set(e.list, [e]);
  }
  return codeSetsFromParts({
    stores,
    indexTerms: () => data.indexTerms,
    releases: data.releases,
    lists: new Map([...lists].map(([name, l]) => [name, () => l])),
  });
}

/** Builds the CodeSets object over loaded parts; look-ups are binary searches over the code-ordered rows. */
export function codeSetsFromParts(parts: CodeSetsParts): CodeSets {
  const empty = new ObjectEntryStore('CPT', []);
  const storeOf = (system: CodeSystem): EntryStore => parts.stores.get(system) ?? empty;
  let all: readonly CodeEntry[] | undefined;
  let terms: readonly IndexTerm[] | undefined;
  const releases = new Map<string, CodeRelease[]>();
  for (const r of parts.releases) {
    const list = releases.get(r.system);
    if (list) list.push(r);
    else releases.set(r.system, [r]);
  }
  for (const list of releases.values())
    list.sort((a, b) => compareCodes(a.validFrom ?? '', b.validFrom ?? ''));
  const lists = new Map<
    CodeListName,
    { entries: readonly CodeListEntry[]; byCode: Map<string, CodeListEntry> }
  >();
  const listOf = (
    name: CodeListName,
  ): { entries: readonly CodeListEntry[]; byCode: Map<string, CodeListEntry> } => {
    let l = lists.get(name);
    if (l === undefined) {
      const entries = parts.lists.get(name)?.() ?? [];
      const byCode = new Map<string, CodeListEntry>();
      for (const e of entries) byCode.set(e.code.toUpperCase(), e);
      l = { entries, byCode };
      lists.set(name, l);
    }
    return l;
  };

  /** Rows of a normalised code: [first, end). */
  const rowsOf = (store: EntryStore, norm: string): [number, number] => {
    const first = lowerBound(store, norm);
    let end = first;
    while (end < store.length && store.compareCode(end, norm) === 0) end += 1;
    return [first, end];
  };
  const versionsOfNormal = (system: CodeSystem, norm: string): readonly CodeEntry[] => {
    const store = storeOf(system);
    const [first, end] = rowsOf(store, norm);
    const out: CodeEntry[] = [];
    for (let r = first; r < end; r += 1) out.push(store.entry(r));
    return out;
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
    const store = storeOf(system);
    const [first, end] = rowsOf(store, norm);
    const out: CodeEntry[] = [];
    if (first === end) return out;
    // Children extend the code, so they follow it in code order: scan that range for rows whose
    // parent is this code (first version of each child code; then the version valid on the date).
    for (let r = end; r < store.length && store.codeStartsWith(r, norm);) {
      let next = r + 1;
      while (next < store.length && store.sameCode(r, next)) next += 1;
      if (store.parentRow(r) === first) {
        const versions: CodeEntry[] = [];
        for (let v = r; v < next; v += 1) versions.push(store.entry(v));
        const e = pick(versions, date);
        if (e) out.push(e);
      }
      r = next;
    }
    return out;
  };

  return {
    entries: (system) => {
      if (system !== undefined) return storeOf(system).all();
      // Systems in name order (CPT, HCPCS, ICD-10-CM), as the entries always were.
      all ??= [...CODE_SYSTEMS].sort(compareCodes).flatMap((s) => storeOf(s).all());
      return all;
    },
    indexTerms: () => (terms ??= parts.indexTerms()),
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
    list: (name) => listOf(name).entries,
    listEntry: (name, code) => listOf(name).byCode.get(code.trim().toUpperCase()),
  };
}
