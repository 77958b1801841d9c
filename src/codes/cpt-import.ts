/**
 * Reads a licensed CPT descriptor file (the user's own AMA data file or EHR export; CPT descriptors
 * are AMA-copyrighted and never shipped with Superbill). Accepted layouts (docs/codes.md):
 *   code<TAB>descriptor            (AMA data files, e.g. the long-descriptor text file)
 *   code|descriptor                (EHR exports)
 *   code<TAB>short<TAB>long, code|short|long   (the long descriptor is kept)
 * An optional header line (first line whose first field is not a code, e.g. "Code\tDescriptor"), blank
 * lines and lines starting with # are skipped. Any other bad row rejects the whole file, naming the line.
 */
import type { Problem } from '../model/problem.js';
import { normalizeCode } from './normalize.js';

/** The outcome of reading a CPT file: every descriptor, or the first bad row. */
export type CptParseResult =
  | {
      readonly ok: true;
      readonly descriptors: ReadonlyMap<string, string>;
      readonly delimiter: 'tab' | 'pipe';
    }
  | { readonly ok: false; readonly line: number; readonly problem: Problem };

function fail(line: number, message: string): CptParseResult {
  return {
    ok: false,
    line,
    problem: {
      severity: 'error',
      code: 'cpt_import.bad_row',
      message: `line ${line}: ${message}`,
      path: `line ${line}`,
      ruleId: 'cpt-import',
    },
  };
}

function unquote(field: string): string {
  const t = field.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replaceAll('""', '"') : t;
}

/** Parses a CPT descriptor file; all or nothing. */
export function parseCptFile(text: string): CptParseResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const descriptors = new Map<string, string>();
  let delimiter: '\t' | '|' | undefined;
  let seenData = false;
  for (let i = 0; i < lines.length; i += 1) {
    const n = i + 1;
    const line = lines[i]!;
    if (line.trim() === '' || line.startsWith('#')) continue;
    delimiter ??= line.includes('\t') ? '\t' : line.includes('|') ? '|' : undefined;
    if (delimiter === undefined)
      return fail(
        n,
        'no tab or | between the code and the descriptor (expected code<TAB>descriptor or code|descriptor)',
      );
    const fields = line.split(delimiter).map(unquote);
    const code = normalizeCode('CPT', fields[0] ?? '');
    if (code === undefined && !seenData && descriptors.size === 0 && !/^\s*\d/.test(fields[0] ?? '')) {
      seenData = true; // the header line, e.g. "Code<TAB>Descriptor"
      continue;
    }
    seenData = true;
    if (code === undefined)
      return fail(
        n,
        `${JSON.stringify(fields[0] ?? '')} is not a CPT code (five characters: 99213, 0001F, 0042T, 0001U)`,
      );
    if (fields.length < 2 || fields.length > 3) {
      return fail(
        n,
        `expected 2 or 3 fields (code, descriptor or code, short, long) separated by ${delimiter === '\t' ? 'tabs' : '|'}, found ${fields.length}`,
      );
    }
    const descriptor = fields[fields.length - 1]!.replace(/\s+/g, ' ').trim();
    if (descriptor === '') return fail(n, `${code} has an empty descriptor`);
    const prev = descriptors.get(code);
    if (prev !== undefined && prev !== descriptor)
      return fail(n, `${code} appears twice with different descriptors`);
    descriptors.set(code, descriptor);
  }
  if (descriptors.size === 0) return fail(lines.length, 'the file holds no CPT codes');
  return { ok: true, descriptors, delimiter: delimiter === '|' ? 'pipe' : 'tab' };
}

/** The stored form ($SUPERBILL_HOME/cpt/cpt-descriptors.tsv): a comment line, then code TAB descriptor, sorted. */
export function formatStoredCpt(descriptors: ReadonlyMap<string, string>, from: string): string {
  const lines = [...descriptors]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([c, d]) => `${c}\t${d}`);
  return `# Superbill CPT descriptors imported from ${from.replace(/\s+/g, ' ')}: licensed AMA content, keep out of any repository\n${lines.join('\n')}\n`;
}
