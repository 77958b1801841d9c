/**
 * The derived files in data/codes/ (written by scripts/build-codesets.ts): TSV text with a header row,
 * described by data/codes/manifest.json. Code-system and index-term files are kept packed
 * (packed-table.ts, entry-store.ts); the small code lists are parsed here into objects. Pure: `load.ts`
 * reads and decompresses the files.
 */
import type { CodeListEntry, CodeListName, CodeRelease } from './code-sets.js';
import { isCodeListName } from './code-sets.js';
import type { CodeSystem } from './model.js';
import { isCodeSystem } from './model.js';

/** What the manifest says about one file. */
export interface ManifestFile {
  readonly kind: 'entries' | 'index-terms' | 'list';
  readonly system?: string;
  readonly list?: string;
  readonly releases?: readonly CodeRelease[];
  readonly rows: number;
  readonly columns: readonly string[];
  readonly sha256: string;
}

/** data/codes/manifest.json. */
export interface Manifest {
  readonly files: Readonly<Record<string, ManifestFile>>;
}

/**
 * Calls `fn` with the fields of every data row of a TSV file (UTF-8 bytes), checking the header against
 * the expected columns; returns the row count. The `fields` array is reused between rows. Each field is
 * decoded on its own, straight from the bytes: the strings kept are flat copies (one byte per
 * character when ASCII), not slices that would keep the whole decoded file alive.
 */
export function forEachTsvRow(
  data: Buffer,
  columns: readonly string[],
  file: string,
  fn: (fields: string[]) => void,
): number {
  const headerEnd = data.indexOf(10);
  const header = data.toString('utf8', 0, headerEnd < 0 ? data.length : headerEnd);
  if (header !== columns.join('\t')) throw new Error(`${file}: unexpected header ${JSON.stringify(header)}`);
  const fields: string[] = [];
  let count = 0;
  let pos = headerEnd + 1;
  while (headerEnd >= 0 && pos < data.length) {
    let end = data.indexOf(10, pos);
    if (end < 0) end = data.length;
    fields.length = 0;
    let start = pos;
    for (let tab = data.indexOf(9, start); tab >= 0 && tab < end; tab = data.indexOf(9, start)) {
      fields.push(tab === start ? '' : data.toString('utf8', start, tab));
      start = tab + 1;
    }
    fields.push(end === start ? '' : data.toString('utf8', start, end));
    fn(fields);
    count += 1;
    pos = end + 1;
  }
  return count;
}

/** Returns one shared copy of repeated short strings (dates, notes): thousands of rows share a few values. */
function interner(): (text: string | undefined) => string | undefined {
  const seen = new Map<string, string>();
  return (text) => {
    if (text === undefined || text === '') return undefined;
    const hit = seen.get(text);
    if (hit !== undefined) return hit;
    seen.set(text, text);
    return text;
  };
}

/** Parses a code-list file (code, name, description, valid_from, valid_to, note); returns the row count. */
export function parseListEntries(
  list: CodeListName,
  text: Buffer,
  columns: readonly string[],
  file: string,
  out: CodeListEntry[],
): number {
  const intern = interner();
  return forEachTsvRow(text, columns, file, ([code, name, description, from, to, note]) => {
    out.push({
      list,
      code: code!,
      name: name ?? '',
      description: description ?? '',
      validFrom: intern(from),
      validTo: intern(to),
      note: intern(note),
    });
  });
}

/** Checks a manifest entry's system/list name. */
export function systemOf(file: string, meta: ManifestFile): CodeSystem {
  if (meta.system === undefined || !isCodeSystem(meta.system))
    throw new Error(`${file}: unknown system ${meta.system ?? ''}`);
  return meta.system;
}

/** Checks a manifest entry's list name. */
export function listOf(file: string, meta: ManifestFile): CodeListName {
  if (meta.list === undefined || !isCodeListName(meta.list))
    throw new Error(`${file}: unknown list ${meta.list ?? ''}`);
  return meta.list;
}

/** Parses an imported CPT descriptor file written by `importCpt` (`#` comment lines, then code TAB descriptor). */
export function parseStoredCpt(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    out.set(line.slice(0, tab), line.slice(tab + 1));
  }
  return out;
}
