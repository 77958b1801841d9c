/**
 * Search as a coder searches: by code prefix ("E11.4", "e114", "J18") or by words in any order, with
 * typos, plurals, clinical abbreviations and lay words, over code titles and the ICD-10-CM Alphabetic
 * Index. Ranking is explained in docs/search.md.
 */
import type { CalendarDate } from '../../model/dates.js';
import type { CodeEntry, CodeSystem } from '../model.js';
import { allowedEdits, fuzzyCandidates } from './fuzzy.js';
import {
  DOC_KIND_INDEX_TERM,
  LIGHT,
  LIGHT_WEIGHT,
  OPTIONAL,
  POSTING_DOC,
  POSTING_KIND_SHIFT,
  type SearchIndex,
  bigramsOf,
  codeKey,
  codeKeysOf,
  groupSystemOf,
  scratchOf,
} from './search-index.js';
import { ABBREVIATIONS, LAY_TERMS, type SynonymKind } from './synonyms.js';
import { isStopWord, splitWords, stem, textTerms } from './text.js';

export { buildSearchIndex, type SearchIndex } from './search-index.js';

export const MATCHED_BY = ['code', 'description', 'index-term', 'synonym'] as const;
/** Why a result matched: its code, its own title, an index term, or a synonym of a query word. */
export type MatchedBy = (typeof MATCHED_BY)[number];

export interface SearchOptions {
  /** Only codes of this system. */
  system?: CodeSystem;
  /** Only billable codes (no ICD-10-CM categories or subcategories). */
  billableOnly?: boolean;
  /** Only codes valid on this date of service; the wording shown is the one in force that day. */
  date?: CalendarDate;
  /** How many results (default 10, at most 1000). */
  limit?: number;
}

export interface SearchResult {
  readonly system: CodeSystem;
  /** The code with its dot (E11.40). */
  readonly code: string;
  readonly description: string;
  readonly billable: boolean;
  /** Relative score; higher is better; comparable within one query only. */
  readonly score: number;
  readonly matchedBy: MatchedBy;
  /** The title, index term path or code that matched. */
  readonly matchedText: string;
  /** Query words read as synonyms, e.g. ["htn → hypertension"]; only when matchedBy is 'synonym'. */
  readonly synonyms?: readonly string[];
}

/** Shown instead of a CPT descriptor until the user imports a licensed CPT file. */
export const CPT_UNLICENSED_DESCRIPTION = 'description requires a CPT licence';

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 1000;
/** At most this many query words count (one bit each in a 32-bit mask). */
const MAX_CONCEPTS = 32;
const PREFIX_EXPANSIONS = 40;
/** A document that can no longer cover this share of the query's weight is not worth adding. */
const MIN_NEW_COVERAGE = 0.4;
/** How much a document's own coverage counts: 0.5 + 0.5 × (share of its words the query matched). */
const DOC_COVERAGE_FLOOR = 0.5;
/** A concept walking more postings than this may be deferred (see searchByWords). */
const DEFER_POSTINGS = 5000;
/** … in a short query (a long one rarely has `limit` documents matching every word) … */
const DEFER_MAX_WORDS = 4;
/** … when it carries at least this share of the query's weight. */
const DEFER_SHARE = 0.3;
/** Weight of the stemmed reading of a word that no text contains as typed. */
const UNSEEN_LITERAL_WEIGHT = 0.7;
const EMPTY_COVERAGE = new Float64Array(256);
/** A word found in fewer documents than this may still be a typo of a common one. */
const RARE_WORD_DF = 5;
/** Credit for matching a nonessential modifier of an index term ("(tract)" in "Infection > urinary"). */
const OPTIONAL_CREDIT = 0.5;
/** A phrase of three or more words matches a document holding this share of its idf. */
const SOFT_AND_SHARE = 0.6;
/** Weight of an abbreviation's own letters next to its expansion (0.95). */
const ABBREVIATION_LITERAL_WEIGHT = 0.6;
/** Billable codes win ties with their headers. */
const BILLABLE_BONUS = 1.02;

/** One way to read a query word: a set of index terms that must all occur in a document. */
interface Alternative {
  readonly termIds: readonly number[];
  /** Weight × the rarest term's idf: what matching this reading is worth. */
  readonly score: number;
  /** Sum of the terms' idf: how much of a document it covers. */
  readonly docIdf: number;
  readonly synonym?: string;
}

