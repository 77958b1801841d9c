/**
 * ICD-10-CM releases from the CDC/CMS order files. FY2026 is the order file itself; FY2025 is FY2026
 * with the FY2026 addenda undone; FY2027 is FY2026 with the FY2027 addenda applied. A code whose
 * billable flag changes appears in the addenda as Delete + Add (order-file layout, icd10OrderFiles.pdf).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface IcdRecord {
  readonly code: string; // undotted, as in the order file
  readonly billable: boolean;
  readonly short: string;
  readonly long: string;
}

export interface IcdRelease {
  readonly name: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly records: Map<string, IcdRecord>;
}

/** Reads the order file: [0:5] order number, [6:13] code, [14] 1 billable / 0 header, [16:76] short, [77:] long. */
export function readOrderFile(path: string): Map<string, IcdRecord> {
  const map = new Map<string, IcdRecord>();
  for (const line of readFileSync(path, 'latin1').split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const code = line.slice(6, 13).trim();
    const flag = line.slice(14, 15);
    if (!/^[A-Z][0-9A-Z]{2,6}$/.test(code) || (flag !== '0' && flag !== '1'))
      throw new Error(`${path}: bad line ${line}`);
    map.set(code, {
      code,
      billable: flag === '1',
      short: line.slice(16, 76).trim(),
      long: line.slice(77).trim(),
    });
  }
  return map;
}

type Action = 'Add' | 'Delete' | 'Revise from' | 'Revise to';
interface AddendaLine {
  readonly action: Action;
  readonly record: IcdRecord;
}

/** Reads an order-file addenda: [0:13] action, [13] flag, [15:22] code, [23:83] short, [84:] long; stops at the totals. */
export function readOrderAddenda(path: string): AddendaLine[] {
  const out: AddendaLine[] = [];
  for (const line of readFileSync(path, 'latin1').split(/\r?\n/)) {
    const label = line.slice(0, 13).trim().replace(/:$/, '');
    if (label !== 'Add' && label !== 'Delete' && label !== 'Revise from' && label !== 'Revise to') continue;
    const flag = line.slice(13, 14);
    const code = line.slice(15, 22).trim();
    if (!/^[A-Z][0-9A-Z]{2,6}$/.test(code) || (flag !== '0' && flag !== '1'))
      throw new Error(`${path}: bad line ${line}`);
    out.push({
      action: label,
      record: { code, billable: flag === '1', short: line.slice(23, 83).trim(), long: line.slice(84).trim() },
    });
  }
  return out;
}

/** Applies addenda going forward (previous → next release). */
export function applyForward(
  prev: ReadonlyMap<string, IcdRecord>,
  addenda: readonly AddendaLine[],
): Map<string, IcdRecord> {
  const next = new Map(prev);
  for (const a of addenda) if (a.action === 'Delete') next.delete(a.record.code);
  for (const a of addenda)
    if (a.action === 'Add' || a.action === 'Revise to') next.set(a.record.code, a.record);
  return next;
}

/** Undoes addenda (next → previous release): drop the adds, restore the deletes and the old titles. */
export function applyBackward(
  next: ReadonlyMap<string, IcdRecord>,
  addenda: readonly AddendaLine[],
): Map<string, IcdRecord> {
  const prev = new Map(next);
  for (const a of addenda) if (a.action === 'Add') prev.delete(a.record.code);
  for (const a of addenda)
    if (a.action === 'Delete' || a.action === 'Revise from') prev.set(a.record.code, a.record);
  return prev;
}

/** Counts billable codes and headers of a release. */
export function countRelease(records: ReadonlyMap<string, IcdRecord>): { billable: number; headers: number } {
  let billable = 0;
  for (const r of records.values()) if (r.billable) billable += 1;
  return { billable, headers: records.size - billable };
}

/** Builds FY2025, FY2026 and FY2027 from the shared folder and checks them against the files' own totals. */
export function buildIcdReleases(shared: string): IcdRelease[] {
  const fy2026 = readOrderFile(join(shared, 'icd10cm', 'icd10cm_order_2026.txt'));
  const fy2025 = applyBackward(
    fy2026,
    readOrderAddenda(join(shared, 'icd10cm', 'icd10cm_order_addenda_2026.txt')),
  );
  const fy2027 = applyForward(
    fy2026,
    readOrderAddenda(join(shared, 'icd10cm', 'fy2027', 'icd10cm_order_addenda_2027.txt')),
  );
  const releases: IcdRelease[] = [
    { name: 'FY2025', validFrom: '2024-10-01', validTo: '2025-09-30', records: fy2025 },
    { name: 'FY2026', validFrom: '2025-10-01', validTo: '2026-09-30', records: fy2026 },
    { name: 'FY2027', validFrom: '2026-10-01', validTo: '2027-09-30', records: fy2027 },
  ];
  // Totals printed at the end of the addenda files (FY2025 74,260 + 23,324; FY2026 74,719 + 23,467;
  // FY2027 74,879 + 23,524).
  const expected: Record<string, { billable: number; headers: number }> = {
    FY2025: { billable: 74_260, headers: 23_324 },
    FY2026: { billable: 74_719, headers: 23_467 },
    FY2027: { billable: 74_879, headers: 23_524 },
  };
  for (const r of releases) {
    const got = countRelease(r.records);
    const want = expected[r.name]!;
    if (got.billable !== want.billable || got.headers !== want.headers) {
      throw new Error(
        `ICD-10-CM ${r.name}: ${got.billable} billable + ${got.headers} headers, expected ${want.billable} + ${want.headers}`,
      );
    }
  }
  return releases;
}

/** Inserts the dot after the category: E1140 → E11.40, I10 → I10. */
export function dotted(code: string): string {
  return code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}

/**
 * Merges releases into one row per code and wording: consecutive releases with the same flag and
 * titles share a row whose dates span them. The first release's start is left blank (the code may be
 * older than our earliest release); the last release's end is left blank (still valid).
 */
export function mergeIcdReleases(releases: readonly IcdRelease[]): string[][] {
  const codes = new Set<string>();
  for (const r of releases) for (const c of r.records.keys()) codes.add(c);
  const rows: string[][] = [];
  for (const code of [...codes].sort((a, b) =>
    dotted(a) < dotted(b) ? -1 : dotted(a) > dotted(b) ? 1 : 0,
  )) {
    let run: { rec: IcdRecord; from: number; to: number } | undefined;
    const flush = (): void => {
      if (!run) return;
      const from = run.from === 0 ? '' : releases[run.from]!.validFrom;
      const to = run.to === releases.length - 1 ? '' : releases[run.to]!.validTo;
      const long = run.rec.long === run.rec.short ? '' : run.rec.long;
      rows.push([dotted(code), run.rec.billable ? '1' : '0', from, to, run.rec.short, long]);
      run = undefined;
    };
    releases.forEach((rel, i) => {
      const rec = rel.records.get(code);
      if (!rec) {
        flush();
        return;
      }
      if (
        run &&
        run.to === i - 1 &&
        run.rec.billable === rec.billable &&
        run.rec.short === rec.short &&
        run.rec.long === rec.long
      ) {
        run.to = i;
        return;
      }
      flush();
      run = { rec, from: i, to: i };
    });
    flush();
  }
  return rows;
}
