/**
 * Tokenising ~170,000 titles and index paths (1.4 million words) at start-up is the bulk of the index
 * build. This scanner reads a text's characters once, hashes each word as it goes and looks it up in
 * an open-addressing table of the words seen so far, so a known word costs no string allocation and
 * no Map lookup; only new words are sliced, normalised and stemmed (by the caller's `classify`).
 * The words it yields are the same as `forEachWord` in text.ts (see word-table.test.ts).
 */
import { foldText } from './text.js';

/** Receives the code of each word scanned. */
export interface WordSink {
  word(code: number): void;
}

/** Raw word → a caller-defined code (e.g. a term id, or −1 for a stop word). */
export class WordTable {
  private slots: Int32Array;
  private words: (string | undefined)[];
  private codes: Int32Array;
  private count = 0;
  private readonly classify: (word: string) => number;

  /** `classify` gives the code of a word the first time it is seen. */
  constructor(classify: (word: string) => number, capacityPow2 = 16) {
    this.slots = new Int32Array(1 << capacityPow2).fill(-1);
    this.words = [];
    this.codes = new Int32Array(1 << (capacityPow2 - 1));
    this.classify = classify;
  }

  /** Gives `sink` the code of each word of `text`. */
  scan(text: string, sink: WordSink): void {
    const n = text.length;
    for (let i = 0; i < n; i++) {
      if (text.charCodeAt(i) > 127) {
        this.scanAscii(foldText(text), sink);
        return;
      }
    }
    this.scanAscii(text, sink);
  }

  /** The code of one (lower-case) word, adding it when new. */
  codeOf(word: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
    return this.lookup(word, 0, word.length, h >>> 0);
  }

  private scanAscii(text: string, sink: WordSink): void {
    const n = text.length;
    let start = -1;
    let hash = 0;
    for (let i = 0; i <= n; i++) {
      let c = i < n ? text.charCodeAt(i) : 32;
      if (c >= 65 && c <= 90) c += 32;
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
        if (start < 0) {
          start = i;
          hash = 0x811c9dc5;
        }
        hash = Math.imul(hash ^ c, 0x01000193);
        continue;
      }
      if (start >= 0) {
        sink.word(this.lookup(text, start, i, hash >>> 0));
        start = -1;
      }
      // Possessive: skip "'s" when a word ends there ("Aarskog's syndrome").
      if ((c === 39 || c === 0x2019) && i + 1 < n && (text.charCodeAt(i + 1) | 32) === 115) {
        const after = i + 2 < n ? text.charCodeAt(i + 2) | 32 : 32;
        if (!((after >= 97 && after <= 122) || (after >= 48 && after <= 57))) i += 1;
      }
    }
  }

  /** True when this (lower-case) word has been seen in a scanned text. */
  has(word: string): boolean {
    let h = 0x811c9dc5;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
    const mask = this.slots.length - 1;
    for (let slot = (h >>> 0) & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot]!;
      if (id < 0) return false;
      if (this.words[id] === word) return true;
    }
  }

  private lookup(text: string, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const id = this.slots[slot]!;
      if (id < 0) break;
      if (sameWord(this.words[id]!, text, start, end)) return this.codes[id]!;
      slot = (slot + 1) & mask;
    }
    const word = text.slice(start, end).toLowerCase();
    const id = this.count++;
    if (id >= this.codes.length) {
      const bigger = new Int32Array(this.codes.length * 2);
      bigger.set(this.codes);
      this.codes = bigger;
    }
    this.words.push(word);
    const code = this.classify(word);
    this.codes[id] = code;
    this.slots[slot] = id;
    if (this.count * 2 > this.slots.length) this.rehash();
    return code;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    this.words.forEach((w, id) => {
      let h = 0x811c9dc5;
      for (let i = 0; i < w!.length; i++) h = Math.imul(h ^ w!.charCodeAt(i), 0x01000193);
      let slot = (h >>> 0) & mask;
      while (slots[slot]! >= 0) slot = (slot + 1) & mask;
      slots[slot] = id;
    });
    this.slots = slots;
  }
}

/** True when `word` (lower case) equals text[start, end) ignoring ASCII case. */
function sameWord(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let i = 0; i < word.length; i++) {
    let c = text.charCodeAt(start + i);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== word.charCodeAt(i)) return false;
  }
  return true;
}
