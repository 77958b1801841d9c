/**
 * Money is integer cents, never floats. Parsing and formatting go through strings so that no binary
 * floating-point value ever holds an amount.
 */
export type Cents = number;

const AMOUNT = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/** Parses "123", "123.4", "123.45", "-0.50" into integer cents; returns undefined for anything else. */
export function parseCents(text: string): Cents | undefined {
  const m = AMOUNT.exec(text.trim());
  if (!m) return undefined;
  const whole = Number(m[2]);
  const frac = Number((m[3] ?? '').padEnd(2, '0'));
  const cents = whole * 100 + frac;
  if (!Number.isSafeInteger(cents)) return undefined;
  return m[1] && cents !== 0 ? -cents : cents;
}

/** Formats cents as a plain decimal string ("1234.50", "-0.05"), as X12 and CSV want it. */
export function formatCents(cents: Cents): string {
  assertCents(cents);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Formats cents for people: "$1,234.50". */
export function formatDollars(cents: Cents): string {
  assertCents(cents);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.trunc(abs / 100).toLocaleString('en-US');
  return `${sign}$${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** Throws unless `cents` is a safe integer. */
export function assertCents(cents: number): asserts cents is Cents {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not an integer number of cents: ${cents}`);
}

/** Sums cents exactly. */
export function sumCents(values: Iterable<Cents>): Cents {
  let total = 0;
  for (const v of values) total += v;
  assertCents(total);
  return total;
}

/** Multiplies cents by a rational percentage given in basis points (10000 = 100%), rounding half up. */
export function applyBasisPoints(cents: Cents, basisPoints: number): Cents {
  assertCents(cents);
  if (!Number.isSafeInteger(basisPoints)) throw new RangeError(`basis points must be an integer: ${basisPoints}`);
  const product = cents * basisPoints;
  const q = Math.trunc(product / 10000);
  const r = product - q * 10000;
  if (Math.abs(r) * 2 >= 10000) return q + Math.sign(product);
  return q;
}
