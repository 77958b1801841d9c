/**
 * `superbill db migrate [--json]` brings the database (DATABASE_URL, else the SQLite file in the data
 * directory) up to the latest migration and prints what ran; `superbill db status [--json]` shows
 * which migrations are applied and which are pending.
 */
import type { Command } from 'commander';
import { openDatabase } from '../../store/connection.js';
import type { Database } from '../../store/connection.js';
import { appliedMigrations, migrateToLatest } from '../../store/migrate.js';
import { MIGRATIONS } from '../../store/migrations/index.js';

interface DbCommandOptions {
  json?: boolean;
  url?: string;
}

async function withDatabase<T>(url: string | undefined, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(url);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** `superbill db …`: migrate, status. */
export function registerDbCommands(program: Command): void {
  const db = program
    .command('db')
    .description('The database: SQLite file by default, PostgreSQL with DATABASE_URL=postgres://…');

  db.command('migrate')
    .description('Create or upgrade the database schema to the latest migration and print what ran.')
    .option('--url <url>', 'database URL (default: DATABASE_URL, else the SQLite file in SUPERBILL_HOME)')
    .option('--json', 'print JSON')
    .action(async (opts: DbCommandOptions) => {
      await withDatabase(opts.url, async (database) => {
        const report = await migrateToLatest(database.db);
        const result = { dialect: database.dialect, location: database.location, ...report };
        if (opts.json === true) {
          process.stdout.write(`${JSON.stringify(result)}\n`);
          return;
        }
        const where = `${database.location} (${database.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`;
        if (report.applied.length === 0) {
          process.stdout.write(`${where} is up to date (${report.known.length} migrations).\n`);
          return;
        }
        process.stdout.write(`Migrated ${where}: ran ${report.applied.length} migration(s)\n`);
        for (const name of report.applied) process.stdout.write(`  ${name}\n`);
      });
    });

  db.command('status')
    .description('List the migrations and whether each has been applied.')
    .option('--url <url>', 'database URL (default: DATABASE_URL, else the SQLite file in SUPERBILL_HOME)')
    .option('--json', 'print JSON')
    .action(async (opts: DbCommandOptions) => {
      await withDatabase(opts.url, async (database) => {
        const applied = new Set(await appliedMigrations(database.db));
        const migrations = Object.keys(MIGRATIONS)
          .sort()
          .map((name) => ({ name, applied: applied.has(name) }));
        if (opts.json === true) {
          process.stdout.write(
            `${JSON.stringify({ dialect: database.dialect, location: database.location, migrations })}\n`,
          );
          return;
        }
        process.stdout.write(`${database.location} (${database.dialect})\n`);
        for (const m of migrations)
          process.stdout.write(`  ${m.applied ? 'applied' : 'pending'}  ${m.name}\n`);
      });
    });
}