/** A query word (or phrase) and its readings; a document matches it through its best reading. */
interface Concept {
  readonly text: string;
  readonly alternatives: readonly Alternative[];
  readonly importance: number;
}

interface SynonymRule {
  readonly key: string;
  readonly kind: SynonymKind;
  readonly expansions: readonly string[];
}

/** Synonym keys as stemmed word sequences joined by spaces; longest phrase first on lookup. */
const SYNONYM_RULES: ReadonlyMap<string, SynonymRule> = (() => {
  const map = new Map<string, SynonymRule>();
  const add = (table: Readonly<Record<string, readonly string[]>>, kind: SynonymKind): void => {
    for (const [key, expansions] of Object.entries(table)) {
      const k = textTerms(key).join(' ');
      const existing = map.get(k);
      map.set(k, { key, kind, expansions: existing ? [...existing.expansions, ...expansions] : expansions });
    }
  };
  add(ABBREVIATIONS, 'abbreviation');
  add(LAY_TERMS, 'lay');
  return map;
})();
const MAX_PHRASE = 3;

/** Searches the index; see SearchOptions for the filters. */
export function search(index: SearchIndex, query: string, options: SearchOptions = {}): SearchResult[] {
  const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(options.limit ?? DEFAULT_LIMIT)));
  const byCode = searchByCode(index, query, options, limit);
  if (byCode.length > 0) return byCode;
  return searchByWords(index, query, options, limit);
}

// ---------------------------------------------------------------------------------------------
// Code prefix

const CODE_SHAPED = /^[A-Z0-9]{1,7}$/;

function searchByCode(
  index: SearchIndex,
  query: string,
  options: SearchOptions,
  limit: number,
): SearchResult[] {
  const key = codeKey(query.trim());
  if (!CODE_SHAPED.test(key) || !/\d/.test(key)) return [];
  const { keys, groups } = codeKeysOf(index);
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  const hits: { g: number; entry: CodeEntry; rank: number }[] = [];
  for (let i = lo; i < keys.length && keys[i]!.startsWith(key); i++) {
    const g = groups[i]!;
    const entry = pickEntry(index, g, options);
    if (entry) hits.push({ g, entry, rank: keys[i]!.length - key.length });
  }
  // Exact code first, then the shortest (headers before their children), then code order (stable).
  hits.sort((a, b) => a.rank - b.rank);
  return hits.slice(0, limit).map((h) => ({
    ...resultBase(h.entry),
    score: round(100 / (1 + h.rank)),
    matchedBy: 'code' as const,
    matchedText: h.entry.code,
  }));
}

// ---------------------------------------------------------------------------------------------
// Words

