import { describe, expect, it } from 'vitest';
import { DEFAULT_DELIMITERS } from './segment.js';
import { serializeSegment, serializeSegments } from './writer.js';

describe('serializeSegments', () => {
  const segs = [{ elements: ['ST', '835', '0001'] }, { elements: ['SVC', 'HC:99213:25', '100', '80'] }, { elements: ['SE', '3', '0001'] }];

  it('joins elements and terminates each segment', () => {
    expect(serializeSegments(segs, DEFAULT_DELIMITERS)).toBe('ST*835*0001~SVC*HC:99213:25*100*80~SE*3*0001~');
    expect(serializeSegment(segs[0]!, { ...DEFAULT_DELIMITERS, element: '|', segment: '!' })).toBe('ST|835|0001!');
  });

  it('adds a line break after each segment, optionally not after the last', () => {
    expect(serializeSegments(segs, DEFAULT_DELIMITERS, { lineBreak: '\r\n' })).toBe('ST*835*0001~\r\nSVC*HC:99213:25*100*80~\r\nSE*3*0001~\r\n');
    expect(serializeSegments(segs, DEFAULT_DELIMITERS, { lineBreak: '\n', trailingLineBreak: false })).toBe(
      'ST*835*0001~\nSVC*HC:99213:25*100*80~\nSE*3*0001~',
    );
    expect(serializeSegments([], DEFAULT_DELIMITERS, { lineBreak: '\n' })).toBe('');
  });
});
