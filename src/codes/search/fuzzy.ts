/**
 * Typo tolerance: a bounded Damerau–Levenshtein distance (adjacent swaps count 1, so "pneumonai" is
 * one edit from "pneumonia") and a bigram index over the vocabulary that proposes candidates, so a
 * misspelt word is compared with a few hundred words, not the whole vocabulary.
 */

/**
 * Optimal-string-alignment distance between `a` and `b`, or `max + 1` as soon as it must exceed `max`.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  // Three rolling rows (the one before last is needed for transpositions), reused between calls.
  if (m + 1 > rows[0]!.length) for (let r = 0; r < 3; r++) rows[r] = new Int32Array(2 * (m + 1));
  let prev2 = rows[0]!;
  let prev = rows[1]!;
  let cur = rows[2]!;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb)
        v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m]!;
}

const rows: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** How many edits a word of this length may carry: none under 4 letters, 1 up to 6, else 2. */
export function allowedEdits(length: number): number {
  if (length < 4) return 0;
  return length <= 6 ? 1 : 2;
}

/** Bigram → word ids over a vocabulary (compressed sparse rows: offsets + ids). */
export interface BigramIndex {
  readonly offsets: Uint32Array;
  readonly ids: Uint32Array;
}

const ALPHABET = 37; // a–z, 0–9 and the word-boundary marker

function charSlot(code: number): number {
  if (code >= 97 && code <= 122) return code - 97;
  if (code >= 48 && code <= 57) return code - 48 + 26;
  return 36;
}

/** Bigram keys of a word padded with boundary markers ("^p", "pn", …, "a$"). */
function bigramKeys(word: string): number[] {
  const keys: number[] = [];
  let prev = 36;
  for (let i = 0; i < word.length; i++) {
    const c = charSlot(word.charCodeAt(i));
    keys.push(prev * ALPHABET + c);
    prev = c;
  }
  keys.push(prev * ALPHABET + 36);
  return keys;
}

/** Builds the bigram index of a vocabulary. */
export function buildBigramIndex(words: readonly string[]): BigramIndex {
  const size = ALPHABET * ALPHABET;
  const counts = new Uint32Array(size + 1);
  const perWord: number[][] = words.map((w) => [...new Set(bigramKeys(w))]);
  for (const keys of perWord) for (const k of keys) counts[k + 1]! += 1;
  for (let k = 1; k <= size; k++) counts[k]! += counts[k - 1]!;
  const offsets = counts.slice();
  const fill = counts.slice(0, size);
  const ids = new Uint32Array(offsets[size]!);
  perWord.forEach((keys, id) => {
    for (const k of keys) ids[fill[k]!++] = id;
  });
  return { offsets, ids };
}

/**
 * Words of the vocabulary within the allowed edit distance of `word`, nearest first.
 * A word within d edits shares at least (bigrams − 3d) of its bigrams, which prunes the comparison.
 */
export function fuzzyCandidates(
  index: BigramIndex,
  words: readonly string[],
  word: string,
  maxEdits: number,
  counts: Uint16Array,
): { id: number; distance: number }[] {
  if (maxEdits <= 0) return [];
  const keys = [...new Set(bigramKeys(word))];
  // An edit changes at most two bigrams, an adjacent swap three ("pian" / "pain").
  const need = Math.max(1, keys.length - 3 * maxEdits);
  const touched: number[] = [];
  for (const k of keys) {
    for (let p = index.offsets[k]!, end = index.offsets[k + 1]!; p < end; p++) {
      const id = index.ids[p]!;
      if (counts[id] === 0) touched.push(id);
      counts[id]! += 1;
    }
  }
  const out: { id: number; distance: number }[] = [];
  for (const id of touched) {
    if (counts[id]! >= need) {
      const d = boundedEditDistance(word, words[id]!, maxEdits);
      if (d <= maxEdits && d > 0) out.push({ id, distance: d });
    }
    counts[id] = 0;
  }
  return out.sort((x, y) => x.distance - y.distance);
}
