import { openDatabase } from '../store/connection.js';
import { seedDemoPractice } from '../store/demo/seed-demo-practice.js';
import { migrateToLatest } from '../store/migrate.js';
import { buildApp } from './app.js';

export interface StartOptions {
  port: number;
  host: string;
  /** Seed the demo practice when the database is empty. */
  demo: boolean;
}

/**
 * Prepares the database (DATABASE_URL, else the SQLite file under SUPERBILL_HOME): migrates it and,
 * with `demo`, builds the demo practice once. Then builds the app and listens.
 */
export async function startServer(options: StartOptions): Promise<void> {
  const database = await openDatabase();
  try {
    const migrated = await migrateToLatest(database.db);
    if (migrated.applied.length > 0) {
      process.stdout.write(`Migrated ${database.location}: ran ${migrated.applied.length} migration(s).\n`);
    }
    if (options.demo) {
      process.stdout.write('Preparing the demo practice (first start only)…\n');
      const seeded = await seedDemoPractice(database.db);
      process.stdout.write(`${seeded.message}\n`);
    }
  } finally {
    await database.close();
  }
  const app = await buildApp({ logger: true });
  await app.listen({ port: options.port, host: options.host });
  process.stdout.write(`Superbill API on http://${options.host}:${options.port} (OpenAPI: /api/docs)\n`);
}
