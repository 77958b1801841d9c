/**
 * Charge capture: a coded service line gets its charge from the practice's fee schedule for the date
 * of service, times the units, and its expected allowed amount from the payer's contract, also times
 * the units. Pure: the caller looks the prices up (src/store/use-cases/capture-charges.ts).
 */
import type { Problem } from '../model/problem.js';

/** A coded line before pricing. */
export interface UnpricedLine {
  readonly procedureCode: string;
  readonly modifiers: readonly string[];
  readonly units: number;
  readonly serviceDate: string;
  /** A charge already on the line (keyed by hand); used only when the fee schedule has no price. */
  readonly chargeCents?: number;
}

/** A price per unit found for a line, and where it came from. */
export interface UnitPrice {
  readonly cents: number;
  /** Fee schedule or contract name, for people. */
  readonly source: string;
}

/** A priced line: total charge and expected allowed amount (both for all units), with their sources. */
export interface PricedLine {
  readonly chargeCents: number;
  readonly chargeSource: 'fee-schedule' | 'line';
  readonly feeSchedule?: string;
  /** Undefined when the payer's contract has no rate for the code. */
  readonly expectedAllowedCents?: number;
  readonly contract?: string;
}

/** Price per unit × units in whole cents (units may be fractional, e.g. anaesthesia minutes). */
export function timesUnits(unitCents: number, units: number): number {
  return Math.round(unitCents * units);
}

/**
 * Prices every line. `fee` and `allowed` are the per-unit prices found for each line (undefined when
 * none). A line without a fee-schedule price keeps a charge keyed on it; with neither it is an error.
 * A line without a contract rate is a warning: the claim can go, the expected payment is unknown.
 */
export function captureCharges(
  lines: readonly UnpricedLine[],
  fee: readonly (UnitPrice | undefined)[],
  allowed: readonly (UnitPrice | undefined)[],
): { lines: PricedLine[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const priced = lines.map((line, i): PricedLine => {
    const f = fee[i];
    const a = allowed[i];
    const allowedPart = a
      ? { expectedAllowedCents: timesUnits(a.cents, line.units), contract: a.source }
      : {};
    if (!a) {
      problems.push({
        severity: 'warning',
        code: 'charge.no-contract-rate',
        path: `lines[${i}].procedureCode`,
        message: `The payer's contract has no rate for ${line.procedureCode} on ${line.serviceDate}; the expected payment is unknown.`,
        fix: 'Add the code to the payer contract if the payer covers it.',
      });
    }
    if (f)
      return {
        chargeCents: timesUnits(f.cents, line.units),
        chargeSource: 'fee-schedule',
        feeSchedule: f.source,
        ...allowedPart,
      };
    if (line.chargeCents !== undefined && line.chargeCents > 0)
      return { chargeCents: line.chargeCents, chargeSource: 'line', ...allowedPart };
    problems.push({
      severity: 'error',
      code: 'charge.no-fee',
      path: `lines[${i}].procedureCode`,
      message: `No fee schedule in force on ${line.serviceDate} prices ${line.procedureCode}${line.modifiers[0] ? `-${line.modifiers[0]}` : ''}, and the line has no charge of its own.`,
      fix: `Add ${line.procedureCode} to the practice's fee schedule, or key the charge on the line.`,
    });
    return { chargeCents: 0, chargeSource: 'line', ...allowedPart };
  });
  return { lines: priced, problems };
}
