/**
 * `npm run build:codesets [-- --shared DIR] [--out DIR] [--check]`: turns the official files in
 * ../shared/data (see its README) into the compact derived files under data/codes/, each gzip'd TSV with
 * its release and effective dates recorded in data/codes/manifest.json. Deterministic: rerunning gives
 * byte-identical files. `--check` rebuilds in memory and compares with the committed files (exit 1 on
 * any difference) instead of writing.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { icd10cmChapterOf } from '../src/codes/icd10cm-chapters.js';
import { buildIcdReleases, countRelease, mergeIcdReleases } from './codesets/icd10cm.js';
import { buildIndexTerms } from './codesets/index-terms.js';
import { gzip, sha256, toTsv } from './codesets/io.js';
import { buildOtherSets } from './codesets/other-sets.js';
import { buildEditTables } from './build-edit-tables.js';
import { buildMpfs } from './build-mpfs.js';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Args {
  shared: string;
  out: string;
  check: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = {
    shared: resolve(repo, '..', 'shared', 'data'),
    out: join(repo, 'data', 'codes'),
    check: false,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--shared') args.shared = resolve(argv[++i] ?? '');
    else if (a === '--out') args.out = resolve(argv[++i] ?? '');
    else if (a === '--check') args.check = true;
    else
      throw new Error(
        `unknown argument ${a ?? ''}; usage: build-codesets [--shared DIR] [--out DIR] [--check]`,
      );
  }
  return args;
}

/** Columns of every code-system file (ICD-10-CM, HCPCS, CPT). */
export const ENTRY_COLUMNS = [
  'code',
  'billable',
  'valid_from',
  'valid_to',
  'short_description',
  'long_description',
  'note',
] as const;
/** Columns of every code-list file (modifiers, CARC, RARC, …). */
export const LIST_COLUMNS = ['code', 'name', 'description', 'valid_from', 'valid_to', 'note'] as const;

/** One output file: its name, bytes and what the manifest says about it. */
export interface Output {
  readonly file: string;
  readonly bytes: Buffer;
  readonly meta: Record<string, unknown>;
}

/** Builds a gzip'd TSV output. */
export function tsvOutput(
  file: string,
  header: readonly string[],
  rows: readonly (readonly string[])[],
  meta: Record<string, unknown>,
): Output {
  return { file, bytes: gzip(toTsv(header, rows)), meta: { ...meta, rows: rows.length, columns: header } };
}

function sourceInfo(shared: string, ...paths: string[]): { path: string; sha256: string }[] {
  return paths.map((p) => ({ path: p, sha256: sha256(readFileSync(join(shared, p))) }));
}

function buildIcd(shared: string): Output[] {
  const releases = buildIcdReleases(shared);
  for (const r of releases) {
    for (const code of r.records.keys()) {
      if (!icd10cmChapterOf(code)) throw new Error(`ICD-10-CM ${r.name}: ${code} falls in no chapter`);
    }
  }
  const rows = mergeIcdReleases(releases);
  const terms = buildIndexTerms(shared);
  return [
    tsvOutput(
      'icd10cm.tsv.gz',
      ENTRY_COLUMNS,
      rows.map((r) => [...r, '']),
      {
        kind: 'entries',
        system: 'ICD-10-CM',
        description:
          'One row per code and wording; valid_from blank = valid before the earliest release here (FY2025), valid_to blank = still valid; long_description blank = same as short.',
        releases: releases.map((r) => ({
          system: 'ICD-10-CM',
          name: `ICD-10-CM ${r.name}`,
          validFrom: r.validFrom,
          ...(r.name === 'FY2027' ? {} : { validTo: r.validTo }),
          note:
            r.name === 'FY2025'
              ? 'Rebuilt from the FY2026 order file by undoing the FY2026 addenda.'
              : r.name === 'FY2027'
                ? 'FY2026 order file plus the FY2027 order-file addenda; in force from 2026-10-01 until a later release is added.'
                : 'CDC/CMS order file.',
          ...countRelease(r.records),
          entries: r.records.size,
        })),
        licence: 'public domain (CDC/CMS)',
        sources: sourceInfo(
          shared,
          'icd10cm/icd10cm_order_2026.txt',
          'icd10cm/icd10cm_order_addenda_2026.txt',
          'icd10cm/fy2027/icd10cm_order_addenda_2027.txt',
        ),
      },
    ),
    tsvOutput(
      'icd10cm-index-terms.tsv.gz',
      ['source', 'path', 'code', 'nonessential', 'see'],
      terms.map((t) => [t.source, t.path, t.code, t.nonessential, t.see]),
      {
        kind: 'index-terms',
        system: 'ICD-10-CM',
        description:
          'Index terms as search aids. alphabetic = FY2025 Alphabetic Index term paths (see-references resolved where they name a path with a code); neoplasm, drug = April 2026 tables, one row per filled cell, the path ending in the column heading; external-cause = April 2026 External Cause Index. A code ending in "-" is incomplete in the index (more characters needed).',
        release: 'Alphabetic Index FY2025; Neoplasm, Drug, External Cause April 1 2026',
        licence: 'public domain (CDC/CMS)',
        counts: Object.fromEntries(
          ['alphabetic', 'neoplasm', 'drug', 'external-cause'].map((s) => [
            s,
            terms.filter((t) => t.source === s).length,
          ]),
        ),
        sources: sourceInfo(
          shared,
          'icd10cm/index/alphabetic-index-term-paths-fy2025.csv.gz',
          'icd10cm/index/icd10cm-neoplasm-April-1-2026.xml',
          'icd10cm/index/icd10cm-drug-April-1-2026.xml',
          'icd10cm/index/icd10cm-eindex-April-1-2026.xml',
        ),
      },
    ),
  ];
}

