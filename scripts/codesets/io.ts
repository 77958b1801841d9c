/**
 * File helpers for the code-set build: a small RFC 4180 CSV reader, a TSV writer that refuses tabs and
 * newlines inside fields, and deterministic gzip (zlib writes mtime 0 and a fixed OS byte, so the same
 * input always gives the same bytes).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';

/** Parses CSV text (quoted fields, doubled quotes, CRLF or LF) into rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  while (i < src.length) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += ch;
    }
    i += 1;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Reads a CSV file with a header row into objects keyed by the header names. */
export function readCsvObjects(path: string, encoding: BufferEncoding = 'utf8'): Record<string, string>[] {
  const raw = readFileSync(path);
  const text = path.endsWith('.gz') ? gunzipSync(raw).toString(encoding) : raw.toString(encoding);
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error(`${path}: empty CSV`);
  return rows
    .filter((r) => r.length > 1 || (r[0] ?? '') !== '')
    .map((r, n) => {
      if (r.length !== header.length)
        throw new Error(`${path}: row ${n + 2} has ${r.length} fields, header has ${header.length}`);
      const o: Record<string, string> = {};
      header.forEach((h, k) => (o[h.trim()] = r[k]!));
      return o;
    });
}

/** Cleans a field for TSV: collapses whitespace runs (tabs, newlines) into one space and trims. */
export function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Serialises rows as TSV (header first, LF line ends); throws when a field holds a tab or newline. */
export function toTsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const out: string[] = [header.join('\t')];
  for (const r of rows) {
    if (r.length !== header.length)
      throw new Error(`TSV row has ${r.length} fields, expected ${header.length}: ${r.join('|')}`);
    for (const f of r)
      if (/[\t\r\n]/.test(f)) throw new Error(`TSV field holds a tab or newline: ${JSON.stringify(f)}`);
    out.push(r.join('\t'));
  }
  return `${out.join('\n')}\n`;
}

/** Deterministic gzip: level 9, zlib's header has mtime 0, so reruns are byte-identical. */
export function gzip(text: string): Buffer {
  const out = gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
  // RFC 1952 §2.3.1: byte 9 is the OS; zlib fills it per platform (3 Unix, 19 macOS): pin it to 255
  // "unknown" so a rebuild on another OS gives the same bytes.
  out[9] = 255;
  return out;
}

/** sha256 hex of bytes. */
export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
