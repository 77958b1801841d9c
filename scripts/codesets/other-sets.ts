/**
 * Every code set other than ICD-10-CM: HCPCS Level II (October 2025 ANWEB + the July 2026 code-number
 * list), Level II modifiers, CPT code numbers (no descriptors: AMA licence), and the code lists for
 * remittance and claims (CARC, RARC, CAS group codes, claim status category and status codes, NUCC
 * taxonomy, Place of Service).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Output } from '../build-codesets.js';
import { ENTRY_COLUMNS, LIST_COLUMNS, tsvOutput } from '../build-codesets.js';
import { clean, readCsvObjects, sha256 } from './io.js';

/** 1205 → "1,205" (fixed, not locale-dependent). */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** YYYYMMDD → YYYY-MM-DD ('' stays ''). */
function compactDate(text: string | undefined): string {
  const t = (text ?? '').trim();
  if (t === '') return '';
  if (!/^\d{8}$/.test(t)) throw new Error(`bad YYYYMMDD date ${t}`);
  return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}`;
}

/** MM/DD/YYYY → YYYY-MM-DD ('' stays ''). */
function usDate(text: string | undefined): string {
  const t = (text ?? '').trim();
  if (t === '') return '';
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (!m) throw new Error(`bad MM/DD/YYYY date ${t}`);
  return `${m[3]!}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
}

function src(shared: string, path: string): { path: string; sha256: string } {
  return { path, sha256: sha256(readFileSync(join(shared, path))) };
}

function byCode(a: readonly string[], b: readonly string[]): number {
  return a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0;
}

