/**
 * Runs the registered migrations (src/store/migrations/index.ts) with Kysely's Migrator.
 */
import { Migrator } from 'kysely';
import type { Kysely, MigrationProvider, Migration } from 'kysely';
import { AppError } from '../model/errors.js';
import { MIGRATIONS } from './migrations/index.js';
import type { DB } from './schema.js';

/** What one migration run did. */
export interface MigrationReport {
  /** Migrations that ran now, in order. */
  readonly applied: readonly string[];
  /** All migrations the code knows. */
  readonly known: readonly string[];
}

/** A static provider: the list is compiled in, so nothing reads the file system at run time. */
const provider: MigrationProvider = {
  getMigrations: (): Promise<Record<string, Migration>> => Promise.resolve({ ...MIGRATIONS }),
};

/** Brings the database up to the latest migration; throws AppError 'internal' naming the one that failed. */
export async function migrateToLatest(db: Kysely<DB>): Promise<MigrationReport> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (error !== undefined) {
    const failed = (results ?? []).find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const detail = error instanceof Error ? error.message : JSON.stringify(error);
    throw new AppError('internal', `Migration ${failed} failed: ${detail}`, [], { cause: error });
  }
  return { applied, known: Object.keys(MIGRATIONS).sort() };
}

/** Names of the migrations already applied to this database, in order. */
export async function appliedMigrations(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const all = await migrator.getMigrations();
  return all.filter((m) => m.executedAt !== undefined).map((m) => m.name);
}
