/**
 * `superbill codes search`, in-process through main(), and the --batch mode through the real binary
 * with queries on stdin.
 */
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { getCodeSets } from '../../codes/load.js';
import { searchIndexFor } from '../../codes/search/index-cache.js';
import { runBatch } from './codes-search.js';
import { runCli, useTempSuperbillHome } from '../../../test/support/cli.js';

const repo = resolve(import.meta.dirname, '..', '..', '..');

const run = runCli;

// An empty SUPERBILL_HOME: no imported CPT descriptors, whatever the machine has.
const home = useTempSuperbillHome('superbill-search-');

describe('codes search', () => {
  it('lists E11.40 in the top 5 for "type 2 diabetes with neuropathy" and says why', async () => {
    const r = await run('codes', 'search', 'type', '2', 'diabetes', 'with', 'neuropathy', '--limit', '5');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^E11\.40 +ICD-10-CM +Type 2 diabetes mellitus with diabetic neuropathy, unspecified$/m,
    );
    expect(r.out).toContain('matched by index term: Diabetes, diabetic > type 2 > with > neuropathy');
  });

  it('prints JSON with codes with their dot, and honours the filters', async () => {
    const r = await run(
      'codes',
      'search',
      'HTN',
      '--json',
      '--limit',
      '3',
      '--system',
      'icd-10-cm',
      '--billable',
      '--date',
      '2026-03-01',
    );
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.out) as {
      query: string;
      results: { system: string; code: string; billable: boolean; matchedBy: string }[];
    };
    expect(parsed.query).toBe('HTN');
    expect(parsed.results.map((x) => x.code)).toContain('I10');
    expect(parsed.results.every((x) => x.system === 'ICD-10-CM' && x.billable)).toBe(true);
    expect(parsed.results[0]!.matchedBy).toBe('synonym');
  });

  it('rejects bad options in plain words', async () => {
    expect((await run('codes', 'search', 'asthma', '--date', '2026-02-30')).err).toContain(
      '--date "2026-02-30" is not a calendar date',
    );
    expect((await run('codes', 'search', 'asthma', '--system', 'loinc')).err).toContain(
      '--system loinc is not one of',
    );
    expect((await run('codes', 'search', 'asthma', '--limit', '0')).err).toContain(
      '--limit 0 must be a whole number',
    );
    expect((await run('codes', 'search')).err).toContain('Give a query');
  });

  it('runs one query per line in batch mode (in-process)', async () => {
    const written: string[] = [];
    const lines = Readable.from(['UTI', '', 'J18', 'pneumonai']);
    const count = await runBatch(searchIndexFor(getCodeSets()), lines, { limit: 3 }, (t) => written.push(t));
    expect(count).toBe(3);
    const objects = written.map((w) => JSON.parse(w) as { query: string; results: { code: string }[] });
    expect(objects.map((o) => o.query)).toEqual(['UTI', 'J18', 'pneumonai']);
    expect(objects[0]!.results.map((r) => r.code)).toContain('N39.0');
    expect(objects[1]!.results[0]!.code).toBe('J18');
    expect(objects[2]!.results.map((r) => r.code)).toContain('J18.9');
  });

  it('reads stdin and prints JSON lines with --batch --json (the real binary)', async () => {
    const out = await new Promise<string>((resolvePromise, reject) => {
      const child = execFile(
        process.execPath,
        [join(repo, 'bin', 'superbill.js'), 'codes', 'search', '--batch', '--json', '--limit', '5'],
        { cwd: repo, env: { ...process.env, SUPERBILL_HOME: home() }, timeout: 60_000 },
        (error, stdout, stderr) => {
          if (error) reject(new Error(`${error.message}\n${stderr}`));
          else resolvePromise(stdout);
        },
      );
      child.stdin!.end('type 2 diabetes with neuropathy\nbroken wrist\n');
    });
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { query: string; results: { system: string; code: string }[] });
    expect(lines).toHaveLength(2);
    expect(lines[0]!.query).toBe('type 2 diabetes with neuropathy');
    expect(lines[0]!.results.map((r) => r.code)).toContain('E11.40');
    expect(lines[0]!.results[0]!.system).toBe('ICD-10-CM');
    expect(lines[1]!.results.some((r) => r.code.startsWith('S52'))).toBe(true);
  });
});
