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
  readonly groupCode: readonly string[];
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
  readonly postings: Uint32Array;
  /** Per posting: 0 a plain word, LIGHT a word that weighs little (variant, qualifier), OPTIONAL a nonessential modifier. */
  readonly postingKind: Uint8Array;
  /** Every word as written in the texts (before stemming): tells a typo from a real word. */
  readonly rawWords: WordTable;
  /** Term ids sorted by term text, for prefix expansion. */
  readonly sortedTermIds: Uint32Array;
  /** Built on the first misspelt word (most searches never need it). */
  bigrams: BigramIndex | undefined;
  /** Scratch buffers reused by queries (the index is not shared across threads). */
  readonly scratch: SearchScratch;
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
  // 1. Groups: one per (system, code). Loaded entries come sorted, so a code's versions are adjacent:
  // compare with the previous entry first, fall back to a map per system.
  const groupOf = CODE_SYSTEMS.map(() => new Map<string, number>());
  const groupCode: string[] = [];
  const groupSystemList: number[] = [];
  const entryGroup = new Uint32Array(entries.length);
  let prev: CodeEntry | undefined;
  entries.forEach((e, i) => {
    let g: number | undefined;
    if (prev !== undefined && prev.code === e.code && prev.system === e.system) g = entryGroup[i - 1]!;
    else {
      const sys = CODE_SYSTEMS.indexOf(e.system);
      const map = groupOf[sys]!;
      g = map.get(e.code);
      if (g === undefined) {
        g = groupCode.length;
        map.set(e.code, g);
        groupCode.push(e.code);
        groupSystemList.push(sys);
      }
    }
    entryGroup[i] = g;
    prev = e;
  });
  const groupCount = groupCode.length;
  const groupEntryOffsets = new Uint32Array(groupCount + 1);
  for (const g of entryGroup) groupEntryOffsets[g + 1]! += 1;
  for (let g = 0; g < groupCount; g++) groupEntryOffsets[g + 1]! += groupEntryOffsets[g]!;
  const groupEntryIds = new Uint32Array(entries.length);
  const fillEntry = groupEntryOffsets.slice(0, groupCount);
  entryGroup.forEach((g, i) => (groupEntryIds[fillEntry[g]!++] = i));
  const groupDefaultEntry = new Uint32Array(groupCount);
  for (let g = 0; g < groupCount; g++) {
    let best = groupEntryIds[groupEntryOffsets[g]!]!;
    for (let p = groupEntryOffsets[g]! + 1; p < groupEntryOffsets[g + 1]!; p++) {
      const id = groupEntryIds[p]!;
      if (laterWording(entries[id]!, entries[best]!)) best = id;
    }
    groupDefaultEntry[g] = best;
  }

  // 2. Documents, tokenised into a flat array of distinct term ids per document.
  const termId = new Map<string, number>();
  const terms: string[] = [];
  // Raw word → (term id << 1) | 1 when the word is a qualifier (see QUALIFIER_TERMS); −1 for stop words.
  const words = new WordTable((w) => {
    if (isStopWord(w)) return -1;
    const t = stem(w);
    let id = termId.get(t);
    if (id === undefined) {
      id = terms.length;
      termId.set(t, id);
      terms.push(t);
    }
    return (id << 1) | (QUALIFIER_TERMS.has(t) ? 1 : 0);
  });
  const docKind: number[] = [];
  const docRef: number[] = [];
  const docGroup: number[] = [];
  const docStart: number[] = [0];
  const sink = new DocumentTerms();
  const addDoc = (text: string, kind: number, ref: number, group: number, light?: string): void => {
    sink.begin();
    if (kind === DOC_KIND_INDEX_TERM) {
      const variants = mainTermVariants(text);
      if (variants) for (const v of variants) sink.variant(words.codeOf(v));
    }
    words.scan(text, sink);
    if (light !== undefined && light !== '') {
      sink.kind = OPTIONAL;
      words.scan(light, sink);
    }
    if (!sink.end()) return;
    docKind.push(kind);
    docRef.push(ref);
    docGroup.push(group);
    docStart.push(sink.length);
  };
  entries.forEach((e, i) => {
    // CPT without an imported licence has no text: searchable by number only.
    if (e.system === 'CPT' && e.descriptionLicensed !== true) return;
    const text = e.longDescription !== '' ? e.longDescription : e.shortDescription;
    if (text !== '') addDoc(text, DOC_KIND_DESCRIPTION, i, entryGroup[i]!);
  });
  const icdGroups = groupOf[CODE_SYSTEMS.indexOf('ICD-10-CM')]!;
  indexTerms.forEach((t, i) => {
    // Index codes may be incomplete ("S62.10-": choose a character at the tabular); point at the header.
    const code = t.code.replace(/[-.]+$/, '');
    const g = icdGroups.get(code);
    // Nonessential modifiers ("(tract)") may or may not be in the query: indexed as light words.
    if (g !== undefined) addDoc(t.path, DOC_KIND_INDEX_TERM, i, g, t.nonessential);
  });
  const docCount = docKind.length;
  const { terms: flat, kinds: flatLight, length: flatLen } = sink;

  // 3. Document frequency, idf (BM25 form) and postings in compressed sparse rows.
  const termCount = terms.length;
  const postingOffsets = new Uint32Array(termCount + 1);
  for (let p = 0; p < flatLen; p++) postingOffsets[flat[p]! + 1]! += 1;
  const idf = new Float32Array(termCount);
  for (let t = 0; t < termCount; t++) {
    const df = postingOffsets[t + 1]!;
    idf[t] = Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
  }
  for (let t = 0; t < termCount; t++) postingOffsets[t + 1]! += postingOffsets[t]!;
  const postings = new Uint32Array(flatLen);
  const postingKind = new Uint8Array(flatLen);
  const fill = postingOffsets.slice(0, termCount);
  const docWeight = new Float32Array(docCount);
  for (let d = 0; d < docCount; d++) {
    let w = 0;
    for (let p = docStart[d]!, end = docStart[d + 1]!; p < end; p++) {
      const t = flat[p]!;
      postingKind[fill[t]!] = flatLight[p]!;
      postings[fill[t]!++] = d; // documents are visited in order, so each posting list is sorted
      // Light words weigh a little, so of two otherwise equal documents the shorter wins.
      // Nonessential modifiers weigh nothing: the index prints them as optional.
      const kind = flatLight[p];
      w += kind === 0 ? idf[t]! : kind === LIGHT ? LIGHT_WEIGHT * idf[t]! : 0;
    }
    docWeight[d] = w;
  }
  const sortedTermIds = Uint32Array.from(terms.keys()).sort((a, b) => (terms[a]! < terms[b]! ? -1 : 1));

  return {
    entries,
    indexTerms,
    groupCount,
    groupSystem: Uint8Array.from(groupSystemList),
    groupCode,
    groupEntryOffsets,
    groupEntryIds,
    groupDefaultEntry,
    codeKeys: undefined,
    docCount,
    docKind: Uint8Array.from(docKind),
    docRef: Uint32Array.from(docRef),
    docGroup: Uint32Array.from(docGroup),
    docWeight,
    termId,
    terms,
    idf,
    postingOffsets,
    postings,
    postingKind,
    sortedTermIds,
    rawWords: words,
    bigrams: undefined,
    scratch: {
      conceptBest: new Float32Array(docCount),
      conceptDocIdf: new Float32Array(docCount),
      conceptSynonym: new Uint8Array(docCount),
      total: new Float32Array(docCount),
      matchedIdf: new Float32Array(docCount),
      mask: new Uint32Array(docCount),
      synonym: new Uint8Array(docCount),
      altIdf: new Float32Array(docCount),
      altCover: new Float32Array(docCount),
      altTouched: new Uint32Array(docCount),
      touchedDocs: new Uint32Array(docCount),
      conceptTouched: new Uint32Array(docCount),
      touchedGroups: new Uint32Array(groupCount),
      groupScore: new Float32Array(groupCount),
      groupDoc: new Int32Array(groupCount),
      fuzzyCounts: new Uint16Array(termCount),
    },
  };
}

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
function mainTermVariants(path: string): Set<string> | undefined {
  const gt = path.indexOf('>');
  const head = gt < 0 ? path : path.slice(0, gt);
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
 * Collects the distinct terms of each document, in one growing flat array, with their kind
 * (0 plain, LIGHT, OPTIONAL). A class with typed-array fields keeps this hot path monomorphic.
 */
class DocumentTerms implements WordSink {
  terms = new Uint32Array(1 << 21);
  kinds = new Uint8Array(1 << 21);
  length = 0;
  /** Kind given to the words now being added (OPTIONAL for nonessential modifiers). */
  kind = 0;
  private start = 0;
  private doc = 0;
  /** Per term, the last document it was added to: de-duplicates without a Set. */
  private lastDoc = new Int32Array(1 << 15).fill(-1);
  private variants: number[] = [];

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
    if (this.length === this.terms.length) {
      const terms = new Uint32Array(this.terms.length * 2);
      terms.set(this.terms);
      this.terms = terms;
      const kinds = new Uint8Array(this.kinds.length * 2);
      kinds.set(this.kinds);
      this.kinds = kinds;
    }
    this.kinds[this.length] =
      this.kind !== 0
        ? this.kind
        : (code & 1) === 1 || (this.variants.length > 0 && this.variants.includes(id))
          ? LIGHT
          : 0;
    this.terms[this.length++] = id;
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
    const keyed = index.groupCode.map((c, g) => ({ key: codeKey(c), g }));
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.g - b.g));
    index.codeKeys = { keys: keyed.map((k) => k.key), groups: Uint32Array.from(keyed.map((k) => k.g)) };
  }
  return index.codeKeys;
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
