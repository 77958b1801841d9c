/**
 * CPT import: good files load, bad files are rejected whole with the first bad line, nothing partial.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCptFile } from './cpt-import.js';
import { cptDescriptorsPath, importCptFile, loadCodeSets } from './load.js';

const fixtures = resolve(import.meta.dirname, '..', '..', 'test', 'fixtures', 'codes');
let home: string;
let saved: string | undefined;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'superbill-cpt-'));
  saved = process.env.SUPERBILL_HOME;
  process.env.SUPERBILL_HOME = home;
});
afterEach(() => {
  if (saved === undefined) delete process.env.SUPERBILL_HOME;
  else process.env.SUPERBILL_HOME = saved;
  rmSync(home, { recursive: true, force: true });
});

describe('parseCptFile', () => {
  it('reads tab-delimited code + descriptor with a header line', () => {
    const r = parseCptFile(readFileSync(join(fixtures, 'cpt-good-tab.txt'), 'utf8'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.delimiter).toBe('tab');
    expect([...r.descriptors.keys()]).toEqual(['99213', '99214', '0001F', '99999']);
  });

  it('reads pipe-delimited code|short|long, keeping the long descriptor, with quotes and comments', () => {
    const r = parseCptFile(readFileSync(join(fixtures, 'cpt-good-pipe.txt'), 'utf8'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.descriptors.get('99213')).toBe('Fixture long one (invented)');
    expect(r.descriptors.get('0042T')).toBe('Fixture long, quoted (invented)');
  });

  it('rejects a bad code with its line number', () => {
    const r = parseCptFile(readFileSync(join(fixtures, 'cpt-bad-code.txt'), 'utf8'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.line).toBe(4);
    expect(r.problem.message).toMatch(/^line 4: "9921" is not a CPT code/);
  });

  it('rejects an empty descriptor, a missing delimiter, duplicates and an empty file', () => {
    expect(parseCptFile(readFileSync(join(fixtures, 'cpt-bad-empty.txt'), 'utf8'))).toMatchObject({
      ok: false,
      line: 2,
    });
    expect(parseCptFile('99213 no delimiter here\n')).toMatchObject({ ok: false, line: 1 });
    expect(parseCptFile('99213\tone\n99213\ttwo\n')).toMatchObject({ ok: false, line: 2 });
    expect(parseCptFile('\n# nothing\n')).toMatchObject({ ok: false });
  });
});

describe('importCptFile', () => {
  it('stores the descriptors under SUPERBILL_HOME and loadCodeSets uses them', () => {
    const r = importCptFile(join(fixtures, 'cpt-good-tab.txt'));
    expect(r).toMatchObject({ ok: true, count: 4, path: join(home, 'cpt', 'cpt-descriptors.tsv') });
    const codeSets = loadCodeSets({ cptFile: cptDescriptorsPath() });
    const e = codeSets.lookup('CPT', '99213')!;
    expect(e.descriptionLicensed).toBe(true);
    expect(e.longDescription).toBe('Fixture text one (invented, not AMA wording)');
    // A code not in the CMS number list is added.
    expect(codeSets.lookup('CPT', '99999')?.descriptionLicensed).toBe(true);
    // Others stay number-only.
    expect(codeSets.lookup('CPT', '99215')?.descriptionLicensed).toBe(false);
  });

  it('a bad file changes nothing: the previous import stays, no temp files are left', () => {
    importCptFile(join(fixtures, 'cpt-good-tab.txt'));
    const before = readFileSync(cptDescriptorsPath(), 'utf8');
    const r = importCptFile(join(fixtures, 'cpt-bad-code.txt'));
    expect(r.ok).toBe(false);
    expect(readFileSync(cptDescriptorsPath(), 'utf8')).toBe(before);
    const bad = join(home, 'bad.txt');
    writeFileSync(bad, '99213\tfine\nnot a code\tx\n');
    rmSync(cptDescriptorsPath());
    expect(importCptFile(bad)).toMatchObject({ ok: false, line: 2 });
    expect(existsSync(cptDescriptorsPath())).toBe(false);
  });
});
