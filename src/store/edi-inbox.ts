/**
 * Repository for received EDI files (table `edi_inbox_files`): SQL only, taking a database or a
 * transaction first (GUIDE §5). src/transport/database-stores.ts maps rows to the transport's records.
 */
import type { Executor } from './schema.js';
import type { EdiInboxFileRow, NewEdiInboxFileRow } from './tables/edi-transport.table.js';

/** The row for this exact remote file (profile, name, size, mtime), if any. */
export async function findInboxFileByRemote(
  db: Executor,
  key: { profile: string; remoteName: string; remoteSize: number; remoteMtime: number },
): Promise<EdiInboxFileRow | undefined> {
  return db
    .selectFrom('edi_inbox_files')
    .selectAll()
    .where('profile', '=', key.profile)
    .where('remote_name', '=', key.remoteName)
    .where('remote_size', '=', key.remoteSize)
    .where('remote_mtime', '=', key.remoteMtime)
    .executeTakeFirst();
}

/** The original (non-duplicate) row with this content hash, if any. */
export async function findOriginalInboxFileByHash(
  db: Executor,
  sha256: string,
): Promise<EdiInboxFileRow | undefined> {
  return db
    .selectFrom('edi_inbox_files')
    .selectAll()
    .where('sha256', '=', sha256)
    .where('duplicate_of', 'is', null)
    .executeTakeFirst();
}

/**
 * Inserts a row unless it collides with a unique key (same remote file, or a second original of the
 * same content); returns the new row, or undefined when nothing was inserted. One statement, so it is
 * atomic on both dialects, and a losing concurrent receiver gets `undefined` instead of an error.
 */
export async function insertInboxFile(
  db: Executor,
  row: NewEdiInboxFileRow,
): Promise<EdiInboxFileRow | undefined> {
  return db
    .insertInto('edi_inbox_files')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Sets the status and summary of one row. */
export async function updateInboxFileOutcome(
  db: Executor,
  id: number,
  status: string,
  summary: string,
): Promise<void> {
  await db.updateTable('edi_inbox_files').set({ status, summary }).where('id', '=', id).execute();
}

/** Rows, newest first, optionally of one profile. */
export async function listInboxFiles(
  db: Executor,
  options: { profile?: string; limit?: number } = {},
): Promise<EdiInboxFileRow[]> {
  let query = db
    .selectFrom('edi_inbox_files')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(options.limit ?? 1000);
  if (options.profile !== undefined) query = query.where('profile', '=', options.profile);
  return query.execute();
}
