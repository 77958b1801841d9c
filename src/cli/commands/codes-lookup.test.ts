/**
 * `superbill codes show|validate|import-cpt`, run in-process through main().
 */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

import { runCli, useTempSuperbillHome } from '../../../test/support/cli.js';

const fixtures = resolve(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'codes');

const run = runCli;

// One SUPERBILL_HOME (and one load of the code sets) for the file; importCptFile reloads after an import.
const home = useTempSuperbillHome('superbill-cli-');

describe('codes validate', () => {
  it('explains E11, E78.01 and I10 on 2026-03-01 and exits 1', async () => {
    const r = await run('codes', 'validate', 'E11', 'E78.01', 'I10', '--date', '2026-03-01');
    expect(r.code).toBe(1);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^E11: INVALID \[code\.header\] — E11 \(Type 2 diabetes mellitus\) is a category/,
    );
    expect(lines[1]).toMatch(
      /^E78\.01: INVALID \[code\.deleted\] — .*deleted as a billable code on 2025-10-01/,
    );
    expect(lines[2]).toMatch(
      /^I10: valid — ICD-10-CM I10 Essential \(primary\) hypertension: valid on 2026-03-01/,
    );
  });

  it('exits 0 when every code is valid, and prints JSON with --json', async () => {
    const r = await run('codes', 'validate', 'e1140', 'J3490', '--date', '2026-03-01', '--json');
    expect(r.code).toBe(0);
    const results = JSON.parse(r.out) as { code: string; valid: boolean; system: string }[];
    expect(results.map((x) => [x.system, x.code, x.valid])).toEqual([
      ['ICD-10-CM', 'E11.40', true],
      ['HCPCS', 'J3490', true],
    ]);
  });

  it('rejects a bad date in plain words', async () => {
    const r = await run('codes', 'validate', 'I10', '--date', '2026-13-01');
    expect(r.code).toBe(1);
    expect(r.err).toContain('--date "2026-13-01" is not a calendar date');
  });
});

describe('codes show', () => {
  it('shows a header with its children and chapter', async () => {
    const r = await run('codes', 'show', 'e78.01', '--date', '2026-03-01');
    expect(r.code).toBe(0);
    expect(r.out).toContain('ICD-10-CM E78.01 — Familial hypercholesterolemia');
    expect(r.out).toContain('billable:  no');
    expect(r.out).toContain('E78.010 Homozygous familial hypercholesterolemia');
    expect(r.out).toContain('chapter:   4 Endocrine');
    expect(r.out).toContain('(earlier: start not in the data) → 2025-09-30: billable');
  });

  it('shows a CPT number without description until a licence file is imported', async () => {
    const before = await run('codes', 'show', '99213', '--json');
    expect(JSON.parse(before.out)).toMatchObject({
      system: 'CPT',
      code: '99213',
      entry: { descriptionLicensed: false },
    });
    const text = await run('codes', 'show', '99213');
    expect(text.out).toContain('description requires a CPT licence');
    const imported = await run('codes', 'import-cpt', join(fixtures, 'cpt-good-tab.txt'));
    expect(imported.code).toBe(0);
    expect(imported.out).toContain(
      `Imported 4 CPT descriptors (tab-delimited) into ${join(home(), 'cpt', 'cpt-descriptors.tsv')}`,
    );
    const after = await run('codes', 'show', '99213');
    expect(after.out).toContain('CPT 99213 — Fixture text one (invented, not AMA wording)');
  });

  it('shows a code of a code list', async () => {
    const r = await run('codes', 'show', '11', '--list', 'place-of-service');
    expect(r.out).toMatch(/^place-of-service 11 — Office/);
  });

  it('says why an unknown code is not shown', async () => {
    const r = await run('codes', 'show', 'E11.99');
    expect(r.code).toBe(1);
    expect(r.err).toContain('E11.99 is not an ICD-10-CM code');
  });
});

describe('codes import-cpt', () => {
  it('rejects a malformed file whole, naming the line', async () => {
    const r = await run('codes', 'import-cpt', join(fixtures, 'cpt-bad-code.txt'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('was not imported (nothing was changed): line 4:');
  });
});
