/**
 * The compact binary form of an NCCI procedure-to-procedure table (2.5 million rows for practitioners):
 * codes interned to 16-bit numbers, rows grouped by column-1 code (CSR: `rowStart[c1]` … `rowStart[c1+1]`)
 * and sorted by column-2 code, so a pair is found by a binary search over a few hundred entries. Every
 * row keeps its deletion date, so a pair is applied only on dates of service it was in force.
 *
 * Layout (little-endian): "SBPTP001", u32 JSON header length, JSON {codes, rationales, rows}, zero pad
 * to a multiple of 4, u32 rowStart[codes+1], u16 column-2 deltas within each column-1 block[rows],
 * u16 deletion day (days since 1970-01-01, 0 = not deleted)[rows], u8 modifier indicator[rows],
 * u8 rationale index[rows].
 */
export const PTP_FORMAT = 'ptp-csr-v1';
const MAGIC = 'SBPTP001';
/** Sort key for "not deleted": after every real deletion date. */
const ACTIVE_SORT = 0x10000;

/** Days since 1970-01-01 for a `YYYY-MM-DD` date (the unit deletion dates are stored in). */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

/** `YYYY-MM-DD` for a day number. */
export function dayToDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export interface PtpRowInput {
  readonly c1: string;
  readonly c2: string;
  /** `YYYY-MM-DD`, or empty when the pair is still in force. */
  readonly deletion: string;
  readonly indicator: number;
  readonly rationale: string;
}

/** Encodes PTP rows into the binary layout above (deterministic: sorted codes and rows). */
export function encodePtpTable(rows: readonly PtpRowInput[]): Uint8Array {
  const codeSet = new Set<string>();
  const rationaleSet = new Set<string>();
  for (const r of rows) {
    codeSet.add(r.c1);
    codeSet.add(r.c2);
    rationaleSet.add(r.rationale);
  }
  const codes = [...codeSet].sort();
  const rationales = [...rationaleSet].sort();
  if (codes.length > 0xffff) throw new Error('PTP table: more than 65,535 distinct codes');
  if (rationales.length > 0xff) throw new Error('PTP table: more than 255 rationales');
  const codeIdx = new Map(codes.map((c, i) => [c, i]));
  const ratIdx = new Map(rationales.map((c, i) => [c, i]));
  const n = rows.length;
  const c1 = new Uint32Array(n);
  const c2 = new Uint32Array(n);
  const del = new Uint32Array(n);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    c1[i] = codeIdx.get(r.c1)!;
    c2[i] = codeIdx.get(r.c2)!;
    del[i] = r.deletion === '' ? ACTIVE_SORT : dayNumber(r.deletion);
    order[i] = i;
  }
  order.sort((a, b) => c1[a]! - c1[b]! || c2[a]! - c2[b]! || del[a]! - del[b]! || rows[a]!.indicator - rows[b]!.indicator || ratIdx.get(rows[a]!.rationale)! - ratIdx.get(rows[b]!.rationale)!);

  const header = new TextEncoder().encode(JSON.stringify({ codes, rationales, rows: n }));
  const headStart = 12;
  const bodyStart = Math.ceil((headStart + header.length) / 4) * 4;
  const rowStartBytes = (codes.length + 1) * 4;
  const total = bodyStart + rowStartBytes + n * 2 + n * 2 + n + n;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(8, header.length, true);
  out.set(header, headStart);
  let off = bodyStart;
  // rowStart (CSR offsets by column-1 code)
  const counts = new Uint32Array(codes.length + 1);
  for (let i = 0; i < n; i++) counts[c1[i]! + 1]!++;
  for (let k = 0; k < codes.length; k++) counts[k + 1]! += counts[k]!;
  for (let k = 0; k <= codes.length; k++) view.setUint32(off + k * 4, counts[k]!, true);
  off += rowStartBytes;
  const col2Off = off;
  const delOff = col2Off + n * 2;
  const indOff = delOff + n * 2;
  const ratOff = indOff + n;
  let prevC1 = -1;
  let prevC2 = 0;
  for (let j = 0; j < n; j++) {
    const i = order[j]!;
    // Column 2 is delta-coded inside each column-1 block: small numbers that gzip well.
    const delta = c1[i] === prevC1 ? c2[i]! - prevC2 : c2[i]!;
    prevC1 = c1[i]!;
    prevC2 = c2[i]!;
    view.setUint16(col2Off + j * 2, delta, true);
    view.setUint16(delOff + j * 2, del[i] === ACTIVE_SORT ? 0 : del[i]!, true);
    out[indOff + j] = rows[i]!.indicator;
    out[ratOff + j] = ratIdx.get(rows[i]!.rationale)!;
  }
  return out;
}

