/**
 * Repository for sent batches (table `edi_outbox_files`).
 */
import type { Executor } from './schema.js';
import type { EdiOutboxFileRow, NewEdiOutboxFileRow } from './tables/edi-transport.table.js';

/** The first batch with this content sent through `profile`, if any. */
export async function findOutboxFileByHash(
  db: Executor,
  profile: string,
  sha256: string,
): Promise<EdiOutboxFileRow | undefined> {
  return db
    .selectFrom('edi_outbox_files')
    .selectAll()
    .where('profile', '=', profile)
    .where('sha256', '=', sha256)
    .orderBy('id')
    .executeTakeFirst();
}

/** Inserts a sent batch and returns the row. */
export async function insertOutboxFile(db: Executor, row: NewEdiOutboxFileRow): Promise<EdiOutboxFileRow> {
  return db.insertInto('edi_outbox_files').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Rows, newest first, optionally of one profile. */
export async function listOutboxFiles(
  db: Executor,
  options: { profile?: string; limit?: number } = {},
): Promise<EdiOutboxFileRow[]> {
  let query = db
    .selectFrom('edi_outbox_files')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(options.limit ?? 1000);
  if (options.profile !== undefined) query = query.where('profile', '=', options.profile);
  return query.execute();
}
