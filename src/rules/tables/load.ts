/**
 * The one loader that reads data/edits/ (committed, built by scripts/build-edit-tables.ts) from disk;
 * everything else in src/rules is pure and receives the loaded tables in the scrub context.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { EditTableId, EditTableManifest, EditTableManifestEntry } from './manifest.js';
import { isEditTableId } from './manifest.js';
import { parseAddOn, parseExcludes1, parseMce, parseMpfs, parseMue } from './parse.js';
import type { PtpTable } from './ptp-format.js';
import { decodePtpTable } from './ptp-format.js';
import type { EditTables, TableRelease } from './tables.js';
import { Versioned, release } from './tables.js';

/** data/edits/ of this checkout. */
export function defaultEditTablesDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'data', 'edits');
}

export interface LoadEditTablesOptions {
  /** Directory with manifest.json (default: data/edits/ of this checkout). */
  readonly dir?: string;
}

/** Reads data/edits/manifest.json. */
export function readEditTableManifest(dir = defaultEditTablesDir()): EditTableManifest {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as EditTableManifest;
}

/** Loads every edit table release listed in the manifest. */
export function loadEditTables(options: LoadEditTablesOptions = {}): EditTables {
  const dir = options.dir ?? defaultEditTablesDir();
  const manifest = readEditTableManifest(dir);
  const by = new Map<EditTableId, EditTableManifestEntry[]>();
  for (const e of manifest.tables) {
    if (!isEditTableId(e.table)) continue; // a newer build may add tables this version does not know
    by.set(e.table, [...(by.get(e.table) ?? []), e]);
  }
  const read = (e: EditTableManifestEntry): Buffer => gunzipSync(readFileSync(join(dir, e.file)));
  const text = (e: EditTableManifestEntry): string => read(e).toString('utf8');
  function versions<T>(id: EditTableId, parse: (e: EditTableManifestEntry) => T): Versioned<T> {
    const entries = by.get(id) ?? [];
    const releases: TableRelease<T>[] = entries.map((e) => release(e, parse(e)));
    return new Versioned(releases);
  }
  const ptp = (e: EditTableManifestEntry): PtpTable => decodePtpTable(read(e));
  return {
    ptpPractitioner: versions('ptp-practitioner', ptp),
    ptpOutpatientHospital: versions('ptp-outpatient-hospital', ptp),
    muePractitioner: versions('mue-practitioner', (e) => parseMue(text(e))),
    mueOutpatientHospital: versions('mue-outpatient-hospital', (e) => parseMue(text(e))),
    mueDmeSupplier: versions('mue-dme-supplier', (e) => parseMue(text(e))),
    addOn: versions('aoc', (e) => parseAddOn(text(e))),
    mce: versions('mce', (e) => parseMce(text(e))),
    excludes1: versions('icd10cm-excludes1', (e) => parseExcludes1(text(e))),
    mpfs: versions('mpfs-indicators', (e) => parseMpfs(text(e))),
  };
}

let cached: EditTables | undefined;

/** The edit tables of this checkout, loaded once per process. */
export function getEditTables(): EditTables {
  cached ??= loadEditTables();
  return cached;
}
