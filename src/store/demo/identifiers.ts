/**
 * Synthetic identifiers in valid formats for the demo practice: NPIs with a correct check digit,
 * Medicare beneficiary identifiers in the MBI format, plan member ids. None belongs to anyone.
 */
import { npiCheckDigit } from '../../model/identifiers.js';
import type { Prng } from './prng.js';

/** An NPI: 1 (individual) or 2 (organisation), eight random digits, the Luhn check digit (prefix 80840). */
export function demoNpi(rng: Prng, entity: 1 | 2): string {
  const base = `${entity}${rng.digits(8)}`;
  return `${base}${npiCheckDigit(base)}`;
}

// CMS MBI format: letters exclude S, L, O, I, B and Z so they cannot be read as digits.
const MBI_LETTERS = 'ACDEFGHJKMNPQRTUVWXY';
const MBI_ALNUM = `0123456789${MBI_LETTERS}`;

/**
 * A Medicare Beneficiary Identifier in the CMS format (11 characters: C A AN N A AN N A A N N, where
 * C is 1–9, N a digit, A a letter and AN either).
 */
export function demoMbi(rng: Prng): string {
  const pattern = ['C', 'A', 'AN', 'N', 'A', 'AN', 'N', 'A', 'A', 'N', 'N'] as const;
  return pattern
    .map((p) => {
      switch (p) {
        case 'C':
          return String(rng.int(1, 9));
        case 'N':
          return String(rng.int(0, 9));
        case 'A':
          return MBI_LETTERS.charAt(rng.int(0, MBI_LETTERS.length - 1));
        case 'AN':
          return MBI_ALNUM.charAt(rng.int(0, MBI_ALNUM.length - 1));
      }
    })
    .join('');
}

/** True when `value` has the MBI format. */
export function isMbiFormat(value: string): boolean {
  return /^[1-9][ACDEFGHJKMNPQRTUVWXY][0-9ACDEFGHJKMNPQRTUVWXY]\d[ACDEFGHJKMNPQRTUVWXY][0-9ACDEFGHJKMNPQRTUVWXY]\d[ACDEFGHJKMNPQRTUVWXY]{2}\d{2}$/.test(value);
}

/** A plan member id: the plan's prefix and nine digits. */
export function demoMemberId(rng: Prng, prefix: string): string {
  return `${prefix}${rng.digits(9)}`;
}
