/**
 * NPI check digit. CMS "Requirements for the NPI check digit": the Luhn formula (ISO/IEC 7812) over
 * the 9 identifying digits prefixed with 80840 (the US health-industry card issuer prefix); the prefix
 * contributes a constant 24 to the sum.
 */

/** True when `npi` is 10 digits whose last digit is the Luhn check digit with the 80840 prefix. */
export function isValidNpi(npi: string): boolean {
  if (npi.length !== 10) return false;
  let sum = 24;
  for (let i = 0; i < 9; i++) {
    const c = npi.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return false;
    // From the right of the 9 digits, every other digit starting with the rightmost is doubled.
    if ((8 - i) % 2 === 0) {
      const d = c * 2;
      sum += d > 9 ? d - 9 : d;
    } else sum += c;
  }
  const check = npi.charCodeAt(9) - 48;
  if (check < 0 || check > 9) return false;
  return (10 - (sum % 10)) % 10 === check;
}
