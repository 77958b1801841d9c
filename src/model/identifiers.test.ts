import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkEin,
  checkNpi,
  checkSsn,
  checkStateCode,
  checkTaxonomy,
  checkTin,
  checkZip,
  isValidNpi,
  normalizeZip,
  npiCheckDigit,
} from './identifiers.js';

const nineDigits = fc.string({
  unit: fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'),
  minLength: 9,
  maxLength: 9,
});

describe('NPI', () => {
  it('computes the check digit of the CMS worked example (123456789 → 3)', () => {
    // CMS "Requirements for NPI check digit": 80840 + 123456789 gives check digit 3.
    expect(npiCheckDigit('123456789')).toBe(3);
    expect(isValidNpi('1234567893')).toBe(true);
    expect(checkNpi('1234567893')).toEqual([]);
  });

  it('agrees with a plain Luhn over the 15 digits 80840 + NPI', () => {
    const luhnValid = (digits: string): boolean => {
      let sum = 0;
      for (let i = 0; i < digits.length; i++) {
        let d = Number(digits[digits.length - 1 - i]);
        if (i % 2 === 1) {
          d *= 2;
          if (d > 9) d -= 9;
        }
        sum += d;
      }
      return sum % 10 === 0;
    };
    fc.assert(
      fc.property(nineDigits, fc.integer({ min: 0, max: 9 }), (base, last) => {
        expect(isValidNpi(`${base}${last}`)).toBe(luhnValid(`80840${base}${last}`));
      }),
    );
  });

  it('catches every single-digit typo', () => {
    fc.assert(
      fc.property(
        nineDigits,
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (base, pos, delta) => {
          const npi = `${base}${npiCheckDigit(base)}`;
          const typo = npi.slice(0, pos) + String((Number(npi[pos]) + delta) % 10) + npi.slice(pos + 1);
          expect(isValidNpi(typo)).toBe(false);
        },
      ),
    );
  });

  it('says why a bad NPI is bad and where', () => {
    expect(checkNpi('123456789', 'billingProvider.npi')).toMatchObject([
      { severity: 'error', code: 'identifier.npi.format', path: 'billingProvider.npi' },
    ]);
    const wrong = checkNpi('1234567890');
    expect(wrong.map((p) => p.code)).toEqual(['identifier.npi.check-digit']);
    expect(wrong[0]!.message).toMatch(/should be 3/);
    const base = '323456789';
    expect(checkNpi(`${base}${npiCheckDigit(base)}`).map((p) => p.code)).toEqual(['identifier.npi.prefix']);
  });
});

describe('TIN', () => {
  it('accepts an EIN with or without the dash', () => {
    expect(checkEin('12-3456789')).toEqual([]);
    expect(checkTin('123456789', 'EI')).toEqual([]);
  });

  it('rejects malformed EINs and warns about never-assigned prefixes', () => {
    expect(checkEin('1-23456789')[0]!.code).toBe('identifier.ein.format');
    expect(checkEin('12345678')[0]!.code).toBe('identifier.ein.format');
    expect(checkEin('00-0000000')[0]!.code).toBe('identifier.ein.zero');
    expect(checkEin('07-1234567')).toMatchObject([{ severity: 'warning', code: 'identifier.ein.prefix' }]);
  });

  it('applies the SSA rules to SSNs without echoing the number', () => {
    expect(checkSsn('123-45-6789')).toEqual([]);
    expect(checkTin('123456789', 'SY')).toEqual([]);
    expect(checkSsn('666-12-3456').map((p) => p.code)).toEqual(['identifier.ssn.area']);
    expect(checkSsn('912-00-0000').map((p) => p.code)).toEqual([
      'identifier.ssn.area',
      'identifier.ssn.group',
      'identifier.ssn.serial',
    ]);
    for (const p of checkSsn('000-00-0000')) expect(p.message).not.toContain('000-00-0000');
    expect(checkSsn('12-345-6789')[0]!.code).toBe('identifier.ssn.format');
  });
});

describe('ZIP, state, taxonomy', () => {
  it('reads 5-digit and ZIP+4 codes', () => {
    expect(normalizeZip('12345-6789')).toBe('123456789');
    expect(normalizeZip('123456789')).toBe('123456789');
    expect(normalizeZip('12345')).toBe('12345');
    expect(normalizeZip('1234')).toBeUndefined();
    expect(checkZip('12345')).toEqual([]);
    expect(checkZip('1234-5678')[0]!.code).toBe('identifier.zip.format');
    expect(checkZip('00000')[0]!.code).toBe('identifier.zip.zero');
  });

  it('demands ZIP+4 where the 837P does', () => {
    expect(checkZip('12345', 'billingProvider.address.zip', true)).toMatchObject([
      { code: 'identifier.zip.plus4', path: 'billingProvider.address.zip' },
    ]);
    expect(checkZip('12345-6789', 'zip', true)).toEqual([]);
  });

  it('knows USPS state codes', () => {
    expect(checkStateCode('NY')).toEqual([]);
    expect(checkStateCode('PR')).toEqual([]);
    expect(checkStateCode('ny')[0]!.code).toBe('identifier.state');
    expect(checkStateCode('XX')[0]!.code).toBe('identifier.state');
  });

  it('checks the shape of taxonomy codes', () => {
    expect(checkTaxonomy('207Q00000X')).toEqual([]);
    expect(checkTaxonomy('207Q00000')[0]!.code).toBe('identifier.taxonomy.format');
  });
});
