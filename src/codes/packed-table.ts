/**
 * A decompressed TSV file kept as bytes, with the offset of every field: the loaded code sets keep
 * their text here (one Buffer per file, outside the JavaScript heap) instead of as ≈ 400,000 separate
 * strings, and decode a field only when it is read. Loading is one pass over the bytes: no string is
 * made per row, so a cold load allocates little and leaves the garbage collector little to do.
 */

/** A TSV file (header row + data rows) split into fields by byte offsets. */
export class PackedTable {
  /** Number of data rows. */
  readonly rows: number;
  readonly columns: number;
  /**
   * Start of field `c` of row `r` at `starts[r * columns + c]`; one more offset at the end (just past
   * the last row's newline), so a field always ends one byte before the next offset.
   */
  private readonly starts: Int32Array;
  private readonly encoding: 'latin1' | 'utf8';

  /** Splits `data` (UTF-8 TSV bytes), checking the header and that every row has every column. */
  constructor(
    readonly data: Buffer,
    columns: readonly string[],
    file: string,
  ) {
    const n = data.length;
    const headerEnd = data.indexOf(10);
    const header = data.toString('utf8', 0, headerEnd < 0 ? n : headerEnd);
    if (header !== columns.join('\t')) throw new Error(`${file}: unexpected header ${JSON.stringify(header)}`);
    const cols = columns.length;
    this.columns = cols;
    // Count the rows first (one native scan per line) so the offsets array is allocated once.
    let rows = 0;
    for (let p = headerEnd + 1; headerEnd >= 0 && p < n; rows += 1) {
      const nl = data.indexOf(10, p);
      p = nl < 0 ? n : nl + 1;
    }
    const starts = new Int32Array(rows * cols + 1);
    let k = 0;
    let ascii = true;
    let row = 0;
    let field = 0;
    if (rows > 0) starts[k++] = headerEnd + 1;
    for (let p = headerEnd + 1; p < n; p += 1) {
      const b = data[p]!;
      if (b === 9) {
        field += 1;
        if (field >= cols) throw new Error(`${file}: row ${row + 1} has more than ${cols} fields`);
        starts[k++] = p + 1;
      } else if (b === 10) {
        if (field !== cols - 1) throw new Error(`${file}: row ${row + 1} has ${field + 1} fields, expected ${cols}`);
        row += 1;
        field = 0;
        starts[k++] = p + 1;
      } else if (b >= 128) ascii = false;
    }
    if (k === rows * cols) {
      // No newline after the last row.
      if (field !== cols - 1) throw new Error(`${file}: row ${row + 1} has ${field + 1} fields, expected ${cols}`);
      starts[k++] = n + 1;
    }
    this.rows = rows;
    this.starts = starts;
    // ASCII text decodes fastest as latin1 (identical for bytes < 128).
    this.encoding = ascii ? 'latin1' : 'utf8';
  }

  /** Byte offset where a field starts. */
  start(row: number, col: number): number {
    return this.starts[row * this.columns + col]!;
  }

  /** Byte offset just past a field's last byte. */
  end(row: number, col: number): number {
    return this.starts[row * this.columns + col + 1]! - 1;
  }

  /** Field length in bytes. */
  size(row: number, col: number): number {
    const i = row * this.columns + col;
    return this.starts[i + 1]! - 1 - this.starts[i]!;
  }

  /** A field as text ('' when blank). */
  text(row: number, col: number): string {
    const i = row * this.columns + col;
    const s = this.starts[i]!;
    const e = this.starts[i + 1]! - 1;
    return e === s ? '' : this.data.toString(this.encoding, s, e);
  }

  /** First byte of a field (-1 when blank). */
  firstByte(row: number, col: number): number {
    const i = row * this.columns + col;
    const s = this.starts[i]!;
    return this.starts[i + 1]! - 1 === s ? -1 : this.data[s]!;
  }

  /** Compares a field with an ASCII string in code-unit order: < 0, 0 or > 0. */
  compare(row: number, col: number, text: string): number {
    const i = row * this.columns + col;
    const s = this.starts[i]!;
    const len = this.starts[i + 1]! - 1 - s;
    const m = Math.min(len, text.length);
    const data = this.data;
    for (let k = 0; k < m; k += 1) {
      const d = data[s + k]! - text.charCodeAt(k);
      if (d !== 0) return d;
    }
    return len - text.length;
  }

  /** Compares the same column of two rows in byte order: < 0, 0 or > 0. */
  compareRows(a: number, b: number, col: number): number {
    const sa = this.start(a, col);
    const la = this.end(a, col) - sa;
    const sb = this.start(b, col);
    const lb = this.end(b, col) - sb;
    const m = Math.min(la, lb);
    const data = this.data;
    for (let k = 0; k < m; k += 1) {
      const d = data[sa + k]! - data[sb + k]!;
      if (d !== 0) return d;
    }
    return la - lb;
  }

  /** True when field `col` of row `a` is a strict prefix of the same field of row `b`. */
  isStrictPrefix(a: number, b: number, col: number): boolean {
    const sa = this.start(a, col);
    const la = this.end(a, col) - sa;
    const sb = this.start(b, col);
    const lb = this.end(b, col) - sb;
    if (la >= lb) return false;
    const data = this.data;
    for (let k = 0; k < la; k += 1) if (data[sa + k] !== data[sb + k]) return false;
    return true;
  }

  /** True when field `col` of row `row` starts with an ASCII string. */
  startsWith(row: number, col: number, prefix: string): boolean {
    const s = this.start(row, col);
    if (this.end(row, col) - s < prefix.length) return false;
    const data = this.data;
    for (let k = 0; k < prefix.length; k += 1) if (data[s + k] !== prefix.charCodeAt(k)) return false;
    return true;
  }
}
