import { describe, expect, it } from 'vitest';
import { readGeneric } from './generic.js';
import { readerFor, READERS, resultProblems } from './readers.js';
import { parseX12 } from './syntax/parse.js';
import { readX12Fixture } from './testing/fixtures.js';

describe('reader registry', () => {
  it('dispatches 835 and 999 and turns findings into problems', () => {
    expect(READERS.map((r) => r.transactionSetId)).toEqual(['835', '999', '271', '277', '277', '837']);
    expect(readerFor('270')).toBeUndefined();
    expect(readerFor('277', '005010X212')!.description).toMatch(/status/);
    expect(readerFor('277', '005010X214')!.description).toMatch(/277CA/);
    const r = readerFor('835')!.read(readX12Fixture('835/mjpete3__x12__tc_parse_835_MESSAGE1.edi'));
    const problems = resultProblems(r);
    expect(problems.map((p) => p.code)).toEqual(['x12.group.5', 'x12.interchange.001', 'x12.835.payment-imbalance']);
    expect(problems[0]).toMatchObject({ path: 'segment 47 (GE) element 1', ruleId: 'x12.AK905' });
  });
});

describe('readGeneric', () => {
  it('gives envelopes, segments and the HL hierarchy of an 837P', () => {
    const g = readGeneric(parseX12(readX12Fixture('837P/xlate__staedi__sample837-original.edi')));
    const t = g.interchanges[0]!.groups[0]!.transactions[0]!;
    expect(t.id).toBe('837');
    expect(t.segments[0]!.elements[0]).toBe('ST');
    expect(t.segments.at(-1)!.elements[0]).toBe('SE');
    expect(t.hierarchy.map((h) => [h.id, h.parentId, h.levelCode])).toEqual(
      t.segments.filter((s) => s.elements[0] === 'HL').map((s) => [s.elements[1], s.elements[2] || undefined, s.elements[3]]),
    );
    for (const h of t.hierarchy) expect(h.lastSegment).toBeGreaterThanOrEqual(h.firstSegment);
  });
});
