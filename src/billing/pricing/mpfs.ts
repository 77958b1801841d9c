/**
 * Medicare Physician Fee Schedule pricing (CMS: 42 CFR 414.20; Medicare Claims Processing Manual,
 * ch. 12 §20, §40.6 multiple procedures, §40.7 bilateral). All arithmetic is exact: RVUs (2 decimals),
 * GPCIs (3 decimals) and the conversion factor (4 decimals) are held as scaled integers and the result
 * is rounded once, half up, to cents.
 */
import type { Cents } from '../../model/money.js';

/** One row of the RVU file: a code, or a code with modifier 26/TC/53. Decimal fields are text. */
export interface MpfsRvu {
  readonly code: string;
  readonly modifier: string;
  /** Status indicator: A active, R restricted, T injections, C carrier-priced, I not valid for Medicare, … */
  readonly status: string;
  readonly pctc: string;
  readonly global: string;
  /** Multiple-procedure indicator: 0 none, 2 standard 100/50 rule, 3 endoscopy, 4 imaging, 5 therapy, 9 n/a. */
  readonly multProc: string;
  /** Bilateral indicator: 0 no adjustment (150% n/a), 1 150% with modifier 50, 2 already bilateral, 3 200%, 9 n/a. */
  readonly bilateral: string;
  readonly facilityNa: boolean;
  readonly nonFacilityNa: boolean;
  readonly workRvu: string;
  readonly nonFacilityPeRvu: string;
  readonly facilityPeRvu: string;
  readonly mpRvu: string;
  readonly cf: string;
}

/** Geographic practice cost indices of one Medicare locality. */
export interface Gpci {
  readonly mac: string;
  readonly locality: string;
  readonly state: string;
  readonly name: string;
  readonly work: string;
  readonly pe: string;
  readonly mp: string;
}

/** Statuses whose codes are paid under the fee schedule (Medicare Claims Processing Manual ch. 12 §30). */
export const PAYABLE_STATUSES = ['A', 'R', 'T'] as const;

/**
 * Places of service paid at the facility rate (the facility practice-expense RVU): hospitals, SNFs,
 * ASCs and the like (CMS MPFS "facility" settings).
 */
export const FACILITY_PLACES_OF_SERVICE = [
  '19', '21', '22', '23', '24', '26', '31', '34', '41', '42', '51', '52', '53', '56', '61',
] as const;

/** True when the place of service is paid at the facility rate. */
export function isFacilityPlaceOfService(pos: string): boolean {
  return (FACILITY_PLACES_OF_SERVICE as readonly string[]).includes(pos);
}

/** Parses a non-negative decimal string into an integer scaled by 10^scale ("1.33", 2 → 133). */
export function scaled(text: string, scale: number): bigint {
  const t = text.trim();
  if (t === '') return 0n;
  const m = /^(\d*)(?:\.(\d+))?$/.exec(t);
  if (!m) throw new RangeError(`not a decimal: "${text}"`);
  const frac = (m[2] ?? '').padEnd(scale, '0');
  if (frac.length > scale && /[1-9]/.test(frac.slice(scale))) throw new RangeError(`"${text}" has more than ${scale} decimals`);
  return BigInt(m[1] === '' ? '0' : m[1]!) * 10n ** BigInt(scale) + BigInt(frac.slice(0, scale) || '0');
}

/** Divides and rounds half up (for non-negative numerators). */
function divRound(n: bigint, d: bigint): bigint {
  return (n * 2n + d) / (2n * d);
}

/**
 * The Medicare fee schedule amount in cents for one unit of a code in a locality:
 * [(work RVU × work GPCI) + (PE RVU × PE GPCI) + (MP RVU × MP GPCI)] × CF, with the facility or
 * non-facility PE RVU by setting.
 */
export function feeScheduleAmountCents(rvu: MpfsRvu, gpci: Gpci, facility: boolean): Cents {
  const pe = facility ? rvu.facilityPeRvu : rvu.nonFacilityPeRvu;
  // RVU ×100, GPCI ×1000 → ×10^5; CF ×10^4 → ×10^9 dollars = ×10^7 cents.
  const rvuSum =
    scaled(rvu.workRvu, 2) * scaled(gpci.work, 3) + scaled(pe, 2) * scaled(gpci.pe, 3) + scaled(rvu.mpRvu, 2) * scaled(gpci.mp, 3);
  return Number(divRound(rvuSum * scaled(rvu.cf, 4), 10n ** 7n));
}

