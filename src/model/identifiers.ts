/**
 * Format checks for the identifiers a claim carries: NPI (with its Luhn check digit), TIN (EIN or
 * SSN), ZIP code and US state code. Pure; each check returns Problems (empty when the value is fine)
 * that name the field (`path`) and say why, so a form can show every problem at once.
 */
import type { Problem } from './problem.js';

const NPI_SOURCE = 'CMS NPI check digit (ISO/IEC 7812 Luhn with prefix 80840)';

/**
 * The NPI check digit for the first nine digits. CMS "Requirements for the NPI check digit": the
 * Luhn formula of ISO/IEC 7812 applied to the 15-digit number `80840` + the NPI, i.e. the nine
 * digits plus the constant 24 that the prefix 80840 contributes.
 */
export function npiCheckDigit(firstNine: string): number {
  if (!/^\d{9}$/.test(firstNine)) throw new RangeError('an NPI check digit needs exactly nine digits');
  let sum = 24;
  // Double every second digit from the right of the 9-digit base (positions 9, 7, 5, 3, 1).
  for (let i = 0; i < 9; i++) {
    let d = firstNine.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when `npi` is ten digits whose last digit is the Luhn check digit (prefix 80840). */
export function isValidNpi(npi: string): boolean {
  return /^\d{10}$/.test(npi) && npiCheckDigit(npi.slice(0, 9)) === npi.charCodeAt(9) - 48;
}

/** Problems with an NPI: ten digits, first digit 1 or 2, Luhn check digit. */
export function checkNpi(value: string, path = 'npi'): Problem[] {
  if (!/^\d{10}$/.test(value)) {
    return [error('identifier.npi.format', path, `NPI "${value}" must be exactly 10 digits.`, NPI_SOURCE)];
  }
  const problems: Problem[] = [];
  // NPPES issues NPIs beginning with 1 or 2 (the first digit is reserved to grow the numbering).
  if (value[0] !== '1' && value[0] !== '2') {
    problems.push(error('identifier.npi.prefix', path, `NPI "${value}" must begin with 1 or 2.`, NPI_SOURCE));
  }
  const expected = npiCheckDigit(value.slice(0, 9));
  if (expected !== value.charCodeAt(9) - 48) {
    problems.push(
      error(
        'identifier.npi.check-digit',
        path,
        `NPI "${value}" fails the check-digit test (last digit should be ${expected}); it is probably mistyped.`,
        NPI_SOURCE,
      ),
    );
  }
  return problems;
}

/**
 * EIN prefixes the IRS has assigned (IRS "How EINs are assigned and valid EIN prefixes"): any other
 * two-digit prefix (00, 07–09, 17–19, 28, 29, 49, 69, 70, 78, 79, 89, 96, 97) was never issued.
 */
const EIN_PREFIXES = new Set(
  (
    '01 02 03 04 05 06 10 11 12 13 14 15 16 20 21 22 23 24 25 26 27 30 31 32 33 34 35 36 37 38 39 40 41 ' +
    '42 43 44 45 46 47 48 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 71 72 73 74 75 76 77 ' +
    '80 81 82 83 84 85 86 87 88 90 91 92 93 94 95 98 99'
  ).split(' '),
);

/** The nine digits of an EIN (`12-3456789` or `123456789`); undefined when it is not in either form. */
export function normalizeEin(value: string): string | undefined {
  const m = /^(\d{2})-?(\d{7})$/.exec(value.trim());
  return m ? `${m[1]}${m[2]}` : undefined;
}

/** The nine digits of an SSN (`123-45-6789` or `123456789`); undefined when it is not in either form. */
export function normalizeSsn(value: string): string | undefined {
  const m = /^(\d{3})-?(\d{2})-?(\d{4})$/.exec(value.trim());
  return m ? `${m[1]}${m[2]}${m[3]}` : undefined;
}

/**
 * Problems with an EIN: nine digits (`12-3456789`), not all zeros; a prefix the IRS never assigned is
 * a warning (the number is probably mistyped, but the list can grow).
 */
export function checkEin(value: string, path = 'taxId'): Problem[] {
  const digits = normalizeEin(value);
  const source = 'IRS EIN format and valid prefixes';
  if (digits === undefined) {
    return [
      error(
        'identifier.ein.format',
        path,
        `EIN "${value}" must be nine digits, written 12-3456789 or 123456789.`,
        source,
      ),
    ];
  }
  if (/^0+$/.test(digits)) return [error('identifier.ein.zero', path, 'EIN cannot be all zeros.', source)];
  if (!EIN_PREFIXES.has(digits.slice(0, 2))) {
    return [
      {
        severity: 'warning',
        code: 'identifier.ein.prefix',
        message: `EIN prefix ${digits.slice(0, 2)} has never been assigned by the IRS; check the number.`,
        path,
        source,
      },
    ];
  }
  return [];
}

/**
 * Problems with an SSN: nine digits (`123-45-6789`); the SSA never issues area 000, 666 or 900–999,
 * group 00 or serial 0000.
 */
export function checkSsn(value: string, path = 'ssn'): Problem[] {
  const source = 'SSA SSN randomization rules (area, group and serial numbers never issued)';
  const digits = normalizeSsn(value);
  // The value is PHI: messages never repeat it.
  if (digits === undefined) {
    return [
      error(
        'identifier.ssn.format',
        path,
        'SSN must be nine digits, written 123-45-6789 or 123456789.',
        source,
      ),
    ];
  }
  const problems: Problem[] = [];
  const area = digits.slice(0, 3);
  if (area === '000' || area === '666' || area[0] === '9') {
    problems.push(error('identifier.ssn.area', path, 'SSN cannot begin with 000, 666 or 9.', source));
  }
  if (digits.slice(3, 5) === '00')
    problems.push(error('identifier.ssn.group', path, 'SSN digits 4–5 cannot be 00.', source));
  if (digits.slice(5) === '0000')
    problems.push(error('identifier.ssn.serial', path, 'SSN digits 6–9 cannot be 0000.', source));
  return problems;
}

/** TIN types as in TR3 2010AA REF01: EI employer identification number, SY social security number. */
export function checkTin(value: string, type: 'EI' | 'SY', path = 'taxId'): Problem[] {
  return type === 'EI' ? checkEin(value, path) : checkSsn(value, path);
}

/** The ZIP code without dash: 5 or 9 digits; undefined when it is not `12345`, `12345-6789` or `123456789`. */
export function normalizeZip(value: string): string | undefined {
  const m = /^(\d{5})(?:-?(\d{4}))?$/.exec(value.trim());
  return m ? `${m[1]}${m[2] ?? ''}` : undefined;
}

/**
 * Problems with a ZIP code: 5 digits or ZIP+4. `requirePlus4` for the billing provider, whose 837P
 * address must carry the full nine digits (TR3 2010AA N403).
 */
export function checkZip(value: string, path = 'zip', requirePlus4 = false): Problem[] {
  const source = 'USPS ZIP Code format; 837P TR3 2010AA N403';
  const zip = normalizeZip(value);
  if (zip === undefined) {
    return [
      error(
        'identifier.zip.format',
        path,
        `ZIP code "${value}" must be 5 digits or ZIP+4 (12345-6789).`,
        source,
      ),
    ];
  }
  if (zip.startsWith('00000'))
    return [error('identifier.zip.zero', path, 'ZIP code 00000 does not exist.', source)];
  if (requirePlus4 && zip.length !== 9) {
    return [
      error(
        'identifier.zip.plus4',
        path,
        `ZIP code "${value}" needs its four-digit extension (ZIP+4) here.`,
        source,
        'Look up the ZIP+4 at the USPS and enter all nine digits.',
      ),
    ];
  }
  return [];
}

/**
 * USPS two-letter codes: the states, DC, the territories (AS, GU, MP, PR, VI, and the freely
 * associated FM, MH, PW) and the military "states" AA, AE, AP.
 */
export const US_STATE_CODES = [
  'AL',
  'AK',
  'AZ',
  'AR',
  'CA',
  'CO',
  'CT',
  'DE',
  'DC',
  'FL',
  'GA',
  'HI',
  'ID',
  'IL',
  'IN',
  'IA',
  'KS',
  'KY',
  'LA',
  'ME',
  'MD',
  'MA',
  'MI',
  'MN',
  'MS',
  'MO',
  'MT',
  'NE',
  'NV',
  'NH',
  'NJ',
  'NM',
  'NY',
  'NC',
  'ND',
  'OH',
  'OK',
  'OR',
  'PA',
  'RI',
  'SC',
  'SD',
  'TN',
  'TX',
  'UT',
  'VT',
  'VA',
  'WA',
  'WV',
  'WI',
  'WY',
  'AS',
  'GU',
  'MP',
  'PR',
  'VI',
  'FM',
  'MH',
  'PW',
  'AA',
  'AE',
  'AP',
] as const;
export type UsStateCode = (typeof US_STATE_CODES)[number];

/** Runtime guard for `UsStateCode`. */
export function isUsStateCode(value: string): value is UsStateCode {
  return (US_STATE_CODES as readonly string[]).includes(value);
}

/** Problems with a state code: one of the USPS two-letter codes, upper case. */
export function checkStateCode(value: string, path = 'state'): Problem[] {
  if (isUsStateCode(value)) return [];
  return [
    error(
      'identifier.state',
      path,
      `"${value}" is not a USPS state code (two capital letters such as NY).`,
      'USPS state abbreviations',
    ),
  ];
}

/** Problems with a taxonomy code: 10 characters, 9 letters or digits then X (NUCC Health Care Provider Taxonomy). */
export function checkTaxonomy(value: string, path = 'taxonomy'): Problem[] {
  if (/^[0-9A-Z]{9}X$/.test(value)) return [];
  return [
    error(
      'identifier.taxonomy.format',
      path,
      `Taxonomy code "${value}" must be 10 characters ending in X, e.g. 207Q00000X.`,
      'NUCC Health Care Provider Taxonomy code set',
    ),
  ];
}

function error(code: string, path: string, message: string, source: string, fix?: string): Problem {
  return fix === undefined
    ? { severity: 'error', code, message, path, source }
    : { severity: 'error', code, message, path, source, fix };
}
