import { describe, expect, it } from 'vitest';
import { candidateSystems, normalizeCode, squeezeCode } from './normalize.js';

describe('normalizeCode', () => {
  it('accepts ICD-10-CM codes with or without the dot, any case, with spaces', () => {
    for (const text of ['e1140', 'E11.40', ' e11.40 ', 'E 11 40', 'e11.40-'])
      expect(normalizeCode('ICD-10-CM', text)).toBe('E11.40');
    expect(normalizeCode('ICD-10-CM', 'i10')).toBe('I10');
    expect(normalizeCode('ICD-10-CM', 's52501a')).toBe('S52.501A');
    expect(normalizeCode('ICD-10-CM', 'qa0')).toBe('QA0');
  });

  it('rejects text that cannot be an ICD-10-CM code', () => {
    for (const text of ['E1', '11.40', 'E11.40ABC', '', 'EE.1'])
      expect(normalizeCode('ICD-10-CM', text)).toBeUndefined();
  });

  it('normalises HCPCS and CPT to five characters', () => {
    expect(normalizeCode('HCPCS', 'j3490')).toBe('J3490');
    expect(normalizeCode('HCPCS', 'J349')).toBeUndefined();
    expect(normalizeCode('CPT', ' 99213 ')).toBe('99213');
    expect(normalizeCode('CPT', '0001f')).toBe('0001F');
    expect(normalizeCode('CPT', '9921')).toBeUndefined();
  });

  it('lists the systems a text could belong to; a dot means ICD-10-CM only', () => {
    expect(candidateSystems('A0100')).toEqual(['ICD-10-CM', 'HCPCS']);
    expect(candidateSystems('A01.00')).toEqual(['ICD-10-CM']);
    expect(candidateSystems('99213')).toEqual(['CPT']);
    expect(candidateSystems('hello world')).toEqual([]);
    expect(squeezeCode(' e11. 40 ')).toBe('E1140');
  });
});
