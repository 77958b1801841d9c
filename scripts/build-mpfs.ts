/**
 * Builds data/mpfs/ from the CMS Medicare Physician Fee Schedule release files (RVU, GPCI, locality,
 * anesthesia conversion factor). Output is deterministic (gzip without a timestamp; rows sorted).
 * Run: `node bin/run-ts.js scripts/build-mpfs.ts [--shared DIR]`; `npm run build:codesets` calls it.
 * CPT descriptors are not in these files and are never written.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { splitCsvLine } from './build-edit-tables.js';

/** The release this build writes (CY2024, RVU24C "July" file). */
export const MPFS_RELEASE = { id: 'RVU24C', year: 2024, effectiveFrom: '2024-07-01' } as const;

function parseCsv(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .filter((line) => line !== '')
    .map(splitCsvLine);
}

/** Writes the derived MPFS files into `outDir` from `sharedDataDir/mpfs-2024`. */
export function buildMpfs(sharedDataDir: string, outDir: string): { rvuRows: number; localities: number } {
  const src = join(sharedDataDir, 'mpfs-2024');
  mkdirSync(outDir, { recursive: true });
  const rvu = parseCsv(readFileSync(join(src, 'pprrvu24_jul_indicators_and_rvus.csv'), 'utf8'));
  const header = rvu[0]!;
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`MPFS RVU file: column ${name} missing`);
    return i;
  };
  const keep = [
    'hcpcs_code', 'mod', 'status', 'pctc', 'glob', 'mult_proc', 'bilat_surg', 'asst_surg', 'co_surg',
    'team_surg', 'fac_na', 'non_na', 'rvu_work', 'rvu_non_pe', 'rvu_fac_pe', 'rvu_mp', 'cf',
  ].map(col);
  const body = rvu
    .slice(1)
    .map((r) => keep.map((i) => (r[i] ?? '').trim()).join('\t'))
    .sort();
  const rvuHeader = [
    'code', 'modifier', 'status', 'pctc', 'global', 'multProc', 'bilateral', 'assistant', 'coSurgeon',
    'teamSurgeon', 'facilityNa', 'nonFacilityNa', 'workRvu', 'nonFacilityPeRvu', 'facilityPeRvu', 'mpRvu', 'cf',
  ].join('\t');
  const gz = (s: string): Buffer => gzipSync(Buffer.from(s, 'utf8'), { level: 9, mtime: 0 } as never);
  writeFileSync(join(outDir, 'rvu.tsv.gz'), gz(`${rvuHeader}\n${body.join('\n')}\n`));

  const gpci = parseCsv(readFileSync(join(src, 'gpci_2024.csv'), 'utf8'));
  const anes = parseCsv(readFileSync(join(src, 'anesthesia_cf_2024.csv'), 'utf8'));
  const anesBy = new Map(anes.slice(1).map((r) => [`${r[0]}|${r[1]}`, r[2] ?? '']));
  const loc = gpci
    .slice(1)
    .map((r) => [r[0], r[2], r[1], r[3], r[4], r[5], r[6], anesBy.get(`${r[0]}|${r[2]}`) ?? ''].join('\t'))
    .sort();
  writeFileSync(
    join(outDir, 'gpci.tsv'),
    `mac\tlocality\tstate\tname\tgpciWork\tgpciPe\tgpciMp\tanesthesiaCf\n${loc.join('\n')}\n`,
  );
  writeFileSync(
    join(outDir, 'release.json'),
    `${JSON.stringify({ ...MPFS_RELEASE, source: 'CMS MPFS RVU24C (pprrvu24_jul), GPCI 2024, anesthesia CF 2024' }, null, 2)}\n`,
  );
  return { rvuRows: body.length, localities: loc.length };
}

if (process.argv[1] && resolve(process.argv[1]).endsWith('build-mpfs.ts')) {
  const i = process.argv.indexOf('--shared');
  const shared = i > 0 ? process.argv[i + 1]! : resolve('..', 'shared', 'data');
  const out = buildMpfs(shared, resolve('data', 'mpfs'));
  process.stdout.write(`mpfs: ${out.rvuRows} RVU rows, ${out.localities} localities\n`);
}
