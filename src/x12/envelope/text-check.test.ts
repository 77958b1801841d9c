import { describe, expect, it } from 'vitest';
import type { Problem } from '../../model/problem.js';
import { DEFAULT_DELIMITERS } from '../syntax/segment.js';
import { checkDelimitersInText, delimiterScan } from './text-check.js';
import { SegmentListSink, TextSink } from './segment-builder.js';

describe('delimiterScan', () => {
  it('finds each delimiter and line break, and agrees with the general walk', () => {
    const sets = [
      DEFAULT_DELIMITERS,
      { element: '|', component: '>', repetition: '!', segment: "'" },
      // A delimiter above ASCII goes through the slower list, not the table.
      { element: '§', component: ':', repetition: '^', segment: '~' },
    ];
    const texts = [
      'ACME HEALTH',
      'O*BRIEN',
      'A:B',
      'X^Y',
      'END~',
      'A|B',
      'A>B',
      "O'NEIL",
      'A!B',
      'A§B',
      'L1\nL2',
      'CR\r',
      '',
      undefined,
    ];
    for (const d of sets) {
      const has = delimiterScan(d)!;
      for (const text of texts) {
        const problems: Problem[] = [];
        checkDelimitersInText({ text }, d, '', problems);
        expect(has(text), `${JSON.stringify(text)} with ${JSON.stringify(d)}`).toBe(problems.length > 0);
      }
    }
  });

  it('is not offered for delimiters that are not single characters', () => {
    expect(delimiterScan({ ...DEFAULT_DELIMITERS, segment: '~\n' })).toBeUndefined();
  });
});

describe('TextSink', () => {
  it('writes the same text as joining the Segment objects, trailing empty elements left off', () => {
    const d = { element: '|', component: '>', repetition: '!', segment: '~' };
    const text = new TextSink(d, '\n');
    const list = new SegmentListSink();
    const rows: [string, ...(string | undefined)[]][] = [
      ['NM1', 'IL', '1', 'DOE', undefined, '', undefined, undefined, 'MI', 'M1'],
      ['REF', '6R', 'L1', '', undefined],
      ['LX'],
      ['PER', 'IC', '', 'TE', '5551212'],
      ['X', undefined, '', undefined],
    ];
    for (const [id, ...elements] of rows) {
      text.add(id, ...elements);
      list.add(id, ...elements);
    }
    const body = text.render();
    expect(body.segmentCount).toBe(rows.length);
    expect(body.text).toBe(list.segments.map((s) => `${s.elements.join('|')}~\n`).join(''));
    expect(body.text).toBe('NM1|IL|1|DOE|||||MI|M1~\nREF|6R|L1~\nLX~\nPER|IC||TE|5551212~\nX~\n');
  });
});
