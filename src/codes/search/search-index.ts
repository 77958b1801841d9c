/**
 * The search index: an inverted index with integer postings in typed arrays (compressed sparse rows)
 * over two kinds of documents — each code's title (ICD-10-CM, HCPCS, licensed CPT) and each ICD-10-CM
 * Alphabetic Index term path, which points at a code. Documents are grouped by code (system + code),
 * so a code found through its title and through three index terms is one result.
 *
 * Built once from plain arrays; pure apart from scratch buffers it keeps for queries.
 */
import type { CodeEntry, CodeSystem, IndexTerm } from '../model.js';
import { CODE_SYSTEMS } from '../model.js';
import { type BigramIndex, buildBigramIndex } from './fuzzy.js';
import { isStopWord, splitWords, stem } from './text.js';
import { type WordSink, WordTable } from './word-table.js';

/** What a document is: a code's own title, or an index term path pointing at a code. */
export const DOC_KIND_DESCRIPTION = 0;
export const DOC_KIND_INDEX_TERM = 1;

/** The built index; treat as opaque and pass to `search()`. */
export interface SearchIndex {
  readonly entries: readonly CodeEntry[];
  readonly indexTerms: readonly IndexTerm[];
  /** One group per (system, code). */
  readonly groupCount: number;
  readonly groupSystem: Uint8Array;
  /** Entries of each group (compressed sparse rows). */
  readonly groupEntryOffsets: Uint32Array;
  readonly groupEntryIds: Uint32Array;
  /** The entry shown when no date of service is given: the current (open-ended or latest) wording. */
  readonly groupDefaultEntry: Uint32Array;
  /** Codes without dot, upper case, sorted, with their group: prefix search; built on first use. */
  codeKeys: { readonly keys: readonly string[]; readonly groups: Uint32Array } | undefined;
  /** Documents. */
  readonly docCount: number;
  readonly docKind: Uint8Array;
  readonly docRef: Uint32Array;
  readonly docGroup: Uint32Array;
  /** Sum of the idf of a document's distinct terms: how much of it a query can cover. */
  readonly docWeight: Float32Array;
  /** Vocabulary (stemmed terms) and postings. */
  readonly termId: ReadonlyMap<string, number>;
  readonly terms: readonly string[];
  readonly idf: Float32Array;
  readonly postingOffsets: Uint32Array;
  /**
   * Per posting: the document id in the low 28 bits (`& POSTING_DOC`), and the word's kind in the 2
   * above (`>>> POSTING_KIND_SHIFT`): 0 a plain word, LIGHT a word that weighs little (variant,
   * qualifier), OPTIONAL a nonessential modifier. One array instead of two: 1.4 MB less at the peak.
   */
  readonly postings: Uint32Array;
  /** Every word as written in the texts (before stemming): tells a typo from a real word. */
  readonly rawWords: WordTable;
  /** Term ids sorted by term text, for prefix expansion. */
  readonly sortedTermIds: Uint32Array;
  /** Built on the first misspelt word (most searches never need it). */
  bigrams: BigramIndex | undefined;
  /** Scratch buffers reused by queries (the index is not shared across threads); made on the first search. */
  scratch: SearchScratch | undefined;
}

/** Per-query work arrays, sized once. */
export interface SearchScratch {
  readonly conceptBest: Float32Array;
  readonly conceptDocIdf: Float32Array;
  readonly conceptSynonym: Uint8Array;
  readonly total: Float32Array;
  readonly matchedIdf: Float32Array;
  readonly mask: Uint32Array;
  /** Per document, which concepts matched through a synonym (one bit each; concepts past the 8th share bit 7). */
  readonly synonym: Uint8Array;
  readonly altIdf: Float32Array;
  readonly altCover: Float32Array;
  readonly altTouched: Uint32Array;
  readonly touchedDocs: Uint32Array;
  readonly conceptTouched: Uint32Array;
  readonly touchedGroups: Uint32Array;
  readonly groupScore: Float32Array;
  readonly groupDoc: Int32Array;
  readonly fuzzyCounts: Uint16Array;
}