/** A decoded PTP table: look a pair up by interned code numbers. */
export interface PtpTable {
  /** Code → interned number (codes absent from the table have none). */
  readonly codeIndex: ReadonlyMap<string, number>;
  readonly codes: readonly string[];
  readonly rationales: readonly string[];
  readonly rowStart: Uint32Array;
  readonly col2: Uint16Array;
  /** Deletion day (days since 1970-01-01); 0 = not deleted. */
  readonly deletion: Uint16Array;
  readonly indicator: Uint8Array;
  readonly rationale: Uint8Array;
  readonly rows: number;
}

/** Decodes the binary layout into typed arrays. */
export function decodePtpTable(bytes: Uint8Array): PtpTable {
  const magic = new TextDecoder().decode(bytes.subarray(0, 8));
  if (magic !== MAGIC) throw new Error(`not a PTP table (magic ${JSON.stringify(magic)})`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headLen = view.getUint32(8, true);
  const head = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headLen))) as {
    codes: string[];
    rationales: string[];
    rows: number;
  };
  const n = head.rows;
  const nc = head.codes.length;
  let off = Math.ceil((12 + headLen) / 4) * 4;
  const rowStart = new Uint32Array(nc + 1);
  for (let k = 0; k <= nc; k++) rowStart[k] = view.getUint32(off + k * 4, true);
  off += (nc + 1) * 4;
  const col2 = new Uint16Array(n);
  const deletion = new Uint16Array(n);
  const col2Off = off;
  const delOff = off + n * 2;
  for (let k = 0; k < nc; k++) {
    let prev = 0;
    const end = rowStart[k + 1]!;
    for (let j = rowStart[k]!; j < end; j++) {
      prev += view.getUint16(col2Off + j * 2, true);
      col2[j] = prev;
    }
  }
  for (let j = 0; j < n; j++) deletion[j] = view.getUint16(delOff + j * 2, true);
  const indicator = bytes.slice(delOff + n * 2, delOff + n * 3);
  const rationale = bytes.slice(delOff + n * 3, delOff + n * 4);
  const codeIndex = new Map<string, number>();
  for (let k = 0; k < nc; k++) codeIndex.set(head.codes[k]!, k);
  return { codeIndex, codes: head.codes, rationales: head.rationales, rowStart, col2, deletion, indicator, rationale, rows: n };
}

/**
 * The row of pair (c1, c2) in force on `day` (days since 1970), or -1. Rows of one pair are sorted by
 * deletion date, not-deleted last, so the first row not deleted before `day` is the one in force.
 */
export function findPtpRow(t: PtpTable, c1: number, c2: number, day: number): number {
  let lo = t.rowStart[c1]!;
  let hi = t.rowStart[c1 + 1]!;
  const col2 = t.col2;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (col2[mid]! < c2) lo = mid + 1;
    else hi = mid;
  }
  const end = t.rowStart[c1 + 1]!;
  for (let j = lo; j < end && col2[j] === c2; j++) {
    const d = t.deletion[j]!;
    if (d === 0 || d >= day) return j;
  }
  return -1;
}
