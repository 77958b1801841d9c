/**
 * One search index per loaded CodeSets, built on first use and kept as long as the CodeSets is
 * (a CPT import reloads the code sets, so the index is rebuilt with the licensed descriptors).
 */
import type { CodeSets } from '../code-sets.js';
import { buildSearchIndex, type SearchIndex } from './search-index.js';

const built = new WeakMap<CodeSets, SearchIndex>();

/** The search index of these code sets (built once). */
export function searchIndexFor(codeSets: CodeSets): SearchIndex {
  let index = built.get(codeSets);
  if (index === undefined) {
    index = buildSearchIndex(codeSets.entries(), codeSets.indexTerms());
    built.set(codeSets, index);
  }
  return index;
}
