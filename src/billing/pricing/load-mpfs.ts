/**
 * Loads the derived MPFS files from data/mpfs (built by scripts/build-mpfs.ts). The only file here
 * that reads the disk; pricing itself is pure (mpfs.ts).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Gpci, MpfsRvu } from './mpfs.js';

export interface MpfsData {
  readonly release: { id: string; year: number; effectiveFrom: string; source: string };
  rvu(code: string, modifier: string): MpfsRvu | undefined;
  rows(): Iterable<MpfsRvu>;
  locality(mac: string, locality: string): Gpci | undefined;
  localities(): readonly Gpci[];
}

const DEFAULT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'data', 'mpfs');

/** Reads data/mpfs into memory (about 19k RVU rows). */
export function loadMpfs(dir: string = DEFAULT_DIR): MpfsData {
  const lines = gunzipSync(readFileSync(join(dir, 'rvu.tsv.gz'))).toString('utf8').split('\n');
  const rows = new Map<string, MpfsRvu>();
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const f = line.split('\t');
    const row: MpfsRvu = {
      code: f[0]!, modifier: f[1]!, status: f[2]!, pctc: f[3]!, global: f[4]!, multProc: f[5]!, bilateral: f[6]!,
      facilityNa: f[10] === 'NA', nonFacilityNa: f[11] === 'NA',
      workRvu: f[12]!, nonFacilityPeRvu: f[13]!, facilityPeRvu: f[14]!, mpRvu: f[15]!, cf: f[16]!,
    };
    rows.set(`${row.code}|${row.modifier}`, row);
  }
  const gpcis: Gpci[] = [];
  for (const line of readFileSync(join(dir, 'gpci.tsv'), 'utf8').split('\n').slice(1)) {
    if (line === '') continue;
    const f = line.split('\t');
    gpcis.push({ mac: f[0]!, locality: f[1]!, state: f[2]!, name: f[3]!, work: f[4]!, pe: f[5]!, mp: f[6]! });
  }
  const byLocality = new Map(gpcis.map((g) => [`${g.mac}|${g.locality}`, g]));
  const release = JSON.parse(readFileSync(join(dir, 'release.json'), 'utf8')) as MpfsData['release'];
  return {
    release,
    rvu: (code, modifier) => rows.get(`${code}|${modifier}`),
    rows: () => rows.values(),
    locality: (mac, locality) => byLocality.get(`${mac}|${locality}`),
    localities: () => gpcis,
  };
}
