/**
 * Loads the committed code-set files (data/codes/, described by manifest.json) and, when present, the
 * user's imported CPT descriptors ($SUPERBILL_HOME/cpt/cpt-descriptors.tsv). This is the only file in
 * src/codes that touches the file system; everything else is pure.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Problem } from '../model/problem.js';
import type { CodeListEntry, CodeListName, CodeRelease, CodeSets } from './code-sets.js';
import { codeSetsFromParts } from './code-sets.js';
import { formatStoredCpt, parseCptFile } from './cpt-import.js';
import type { Manifest, ManifestFile } from './data-files.js';
import { listOf, parseListEntries, parseStoredCpt, systemOf } from './data-files.js';
import type { EntryStore } from './entry-store.js';
import { ObjectEntryStore, PackedEntryStore, PackedIndexTerms, plainEntry } from './entry-store.js';
import type { CodeEntry, CodeSystem } from './model.js';
import { PackedTable } from './packed-table.js';

/** Options for loadCodeSets. */
export interface LoadCodeSetsOptions {
  /** Folder with manifest.json and the derived files; default: the repository's data/codes. */
  readonly dataDir?: string;
  /** Imported CPT descriptor file; default: cptDescriptorsPath() when it exists. Pass null to skip. */
  readonly cptFile?: string | null;
}

/** The repository's data/codes folder. */
export function defaultDataDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'codes');
}

/** Superbill's local storage folder: $SUPERBILL_HOME, else ~/.local/share/superbill. */
export function superbillHome(): string {
  const env = process.env.SUPERBILL_HOME;
  return env !== undefined && env !== '' ? resolve(env) : join(homedir(), '.local', 'share', 'superbill');
}

/** Where an imported CPT descriptor file is kept (outside the repository: CPT is AMA-licensed). */
export function cptDescriptorsPath(): string {
  return join(superbillHome(), 'cpt', 'cpt-descriptors.tsv');
}

function readBytes(path: string): Buffer {
  const raw = readFileSync(path);
  if (!path.endsWith('.gz')) return raw;
  // The gzip trailer holds the decompressed size (mod 2^32): one output chunk, no concatenation copy.
  const size = raw.length >= 18 ? raw.readUInt32LE(raw.length - 4) : 0;
  return gunzipSync(raw, { chunkSize: Math.max(64 * 1024, size + 1) });
}

/**
 * Reads every file the manifest lists and builds the CodeSets. Code-system files and the index terms
 * stay packed (their bytes + field offsets; see packed-table.ts); the code lists are read on first use.
 */
export function loadCodeSets(options: LoadCodeSetsOptions = {}): CodeSets {
  const dir = options.dataDir ?? defaultDataDir();
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const stores = new Map<CodeSystem, EntryStore>();
  const releases: CodeRelease[] = [];
  const listFiles = new Map<CodeListName, [string, ManifestFile][]>();
  const files = Object.entries(manifest.files);
  // Index terms last: they are marked incomplete when their code is not an ICD-10-CM code.
  files.sort(([, a], [, b]) => Number(a.kind === 'index-terms') - Number(b.kind === 'index-terms'));
  let terms: PackedIndexTerms | undefined;
  const table = (file: string, meta: ManifestFile): PackedTable => {
    const t = new PackedTable(readBytes(join(dir, file)), meta.columns, file);
    if (t.rows !== meta.rows) throw new Error(`${file}: ${t.rows} rows, manifest says ${meta.rows}`);
    return t;
  };
  for (const [file, meta] of files) {
    releases.push(...(meta.releases ?? []));
    switch (meta.kind) {
      case 'entries': {
        const system = systemOf(file, meta);
        if (stores.has(system)) throw new Error(`${file}: a second file for ${system}`);
        stores.set(system, new PackedEntryStore(system, table(file, meta), file));
        break;
      }
      case 'index-terms':
        if (terms !== undefined) throw new Error(`${file}: a second index-term file`);
        terms = new PackedIndexTerms(table(file, meta), stores.get('ICD-10-CM'), file);
        break;
      case 'list': {
        const name = listOf(file, meta);
        const l = listFiles.get(name);
        if (l) l.push([file, meta]);
        else listFiles.set(name, [[file, meta]]);
        break;
      }
    }
  }
  const lists = new Map<CodeListName, () => readonly CodeListEntry[]>();
  for (const [name, parts] of listFiles)
    lists.set(name, () => {
      const out: CodeListEntry[] = [];
      for (const [file, meta] of parts) {
        const rows = parseListEntries(name, readBytes(join(dir, file)), meta.columns, file, out);
        if (rows !== meta.rows) throw new Error(`${file}: ${rows} rows, manifest says ${meta.rows}`);
      }
      return out;
    });
  const cptFile = options.cptFile === undefined ? cptDescriptorsPath() : options.cptFile;
  if (cptFile !== null && existsSync(cptFile)) {
    const cpt = stores.get('CPT')?.all() ?? [];
    stores.set(
      'CPT',
      new ObjectEntryStore(
        'CPT',
        withCptDescriptors(cpt, parseStoredCpt(readFileSync(cptFile, 'utf8')), releases),
      ),
    );
  }
  const packedTerms = terms;
  return codeSetsFromParts({
    stores,
    indexTerms: () => packedTerms?.all() ?? [],
    releases,
    lists,
  });
}

/** CPT entries with imported descriptors filled in (codes not in CMS files are added). */
function withCptDescriptors(
  cpt: readonly CodeEntry[],
  descriptors: ReadonlyMap<string, string>,
  releases: CodeRelease[],
): CodeEntry[] {
  const seen = new Set<string>();
  const entries = cpt.map((e): CodeEntry => {
    const d = descriptors.get(e.code);
    if (d === undefined) return plainEntry(e);
    seen.add(e.code);
    return { ...plainEntry(e), shortDescription: d, longDescription: d, descriptionLicensed: true };
  });
  for (const [code, d] of descriptors) {
    if (!seen.has(code))
      entries.push({
        system: 'CPT',
        code,
        shortDescription: d,
        longDescription: d,
        billable: true,
        descriptionLicensed: true,
      });
  }
  releases.push({
    system: 'CPT',
    name: 'CPT descriptors imported by the user (licensed)',
    note: `${descriptors.size} descriptors`,
  });
  return entries;
}

let shared: CodeSets | undefined;

/** The code sets loaded once per process from the default locations (lazy). */
export function getCodeSets(): CodeSets {
  shared ??= loadCodeSets();
  return shared;
}

/** Drops the shared code sets so the next getCodeSets() reloads (after a CPT import). */
export function resetCodeSets(): void {
  shared = undefined;
}

/** Writes a file atomically: a temp file in the same folder, then rename (never a half-written file). */
export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  try {
    writeFileSync(tmp, text, 'utf8');
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** The outcome of a CPT import. */
export type CptImportResult =
  | { readonly ok: true; readonly count: number; readonly path: string; readonly delimiter: 'tab' | 'pipe' }
  | { readonly ok: false; readonly line: number; readonly problem: Problem };

/**
 * Imports a licensed CPT file into local storage (`target`, default cptDescriptorsPath()): parsed whole
 * first, then written atomically, so a bad file leaves the previous import untouched.
 */
export function importCptFile(file: string, target: string = cptDescriptorsPath()): CptImportResult {
  const parsed = parseCptFile(readFileSync(file, 'utf8'));
  if (!parsed.ok) return parsed;
  writeFileAtomic(target, formatStoredCpt(parsed.descriptors, basename(file)));
  resetCodeSets();
  return { ok: true, count: parsed.descriptors.size, path: target, delimiter: parsed.delimiter };
}