function hcpcs(shared: string): Output[] {
  const anweb = 'hcpcs/HCPC2025_OCT_ANWEB.csv';
  const rows = readCsvObjects(join(shared, anweb));
  const codes = rows.filter((r) => r.RECID === '3');
  if (codes.length !== 8_463) throw new Error(`HCPCS: ${codes.length} codes, expected 8,463`);
  const out: string[][] = codes.map((r) => {
    const long = clean(r['LONG DESCRIPTION']!);
    const short = clean(r['SHORT DESCRIPTION']!);
    // HCPCS record layout: ADD DT = date the code was added; TERM DT = last date it may be used.
    const from = compactDate(r['ADD DT'] !== '' ? r['ADD DT'] : r['ACT EFF DT']);
    return [r.HCPC!.trim(), '1', from, compactDate(r['TERM DT']), short, long === short ? '' : long, ''];
  });
  const known = new Set(out.map((r) => r[0]!));
  const jul = readFileSync(join(shared, 'hcpcs', 'hcpcs_level2_codes_jul2026.txt'), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const added = jul.filter((c) => !known.has(c));
  if (added.length !== 262)
    throw new Error(`HCPCS July 2026: ${added.length} codes added since October 2025, expected 262`);
  for (const code of added) {
    out.push([
      code,
      '1',
      '2026-07-01',
      '',
      '',
      '',
      "Known by number only: listed in the July 2026 HCPCS file but not in October 2025; in effect by 2026-07-01 (the exact start date and the description are not in Superbill's data).",
    ]);
  }
  out.sort(byCode);
  const modFile = 'hcpcs/hcpcs_level2_modifiers_oct2025.csv';
  const mods = readCsvObjects(join(shared, modFile)).map((r) => {
    const long = clean(r.long_description!);
    return [
      r.modifier!.trim(),
      clean(r.short_description!),
      long,
      compactDate(r.add_dt),
      compactDate(r.term_dt),
      '',
    ];
  });
  if (mods.length !== 383) throw new Error(`HCPCS modifiers: ${mods.length}, expected 383`);
  mods.sort(byCode);
  const terminated = out.filter((r) => r[3] !== '').length;
  return [
    tsvOutput('hcpcs.tsv.gz', ENTRY_COLUMNS, out, {
      kind: 'entries',
      system: 'HCPCS',
      description:
        'HCPCS Level II codes: valid_from = ADD DT, valid_to = TERM DT (last date the code may be used); long_description blank = same as short.',
      releases: [
        {
          system: 'HCPCS',
          name: 'HCPCS Level II October 2025 (HCPC2025_OCT_ANWEB)',
          validTo: '2026-06-30',
          note: `8,463 codes (${thousands(terminated)} terminated) with add and termination dates; codes terminated years earlier may be missing.`,
        },
        {
          system: 'HCPCS',
          name: 'HCPCS Level II July 2026 code numbers',
          validFrom: '2026-07-01',
          note: '262 codes added since October 2025 are known by number only (no description, exact start date or termination dates). No later quarter is in the data: terminations after October 2025 are not known.',
        },
      ],
      licence: 'public domain (CMS)',
      sources: [src(shared, anweb), src(shared, 'hcpcs/hcpcs_level2_codes_jul2026.txt')],
    }),
    tsvOutput('hcpcs-modifiers.tsv.gz', LIST_COLUMNS, mods, {
      kind: 'list',
      list: 'hcpcs-modifier',
      description:
        'HCPCS Level II modifiers: name = short description, description = long, valid_from = add date, valid_to = termination date.',
      releases: [
        { system: 'hcpcs-modifier', name: 'HCPCS Level II modifiers October 2025', note: '383 modifiers' },
      ],
      licence: 'public domain (CMS)',
      sources: [src(shared, modFile)],
    }),
  ];
}

function cpt(shared: string): Output {
  const file = 'cpt/cpt_code_numbers_seen_in_cms_2024_files.csv';
  const rows = readCsvObjects(join(shared, file)).map((r) => [
    r.cpt_code!.trim(),
    '1',
    '',
    '',
    '',
    '',
    `CPT ${clean(r.cpt_category!)}; number seen in CMS 2024 files (description requires a CPT licence)`,
  ]);
  rows.sort(byCode);
  return tsvOutput('cpt-numbers.tsv.gz', ENTRY_COLUMNS, rows, {
    kind: 'entries',
    system: 'CPT',
    description:
      'CPT code numbers only (no AMA descriptors) seen in CMS 2024 files, with their category in note.',
    releases: [
      {
        system: 'CPT',
        name: 'CPT code numbers seen in CMS 2024 files',
        note: 'Numbers only; descriptions require a CPT licence (superbill codes import-cpt FILE). Codes new after 2024 are missing until imported.',
      },
    ],
    licence: 'code numbers only; CPT is © AMA',
    sources: [src(shared, file)],
  });
}

interface ListSpec {
  readonly file: string;
  readonly list: string;
  readonly source: string;
  readonly release: string;
  readonly licence: string;
  readonly description: string;
  readonly rows: (r: Record<string, string>) => string[];
}

const X12_LICENCE =
  '© X12: shipped for display in the product only, do not republish the list (see docs/codes.md)';

const LISTS: readonly ListSpec[] = [
  {
    file: 'carc.tsv.gz',
    list: 'carc',
    source: 'x12-codes/carc.csv',
    release: 'Claim Adjustment Reason Codes, X12 list as of 2025-11',
    licence: X12_LICENCE,
    description: 'CARC: valid_from = start date, valid_to = stop date; note = status and last-modified date.',
    rows: (r) => [
      r.code!,
      '',
      clean(r.description!),
      usDate(r.start_date),
      usDate(r.stop_date),
      noteOf(r.status, r.last_modified, r.notes),
    ],
  },
  {
    file: 'rarc.tsv.gz',
    list: 'rarc',
    source: 'x12-codes/rarc.csv',
    release: 'Remittance Advice Remark Codes, X12 list as of 2026-03',
    licence: X12_LICENCE,
    description:
      'RARC: valid_from = start date, valid_to = stop date; note = status (inferred by the source) and last-modified date.',
    rows: (r) => [
      r.code!,
      '',
      clean(r.description!),
      usDate(r.start_date),
      usDate(r.stop_date),
      noteOf(r.status_inferred, r.last_modified, r.notes),
    ],
  },
  {
    file: 'cas-group-codes.tsv.gz',
    list: 'cas-group',
    source: 'x12-codes/claim_adjustment_group_codes.csv',
    release: 'Claim Adjustment Group Codes (X12 835 CAS01)',
    licence: X12_LICENCE,
    description: 'CAS group codes (CO, CR, OA, PI, PR).',
    rows: (r) => [r.code!, clean(r.description!), clean(r.description!), '', '', clean(r.note ?? '')],
  },
  {
    file: 'claim-status-category-codes.tsv.gz',
    list: 'claim-status-category',
    source: 'x12-codes/claim_status_category_codes_507_legacy.csv',
    release: 'Claim Status Category Codes (code source 507), legacy 2011 wording',
    licence: X12_LICENCE,
    description: '277 claim status category codes (STC01-1); old wording.',
    rows: (r) => [r.code!, '', clean(r.description!), '', '', ''],
  },
  {
    file: 'claim-status-codes.tsv.gz',
    list: 'claim-status',
    source: 'x12-codes/claim_status_codes_508_legacy.csv',
    release: 'Claim Status Codes (code source 508), legacy 2011 wording',
    licence: X12_LICENCE,
    description: '277 claim status codes (STC01-2); old wording.',
    rows: (r) => [r.code!, '', clean(r.description!), '', '', ''],
  },
  {
    file: 'nucc-taxonomy.tsv.gz',
    list: 'nucc-taxonomy',
    source: 'nucc/nucc_taxonomy_251.csv',
    release: 'NUCC Health Care Provider Taxonomy v25.1',
    licence: '© AMA/NUCC, free to use',
    description:
      'Provider taxonomy: name = display name, description = definition, note = grouping / classification / specialization and section.',
    rows: (r) => [
      r.Code!.trim(),
      clean(r['Display Name']!),
      clean(r.Definition!),
      '',
      '',
      [r.Grouping, r.Classification, r.Specialization]
        .map((x) => clean(x ?? ''))
        .filter((x) => x !== '')
        .join(' / ') + (r.Section ? ` (${clean(r.Section)})` : ''),
    ],
  },
  {
    file: 'place-of-service.tsv.gz',
    list: 'place-of-service',
    source: 'pos/place_of_service_codes_cms_2023-09.csv',
    release: 'CMS Place of Service code set, September 2023',
    licence: 'public domain (CMS)',
    description:
      'Place of Service codes: name, description; note = facility or non-facility setting for the physician fee schedule.',
    rows: (r) => [
      r.pos_code!.trim(),
      clean(r.pos_name!),
      clean(r.pos_description!),
      '',
      '',
      clean(r.facility_setting_northstar ?? ''),
    ],
  },
];

function noteOf(status: string | undefined, modified: string | undefined, notes: string | undefined): string {
  const parts: string[] = [];
  if (status) parts.push(`status: ${clean(status)}`);
  if (modified) parts.push(`last modified ${usDate(modified)}`);
  if (notes) parts.push(clean(notes));
  return parts.join('; ');
}

/** Builds every code set other than ICD-10-CM. */
export function buildOtherSets(shared: string): Output[] {
  const lists = LISTS.map((spec) => {
    const rows = readCsvObjects(join(shared, spec.source)).map(spec.rows);
    rows.sort(byCode);
    return tsvOutput(spec.file, LIST_COLUMNS, rows, {
      kind: 'list',
      list: spec.list,
      description: spec.description,
      releases: [{ system: spec.list, name: spec.release }],
      licence: spec.licence,
      sources: [src(shared, spec.source)],
    });
  });
  return [...hcpcs(shared), cpt(shared), ...lists];
}
