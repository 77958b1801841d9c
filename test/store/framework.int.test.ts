/**
 * The storage framework on both dialects: migrations ran, values come back in the same shapes,
 * transactions roll back as a whole, and a bad DATABASE_URL is refused in plain words.
 */
import { Migrator, NO_MIGRATIONS, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/model/errors.js';
import { parseDatabaseUrl } from '../../src/store/connection.js';
import { appliedMigrations, migrateToLatest } from '../../src/store/migrate.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { withTransaction } from '../../src/store/transaction.js';
import {
  createTestDatabase,
  describeEachDialect,
  DIALECTS,
  postgresAvailable,
} from '../support/databases.js';

describeEachDialect('storage framework', (getDb, dialect) => {
  it('has applied every registered migration, and migrating again does nothing', async () => {
    const { db } = getDb();
    expect(await appliedMigrations(db)).toEqual(Object.keys(MIGRATIONS).sort());
    const again = await migrateToLatest(db);
    expect(again.applied).toEqual([]);
  });

  it('reports its dialect', () => {
    expect(getDb().dialect).toBe(dialect);
  });

  it('returns integers, big money, dates, timestamps and JSON in the same shapes', async () => {
    const { db } = getDb();
    const row = await sql<{ big: number; day: string; doc: string; n: number }>`select
        cast(${9_007_199_254_740_991} as bigint) as big,
        cast(${'2026-02-28'} as ${sql.raw(dialect === 'postgres' ? 'date' : 'text')}) as day,
        cast(${'{"a":1}'} as ${sql.raw(dialect === 'postgres' ? 'jsonb' : 'text')}) as doc,
        count(*) as n from tenants`.execute(db);
    const first = row.rows[0]!;
    expect(first.big).toBe(Number.MAX_SAFE_INTEGER);
    expect(first.day).toBe('2026-02-28');
    expect(JSON.parse(first.doc)).toEqual({ a: 1 });
    expect(first.n).toBe(0);

    const at = '2026-11-27T03:30:00.123Z';
    const inserted = await db
      .insertInto('tenants')
      .values({ name: 'Shapes', slug: 'shapes', created_at: at })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    expect(typeof inserted.id).toBe('number');
    expect(inserted.created_at).toBe(at);
  });

  it('refuses a bigint a JavaScript number cannot hold exactly (PostgreSQL) or returns it unchanged', async () => {
    const { db } = getDb();
    const query = sql<{ big: number }>`select cast(${'9007199254740993'} as bigint) as big`;
    if (dialect === 'postgres') await expect(query.execute(db)).rejects.toThrow(/safe integer/);
    else expect(typeof (await query.execute(db)).rows[0]!.big).toBe('number');
  });

  it('rolls a transaction back as a whole and joins an open transaction', async () => {
    const { db } = getDb();
    const at = new Date().toISOString();
    await expect(
      withTransaction(db, async (trx) => {
        await trx.insertInto('tenants').values({ name: 'Gone', slug: 'gone', created_at: at }).execute();
        await withTransaction(trx, async (inner) => {
          expect(inner).toBe(trx);
          await inner
            .insertInto('tenants')
            .values({ name: 'Gone too', slug: 'gone-too', created_at: at })
            .execute();
        });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const left = await db
      .selectFrom('tenants')
      .select('slug')
      .where('slug', 'in', ['gone', 'gone-too'])
      .execute();
    expect(left).toEqual([]);
  });

  it('enforces foreign keys', async () => {
    const { db } = getDb();
    await expect(
      db
        .insertInto('memberships')
        .values({ tenant_id: 999_999, user_id: 999_999, role: 'admin', created_at: 'x' })
        .execute(),
    ).rejects.toThrow();
  });
});

describe('migrations down and up again', () => {
  for (const dialect of DIALECTS) {
    it.skipIf(dialect === 'postgres' && !postgresAvailable())(
      `undo every migration and redo them [${dialect}]`,
      async () => {
        const database = await createTestDatabase(dialect);
        try {
          const migrator = new Migrator({
            db: database.db,
            provider: { getMigrations: () => Promise.resolve({ ...MIGRATIONS }) },
          });
          const down = await migrator.migrateTo(NO_MIGRATIONS);
          expect(down.error).toBeUndefined();
          expect(await appliedMigrations(database.db)).toEqual([]);
          const tables = await database.db.introspection.getTables();
          expect(tables.map((t) => t.name)).toEqual([]);
          const up = await migrateToLatest(database.db);
          expect(up.applied).toEqual(Object.keys(MIGRATIONS).sort());
        } finally {
          await database.close();
        }
      },
    );
  }
});

describe('parseDatabaseUrl', () => {
  it('reads file: and postgres:// URLs', () => {
    expect(parseDatabaseUrl('file::memory:')).toEqual({ dialect: 'sqlite', path: ':memory:' });
    expect(parseDatabaseUrl('file:/tmp/x.db')).toEqual({ dialect: 'sqlite', path: '/tmp/x.db' });
    expect(parseDatabaseUrl('postgresql://u@h:5/d')).toEqual({
      dialect: 'postgres',
      url: 'postgresql://u@h:5/d',
    });
  });

  it('says plainly when PostgreSQL cannot be reached', async () => {
    const { freePort } = await import('../support/postgres-server.js');
    const port = await freePort();
    const { openDatabase } = await import('../../src/store/connection.js');
    await expect(openDatabase(`postgres://nobody:secret@127.0.0.1:${port}/none`)).rejects.toThrow(
      new RegExp(`Cannot connect to PostgreSQL at postgres://127\\.0\\.0\\.1:${port}/none`),
    );
  });

  it('refuses anything else with a plain message', () => {
    try {
      parseDatabaseUrl('mysql://x');
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code === 'validation').toBe(true);
      expect((e as Error).message).toMatch(/file:PATH/);
    }
  });
});
