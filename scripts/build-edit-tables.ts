/**
 * Builds data/edits/ — the scrubber's compact edit tables — from the official CMS and CDC files in
 * `../shared/data/` (NCCI PTP and MUE, add-on codes, MCE diagnosis edits, ICD-10-CM Excludes1 notes,
 * MPFS payment-policy indicators). Every release found is written with its effective date, and
 * `data/edits/manifest.json` lists them, so a newer quarter is added by dropping its files in and
 * re-running this script. Output is deterministic: rows are sorted and every gzip header is fixed.
 *
 * Run: `node bin/run-ts.js scripts/build-edit-tables.ts [--shared DIR] [--out DIR]`;
 * `npm run build:codesets` calls `buildEditTables()`.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { EditTableManifest, EditTableManifestEntry } from '../src/rules/tables/manifest.js';
import { PTP_FORMAT, encodePtpTable } from '../src/rules/tables/ptp-format.js';

/** Splits one CSV line (RFC 4180 quoting; no embedded newlines in these files). */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '"') {
      if (quoted && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      cells.push(cur);
      cur = '';
    } else cur += ch;
  }
  cells.push(cur);
  return cells;
}

/** Reads a CSV (optionally gzipped) into header-keyed rows. */
function readCsv(path: string): { header: string[]; rows: string[][] } {
  const raw = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  const header = splitCsvLine(lines[0]!);
  return { header, rows: lines.slice(1).map(splitCsvLine) };
}

function column(header: readonly string[], name: string, file: string): number {
  const i = header.indexOf(name);
  if (i < 0) throw new Error(`${file}: column ${name} is missing (found ${header.join(', ')})`);
  return i;
}

/** gzip with a fixed header (mtime 0, OS 3 = Unix) so the same input always gives the same bytes. */
export function gzipFixed(data: Uint8Array): Buffer {
  const out = gzipSync(data, { level: 9 });
  out.writeUInt32LE(0, 4); // MTIME
  out[9] = 3; // OS
  return out;
}