/** Key of a code for prefix search: no dot, upper case ("e11.4" → "E114"). */
export function codeKey(code: string): string {
  return code.replace(/[.\s-]/g, '').toUpperCase();
}

/** Builds the search index over code entries and ICD-10-CM index terms. */
export function buildSearchIndex(
  entries: readonly CodeEntry[],
  indexTerms: readonly IndexTerm[],
): SearchIndex {
  // 1. Groups: one per (system, code), numbered in order of first appearance.
  const groups = groupEntries(entries);
  const { groupCount, entryGroup, groupSystem } = groups;
  const groupEntryOffsets = new Uint32Array(groupCount + 1);
  for (let i = 0; i < entryGroup.length; i++) groupEntryOffsets[entryGroup[i]! + 1]! += 1;
  for (let g = 0; g < groupCount; g++) groupEntryOffsets[g + 1]! += groupEntryOffsets[g]!;
  const groupEntryIds = new Uint32Array(entries.length);
  const fillEntry = groupEntryOffsets.slice(0, groupCount);
  for (let i = 0; i < entryGroup.length; i++) groupEntryIds[fillEntry[entryGroup[i]!]!++] = i;
  const groupDefaultEntry = new Uint32Array(groupCount);
  for (let g = 0; g < groupCount; g++) {
    let best = groupEntryIds[groupEntryOffsets[g]!]!;
    for (let p = groupEntryOffsets[g]! + 1; p < groupEntryOffsets[g + 1]!; p++) {
      const id = groupEntryIds[p]!;
      if (laterWording(entries[id]!, entries[best]!)) best = id;
    }
    groupDefaultEntry[g] = best;
  }
  const firstOf = (g: number): number => groupEntryIds[groupEntryOffsets[g]!]!;
  const icdGroups = icdGroupsInOrder(entries, groups, firstOf);

  // 2. Documents, tokenised into a flat array of distinct term ids per document. The document arrays
  // are sized for the most documents there can be (one per entry and index term), not grown.
  const termId = new Map<string, number>();
  const terms: string[] = [];
  const words = new WordTable(classifier(termId, terms));
  const maxDocs = entries.length + indexTerms.length;
  const docKind = new Uint8Array(maxDocs);
  const docRef = new Uint32Array(maxDocs);
  const docGroup = new Uint32Array(maxDocs);
  let docCount = 0;
  const sink = new DocumentTerms();
  const variants = new MainTermVariants(words);
  const addDoc = (text: string, kind: number, ref: number, group: number, light?: string): void => {
    sink.begin();
    if (kind === DOC_KIND_INDEX_TERM) variants.mark(text, sink);
    words.scan(text, sink);
    if (light !== undefined && light !== '') {
      sink.kind = OPTIONAL;
      words.scan(light, sink);
    }
    if (!sink.end()) return;
    docKind[docCount] = kind;
    docRef[docCount] = ref;
    docGroup[docCount] = group;
    docCount++;
  };
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    // CPT without an imported licence has no text: searchable by number only.
    if (e.system === 'CPT' && e.descriptionLicensed !== true) continue;
    const text = e.longDescription !== '' ? e.longDescription : e.shortDescription;
    if (text !== '') addDoc(text, DOC_KIND_DESCRIPTION, i, entryGroup[i]!);
  }
  for (let i = 0; i < indexTerms.length; i++) {
    const t = indexTerms[i]!;
    // Index codes may be incomplete ("S62.10-": choose a character at the tabular); point at the header.
    const g = findIcdGroup(entries, icdGroups, firstOf, withoutTrailingDash(t.code));
    // Nonessential modifiers ("(tract)") may or may not be in the query: indexed as light words.
    if (g >= 0) addDoc(t.path, DOC_KIND_INDEX_TERM, i, g, t.nonessential);
  }
  const { low, high, length: flatLen } = sink;

  // 3. Document frequency, idf (BM25 form) and postings in compressed sparse rows.
  const termCount = terms.length;
  const postingOffsets = new Uint32Array(termCount + 1);
  for (let p = 0; p < flatLen; p++) {
    const c = p >>> CHUNK_BITS;
    const i = p & CHUNK_MASK;
    postingOffsets[(low[c]![i]! | ((high[c]![i]! >>> HIGH_SHIFT) << 16)) + 1]! += 1;
  }
  const idf = new Float32Array(termCount);
  for (let t = 0; t < termCount; t++) {
    const df = postingOffsets[t + 1]!;
    idf[t] = Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
  }
  for (let t = 0; t < termCount; t++) postingOffsets[t + 1]! += postingOffsets[t]!;
  const postings = new Uint32Array(flatLen);
  if (docCount > POSTING_DOC) throw new Error(`search index: more than ${POSTING_DOC} documents`);
  const fill = postingOffsets.slice(0, termCount);
  const docWeight = new Float32Array(docCount);
  let d = -1;
  let w = 0;
  for (let p = 0; p < flatLen; p++) {
    const c = p >>> CHUNK_BITS;
    const i = p & CHUNK_MASK;
    const h = high[c]![i]!;
    if ((h & FIRST_OF_DOC) !== 0) {
      if (d >= 0) docWeight[d] = w;
      d++;
      w = 0;
    }
    const t = low[c]![i]! | ((h >>> HIGH_SHIFT) << 16);
    const kind = h & KIND_MASK;
    // Documents are visited in order, so each posting list is sorted.
    postings[fill[t]!++] = d | (kind << POSTING_KIND_SHIFT);
    // Light words weigh a little, so of two otherwise equal documents the shorter wins.
    // Nonessential modifiers weigh nothing: the index prints them as optional.
    w += kind === 0 ? idf[t]! : kind === LIGHT ? LIGHT_WEIGHT * idf[t]! : 0;
  }
  if (d >= 0) docWeight[d] = w;
  sink.release();
  const sortedTermIds = new Uint32Array(termCount);
  for (let t = 0; t < termCount; t++) sortedTermIds[t] = t;
  sortedTermIds.sort((a, b) => (terms[a]! < terms[b]! ? -1 : 1));

  return {
    entries,
    indexTerms,
    groupCount,
    groupSystem,
    groupEntryOffsets,
    groupEntryIds,
    groupDefaultEntry,
    codeKeys: undefined,
    docCount,
    // Views, not copies: a copy would be one more allocation at the build's peak, for 6% of slack.
    docKind: docKind.subarray(0, docCount),
    docRef: docRef.subarray(0, docCount),
    docGroup: docGroup.subarray(0, docCount),
    docWeight,
    termId,
    terms,
    idf,
    postingOffsets,
    postings,
    sortedTermIds,
    rawWords: words,
    bigrams: undefined,
    scratch: undefined,
  };
}

