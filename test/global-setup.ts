/**
 * Vitest global setup: starts ONE private PostgreSQL 15 for the whole run (test/support/postgres-server.ts),
 * builds a migrated template database in it, and hands the URLs to the tests through `provide`
 * (`inject('postgresTemplateUrl')` in test/support/databases.ts). Each test database is then a fast
 * `CREATE DATABASE … TEMPLATE superbill_template`.
 *
 * - `SUPERBILL_TEST_PG_URL=postgres://…` uses an existing server (a superuser URL) instead of starting one.
 * - `SUPERBILL_SKIP_PG=1` skips PostgreSQL: the PostgreSQL half of the contract tests is skipped.
 * - Otherwise, when no PostgreSQL binaries are found, the run fails: CI installs them (.ci/run).
 */
import { sql } from 'kysely';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/store/connection.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { findPostgresBin, startPostgres } from './support/postgres-server.js';
import type { PostgresServer } from './support/postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test server's `postgres` database; '' when PostgreSQL is skipped. */
    postgresAdminUrl: string;
    /** Name of the migrated template database. */
    postgresTemplate: string;
  }
}

export const TEMPLATE_DATABASE = 'superbill_template';

/** Starts PostgreSQL and provides its URL; returns the teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  project.provide('postgresTemplate', TEMPLATE_DATABASE);
  if (process.env['SUPERBILL_SKIP_PG'] === '1') {
    project.provide('postgresAdminUrl', '');
    return () => Promise.resolve();
  }
  let server: PostgresServer | undefined;
  let adminUrl = process.env['SUPERBILL_TEST_PG_URL'];
  if (!adminUrl) {
    const bin = findPostgresBin();
    if (!bin) {
      throw new Error(
        'PostgreSQL binaries (initdb, pg_ctl) were not found on PATH or in /usr/lib/postgresql/*/bin. ' +
          'Install PostgreSQL 15 (Debian: apt-get install postgresql), or set SUPERBILL_TEST_PG_URL to a ' +
          'server you run, or SUPERBILL_SKIP_PG=1 to run the SQLite half only.',
      );
    }
    server = await startPostgres(bin);
    adminUrl = server.url;
  }
  try {
    await buildTemplate(adminUrl);
  } catch (e) {
    server?.stop();
    throw e;
  }
  project.provide('postgresAdminUrl', adminUrl);
  return async () => {
    if (server) server.stop();
    else await dropTemplate(adminUrl);
  };
}

function withDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** (Re)creates the template database and migrates it. */
async function buildTemplate(adminUrl: string): Promise<void> {
  await dropTemplate(adminUrl);
  const admin = await openDatabase(adminUrl, { poolSize: 1 });
  try {
    await sql.raw(`CREATE DATABASE ${TEMPLATE_DATABASE}`).execute(admin.db);
  } finally {
    await admin.close();
  }
  const template = await openDatabase(withDatabase(adminUrl, TEMPLATE_DATABASE), { poolSize: 1 });
  try {
    await migrateToLatest(template.db);
  } finally {
    await template.close();
  }
}

async function dropTemplate(adminUrl: string): Promise<void> {
  const admin = await openDatabase(adminUrl, { poolSize: 1 });
  try {
    await sql.raw(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`).execute(admin.db);
  } finally {
    await admin.close();
  }
}
