/**
 * `superbill demo seed`, in-process, on a new SQLite file under SUPERBILL_HOME: builds the full demo
 * practice (migrating first), then a second run changes nothing. (src/store/demo/demo.int.test.ts
 * checks the content on both dialects.)
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliOutput } from '../../../test/support/cli.js';

const run = (args: string[]): Promise<string> => cliOutput(...args);

describe('superbill demo seed', () => {
  let home: string;
  const saved = { home: process.env['SUPERBILL_HOME'], url: process.env['DATABASE_URL'] };

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'superbill-demo-'));
    process.env['SUPERBILL_HOME'] = join(home, 'data');
    delete process.env['DATABASE_URL'];
  });

  afterEach(() => {
    if (saved.home === undefined) delete process.env['SUPERBILL_HOME'];
    else process.env['SUPERBILL_HOME'] = saved.home;
    if (saved.url !== undefined) process.env['DATABASE_URL'] = saved.url;
    rmSync(home, { recursive: true, force: true });
  });

  it('builds the demo practice in a new SQLite file, then refuses to build it twice', async () => {
    const text = await run(['demo', 'seed']);
    expect(existsSync(join(home, 'data', 'superbill.db'))).toBe(true);
    expect(text).toMatch(/^Migrated /);
    expect(text).toContain('Created the demo practice "demo-practice"');
    expect(text).toMatch(/4 providers, 4 payers, 300 patients/);
    for (const payer of ['Medicare Part B', 'State Medicaid', 'Acme Health Plan', 'Blue Demo Shield']) expect(text).toContain(payer);
    const fingerprint = /fingerprint: ([0-9a-f]{64})/.exec(text)?.[1];
    expect(fingerprint).toBeDefined();

    const again = JSON.parse(await run(['demo', 'seed', '--json'])) as { created: boolean; message: string; migrated: string[]; fingerprint: string; counts: { patients: number } };
    expect(again).toMatchObject({ created: false, migrated: [], fingerprint, counts: { patients: 300 } });
    expect(again.message).toContain('already exists');
  });
});