function searchByWords(
  index: SearchIndex,
  query: string,
  options: SearchOptions,
  limit: number,
  allowDefer = true,
): SearchResult[] {
  // Words with the fewest postings first: later, common words mostly re-rank documents already found.
  const concepts = parseQuery(index, query)
    .map((c) => ({ c, size: conceptPostings(index, c) }))
    .sort((a, b) => a.size - b.size)
    .map((x) => x.c);
  if (concepts.length === 0) return [];
  const s = scratchOf(index);
  let totalImportance = 0;
  for (const c of concepts) totalImportance += c.importance;
  // Coverage lookup: importance of every combination of matched concepts, one byte of the mask at a time.
  const coverageTables = [0, 1, 2, 3].map((byte) => {
    if (byte * 8 >= concepts.length) return EMPTY_COVERAGE;
    const table = new Float64Array(256);
    for (let m = 1; m < 256; m++) {
      const low = m & -m;
      const ci = byte * 8 + Math.log2(low);
      table[m] = table[m ^ low]! + (concepts[ci]?.importance ?? 0);
    }
    return table;
  });
  let touchedCount = 0;
  let remaining = totalImportance;
  let deferred = false;
  concepts.forEach((concept, ci) => {
    const bit = 1 << ci;
    // A document first seen now could cover at most `remaining` of the query; once that is under
    // MIN_NEW_COVERAGE and there are `limit` candidates already, it cannot reach the top: only update.
    let addNew = touchedCount < limit || remaining > MIN_NEW_COVERAGE * totalImportance;
    // A broad word ("fracture" in "broken wrist": 40,000 titles) that carries a good share of the query
    // only re-ranks the candidates found so far: a document without it covers at most 70% of the
    // query, so it cannot beat one matching every word. Checked below: with fewer than `limit`
    // documents matching every word, the search runs again without this shortcut.
    if (
      addNew &&
      allowDefer &&
      concepts.length <= DEFER_MAX_WORDS &&
      touchedCount >= limit &&
      concept.importance >= DEFER_SHARE * totalImportance &&
      conceptPostings(index, concept) > DEFER_POSTINGS
    ) {
      addNew = false;
      deferred = true;
    }
    remaining -= concept.importance;
    const only = concept.alternatives.length === 1 ? concept.alternatives[0]! : undefined;
    if (only !== undefined && only.termIds.length === 1 && only.synonym === undefined && addNew) {
      // The common case, one plain word: fold its postings straight into the totals.
      const t = only.termIds[0]!;
      const v = index.idf[t]!;
      for (let p = index.postingOffsets[t]!, end = index.postingOffsets[t + 1]!; p < end; p++) {
        const posting = index.postings[p]!;
        const d = posting & POSTING_DOC;
        const kind = posting >>> POSTING_KIND_SHIFT;
        if (s.mask[d] === 0) s.touchedDocs[touchedCount++] = d;
        s.total[d]! += kind === OPTIONAL ? only.score * OPTIONAL_CREDIT : only.score;
        s.matchedIdf[d]! += kind === 0 ? v : kind === LIGHT ? LIGHT_WEIGHT * v : 0;
        s.mask[d]! |= bit;
      }
      return;
    }
    let conceptCount = 0;
    const visit = (d: number, alt: Alternative, share: number, docIdf: number): void => {
      if (!addNew && s.mask[d] === 0) return;
      const score = alt.score * share;
      if (s.conceptBest[d] === 0) {
        s.conceptTouched[conceptCount++] = d;
        s.conceptDocIdf[d] = 0;
      }
      if (s.conceptBest[d]! < score) {
        s.conceptBest[d] = score;
        s.conceptSynonym[d] = alt.synonym === undefined ? 0 : 1;
      }
      // Coverage is taken on its own: "diabetis" read as "diabetic" scores that word's idf, while
      // "Diabetes, diabetic" is covered by reading it as "diabetes".
      if (s.conceptDocIdf[d]! < docIdf) s.conceptDocIdf[d] = docIdf;
    };
    for (const alt of concept.alternatives) {
      if (!addNew && postingLength(index, alt.termIds) > 4 * touchedCount) {
        // Few candidates, a long posting list: look each candidate up instead of walking the list.
        for (let k = 0; k < touchedCount; k++) {
          const d = s.touchedDocs[k]!;
          if (alt.termIds.every((t) => docHasTerm(index, d, t))) visit(d, alt, 1, alt.docIdf);
        }
      } else if (alt.termIds.length === 1) {
        // One word (a synonym or a typo reading): walk its postings inline, the hot loop of broad queries.
        const t = alt.termIds[0]!;
        const v = index.idf[t]!;
        for (let p = index.postingOffsets[t]!, end = index.postingOffsets[t + 1]!; p < end; p++) {
          const posting = index.postings[p]!;
          const d = posting & POSTING_DOC;
          if (!addNew && s.mask[d] === 0) continue;
          const kind = posting >>> POSTING_KIND_SHIFT;
          const score = kind === OPTIONAL ? alt.score * OPTIONAL_CREDIT : alt.score;
          const docIdf = kind === 0 ? v : kind === LIGHT ? LIGHT_WEIGHT * v : 0;
          if (s.conceptBest[d] === 0) {
            s.conceptTouched[conceptCount++] = d;
            s.conceptDocIdf[d] = 0;
          }
          if (s.conceptBest[d]! < score) {
            s.conceptBest[d] = score;
            s.conceptSynonym[d] = alt.synonym === undefined ? 0 : 1;
          }
          if (s.conceptDocIdf[d]! < docIdf) s.conceptDocIdf[d] = docIdf;
        }
      } else
        forEachDoc(index, alt.termIds, (d, share, docIdf) => {
          visit(d, alt, share, docIdf);
        });
    }
    for (let k = 0; k < conceptCount; k++) {
      const d = s.conceptTouched[k]!;
      if (s.mask[d] === 0) s.touchedDocs[touchedCount++] = d;
      s.total[d]! += s.conceptBest[d]!;
      s.matchedIdf[d]! += s.conceptDocIdf[d]!;
      s.mask[d]! |= bit;
      if (s.conceptSynonym[d] === 1) s.synonym[d]! |= 1 << Math.min(ci, 7);
      s.conceptBest[d] = 0;
    }
  });

  if (deferred) {
    const all = concepts.length >= 32 ? 0xffffffff : (1 << concepts.length) - 1;
    let complete = 0;
    for (let k = 0; k < touchedCount && complete < limit; k++)
      if (s.mask[s.touchedDocs[k]!]! >>> 0 === all >>> 0) complete += 1;
    if (complete < limit) {
      resetDocs(index, touchedCount);
      return searchByWords(index, query, options, limit, false);
    }
  }

  // Score each document, keep the best per code.
  let groupCount = 0;
  const [t0, t1, t2, t3] = coverageTables as [Float64Array, Float64Array, Float64Array, Float64Array];
  for (let k = 0; k < touchedCount; k++) {
    const d = s.touchedDocs[k]!;
    const m = s.mask[d]!;
    const covered = t0[m & 255]! + t1[(m >>> 8) & 255]! + t2[(m >>> 16) & 255]! + t3[m >>> 24]!;
    const queryCoverage = covered / totalImportance;
    const docCoverage = Math.min(1, s.matchedIdf[d]! / index.docWeight[d]!);
    const score =
      s.total[d]! *
      queryCoverage *
      queryCoverage *
      (DOC_COVERAGE_FLOOR + (1 - DOC_COVERAGE_FLOOR) * docCoverage);
    const g = index.docGroup[d]!;
    if (s.groupScore[g] === 0) {
      s.touchedGroups[groupCount++] = g;
      s.groupScore[g] = score;
      s.groupDoc[g] = d;
    } else if (score > s.groupScore[g]!) {
      s.groupScore[g] = score;
      s.groupDoc[g] = d;
    }
  }

  // Filter and take the top `limit` (a small sorted buffer: limit is small next to the candidates).
  const top: { g: number; score: number; entry: CodeEntry }[] = [];
  for (let k = 0; k < groupCount; k++) {
    const g = s.touchedGroups[k]!;
    let score = s.groupScore[g]!;
    if (top.length === limit && score * BILLABLE_BONUS <= top[top.length - 1]!.score) continue;
    const entry = pickEntry(index, g, options);
    if (!entry) continue;
    // A billable code is what a coder ends up choosing: prefer it to its header on a tie.
    if (entry.billable) score *= BILLABLE_BONUS;
    if (top.length === limit && score <= top[top.length - 1]!.score) continue;
    let i = top.length;
    while (i > 0 && top[i - 1]!.score < score) i--;
    top.splice(i, 0, { g, score, entry });
    if (top.length > limit) top.pop();
  }

  const results = top.map(({ g, score, entry }) => {
    const d = s.groupDoc[g]!;
    const fromIndex = index.docKind[d] === DOC_KIND_INDEX_TERM;
    const matchedText = fromIndex
      ? index.indexTerms[index.docRef[d]!]!.path
      : describe(index.entries[index.docRef[d]!]!);
    const synonyms: string[] = [];
    if (s.synonym[d] !== 0) {
      concepts.forEach((c, ci) => {
        if ((s.synonym[d]! >>> Math.min(ci, 7)) & 1 && (s.mask[d]! >>> ci) & 1) {
          // The reading that explains the match: the synonym with most of its words in the document.
          let used: string | undefined;
          let most = 0;
          for (const a of c.alternatives) {
            if (a.synonym === undefined) continue;
            const held = a.termIds.filter((t) => docHasTerm(index, d, t)).length / a.termIds.length;
            if (held > most) {
              most = held;
              used = a.synonym;
            }
          }
          if (used !== undefined) synonyms.push(used);
        }
      });
    }
    const base = { ...resultBase(entry), score: round(score), matchedText };
    return synonyms.length > 0
      ? { ...base, matchedBy: 'synonym' as const, synonyms }
      : { ...base, matchedBy: fromIndex ? ('index-term' as const) : ('description' as const) };
  });

  // Reset the scratch buffers for the next query.
  resetDocs(index, touchedCount);
  for (let k = 0; k < groupCount; k++) s.groupScore[s.touchedGroups[k]!] = 0;
  return results;
}

