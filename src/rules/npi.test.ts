import { describe, expect, it } from 'vitest';
import { isValidNpi } from './npi.js';

describe('isValidNpi', () => {
  it('accepts the CMS example NPI and real-shaped NPIs', () => {
    expect(isValidNpi('1234567893')).toBe(true);
    expect(isValidNpi('1245319599')).toBe(true);
  });
  it('rejects a wrong check digit, wrong length and non-digits', () => {
    for (let d = 0; d <= 9; d++) if (d !== 3) expect(isValidNpi(`123456789${d}`)).toBe(false);
    expect(isValidNpi('123456789')).toBe(false);
    expect(isValidNpi('12345678931')).toBe(false);
    expect(isValidNpi('12345A7893')).toBe(false);
  });
});
