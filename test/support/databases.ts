/**
 * Test databases (GUIDE §4): the same contract tests run on SQLite and on PostgreSQL, like Kysely's
 * own `DIALECTS` loop. Each test database is fresh and fully migrated: SQLite in memory, PostgreSQL
 * a new database copied from the migrated template that test/global-setup.ts built.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { openDatabase } from '../../src/store/connection.js';
import type { Database } from '../../src/store/connection.js';
import { migrateToLatest } from '../../src/store/migrate.js';

export const DIALECTS = ['sqlite', 'postgres'] as const;
export type TestDialect = (typeof DIALECTS)[number];

/** True when this run has a PostgreSQL (SUPERBILL_SKIP_PG=1 turns it off). */
export function postgresAvailable(): boolean {
  return inject('postgresAdminUrl') !== '';
}

function withDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * A fresh, migrated database of `dialect`. Closing it also drops it (PostgreSQL). Throws when asked
 * for PostgreSQL in a run without one.
 */
export async function createTestDatabase(dialect: TestDialect): Promise<Database> {
  if (dialect === 'sqlite') {
    const database = await openDatabase('file::memory:');
    await migrateToLatest(database.db);
    return database;
  }
  const adminUrl = inject('postgresAdminUrl');
  if (adminUrl === '') throw new Error('PostgreSQL is not available in this run (SUPERBILL_SKIP_PG=1)');
  const name = `superbill_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase(adminUrl, { poolSize: 1 });
  try {
    await sql.raw(`CREATE DATABASE ${name} TEMPLATE ${inject('postgresTemplate')}`).execute(admin.db);
  } finally {
    await admin.close();
  }
  const database = await openDatabase(withDatabase(adminUrl, name), { poolSize: 4 });
  // The template was migrated when the run started; this is a no-op unless a migration is newer.
  await migrateToLatest(database.db);
  return {
    ...database,
    close: async () => {
      await database.close();
      const cleanup = await openDatabase(adminUrl, { poolSize: 1 });
      try {
        await sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).execute(cleanup.db);
      } finally {
        await cleanup.close();
      }
    },
  };
}

/**
 * Runs the same tests once per dialect, each dialect with its own fresh database for the whole
 * `describe` block (created in beforeAll, dropped in afterAll). `getDb()` returns it inside tests.
 * The PostgreSQL block is skipped when the run has no PostgreSQL.
 */
export function describeEachDialect(
  name: string,
  body: (getDb: () => Database, dialect: TestDialect) => void,
): void {
  for (const dialect of DIALECTS) {
    const skip = dialect === 'postgres' && !postgresAvailable();
    (skip ? describe.skip : describe)(`${name} [${dialect}]`, () => {
      let database: Database | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(dialect);
      });
      afterAll(async () => {
        await database?.close();
      });
      body(() => {
        if (!database) throw new Error('test database not ready (used outside a test?)');
        return database;
      }, dialect);
    });
  }
}