/** A priced line before the multiple-procedure and bilateral rules. */
export interface PricingLine {
  readonly code: string;
  readonly modifiers: readonly string[];
  readonly units: number;
  readonly serviceDate: string;
}

/** The outcome for one line: the allowed amount and the rules that changed it, in plain words. */
export interface PricedLine {
  readonly index: number;
  readonly code: string;
  readonly unitAmountCents: Cents;
  readonly allowedCents: Cents;
  /** Basis points applied by payment rules (10000 = 100%). */
  readonly adjustmentBasisPoints: number;
  readonly notes: readonly string[];
  /** False when the code has no payable Medicare fee schedule amount (status not A/R/T, or no row). */
  readonly priced: boolean;
}

/** Lookup of an RVU row: the code with its pricing modifier (26, TC, 53) or the global row. */
export type RvuLookup = (code: string, modifier: string) => MpfsRvu | undefined;

const PRICING_MODIFIERS = ['26', 'TC', '53'] as const;

/** Picks the RVU row for a line: 26/TC/53 rows when the line carries that modifier. */
export function rvuForLine(lookup: RvuLookup, code: string, modifiers: readonly string[]): MpfsRvu | undefined {
  for (const m of PRICING_MODIFIERS) {
    if (modifiers.includes(m)) {
      const row = lookup(code, m);
      if (row) return row;
    }
  }
  return lookup(code, '');
}

/**
 * Prices the lines of one claim the Medicare way: each line's fee schedule amount × units, then on each
 * date of service the multiple-procedure rule (indicator 2/3: the highest-valued procedure at 100%, the
 * others at 50%) and the bilateral rule (modifier 50: indicator 1 → 150%, 3 → 200%, 2 → 100%).
 * Endoscopy-family, imaging and therapy reductions (indicators 3 base-code logic, 4, 5) are simplified
 * to the standard 50% rule or not applied; the note says so.
 */
export function priceLines(lines: readonly PricingLine[], lookup: RvuLookup, gpci: Gpci, facility: boolean): PricedLine[] {
  const base = lines.map((line, index) => {
    const row = rvuForLine(lookup, line.code, line.modifiers);
    const payable = row !== undefined && (PAYABLE_STATUSES as readonly string[]).includes(row.status);
    const unit = payable ? feeScheduleAmountCents(row, gpci, facility) : 0;
    return { index, line, row, payable, unit };
  });
  const result: PricedLine[] = [];
  // Multiple-procedure ranking per date of service, by the full fee schedule amount.
  const byDate = new Map<string, typeof base>();
  for (const b of base) {
    if (!b.payable || !b.row || !['2', '3'].includes(b.row.multProc)) continue;
    const list = byDate.get(b.line.serviceDate) ?? [];
    list.push(b);
    byDate.set(b.line.serviceDate, list);
  }
  const reduced = new Set<number>();
  for (const list of byDate.values()) {
    if (list.length < 2) continue;
    const ranked = [...list].sort((a, b) => b.unit - a.unit || a.index - b.index);
    for (const r of ranked.slice(1)) reduced.add(r.index);
  }
  for (const b of base) {
    const notes: string[] = [];
    if (!b.row) notes.push(`${b.line.code} has no Medicare fee schedule row`);
    else if (!b.payable) notes.push(`${b.line.code} has MPFS status ${b.row.status}: not paid under the fee schedule`);
    let bp = 10000;
    if (b.payable && b.row && b.line.modifiers.includes('50')) {
      if (b.row.bilateral === '1') {
        bp = 15000;
        notes.push('bilateral (modifier 50, indicator 1): 150%');
      } else if (b.row.bilateral === '3') {
        bp = 20000;
        notes.push('bilateral (modifier 50, indicator 3): 200%');
      } else notes.push(`modifier 50 with bilateral indicator ${b.row.bilateral}: no bilateral adjustment`);
    }
    if (reduced.has(b.index)) {
      bp = bp / 2;
      notes.push('multiple procedure rule: 50% (not the highest-valued procedure that day)');
      if (b.row?.multProc === '3') notes.push('endoscopy family pricing simplified to the standard 50% rule');
    }
    const gross = b.unit * b.line.units;
    const allowed = Math.floor((gross * bp + 5000) / 10000);
    result.push({
      index: b.index,
      code: b.line.code,
      unitAmountCents: b.unit,
      allowedCents: allowed,
      adjustmentBasisPoints: bp,
      notes,
      priced: b.payable,
    });
  }
  return result;
}
