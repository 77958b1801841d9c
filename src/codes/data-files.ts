/**
 * Parsers for the derived files in data/codes/ (written by scripts/build-codesets.ts): TSV text with a
 * header row, described by data/codes/manifest.json. Pure: `load.ts` reads and decompresses the files.
 */
import type { CodeListEntry, CodeListName, CodeRelease } from './code-sets.js';
import { isCodeListName } from './code-sets.js';
import type { CodeEntry, CodeSystem, IndexTerm } from './model.js';
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

function opt(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
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

/**
 * ICD-10-CM parent: the longest shorter prefix that is itself a code (S00.00XA → S00.00: the X is a
 * placeholder, not a node). `known` maps the codes seen so far to themselves; the files are in code order, so a
 * parent always comes before its children.
 */
export function icdParent(code: string, known: ReadonlyMap<string, string>): string | undefined {
  const bare = code.replace('.', '');
  for (let n = bare.length - 1; n >= 3; n -= 1) {
    // The map returns the parent's own string: one copy of each code in memory.
    const hit = known.get(n > 3 ? `${bare.slice(0, 3)}.${bare.slice(3, n)}` : bare.slice(0, 3));
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/** Fields of a code-system file row (code, billable, valid_from, valid_to, short, long, note) → an entry. */
export function entryFromFields(
  system: CodeSystem,
  fields: readonly string[],
  parent: string | undefined,
  intern: (text: string | undefined) => string | undefined = opt,
): CodeEntry {
  const [code, billable, from, to, short, long, note] = fields;
  const shortDescription = short ?? '';
  const longDescription = long === undefined || long === '' ? shortDescription : long;
  const billableFlag = billable === '1';
  // Nearly every ICD-10-CM entry has a parent: put it in the literal so it sits inside the object
  // rather than in a separate property store (≈ 40 bytes × 98,000 entries). Rare fields are added after.
  const entry: { -readonly [K in keyof CodeEntry]: CodeEntry[K] } =
    parent !== undefined
      ? { system, code: code!, shortDescription, longDescription, billable: billableFlag, parent }
      : { system, code: code!, shortDescription, longDescription, billable: billableFlag };
  const validFrom = intern(from);
  if (validFrom !== undefined) entry.validFrom = validFrom;
  const validTo = intern(to);
  if (validTo !== undefined) entry.validTo = validTo;
  if (system === 'CPT') entry.descriptionLicensed = false;
  const n = intern(note);
  if (n !== undefined) entry.note = n;
  return entry;
}

/**
 * Parses a code-system file into entries, computing ICD-10-CM parents; returns the row count. `known`
 * receives every code (the index terms use it to mark codes that are not complete ICD-10-CM codes).
 */
export function parseEntries(
  system: CodeSystem,
  text: Buffer,
  columns: readonly string[],
  file: string,
  out: CodeEntry[],
  known: Map<string, string> = new Map(),
): number {
  const intern = interner();
  return forEachTsvRow(text, columns, file, (f) => {
    // Versions of one code share the first version's code string.
    const code = known.get(f[0]!) ?? f[0]!;
    f[0] = code;
    const parent = system === 'ICD-10-CM' ? icdParent(code, known) : undefined;
    known.set(code, code);
    out.push(entryFromFields(system, f, parent, intern));
  });
}

const TERM_SOURCES = ['alphabetic', 'neoplasm', 'drug', 'external-cause'] as const;

/** Parses the index-term file (source, path, code, nonessential, see); `known` marks complete codes. */
export function parseIndexTerms(
  text: Buffer,
  columns: readonly string[],
  file: string,
  known: ReadonlyMap<string, string>,
  out: IndexTerm[],
): number {
  const intern = interner();
  return forEachTsvRow(text, columns, file, ([source, path, rawCode, nonessential, see]) => {
    const src = TERM_SOURCES.find((s) => s === source);
    if (src === undefined) throw new Error(`${file}: unknown source ${source ?? ''}`);
    const dash = rawCode!.endsWith('-');
    const written = dash ? rawCode!.replace(/\.?-$/, '') : rawCode!;
    const code = known.get(written);
    const term: { -readonly [K in keyof IndexTerm]: IndexTerm[K] } = {
      path: path!,
      code: code ?? written,
      source: src,
    };
    const ne = intern(nonessential);
    if (ne !== undefined) term.nonessential = ne;
    const s = intern(see);
    if (s !== undefined) term.see = s;
    if (dash || code === undefined) term.incomplete = true;
    out.push(term);
  });
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