function writeAtomic(path: string, bytes: Buffer | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(args.shared))
    throw new Error(`shared data folder not found: ${args.shared} (pass --shared DIR)`);
  const outputs = [...buildIcd(args.shared), ...buildOtherSets(args.shared)];
  const manifest = {
    description:
      'Derived code-set files built by scripts/build-codesets.ts from the official files (see docs/codes.md).',
    files: Object.fromEntries(
      outputs.map((o) => [o.file, { ...o.meta, sha256: sha256(o.bytes), bytes: o.bytes.length }]),
    ),
  };
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  const all: { file: string; bytes: Buffer }[] = [
    ...outputs,
    { file: 'manifest.json', bytes: Buffer.from(manifestText) },
  ];
  if (args.check) {
    let bad = checkOtherData(args.shared);
    for (const o of all) {
      const path = join(args.out, o.file);
      if (!existsSync(path)) {
        process.stderr.write(`MISSING ${relative(repo, path)}\n`);
        bad += 1;
        continue;
      }
      const committed = readFileSync(path);
      if (sha256(committed) === sha256(o.bytes)) {
        process.stdout.write(`same    ${o.file} sha256 ${sha256(o.bytes)}\n`);
      } else if (o.file.endsWith('.gz') && sha256(gunzipSync(committed)) === sha256(gunzipSync(o.bytes))) {
        // Another zlib build may compress differently; the content is what matters.
        process.stdout.write(`same content (compressed bytes differ: other zlib) ${o.file}\n`);
      } else {
        process.stderr.write(
          `DIFFERS ${o.file}: committed ${sha256(committed)}, rebuilt ${sha256(o.bytes)}\n`,
        );
        bad += 1;
      }
    }
    if (bad > 0) {
      process.stderr.write(`${bad} file(s) differ from a rebuild: run npm run build:codesets\n`);
      process.exitCode = 1;
    }
    return;
  }
  for (const o of all) {
    writeAtomic(join(args.out, o.file), o.bytes);
    process.stdout.write(`wrote ${relative(repo, join(args.out, o.file))} (${o.bytes.length} bytes)\n`);
  }
  // The CMS edit tables (NCCI, MUE, MCE, Excludes1, add-on codes) and the Medicare fee schedule.
  const edits = buildEditTables(args.shared, join(repo, 'data', 'edits'));
  process.stdout.write(`wrote data/edits (${edits.tables.length} tables)\n`);
  const mpfs = buildMpfs(args.shared, join(repo, 'data', 'mpfs'));
  process.stdout.write(`wrote data/mpfs (${mpfs.rvuRows} RVU rows, ${mpfs.localities} localities)\n`);
}

/** Rebuilds data/edits and data/mpfs in a temporary folder and compares them byte for byte. */
function checkOtherData(shared: string): number {
  const tmp = mkdtempSync(join(tmpdir(), 'superbill-check-'));
  let bad = 0;
  try {
    buildEditTables(shared, join(tmp, 'edits'));
    buildMpfs(shared, join(tmp, 'mpfs'));
    for (const dir of ['edits', 'mpfs']) {
      for (const file of readdirSync(join(tmp, dir)).sort()) {
        const committed = join(repo, 'data', dir, file);
        const rebuilt = readFileSync(join(tmp, dir, file));
        if (existsSync(committed) && sha256(readFileSync(committed)) === sha256(rebuilt)) {
          process.stdout.write(`same    ${dir}/${file}\n`);
        } else {
          process.stderr.write(`DIFFERS ${dir}/${file}\n`);
          bad += 1;
        }
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return bad;
}

main();
