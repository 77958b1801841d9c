/**
 * A decompressed TSV file kept as bytes, with the offset of every field: the loaded code sets keep
 * their text here (one Buffer per file, outside the JavaScript heap) instead of as ≈ 400,000 separate
 * strings, and decode a field only when it is read. Loading is one pass over the bytes: no string is
 * made per row, so a cold load allocates little and leaves the garbage collector little to do.
 */

/** A TSV file (header row + data rows) split into rows by byte offsets; fields are found on access. */
export class PackedTable {
  /** Number of data rows. */
  readonly rows: number;
  readonly columns: number;
  /**
   * Start of row `r` at `rowStarts[r]`, plus one offset just past the last row's newline. Fields are
   * found by skipping tabs from the row start (rows are short): 4 bytes a row instead of 4 a field.
   */
  private readonly rowStarts: Int32Array;
  private readonly encoding: 'latin1' | 'utf8';
  /** The field last located by `locate`: [fieldStart, fieldEnd). */
  private fieldStart = 0;
  private fieldEnd = 0;

  /** Splits `data` (UTF-8 TSV bytes), checking the header and that every row has every column. */
  constructor(
    readonly data: Buffer,
    columns: readonly string[],
    file: string,
  ) {
    const n = data.length;
    const headerEnd = data.indexOf(10);
    const header = data.toString('utf8', 0, headerEnd < 0 ? n : headerEnd);
    if (header !== columns.join('\t'))
      throw new Error(`${file}: unexpected header ${JSON.stringify(header)}`);
    const cols = columns.length;
    this.columns = cols;
    // Count the rows first (one native scan per line) so the offsets array is allocated once.
    let rows = 0;
    for (let p = headerEnd + 1; headerEnd >= 0 && p < n; rows += 1) {
      const nl = data.indexOf(10, p);
      p = nl < 0 ? n : nl + 1;
    }
    const starts = new Int32Array(rows + 1);
    let ascii = true;
    let row = 0;
    let field = 0;
    if (rows > 0) starts[0] = headerEnd + 1;
    for (let p = headerEnd + 1; p < n; p += 1) {
      const b = data[p]!;
      if (b === 9) {
        field += 1;
        if (field >= cols) throw new Error(`${file}: row ${row + 1} has more than ${cols} fields`);
      } else if (b === 10) {
        if (field !== cols - 1)
          throw new Error(`${file}: row ${row + 1} has ${field + 1} fields, expected ${cols}`);
        row += 1;
        field = 0;
        starts[row] = p + 1;
      } else if (b >= 128) ascii = false;
    }
    if (row < rows) {
      // No newline after the last row.
      if (field !== cols - 1)
        throw new Error(`${file}: row ${row + 1} has ${field + 1} fields, expected ${cols}`);
      starts[rows] = n + 1;
    }
    this.rows = rows;
    this.rowStarts = starts;
    // ASCII text decodes fastest as latin1 (identical for bytes < 128).
    this.encoding = ascii ? 'latin1' : 'utf8';
  }

  /** Finds field `col` of `row` (the constructor checked that every row has every column). */
  private locate(row: number, col: number): void {
    const data = this.data;
    let p = this.rowStarts[row]!;
    for (let c = 0; c < col; c += 1) {
      while (data[p] !== 9) p += 1;
      p += 1;
    }
    this.fieldStart = p;
    const rowEnd = this.rowStarts[row + 1]! - 1;
    if (col === this.columns - 1) p = rowEnd;
    else while (data[p] !== 9) p += 1;
    this.fieldEnd = p;
  }

  /**
   * Every field of a row in one scan: `out[c]` = start of field c, `out[columns]` = one past the row's
   * newline (so field c ends at `out[c + 1] - 1`). `out` must hold columns + 1 numbers.
   */
  split(row: number, out: Int32Array): void {
    const data = this.data;
    let p = this.rowStarts[row]!;
    out[0] = p;
    for (let c = 1; c < this.columns; c += 1) {
      while (data[p] !== 9) p += 1;
      p += 1;
      out[c] = p;
    }
    out[this.columns] = this.rowStarts[row + 1]!;
  }

  /** Text between two byte offsets (undefined when empty). */
  slice(start: number, end: number): string | undefined {
    return end === start ? undefined : this.data.toString(this.encoding, start, end);
  }

  /** Byte offset where a field starts. */
  start(row: number, col: number): number {
    this.locate(row, col);
    return this.fieldStart;
  }

  /** Byte offset just past a field's last byte. */
  end(row: number, col: number): number {
    this.locate(row, col);
    return this.fieldEnd;
  }

  /** Field length in bytes. */
  size(row: number, col: number): number {
    this.locate(row, col);
    return this.fieldEnd - this.fieldStart;
  }

  /** A field as text ('' when blank). */
  text(row: number, col: number): string {
    this.locate(row, col);
    const s = this.fieldStart;
    const e = this.fieldEnd;
    return e === s ? '' : this.data.toString(this.encoding, s, e);
  }

  /** A field as text, or undefined when blank. */
  optionalText(row: number, col: number): string | undefined {
    this.locate(row, col);
    const s = this.fieldStart;
    const e = this.fieldEnd;
    return e === s ? undefined : this.data.toString(this.encoding, s, e);
  }

  /** First byte of a field (-1 when blank). */
  firstByte(row: number, col: number): number {
    this.locate(row, col);
    return this.fieldEnd === this.fieldStart ? -1 : this.data[this.fieldStart]!;
  }

  /** Last byte of a field (-1 when blank). */
  lastByte(row: number, col: number): number {
    this.locate(row, col);
    return this.fieldEnd === this.fieldStart ? -1 : this.data[this.fieldEnd - 1]!;
  }

  /** Compares a field with an ASCII string in code-unit order: < 0, 0 or > 0. */
  compare(row: number, col: number, text: string): number {
    this.locate(row, col);
    const s = this.fieldStart;
    const len = this.fieldEnd - s;
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
    this.locate(a, col);
    const sa = this.fieldStart;
    const la = this.fieldEnd - sa;
    this.locate(b, col);
    const sb = this.fieldStart;
    const lb = this.fieldEnd - sb;
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
    this.locate(a, col);
    const sa = this.fieldStart;
    const la = this.fieldEnd - sa;
    this.locate(b, col);
    const sb = this.fieldStart;
    const lb = this.fieldEnd - sb;
    if (la >= lb) return false;
    const data = this.data;
    for (let k = 0; k < la; k += 1) if (data[sa + k] !== data[sb + k]) return false;
    return true;
  }

  /** True when field `col` of row `row` starts with an ASCII string. */
  startsWith(row: number, col: number, prefix: string): boolean {
    this.locate(row, col);
    const s = this.fieldStart;
    if (this.fieldEnd - s < prefix.length) return false;
    const data = this.data;
    for (let k = 0; k < prefix.length; k += 1) if (data[s + k] !== prefix.charCodeAt(k)) return false;
    return true;
  }
}