interface Groups {
  readonly groupCount: number;
  /** Per entry, its group. */
  readonly entryGroup: Uint32Array;
  readonly groupSystem: Uint8Array;
  /** True when each system's entries came in code order (then so are its groups). */
  readonly inCodeOrder: boolean;
}

/**
 * Groups entries by (system, code). Loaded entries come in code order per system, versions of a code
 * adjacent: then a code is a new group unless it equals the previous entry's, and no map of every
 * code is needed (such maps and their growth were a good part of the build's peak memory). Entries
 * in another order (code built in memory) fall back to a map per system.
 */
function groupEntries(entries: readonly CodeEntry[]): Groups {
  const n = entries.length;
  const entryGroup = new Uint32Array(n);
  const systems = new Uint8Array(n);
  const lastCode: (string | undefined)[] = CODE_SYSTEMS.map(() => undefined);
  let maps: Map<string, number>[] | undefined;
  let count = 0;
  let prevCode = '';
  let prevSys = -1;
  for (let i = 0; i < n; i++) {
    const e = entries[i]!;
    const code = e.code;
    const sys = CODE_SYSTEMS.indexOf(e.system);
    let g: number | undefined;
    if (i > 0 && sys === prevSys && code === prevCode) g = entryGroup[i - 1]!;
    else {
      const last = lastCode[sys];
      if (maps === undefined && last !== undefined && last >= code) {
        // Out of code order: index the groups so far by code.
        const byCode = CODE_SYSTEMS.map(() => new Map<string, number>());
        for (let k = 0; k < i; k++) byCode[systems[entryGroup[k]!]!]!.set(entries[k]!.code, entryGroup[k]!);
        maps = byCode;
      }
      if (maps !== undefined) g = maps[sys]!.get(code);
      if (g === undefined) {
        g = count++;
        systems[g] = sys;
        maps?.[sys]!.set(code, g);
        if (last === undefined || last < code) lastCode[sys] = code;
      }
    }
    entryGroup[i] = g;
    prevCode = code;
    prevSys = sys;
  }
  return {
    groupCount: count,
    entryGroup,
    groupSystem: systems.slice(0, count),
    inCodeOrder: maps === undefined,
  };
}

