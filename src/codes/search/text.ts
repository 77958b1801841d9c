/**
 * Text normalisation shared by the index and the query: lower case, ASCII folding, word splitting,
 * a light stemmer (plurals and -ing/-ed) and a short stop list. The same function runs on both sides,
 * so "fractures", "fractured" and "fracture" meet at "fractur".
 */

/** Words too common in code titles and index paths to help ranking. "with"/"without" are kept:
 * ICD-10-CM titles turn on them (E11.40 "with" vs E11.9 "without complications"). */
const STOP_WORDS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'into',
  'is',
  'of',
  'on',
  'or',
  'the',
  'to',
]);

/** True when a (lower-case) word is on the stop list. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Lower-cases and folds accents (Ménière → meniere) so the split below sees plain ASCII. */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  // Only pay for NFD when there is something outside ASCII.

  if (/^[\x00-\x7f]*$/.test(lower)) return lower;
  return lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/**
 * Calls `visit` with each word of a text: runs of letters and digits after folding, without the
 * possessive "s" ("Aarskog's" → "aarskog"). A hand-written scanner, not a regex split: the index
 * tokenises about 1.4 million words at start-up.
 */
export function forEachWord(text: string, visit: (word: string) => void): void {
  const t = foldText(text);
  const n = t.length;
  let start = -1;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? t.charCodeAt(i) : 32;
    const alnum = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (alnum) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      visit(t.slice(start, i));
      start = -1;
    }
    // Possessive: skip "'s" when a word ends there.
    if ((c === 39 || c === 0x2019) && i + 1 < n && t.charCodeAt(i + 1) === 115) {
      const after = i + 2 < n ? t.charCodeAt(i + 2) : 32;
      if (!((after >= 97 && after <= 122) || (after >= 48 && after <= 57))) i += 1;
    }
  }
}

/** Splits folded text into words (see forEachWord). */
export function splitWords(text: string): string[] {
  const out: string[] = [];
  forEachWord(text, (w) => out.push(w));
  return out;
}

/**
 * A light stemmer for English clinical words: plural endings and -ing/-ed on longer words.
 * Deliberately weaker than Porter: "infection" and "infected" must not both become "infect" with
 * "infective" and "infectious" left apart, and short words (gas, pus, iris) stay as they are.
 */
export function stem(word: string): string {
  const n = word.length;
  if (n <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && n > 4)
    w = `${w.slice(0, -3)}y`; // arteries → artery
  else if (w.endsWith('sses'))
    w = w.slice(0, -2); // abscesses → abscess
  else if (/(?:ch|sh|x|z)es$/.test(w))
    w = w.slice(0, -2); // reflexes → reflex
  else if (w.endsWith('ae') && n > 5)
    w = w.slice(0, -1); // vertebrae → vertebra
  else if (n >= 6 && w.endsWith('ing'))
    w = w.slice(0, -3); // bleeding → bleed
  else if (n >= 6 && w.endsWith('ied'))
    w = `${w.slice(0, -3)}y`; // specified → specify
  else if (n >= 6 && w.endsWith('ed') && !w.endsWith('eed'))
    w = w.slice(0, -2); // infected → infect
  else if (w.endsWith('ias'))
    w = w.slice(0, -1); // hernias → hernia (but pancreas, atlas stay)
  else if (w.endsWith('s') && !/(?:ss|us|is|ys|as|os)$/.test(w)) w = w.slice(0, -1); // fractures → fracture
  // A final silent e goes, so "fracture", "fractured" and "fractures" all meet at "fractur".
  if (w.length > 4 && w.endsWith('e') && !w.endsWith('ee')) w = w.slice(0, -1);
  return w;
}

/** Words of a text, stemmed, without stop words: the terms the index stores. */
export function textTerms(text: string): string[] {
  const out: string[] = [];
  for (const w of splitWords(text)) if (!STOP_WORDS.has(w)) out.push(stem(w));
  return out;
}
