/**
 * Fee schedules (what the practice charges) and payer contracts (what a payer is expected to allow):
 * a code with an optional modifier → an amount in cents for a date range. Either can be built from
 * the Medicare Physician Fee Schedule times a percentage and then edited.
 */
import type { CalendarDate } from '../../model/dates.js';
import { applyBasisPoints, type Cents } from '../../model/money.js';
import { feeScheduleAmountCents, PAYABLE_STATUSES, type Gpci, type MpfsRvu } from './mpfs.js';

export interface FeeScheduleEntry {
  readonly code: string;
  /** '' for the global service; 26, TC … when the amount is for that component. */
  readonly modifier: string;
  readonly amountCents: Cents;
  readonly effectiveFrom: CalendarDate;
  readonly effectiveTo?: CalendarDate;
}

export interface BuildFromMpfsOptions {
  readonly rows: Iterable<MpfsRvu>;
  readonly gpci: Gpci;
  /** 10000 = 100% of Medicare; a practice often charges 150–250%, a commercial contract pays 100–140%. */
  readonly percentBasisPoints: number;
  readonly facility?: boolean;
  readonly effectiveFrom: CalendarDate;
  readonly effectiveTo?: CalendarDate;
}

/** Builds fee schedule entries from MPFS rows that Medicare pays (status A, R, T) for a locality. */
export function buildFeeScheduleFromMpfs(options: BuildFromMpfsOptions): FeeScheduleEntry[] {
  const out: FeeScheduleEntry[] = [];
  for (const row of options.rows) {
    if (!(PAYABLE_STATUSES as readonly string[]).includes(row.status)) continue;
    const base = feeScheduleAmountCents(row, options.gpci, options.facility ?? false);
    if (base <= 0) continue;
    out.push({
      code: row.code,
      modifier: row.modifier,
      amountCents: applyBasisPoints(base, options.percentBasisPoints),
      effectiveFrom: options.effectiveFrom,
      ...(options.effectiveTo ? { effectiveTo: options.effectiveTo } : {}),
    });
  }
  return out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.modifier.localeCompare(b.modifier)));
}

/** A fee schedule indexed for lookups by code, modifier and date of service. */
export class FeeSchedule {
  private readonly byCode = new Map<string, FeeScheduleEntry[]>();

  constructor(entries: Iterable<FeeScheduleEntry>) {
    for (const e of entries) {
      const list = this.byCode.get(e.code) ?? [];
      list.push(e);
      this.byCode.set(e.code, list);
    }
  }

  /**
   * The unit amount for a code on a date: the entry for the line's pricing modifier (26, TC) if there
   * is one, else the global entry. Undefined when the schedule has no amount in force.
   */
  unitAmount(code: string, modifiers: readonly string[], on: CalendarDate): FeeScheduleEntry | undefined {
    const list = this.byCode.get(code);
    if (!list) return undefined;
    const inForce = list.filter((e) => e.effectiveFrom <= on && (e.effectiveTo === undefined || on <= e.effectiveTo));
    return inForce.find((e) => e.modifier !== '' && modifiers.includes(e.modifier)) ?? inForce.find((e) => e.modifier === '');
  }

  /** The charge for a line: unit amount × units, rounded half up to cents (units may be fractional, e.g. minutes). */
  charge(code: string, modifiers: readonly string[], on: CalendarDate, units: number): Cents | undefined {
    const e = this.unitAmount(code, modifiers, on);
    if (!e) return undefined;
    // Units carry at most 3 decimals in the 837 (SV104); scale to integers to stay exact.
    const milli = Math.round(units * 1000);
    return Math.floor((e.amountCents * milli + 500) / 1000);
  }
}
