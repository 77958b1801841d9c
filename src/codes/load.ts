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
import type { CodeListEntry, CodeRelease, CodeSets } from './code-sets.js';
import { createCodeSets } from './code-sets.js';
import { formatStoredCpt, parseCptFile } from './cpt-import.js';
import type { Manifest } from './data-files.js';
import {
  listOf,
  parseEntries,
  parseIndexTerms,
  parseListEntries,
  parseStoredCpt,
  systemOf,
} from './data-files.js';
import type { CodeEntry, IndexTerm } from './model.js';

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
  return path.endsWith('.gz') ? gunzipSync(raw) : raw;
}

/** Reads every file the manifest lists and builds the CodeSets. */
export function loadCodeSets(options: LoadCodeSetsOptions = {}): CodeSets {
  const dir = options.dataDir ?? defaultDataDir();
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const entries: CodeEntry[] = [];
  const releases: CodeRelease[] = [];
  const lists: CodeListEntry[] = [];
  const indexTerms: IndexTerm[] = [];
  const files = Object.entries(manifest.files);
  // Index terms last: they are marked incomplete when their code is not an ICD-10-CM code.
  files.sort(([, a], [, b]) => Number(a.kind === 'index-terms') - Number(b.kind === 'index-terms'));
  const icdCodes = new Map<string, string>();
  for (const [file, meta] of files) {
    const text = readBytes(join(dir, file));
    releases.push(...(meta.releases ?? []));
    let rows: number;
    switch (meta.kind) {
      case 'entries':
        rows = parseEntries(
          systemOf(file, meta),
          text,
          meta.columns,
          file,
          entries,
          meta.system === 'ICD-10-CM' ? icdCodes : undefined,
        );
        break;
      case 'index-terms':
        rows = parseIndexTerms(text, meta.columns, file, icdCodes, indexTerms);
        break;
      case 'list':
        rows = parseListEntries(listOf(file, meta), text, meta.columns, file, lists);
        break;
    }
    if (rows !== meta.rows) throw new Error(`${file}: ${rows} rows, manifest says ${meta.rows}`);
  }
  const cptFile = options.cptFile === undefined ? cptDescriptorsPath() : options.cptFile;
  if (cptFile !== null && existsSync(cptFile))
    applyCptDescriptors(entries, parseStoredCpt(readFileSync(cptFile, 'utf8')), releases);
  return createCodeSets({ entries, indexTerms, releases, lists });
}

/** Fills CPT entries with imported descriptors, in place (codes not in CMS files are added). */
function applyCptDescriptors(
  entries: CodeEntry[],
  descriptors: ReadonlyMap<string, string>,
  releases: CodeRelease[],
): void {
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    if (e.system !== 'CPT') return;
    const d = descriptors.get(e.code);
    if (d === undefined) return;
    seen.add(e.code);
    entries[i] = { ...e, shortDescription: d, longDescription: d, descriptionLicensed: true };
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
