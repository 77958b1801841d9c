/**
 * Opening the database. `DATABASE_URL` chooses the backend: `file:PATH` (or `file::memory:`) is SQLite
 * through better-sqlite3, `postgres://…` / `postgresql://…` is PostgreSQL through a `pg` pool. Without
 * it, Superbill uses the SQLite file `superbill.db` in its data directory: `SUPERBILL_HOME`, else
 * `$XDG_DATA_HOME/superbill`, else `~/.local/share/superbill` (created when missing).
 *
 * Both dialects return the same JavaScript shapes (docs/storage.md): integers and money (integer
 * cents) as numbers, calendar dates as `YYYY-MM-DD` strings, timestamps as ISO-8601 UTC strings,
 * JSON as its text, booleans as 0/1 integers.
 */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { AppError } from '../model/errors.js';
import type { DB, DialectName } from './schema.js';

/** An open database: the typed Kysely handle, which dialect it speaks, and how to close it. */
export interface Database {
  readonly db: Kysely<DB>;
  readonly dialect: DialectName;
  /** Where it is, without credentials (for messages): a file path or `postgres://host:port/db`. */
  readonly location: string;
  close(): Promise<void>;
}

/** Options for `openDatabase`. */
export interface OpenDatabaseOptions {
  /** PostgreSQL pool size (default 10). */
  readonly poolSize?: number;
}

/** Opens the database named by `url`, else `DATABASE_URL`, else the default SQLite file. */
export async function openDatabase(url?: string, options: OpenDatabaseOptions = {}): Promise<Database> {
  const target = parseDatabaseUrl(url ?? process.env['DATABASE_URL'] ?? defaultDatabaseUrl());
  if (target.dialect === 'sqlite') return openSqlite(target.path);
  return openPostgres(target.url, options.poolSize ?? 10);
}

/** Where a database URL points. */
export type DatabaseTarget =
  | { readonly dialect: 'sqlite'; readonly path: string }
  | { readonly dialect: 'postgres'; readonly url: string };

/** Reads a database URL; throws AppError 'validation' for anything else. */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  const text = url.trim();
  if (text.startsWith('file:')) {
    const path = text.slice('file:'.length);
    if (path === '') throw badUrl(url, 'file: needs a path, e.g. file:./superbill.db');
    return { dialect: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
  }
  if (/^postgres(ql)?:\/\//.test(text)) return { dialect: 'postgres', url: text };
  throw badUrl(url, 'use file:PATH for SQLite or postgres://user@host:port/database for PostgreSQL');
}

/** The data directory: SUPERBILL_HOME, else $XDG_DATA_HOME/superbill, else ~/.local/share/superbill. */
export function dataDirectory(): string {
  const home = process.env['SUPERBILL_HOME'];
  if (home) return resolve(home);
  const xdg = process.env['XDG_DATA_HOME'];
  return xdg ? join(xdg, 'superbill') : join(homedir(), '.local', 'share', 'superbill');
}

/** The default database URL: the SQLite file `superbill.db` in the data directory. */
export function defaultDatabaseUrl(): string {
  return `file:${join(dataDirectory(), 'superbill.db')}`;
}

function badUrl(url: string, why: string): AppError {
  return new AppError('validation', `DATABASE_URL is not a database URL Superbill understands: ${why}.`, [
    { severity: 'error', code: 'store.url', message: why, path: 'DATABASE_URL', fix: why },
  ]);
}

async function openSqlite(path: string): Promise<Database> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  // WAL lets readers run while one writer writes; busy_timeout waits for a lock instead of failing
  // at once; foreign keys are off by default in SQLite and must be switched on per connection.
  if (path !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return Promise.resolve({
    db,
    dialect: 'sqlite',
    location: path,
    close: () => db.destroy(),
  });
}

type TypeId = Parameters<typeof pg.types.getTypeParser>[0];
type TypeFormat = Parameters<typeof pg.types.getTypeParser>[1];
type TextParser = (text: string) => unknown;

/**
 * A `pg` types registry local to Superbill's pools, so the same shapes come back as from SQLite:
 * bigint and numeric as numbers (refusing values a double cannot hold exactly), DATE as the
 * `YYYY-MM-DD` text (never a Date at midnight), timestamps as ISO strings, JSON as text.
 */
function superbillPgTypes(): pg.CustomTypesConfig {
  const { builtins } = pg.types;
  const toSafeInteger = (text: string): number => {
    const n = Number(text);
    if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${text} is outside the safe integer range`);
    return n;
  };
  const toNumber = (text: string): number => {
    const n = Number(text);
    if (!Number.isFinite(n)) throw new RangeError(`numeric ${text} is not a finite number`);
    return n;
  };
  const parseTimestamptz = pg.types.getTypeParser(builtins.TIMESTAMPTZ, 'text') as (text: string) => Date;
  const toIso = (text: string): string => parseTimestamptz(text).toISOString();
  const identity = (text: string): string => text;
  const parsers = new Map<TypeId, TextParser>([
    [builtins.INT8, toSafeInteger],
    [builtins.NUMERIC, toNumber],
    [builtins.DATE, identity],
    [builtins.TIMESTAMPTZ, toIso],
    [builtins.JSON, identity],
    [builtins.JSONB, identity],
  ]);
  const getTypeParser = (oid: TypeId, format?: TypeFormat): TextParser => {
    const own = format !== 'binary' ? parsers.get(oid) : undefined;
    return own ?? (pg.types.getTypeParser(oid, format) as TextParser);
  };
  return { getTypeParser };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  // Timestamps are written as ISO strings with Z; a UTC session keeps `now()` and text output unambiguous.
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: superbillPgTypes(),
    options: '-c TimeZone=UTC',
  });
  // An idle pooled connection can be closed by the server (restart, pg_terminate_backend, DROP
  // DATABASE … FORCE). pg-pool then discards it and emits 'error'; without a listener that event
  // would crash the process. The next query simply opens a new connection.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const parsed = new URL(url);
  const location = `postgres://${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  // Fail here, with a plain message, when the server cannot be reached.
  try {
    const client = await pool.connect();
    client.release();
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw new AppError(
      'validation',
      `Cannot connect to PostgreSQL at ${location}: ${(e as Error).message}`,
      [],
      {
        cause: e,
      },
    );
  }
  return { db, dialect: 'postgres', location, close: () => db.destroy() };
}
