import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedEdits, boundedEditDistance, buildBigramIndex, fuzzyCandidates } from './fuzzy.js';
import { foldText, splitWords, stem, textTerms } from './text.js';
import { WordTable } from './word-table.js';

describe('text normalisation', () => {
  it('splits on punctuation, folds case and accents, drops the possessive s', () => {
    expect(splitWords("Ménière's disease, (poly)NEUROPATHY 2")).toEqual([
      'meniere',
      'disease',
      'poly',
      'neuropathy',
      '2',
    ]);
    expect(foldText('Ménière')).toBe('meniere');
  });

  it('stems plurals and -ed/-ing forms to one term', () => {
    expect(new Set(['fracture', 'fractures', 'fractured'].map(stem)).size).toBe(1);
    expect(stem('arteries')).toBe(stem('artery'));
    expect(stem('abscesses')).toBe(stem('abscess'));
    expect(stem('vertebrae')).toBe(stem('vertebra'));
    expect(stem('bleeding')).toBe('bleed');
    // Short words and Latin -us/-is endings are left alone.
    expect(stem('gas')).toBe('gas');
    expect(stem('mellitus')).toBe('mellitus');
    expect(stem('arthritis')).toBe('arthritis');
  });

  it('drops stop words but keeps with/without, which ICD-10-CM titles turn on', () => {
    expect(textTerms('Type 2 diabetes mellitus without complications')).toContain('without');
    expect(textTerms('Fracture of the lower end of radius')).not.toContain('of');
  });
});

describe('edit distance', () => {
  it('counts substitutions, insertions, deletions and adjacent swaps as one edit', () => {
    expect(boundedEditDistance('pneumonai', 'pneumonia', 2)).toBe(1);
    expect(boundedEditDistance('diabetis', 'diabetic', 2)).toBe(1);
    expect(boundedEditDistance('astma', 'asthma', 2)).toBe(1);
    expect(boundedEditDistance('hypertention', 'hypertension', 2)).toBe(1);
    expect(boundedEditDistance('fracture', 'fraktur', 2)).toBe(2);
    expect(boundedEditDistance('kidney', 'liver', 2)).toBe(3); // over the bound: max + 1
  });

  it('allows no edits on short words, one on mid-length, two on long ones', () => {
    expect(allowedEdits(3)).toBe(0);
    expect(allowedEdits(5)).toBe(1);
    expect(allowedEdits(9)).toBe(2);
  });

  it('is symmetric and never more than the length difference plus the shorter length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
        const d = boundedEditDistance(a, b, 20);
        expect(boundedEditDistance(b, a, 20)).toBe(d);
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(d === 0).toBe(a === b);
      }),
    );
  });

  it('finds typo candidates through the bigram index, nearest first', () => {
    const words = ['pneumonia', 'pain', 'pian', 'plan', 'asthma', 'pneumonitis'];
    const index = buildBigramIndex(words);
    const counts = new Uint16Array(words.length);
    const found = fuzzyCandidates(index, words, 'pneumonai', 2, counts).map((c) => words[c.id]);
    expect(found[0]).toBe('pneumonia');
    expect(fuzzyCandidates(index, words, 'pian', 1, counts).map((c) => words[c.id])).toEqual(
      expect.arrayContaining(['pain', 'plan']),
    );
    expect(counts.every((c) => c === 0)).toBe(true); // scratch left clean
  });
});

describe('WordTable', () => {
  it('yields the same words as splitWords, each word with one stable code', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            'Fracture',
            "Aarskog's",
            'of',
            'É',
            '(poly)',
            ' ',
            ',',
            '2',
            'x-ray',
            "O'Brien",
            's',
          ),
          { maxLength: 12 },
        ),
        (parts) => {
          const text = parts.join(' ');
          const seen: string[] = [];
          const table = new WordTable((w) => {
            seen.push(w);
            return seen.length - 1;
          });
          const codes: number[] = [];
          table.scan(text, { word: (c) => codes.push(c) });
          expect(codes.map((c) => seen[c])).toEqual(splitWords(text));
        },
      ),
    );
  });
});
