import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '../../model/dates.js';
import { hiCode } from './common-writer.js';
import { isAbsentOrRealDate, isDigits, isValidNpi } from './validate-common.js';

describe('fast shape checks', () => {
  it('isAbsentOrRealDate agrees with isCalendarDate on dates, near-dates and noise', () => {
    const dateLike = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
      )
      .map(
        ([y, m, d]) =>
          `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      );
    fc.assert(
      fc.property(fc.oneof(dateLike, fc.string({ maxLength: 12 })), (text) => {
        expect(isAbsentOrRealDate(text)).toBe(isCalendarDate(text));
      }),
      { numRuns: 5000 },
    );
    for (const text of ['2024-02-29', '2023-02-29', '1900-02-29', '2000-02-29', '2026-04-31', '2026-1-01'])
      expect(isAbsentOrRealDate(text), text).toBe(isCalendarDate(text));
    expect(isAbsentOrRealDate(undefined)).toBe(true);
  });

  it('isDigits is /^\\d{n}$/', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 11 }), fc.integer({ min: 0, max: 11 }), (text, n) => {
        expect(isDigits(text, n)).toBe(new RegExp(`^\\d{${n}}$`).test(text));
      }),
      { numRuns: 3000 },
    );
    expect(isDigits('627011234', 9)).toBe(true);
    expect(isValidNpi('1234567893')).toBe(true);
    expect(isValidNpi('123456789３')).toBe(false);
  });
});

describe('hiCode', () => {
  it('drops the first dot and upper-cases, like replace + toUpperCase', () => {
    const codeLike = fc
      .array(fc.constantFrom('E', 'e', '1', '9', '.', 'Z', 'x', ' ', 'é'), { maxLength: 9 })
      .map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.oneof(codeLike, fc.string({ maxLength: 9 })), (code) => {
        expect(hiCode(code)).toBe(code.replace('.', '').toUpperCase());
      }),
      { numRuns: 5000 },
    );
    expect(hiCode('E11.9')).toBe('E119');
    expect(hiCode('Z00.00')).toBe('Z0000');
  });
});