/** Clears the per-document scratch of the first `count` touched documents. */
function resetDocs(index: SearchIndex, count: number): void {
  const s = scratchOf(index);
  for (let k = 0; k < count; k++) {
    const d = s.touchedDocs[k]!;
    s.total[d] = 0;
    s.matchedIdf[d] = 0;
    s.mask[d] = 0;
    s.synonym[d] = 0;
  }
}

/** How many postings a concept's readings walk (the rarest word of each phrase). */
function conceptPostings(index: SearchIndex, concept: Concept): number {
  let n = 0;
  for (const a of concept.alternatives) n += postingLength(index, a.termIds);
  return n;
}

/** Number of postings of the rarest of `termIds` (an upper bound on the documents holding all). */
function postingLength(index: SearchIndex, termIds: readonly number[]): number {
  let min = Infinity;
  for (const t of termIds) min = Math.min(min, index.postingOffsets[t + 1]! - index.postingOffsets[t]!);
  return min;
}

/**
 * Calls `visit` for every document that holds `termIds` — all of them for one or two terms, and for
 * longer phrases the rarest one and enough of the others to carry SOFT_AND_SHARE of the phrase's idf
 * (a title may say "infection of urinary tract" or "urinary infection"). `share` is the part of the
 * phrase's idf the document holds.
 */