/** The ICD-10-CM groups in code order (index terms point at codes); `first[g]` is a group's first entry. */
function icdGroupsInOrder(
  entries: readonly CodeEntry[],
  groups: Groups,
  first: (g: number) => number,
): Uint32Array {
  const icd = CODE_SYSTEMS.indexOf('ICD-10-CM');
  const { groupCount, groupSystem } = groups;
  let count = 0;
  for (let g = 0; g < groupCount; g++) if (groupSystem[g] === icd) count++;
  const out = new Uint32Array(count);
  for (let g = 0, k = 0; g < groupCount; g++) if (groupSystem[g] === icd) out[k++] = g;
  if (!groups.inCodeOrder) {
    const codeOf = (g: number): string => entries[first(g)]!.code;
    out.sort((a, b) => (codeOf(a) < codeOf(b) ? -1 : 1));
  }
  return out;
}

/** The group of an ICD-10-CM code, or −1 (binary search over the groups in code order). */
function findIcdGroup(
  entries: readonly CodeEntry[],
  icdGroups: Uint32Array,
  first: (g: number) => number,
  code: string,
): number {
  let lo = 0;
  let hi = icdGroups.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const g = icdGroups[mid]!;
    const c = entries[first(g)]!.code;
    if (c === code) return g;
    if (c < code) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

/**
 * A posting's document id is its low 28 bits; its word kind the 2 bits above. Values stay under 2^30,
 * so V8 keeps them as small integers in the query loops (from 2^31 they would be heap numbers).
 */
export const POSTING_KIND_SHIFT = 28;
export const POSTING_DOC = (1 << POSTING_KIND_SHIFT) - 1;

/** Word kinds in a document: light words do not count in its weight; optional ones also match at half credit. */
export const LIGHT = 1;
export const LIGHT_WEIGHT = 0.1;
export const OPTIONAL = 2;

/**
 * Words that mark a default code rather than describe the condition ("Urinary tract infection, site
 * not specified", "Pneumonia, unspecified organism", "specified NEC"): a document is fully covered
 * without them, so a query without detail finds the unspecified code first, as a coder would.
 */
const QUALIFIER_TERMS: ReadonlySet<string> = new Set(['unspecify', 'specify', 'nos', 'nec', 'not', 'site']);

/**
 * Alternative forms listed with an index main term: in "Diabetes, diabetic > type 2" the word
 * "diabetic" repeats "diabetes"; in "Fracture, traumatic" the second word is a real qualifier.
 * A form counts as a variant when it shares its first letters with the main word.
 */
function mainTermVariants(head: string): Set<string> | undefined {
  const comma = head.indexOf(',');
  if (comma < 0) return undefined;
  const main = splitWords(head.slice(0, comma));
  const first = main[main.length - 1];
  if (first === undefined) return undefined;
  const need = Math.min(4, first.length - 1);
  const out = new Set<string>();
  for (const part of head.slice(comma + 1).split(',')) {
    const words = splitWords(part);
    if (words.length !== 1) continue;
    const w = words[0]!;
    let common = 0;
    while (common < w.length && common < first.length && w[common] === first[common]) common++;
    if (common >= need) out.add(w);
  }
  return out.size > 0 ? out : undefined;
}

/**
 * The variant words of index paths as word codes. Paths come grouped by main term ("Diabetes,
 * diabetic > …" a few hundred times in a row), so the head is parsed once per run of paths, not once
 * per path: most of the build's short-lived strings and sets would otherwise come from here.
 */
class MainTermVariants {
  private head: string | undefined;
  private codes: readonly number[] = [];

  constructor(private readonly words: WordTable) {}

  /** Marks the variants of the main term of `path` in the document being added. */
  mark(path: string, sink: DocumentTerms): void {
    let end = path.indexOf('>');
    if (end < 0) end = path.length;
    const comma = path.indexOf(',');
    // No comma in the main term: no variants (most paths; nothing to slice or remember).
    if (comma < 0 || comma >= end) return;
    const head = this.head;
    if (head === undefined || head.length !== end || !path.startsWith(head)) {
      const next = path.slice(0, end);
      const variants = mainTermVariants(next);
      const codes: number[] = [];
      if (variants) for (const v of variants) codes.push(this.words.codeOf(v));
      this.head = next;
      this.codes = codes;
    }
    for (const code of this.codes) sink.variant(code);
  }
}

/**
 * Raw word → (term id << 1) | 1 when the word is a qualifier (see QUALIFIER_TERMS); −1 for stop words.
 * A top-level function: a closure inside buildSearchIndex would keep the whole build's scope (its
 * temporary arrays) alive as long as the index's word table.
 */
function classifier(termId: Map<string, number>, terms: string[]): (word: string) => number {
  return (w) => {
    if (isStopWord(w)) return -1;
    const t = stem(w);
    let id = termId.get(t);
    if (id === undefined) {
      id = terms.length;
      termId.set(t, id);
      terms.push(t);
    }
    return (id << 1) | (QUALIFIER_TERMS.has(t) ? 1 : 0);
  };
}

/** An index code without its trailing "-" or "." ("S62.10-" → "S62.10"), allocating only when there is one. */
function withoutTrailingDash(code: string): string {
  let end = code.length;
  while (end > 0) {
    const c = code.charCodeAt(end - 1);
    if (c !== 45 && c !== 46) break;
    end--;
  }
  return end === code.length ? code : code.slice(0, end);
}

/** The (document, term) pairs are kept in chunks of 2^16: no over-sized array, no copy on growth. */
const CHUNK_BITS = 16;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;
/**
 * A pair takes 3 bytes: the low 16 bits of the term id in `low`, and in `high` the word kind (2 bits),
 * a flag on the first term of each document (so no per-document offsets are needed) and the id's
 * upper bits (5: up to 2^21 terms).
 */
const KIND_MASK = 3;
const FIRST_OF_DOC = 4;
const HIGH_SHIFT = 3;
const MAX_TERMS = 1 << 21;

/**
 * Collects the distinct terms of each document, in one growing flat list (chunked), with their kind
 * (0 plain, LIGHT, OPTIONAL). A class with typed-array fields keeps this hot path monomorphic.
 */
class DocumentTerms implements WordSink {
  low: Uint16Array[] = [];
  high: Uint8Array[] = [];
  private lowChunk = new Uint16Array(0);
  private highChunk = new Uint8Array(0);
  /** Position in the current chunk. */
  private pos = 1 << CHUNK_BITS;
  length = 0;
  /** Kind given to the words now being added (OPTIONAL for nonessential modifiers). */
  kind = 0;
  private start = 0;
  private doc = 0;
  /** Per term, the last document it was added to: de-duplicates without a Set. */
  private lastDoc = new Int32Array(1 << 15).fill(-1);
  private variants: number[] = [];

  /** Drops the chunks (once the postings are built). */
  release(): void {
    this.low = [];
    this.high = [];
    this.lowChunk = new Uint16Array(0);
    this.highChunk = new Uint8Array(0);
  }

  begin(): void {
    this.start = this.length;
    this.kind = 0;
    this.variants.length = 0;
  }

  /** Marks a term id (from a word code) as a variant of the main term: LIGHT in this document. */
  variant(code: number): void {
    if (code >= 0) this.variants.push(code >>> 1);
  }

  word(code: number): void {
    if (code < 0) return;
    const id = code >>> 1;
    if (id >= this.lastDoc.length) {
      const bigger = new Int32Array(this.lastDoc.length * 2).fill(-1);
      bigger.set(this.lastDoc);
      this.lastDoc = bigger;
    }
    if (this.lastDoc[id] === this.doc) return;
    this.lastDoc[id] = this.doc;
    if (id >= MAX_TERMS) throw new Error(`search index: more than ${MAX_TERMS} distinct words`);
    if (this.pos === 1 << CHUNK_BITS) {
      this.lowChunk = new Uint16Array(1 << CHUNK_BITS);
      this.highChunk = new Uint8Array(1 << CHUNK_BITS);
      this.low.push(this.lowChunk);
      this.high.push(this.highChunk);
      this.pos = 0;
    }
    const kind =
      this.kind !== 0
        ? this.kind
        : (code & 1) === 1 || (this.variants.length > 0 && this.variants.includes(id))
          ? LIGHT
          : 0;
    this.lowChunk[this.pos] = id & 0xffff;
    this.highChunk[this.pos++] =
      ((id >>> 16) << HIGH_SHIFT) | (this.length === this.start ? FIRST_OF_DOC : 0) | kind;
    this.length++;
  }

  /** Closes the document; false (and nothing kept) when it had no terms. */
  end(): boolean {
    if (this.length === this.start) return false;
    this.doc += 1;
    return true;
  }
}

/** True when wording `a` is more current than `b`: open-ended beats dated, later beats earlier. */
function laterWording(a: CodeEntry, b: CodeEntry): boolean {
  if (a.validTo === undefined && b.validTo !== undefined) return true;
  if (a.validTo !== undefined && b.validTo === undefined) return false;
  if (a.validTo !== undefined && b.validTo !== undefined && a.validTo !== b.validTo)
    return a.validTo > b.validTo;
  return (a.validFrom ?? '') > (b.validFrom ?? '');
}

/** The sorted code keys for prefix search, built on first use. */
export function codeKeysOf(index: SearchIndex): {
  readonly keys: readonly string[];
  readonly groups: Uint32Array;
} {
  if (index.codeKeys === undefined) {
    const keyed: { key: string; g: number }[] = [];
    for (let g = 0; g < index.groupCount; g++)
      keyed.push({ key: codeKey(index.entries[index.groupDefaultEntry[g]!]!.code), g });
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.g - b.g));
    index.codeKeys = { keys: keyed.map((k) => k.key), groups: Uint32Array.from(keyed.map((k) => k.g)) };
  }
  return index.codeKeys;
}