/** "2024-07-01" → "2024Q3": CMS names NCCI/MUE releases by calendar quarter. */
export function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}Q${Math.floor((month - 1) / 3) + 1}`;
}

interface Built {
  entry: EditTableManifestEntry;
  file: string;
  bytes: Buffer;
}

/** NCCI PTP: every `ptp_<setting>_<date>_partNN.csv.gz` group becomes one binary table. */
function buildPtp(ncciDir: string, files: readonly string[]): Built[] {
  const groups = new Map<string, string[]>();
  for (const f of files) {
    const m = /^ptp_(practitioner|outpatient_hospital)_(\d{4}-\d{2}-\d{2})_part\d+\.csv(\.gz)?$/.exec(f);
    if (!m) continue;
    const key = `${m[1]!}|${m[2]!}`;
    groups.set(key, [...(groups.get(key) ?? []), f].sort());
  }
  const built: Built[] = [];
  for (const [key, parts] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const [setting, date] = key.split('|') as [string, string];
    const rows: { c1: string; c2: string; deletion: string; indicator: number; rationale: string }[] = [];
    for (const part of parts) {
      const { header, rows: csv } = readCsv(join(ncciDir, part));
      const i1 = column(header, 'column1', part);
      const i2 = column(header, 'column2', part);
      const iDel = column(header, 'deletion_date', part);
      const iMod = column(header, 'modifier_indicator', part);
      const iWhy = column(header, 'ptp_edit_rationale', part);
      for (const r of csv) {
        const indicator = Number(r[iMod]);
        if (indicator !== 0 && indicator !== 1 && indicator !== 9) throw new Error(`${part}: modifier indicator ${r[iMod]}`);
        rows.push({ c1: r[i1]!.trim(), c2: r[i2]!.trim(), deletion: (r[iDel] ?? '').trim(), indicator, rationale: (r[iWhy] ?? '').trim() });
      }
    }
    const bytes = gzipFixed(encodePtpTable(rows));
    const settingId = setting.replace('_', '-');
    const release = quarterOf(date);
    const file = `ptp-${settingId}-${date}.bin.gz`;
    built.push({
      file,
      bytes,
      entry: {
        table: `ptp-${settingId}`,
        name: `NCCI PTP ${setting.replace('_', ' ')}`,
        release,
        effectiveFrom: date,
        file,
        format: PTP_FORMAT,
        rows: rows.length,
        activeRows: rows.filter((r) => r.deletion === '').length,
        source: `CMS NCCI procedure-to-procedure edits, ${setting.replace('_', ' ')}, ${date} (${parts.length} parts)`,
      },
    });
  }
  return built;
}

/** MUE: `mue_<setting>_<date>.csv` → code, value, MAI, rationale (TSV, sorted by code). */
function buildMue(ncciDir: string, files: readonly string[]): Built[] {
  const built: Built[] = [];
  for (const f of [...files].sort()) {
    const m = /^mue_(practitioner|outpatient_hospital|dme_supplier)_(\d{4}-\d{2}-\d{2})\.csv$/.exec(f);
    if (!m) continue;
    const setting = m[1]!;
    const date = m[2]!;
    const { header, rows } = readCsv(join(ncciDir, f));
    const ic = column(header, 'hcpcs_code', f);
    const iv = column(header, 'mue_value', f);
    const im = column(header, 'mai', f);
    const ir = column(header, 'mue_rationale', f);
    const body = rows
      .map((r) => {
        const mai = r[im]!.trim();
        if (!['1', '2', '3'].includes(mai)) throw new Error(`${f}: MAI ${mai}`);
        if (!/^\d+$/.test(r[iv]!.trim())) throw new Error(`${f}: MUE value ${r[iv]}`);
        return [r[ic]!.trim(), r[iv]!.trim(), mai, r[ir]!.trim()].join('\t');
      })
      .sort();
    const settingId = setting.replace('_', '-');
    const settingName = setting === 'dme_supplier' ? 'DME supplier' : setting.replace('_', ' ');
    const file = `mue-${settingId}-${date}.tsv.gz`;
    built.push({
      file,
      bytes: gzipFixed(Buffer.from(`code\tvalue\tmai\trationale\n${body.join('\n')}\n`)),
      entry: {
        table: `mue-${settingId}`,
        name: `MUE ${settingName}`,
        release: quarterOf(date),
        effectiveFrom: date,
        file,
        format: 'tsv',
        rows: body.length,
        source: `CMS NCCI medically unlikely edits, ${settingName}, ${date}`,
      },
    });
  }
  return built;
}

/** Add-on codes: one row per add-on code with its edit type and the primaries CMS lists. */
function buildAoc(ncciDir: string, files: readonly string[]): Built[] {
  const built: Built[] = [];
  for (const f of [...files].sort()) {
    const m = /^aoc_add_on_code_edits_(\d{4})\.csv$/.exec(f);
    if (!m) continue;
    const year = m[1]!;
    const { header, rows } = readCsv(join(ncciDir, f));
    const ip = column(header, 'primary_code', f);
    const ia = column(header, 'add_on_code', f);
    const it = column(header, 'aoc_edit_type', f);
    const byAddOn = new Map<string, { types: Set<string>; primaries: Set<string> }>();
    for (const r of rows) {
      const addOn = r[ia]!.trim();
      const e = byAddOn.get(addOn) ?? { types: new Set<string>(), primaries: new Set<string>() };
      e.types.add(r[it]!.trim());
      // "CCCCC" stands for "primary codes defined by the contractor" (edit type 2).
      const primary = r[ip]!.trim();
      if (primary !== 'CCCCC') e.primaries.add(primary);
      byAddOn.set(addOn, e);
    }
    const body = [...byAddOn]
      .map(([addOn, e]) => {
        // A code listed under several types keeps the most lenient one (2 > 3 > 1).
        const type = e.types.has('2') ? '2' : e.types.has('3') ? '3' : '1';
        return `${addOn}\t${type}\t${[...e.primaries].sort().join(' ')}`;
      })
      .sort();
    // The 2024 file is the one CMS published in June for the 2024-07-01 quarter.
    const effectiveFrom = `${year}-07-01`;
    const file = `aoc-${effectiveFrom}.tsv.gz`;
    built.push({
      file,
      bytes: gzipFixed(Buffer.from(`addOn\ttype\tprimaries\n${body.join('\n')}\n`)),
      entry: {
        table: 'aoc',
        name: 'NCCI add-on code edits',
        release: quarterOf(effectiveFrom),
        effectiveFrom,
        file,
        format: 'tsv',
        rows: body.length,
        source: `CMS NCCI add-on code edit tables ${year} (${rows.length} primary/add-on rows)`,
      },
    });
  }
  return built;
}

const MCE_KINDS: Record<string, string> = {
  'Perinatal/Newborn (Age 0 Only)': 'newborn',
  'Pediatric (Ages 0-17)': 'pediatric',
  'Maternity (Ages 9-64)': 'maternity',
  'Adult (Ages 15-124)': 'adult',
  'Female Only': 'female',
  'Male Only': 'male',
  'Manifestation (Not Allowed as Principal Diagnosis)': 'manifestation',
};

/** MCE diagnosis edits: code (undotted) → kind. */
function buildMce(mceDir: string, files: readonly string[]): Built[] {
  const built: Built[] = [];
  for (const f of [...files].sort()) {
    const m = /^mce_v(\d+\.\d+)_dx_code_edits\.csv$/.exec(f);
    if (!m) continue;
    const version = m[1]!;
    const { header, rows } = readCsv(join(mceDir, f));
    const ic = column(header, 'icd10cm_code', f);
    const ie = column(header, 'edit', f);
    const body = rows
      .map((r) => {
        const kind = MCE_KINDS[r[ie]!.trim()];
        if (!kind) throw new Error(`${f}: unknown MCE edit ${r[ie]}`);
        return `${r[ic]!.trim().replace('.', '')}\t${kind}`;
      })
      .sort();
    // MCE v41 is the FY2024 release (dates of discharge from 2023-10-01); CMS versions it yearly.
    const major = Number(version.split('.')[0]);
    const fy = 1983 + major;
    const effectiveFrom = `${fy - 1}-10-01`;
    const file = `mce-v${version}.tsv.gz`;
    built.push({
      file,
      bytes: gzipFixed(Buffer.from(`code\tkind\n${[...new Set(body)].join('\n')}\n`)),
      entry: {
        table: 'mce',
        name: 'MCE diagnosis edits',
        release: `v${version} FY${fy}`,
        effectiveFrom,
        file,
        format: 'tsv',
        rows: body.length,
        source: `CMS Medicare Code Editor v${version} diagnosis code edits (age, sex, manifestation)`,
      },
    });
  }
  return built;
}

/** ICD-10-CM Excludes1 notes: the noted node, the note text and its referenced codes/ranges. */
function buildExcludes1(notesDir: string, files: readonly string[]): Built[] {
  const built: Built[] = [];
  for (const f of [...files].sort()) {
    const m = /^icd10cm_tabular_notes_fy(\d{4})\.tsv$/.exec(f);
    if (!m) continue;
    const fy = Number(m[1]);
    const lines = readFileSync(join(notesDir, f), 'utf8').split(/\r?\n/).filter((l) => l !== '');
    const header = lines[0]!.split('\t');
    const iCode = column(header, 'code_or_category', f);
    const iType = column(header, 'note_type', f);
    const iText = column(header, 'note_text', f);
    const iRefs = column(header, 'referenced_codes', f);
    const iLevel = column(header, 'level', f);
    const body: string[] = [];
    let skippedNoRefs = 0;
    for (const line of lines.slice(1)) {
      const r = line.split('\t');
      if (r[iType] !== 'excludes1') continue;
      const refs = (r[iRefs] ?? '').trim();
      if (refs === '') {
        skippedNoRefs++;
        continue;
      }
      const level = r[iLevel]!;
      const node = r[iCode]!.trim().replace(/^Block /, '').replace(/^Chapter /, 'Chapter ');
      body.push([level, node, refs, r[iText]!.trim()].join('\t'));
    }
    // Keep the tabular order (it is the order a coder reads them); it is deterministic.
    const effectiveFrom = `${fy - 1}-10-01`;
    const file = `icd10cm-excludes1-fy${fy}.tsv.gz`;
    built.push({
      file,
      bytes: gzipFixed(Buffer.from(`level\tnode\trefs\ttext\n${body.join('\n')}\n`)),
      entry: {
        table: 'icd10cm-excludes1',
        name: 'ICD-10-CM tabular Excludes1',
        release: `FY${fy}`,
        effectiveFrom,
        file,
        format: 'tsv',
        rows: body.length,
        source: `ICD-10-CM FY${fy} tabular list Excludes1 notes (${skippedNoRefs} notes that name no code left out)`,
      },
    });
  }
  return built;
}

/** MPFS payment-policy indicators the modifier edits need: PC/TC, global days, bilateral. */
function buildMpfsIndicators(mpfsDir: string, files: readonly string[]): Built[] {
  const built: Built[] = [];
  for (const f of [...files].sort()) {
    const m = /^pprrvu(\d{2})_(jan|apr|jul|oct)_indicators_and_rvus\.csv$/.exec(f);
    if (!m) continue;
    const year = 2000 + Number(m[1]);
    const quarter = { jan: ['01', 'January'], apr: ['04', 'April'], jul: ['07', 'July'], oct: ['10', 'October'] }[m[2] as 'jan'];
    const month = quarter[0];
    const { header, rows } = readCsv(join(mpfsDir, f));
    const ic = column(header, 'hcpcs_code', f);
    const im = column(header, 'mod', f);
    const ip = column(header, 'pctc', f);
    const ig = column(header, 'glob', f);
    const ib = column(header, 'bilat_surg', f);
    const body = rows
      .filter((r) => r[im]!.trim() === '')
      .map((r) => [r[ic]!.trim(), r[ip]!.trim(), r[ig]!.trim(), r[ib]!.trim()].join('\t'))
      .sort();
    const effectiveFrom = `${year}-${month}-01`;
    const file = `mpfs-indicators-${effectiveFrom}.tsv.gz`;
    built.push({
      file,
      bytes: gzipFixed(Buffer.from(`code\tpctc\tglobal\tbilateral\n${[...new Set(body)].join('\n')}\n`)),
      entry: {
        table: 'mpfs-indicators',
        name: 'MPFS payment policy indicators',
        release: `RVU${String(year).slice(2)} ${quarter[1]}`,
        effectiveFrom,
        file,
        format: 'tsv',
        rows: body.length,
        source: `CMS Medicare Physician Fee Schedule relative value file ${year} (${m[2]!}): PC/TC, global, bilateral indicators`,
      },
    });
  }
  return built;
}

/** Writes every edit table found under `sharedDataDir` into `outDir` with `manifest.json`. */
export function buildEditTables(sharedDataDir: string, outDir: string): EditTableManifest {
  const list = (dir: string): string[] => readdirSync(join(sharedDataDir, dir)).sort();
  const ncci = list('ncci');
  const built = [
    ...buildPtp(join(sharedDataDir, 'ncci'), ncci),
    ...buildMue(join(sharedDataDir, 'ncci'), ncci),
    ...buildAoc(join(sharedDataDir, 'ncci'), ncci),
    ...buildMce(join(sharedDataDir, 'mce'), list('mce')),
    ...buildExcludes1(join(sharedDataDir, 'icd10cm', 'tabular-notes-fy2027'), list(join('icd10cm', 'tabular-notes-fy2027'))),
    ...buildMpfsIndicators(join(sharedDataDir, 'mpfs-2024'), list('mpfs-2024')),
  ];
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const b of built) writeFileSync(join(outDir, b.file), b.bytes);
  const manifest: EditTableManifest = {
    format: 1,
    note: 'Built by scripts/build-edit-tables.ts from the official CMS/CDC files; do not edit by hand.',
    tables: built.map((b) => b.entry).sort((a, b) => (a.table === b.table ? (a.effectiveFrom < b.effectiveFrom ? -1 : 1) : a.table < b.table ? -1 : 1)),
  };
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (process.argv[1] && resolve(process.argv[1]).endsWith('build-edit-tables.ts')) {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const shared = resolve(arg('--shared') ?? join('..', 'shared', 'data'));
  const out = resolve(arg('--out') ?? join('data', 'edits'));
  const started = Date.now();
  const manifest = buildEditTables(shared, out);
  for (const t of manifest.tables) process.stdout.write(`edits: ${t.table} ${t.release} (${t.effectiveFrom}): ${t.rows} rows → ${t.file}\n`);
  process.stdout.write(`edits: done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