function forEachDoc(
  index: SearchIndex,
  termIds: readonly number[],
  visit: (d: number, share: number, docIdf: number) => void,
): void {
  const { postingOffsets, postings, idf } = index;
  // What a match covers of the document: its weight there (see docWeight in search-index.ts).
  if (termIds.length === 1) {
    const t = termIds[0]!;
    const v = idf[t]!;
    for (let p = postingOffsets[t]!, end = postingOffsets[t + 1]!; p < end; p++) {
      const posting = postings[p]!;
      const kind = posting >>> POSTING_KIND_SHIFT;
      const d = posting & POSTING_DOC;
      if (kind === 0) visit(d, 1, v);
      else if (kind === LIGHT) visit(d, 1, LIGHT_WEIGHT * v);
      else visit(d, OPTIONAL_CREDIT, 0);
    }
    return;
  }
  const { altCover: cover, altIdf: acc, altTouched: touched } = scratchOf(index);
  let total = 0;
  for (const t of termIds) total += idf[t]!;
  const need = termIds.length <= 2 ? total - 1e-6 : SOFT_AND_SHARE * total;
  // The rarest word of a phrase is the one that tells it apart ("radius" in "radius lower end": "lower
  // end" alone is any long bone): a document must hold it. Walk its postings (the fewest) and look
  // the other words up per candidate.
  const ordered = [...termIds].sort((x, y) => idf[y]! - idf[x]!);
  const walked = 1;
  let count = 0;
  const add = (d: number, kind: number, v: number): void => {
    acc[d]! += kind === OPTIONAL ? v * OPTIONAL_CREDIT : v;
    cover[d]! += kind === 0 ? v : kind === LIGHT ? LIGHT_WEIGHT * v : 0;
  };
  for (let k = 0; k < walked; k++) {
    const t = ordered[k]!;
    const v = idf[t]!;
    for (let p = postingOffsets[t]!, end = postingOffsets[t + 1]!; p < end; p++) {
      const posting = postings[p]!;
      const d = posting & POSTING_DOC;
      if (acc[d] === 0) touched[count++] = d;
      add(d, posting >>> POSTING_KIND_SHIFT, v);
    }
  }
  for (let i = 0; i < count; i++) {
    const d = touched[i]!;
    for (let k = walked; k < ordered.length; k++) {
      const t = ordered[k]!;
      const p = postingOf(index, d, t);
      if (p >= 0) add(d, postings[p]! >>> POSTING_KIND_SHIFT, idf[t]!);
    }
    const got = acc[d]!;
    if (got >= need) visit(d, got / total, cover[d]!);
    acc[d] = 0;
    cover[d] = 0;
  }
}