/** The per-query scratch arrays, allocated on the first search (not with the index: building it is
 * the memory peak, and a process that only loads the index never needs them). */
export function scratchOf(index: SearchIndex): SearchScratch {
  if (index.scratch === undefined) {
    const docs = index.docCount;
    const groups = index.groupCount;
    index.scratch = {
      conceptBest: new Float32Array(docs),
      conceptDocIdf: new Float32Array(docs),
      conceptSynonym: new Uint8Array(docs),
      total: new Float32Array(docs),
      matchedIdf: new Float32Array(docs),
      mask: new Uint32Array(docs),
      synonym: new Uint8Array(docs),
      altIdf: new Float32Array(docs),
      altCover: new Float32Array(docs),
      altTouched: new Uint32Array(docs),
      touchedDocs: new Uint32Array(docs),
      conceptTouched: new Uint32Array(docs),
      touchedGroups: new Uint32Array(groups),
      groupScore: new Float32Array(groups),
      groupDoc: new Int32Array(groups),
      fuzzyCounts: new Uint16Array(index.terms.length),
    };
  }
  return index.scratch;
}

/** The bigram index for typo candidates, built on first use. */
export function bigramsOf(index: SearchIndex): BigramIndex {
  index.bigrams ??= buildBigramIndex(index.terms);
  return index.bigrams;
}

/** The system of a group. */
export function groupSystemOf(index: SearchIndex, g: number): CodeSystem {
  return CODE_SYSTEMS[index.groupSystem[g]!]!;
}
