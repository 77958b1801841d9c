/**
 * `superbill db migrate` and `db status`, in-process: on a new SQLite file under SUPERBILL_HOME (the
 * default) and on PostgreSQL through --url.
 */
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { MIGRATIONS } from '../../store/migrations/index.js';
import { cliOutput } from '../../../test/support/cli.js';

const run = (args: string[]): Promise<string> => cliOutput(...args);

describe('superbill db', () => {
  let home: string;
  const saved = { home: process.env['SUPERBILL_HOME'], url: process.env['DATABASE_URL'] };

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'superbill-home-'));
    process.env['SUPERBILL_HOME'] = join(home, 'data');
    delete process.env['DATABASE_URL'];
  });

  afterEach(() => {
    if (saved.home === undefined) delete process.env['SUPERBILL_HOME'];
    else process.env['SUPERBILL_HOME'] = saved.home;
    if (saved.url === undefined) delete process.env['DATABASE_URL'];
    else process.env['DATABASE_URL'] = saved.url;
    rmSync(home, { recursive: true, force: true });
  });

  it('creates the SQLite file in SUPERBILL_HOME, migrates it, and is then up to date', async () => {
    const first = await run(['db', 'migrate']);
    const names = Object.keys(MIGRATIONS).sort();
    expect(first).toContain(`ran ${names.length} migration(s)`);
    for (const name of names) expect(first).toContain(name);
    expect(existsSync(join(home, 'data', 'superbill.db'))).toBe(true);

    const second = JSON.parse(await run(['db', 'migrate', '--json'])) as {
      applied: string[];
      dialect: string;
    };
    expect(second).toMatchObject({ applied: [], dialect: 'sqlite' });

    const status = JSON.parse(await run(['db', 'status', '--json'])) as {
      migrations: { applied: boolean }[];
    };
    expect(status.migrations.every((m) => m.applied)).toBe(true);
  });

  it('honours DATABASE_URL=file:PATH', async () => {
    const path = join(home, 'elsewhere.db');
    process.env['DATABASE_URL'] = `file:${path}`;
    const out = JSON.parse(await run(['db', 'migrate', '--json'])) as { location: string };
    expect(out.location).toBe(path);
    expect(existsSync(path)).toBe(true);
  });

  it('refuses a DATABASE_URL it does not understand, in plain words', async () => {
    process.env['DATABASE_URL'] = 'mysql://localhost/x';
    await expect(run(['db', 'migrate'])).rejects.toThrow(/file:PATH for SQLite or postgres:\/\//);
  });

  it.skipIf(inject('postgresAdminUrl') === '')('migrates a PostgreSQL database given by URL', async () => {
    const { openDatabase } = await import('../../store/connection.js');
    const { sql } = await import('kysely');
    const admin = await openDatabase(inject('postgresAdminUrl'), { poolSize: 1 });
    const name = `superbill_cli_${process.pid}`;
    await sql.raw(`DROP DATABASE IF EXISTS ${name}`).execute(admin.db);
    await sql.raw(`CREATE DATABASE ${name}`).execute(admin.db);
    try {
      const url = new URL(inject('postgresAdminUrl'));
      url.pathname = `/${name}`;
      const out = JSON.parse(await run(['db', 'migrate', '--json', '--url', url.toString()])) as {
        dialect: string;
        applied: string[];
      };
      expect(out.dialect).toBe('postgres');
      expect(out.applied).toEqual(Object.keys(MIGRATIONS).sort());
      const text = await run(['db', 'status', '--url', url.toString()]);
      expect(text).not.toContain('pending');
    } finally {
      await sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).execute(admin.db);
      await admin.close();
    }
  });
});