/** Position of document `d` in term `t`'s sorted postings, or −1 (binary search). */
function postingOf(index: SearchIndex, d: number, t: number): number {
  let lo = index.postingOffsets[t]!;
  let hi = index.postingOffsets[t + 1]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = index.postings[mid]! & POSTING_DOC;
    if (v === d) return mid;
    if (v < d) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

/** True when document `d` contains term `t`. */
function docHasTerm(index: SearchIndex, d: number, t: number): boolean {
  return postingOf(index, d, t) >= 0;
}

// ---------------------------------------------------------------------------------------------
// Query parsing

/** Turns the query into concepts: synonym phrases first (longest match), then single words. */
function parseQuery(index: SearchIndex, query: string): Concept[] {
  const words = splitWords(query).filter((w) => !isStopWord(w));
  const stems = words.map(stem);
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  let i = 0;
  while (i < words.length && concepts.length < MAX_CONCEPTS) {
    let consumed = 0;
    for (let n = Math.min(MAX_PHRASE, words.length - i); n >= 2 && consumed === 0; n--) {
      const rule = SYNONYM_RULES.get(stems.slice(i, i + n).join(' '));
      if (rule) {
        const literal = literalAlternative(index, stems.slice(i, i + n));
        const concept = makeConcept(words.slice(i, i + n).join(' '), [
          ...(literal ? [literal] : []),
          ...synonymAlternatives(index, rule),
        ]);
        if (concept) concepts.push(concept);
        consumed = n;
      }
    }
    if (consumed === 0) {
      // A repeated word ("with … with") says nothing new.
      if (!seen.has(stems[i]!)) {
        const concept = wordConcept(index, words[i]!, stems[i]!);
        if (concept) concepts.push(concept);
      }
      seen.add(stems[i]!);
      consumed = 1;
    }
    i += consumed;
  }
  return concepts;
}

function wordConcept(index: SearchIndex, word: string, stemmed: string): Concept | undefined {
  const alternatives: Alternative[] = [];
  const rule = SYNONYM_RULES.get(stemmed);
  // An abbreviation spelt out in a title ("hypertension (htn) measures group") is rarer than the
  // condition itself: the expansion counts more than the letters.
  // A word no text contains as typed may be a typo that stems onto a real word ("migrane" → "migran",
  // the stem of "migrans"): its literal reading then counts less and typo readings are tried too.
  const unseen = !index.rawWords.has(word);
  const literalWeight =
    rule?.kind === 'abbreviation' ? ABBREVIATION_LITERAL_WEIGHT : unseen ? UNSEEN_LITERAL_WEIGHT : 1;
  const literal = literalAlternative(index, [stemmed], literalWeight);
  if (literal) alternatives.push(literal);
  if (rule) alternatives.push(...synonymAlternatives(index, rule));
  // (Only short rare words: a long rare word such as "treacher" is a real term, not a typo.)
  const rareShort =
    literal !== undefined && word.length <= 6 && documentFrequency(index, literal.termIds[0]!) < RARE_WORD_DF;
  if (!rule && (!literal || unseen || rareShort)) {
    // Not a known word, or a very rare one ("pian" for "pain"): perhaps a typo (edit distance 1–2 on
    // longer words); failing that, the start of a word.
    // A real but rare word gets one edit at most ("pian" → "pain"): cheaper, and fewer false fixes.
    alternatives.push(...typoAlternatives(index, word, stemmed, literal !== undefined && !unseen ? 1 : 2));
    if (alternatives.length === 0) alternatives.push(...prefixAlternatives(index, word));
  }
  return makeConcept(word, alternatives);
}

function documentFrequency(index: SearchIndex, t: number): number {
  return index.postingOffsets[t + 1]! - index.postingOffsets[t]!;
}

function makeConcept(text: string, alternatives: Alternative[]): Concept | undefined {
  if (alternatives.length === 0) return undefined;
  let importance = 0;
  for (const a of alternatives) importance = Math.max(importance, a.score);
  return { text, alternatives, importance };
}

function alternative(
  index: SearchIndex,
  termIds: readonly number[],
  weight: number,
  synonym?: string,
): Alternative {
  let maxIdf = 0;
  let sum = 0;
  for (const t of termIds) {
    const v = index.idf[t]!;
    sum += v;
    if (v > maxIdf) maxIdf = v;
  }
  return synonym === undefined
    ? { termIds, score: weight * maxIdf, docIdf: sum }
    : { termIds, score: weight * maxIdf, docIdf: sum, synonym };
}

function literalAlternative(
  index: SearchIndex,
  stems: readonly string[],
  weight = 1,
): Alternative | undefined {
  const ids: number[] = [];
  for (const st of stems) {
    const id = index.termId.get(st);
    if (id === undefined) return undefined;
    ids.push(id);
  }
  return alternative(index, ids, weight);
}

function synonymAlternatives(index: SearchIndex, rule: SynonymRule): Alternative[] {
  const out: Alternative[] = [];
  // Expansions are listed most likely first; each later one counts a little less.
  const base = rule.kind === 'abbreviation' ? 0.95 : 0.9;
  for (const [i, phrase] of rule.expansions.entries()) {
    const weight = base - 0.05 * i;
    const ids = textTerms(phrase).map((t) => index.termId.get(t));
    if (ids.length === 0 || ids.some((id) => id === undefined)) continue;
    out.push(alternative(index, ids as number[], weight, `${rule.key} → ${phrase}`));
  }
  return out;
}

function typoAlternatives(index: SearchIndex, word: string, stemmed: string, editCap: number): Alternative[] {
  const maxEdits = Math.min(editCap, allowedEdits(word.length));
  if (maxEdits === 0) return [];
  const bigrams = bigramsOf(index);
  const found = new Map<number, number>();
  // The word as typed, stemmed, and without a final "s" ("diabetis" is one edit from "diabet").
  const forms = new Set([word, stemmed, word.endsWith('s') ? word.slice(0, -1) : word]);
  for (const form of forms) {
    for (const c of fuzzyCandidates(bigrams, index.terms, form, maxEdits, scratchOf(index).fuzzyCounts)) {
      const prev = found.get(c.id);
      if (prev === undefined || c.distance < prev) found.set(c.id, c.distance);
    }
  }
  if (found.size === 0) return [];
  const best = Math.min(...found.values());
  // Keep the nearest words only (and at most a handful): a typo is one word, not every neighbour.
  const nearest = [...found.entries()]
    .filter(([, d]) => d === best)
    .map(([id]) => id)
    .sort((a, b) => index.idf[a]! - index.idf[b]!)
    .slice(0, 6);
  // A rare neighbour must not outscore a common one for being rare: every reading is worth the
  // commonest one's idf, with a small bonus for frequency (the likelier correction: "migrane" is
  // "migraine" rather than "migrant").
  const weight = best === 1 ? 0.8 : 0.65;
  const base = index.idf[nearest[0]!]!;
  return nearest.map((id) => {
    const df = documentFrequency(index, id);
    return { termIds: [id], score: weight * base * (1 + 0.05 * Math.log10(1 + df)), docIdf: index.idf[id]! };
  });
}

function prefixAlternatives(index: SearchIndex, word: string): Alternative[] {
  if (word.length < 3) return [];
  const ids = index.sortedTermIds;
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (index.terms[ids[mid]!]! < word) lo = mid + 1;
    else hi = mid;
  }
  const found: number[] = [];
  for (let i = lo; i < ids.length && index.terms[ids[i]!]!.startsWith(word); i++) found.push(ids[i]!);
  // The most common completions are the likeliest.
  found.sort((a, b) => index.idf[a]! - index.idf[b]!);
  return found.slice(0, PREFIX_EXPANSIONS).map((id) => alternative(index, [id], 0.75));
}

// ---------------------------------------------------------------------------------------------
// Results

/** The entry of group `g` that passes the filters (the one in force on the date), if any. */
function pickEntry(index: SearchIndex, g: number, options: SearchOptions): CodeEntry | undefined {
  if (options.system !== undefined && groupSystemOf(index, g) !== options.system) return undefined;
  let entry: CodeEntry | undefined;
  if (options.date === undefined) entry = index.entries[index.groupDefaultEntry[g]!];
  else {
    const date = options.date;
    for (let p = index.groupEntryOffsets[g]!, end = index.groupEntryOffsets[g + 1]!; p < end; p++) {
      const e = index.entries[index.groupEntryIds[p]!]!;
      if (
        (e.validFrom === undefined || e.validFrom <= date) &&
        (e.validTo === undefined || date <= e.validTo)
      ) {
        entry = e;
        break;
      }
    }
  }
  if (entry === undefined) return undefined;
  if (options.billableOnly === true && !entry.billable) return undefined;
  return entry;
}

function describe(entry: CodeEntry): string {
  if (entry.system === 'CPT' && entry.descriptionLicensed !== true) return CPT_UNLICENSED_DESCRIPTION;
  return entry.longDescription !== '' ? entry.longDescription : entry.shortDescription;
}

function resultBase(entry: CodeEntry): Pick<SearchResult, 'system' | 'code' | 'description' | 'billable'> {
  return { system: entry.system, code: entry.code, description: describe(entry), billable: entry.billable };
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
