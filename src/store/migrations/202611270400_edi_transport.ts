/** Clearinghouse transport: profiles, received files (idempotent receive), sent batches, control number counters. */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { addIdColumn, columnTypes, dialectOf, oneOf } from '../sql-types.js';

/** Creates the EDI transport tables. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);

  await addIdColumn(db.schema.createTable('edi_clearinghouse_profiles'), dialect)
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('profile', t.json, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await addIdColumn(db.schema.createTable('edi_inbox_files'), dialect)
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('remote_name', 'text', (c) => c.notNull())
    .addColumn('remote_size', 'bigint', (c) => c.notNull())
    .addColumn('remote_mtime', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_type', 'text', (c) =>
      c.notNull().check(oneOf('file_type', ['999', '277CA', '277', '835', 'TA1', 'other', 'unreadable'])),
    )
    .addColumn('sender_id', 'text', (c) => c.notNull())
    .addColumn('receiver_id', 'text', (c) => c.notNull())
    .addColumn('interchange_control_number', 'text', (c) => c.notNull())
    .addColumn('usage', 'text', (c) => c.check(oneOf('usage', ['T', 'P'])))
    .addColumn('stored_path', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(oneOf('status', ['stored', 'processed', 'failed', 'duplicate'])),
    )
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('duplicate_of', t.id, (c) => c.references('edi_inbox_files.id'))
    .addColumn('received_at', t.timestamp, (c) => c.notNull())
    .execute();
  // Idempotency keys (docs/transport.md): the same listed file is recorded once per profile, and one
  // content (by SHA-256) has exactly one original record; every other sighting is a duplicate row.
  await db.schema
    .createIndex('edi_inbox_files_remote_uq')
    .on('edi_inbox_files')
    .columns(['profile', 'remote_name', 'remote_size', 'remote_mtime'])
    .unique()
    .execute();
  await db.schema
    .createIndex('edi_inbox_files_original_uq')
    .on('edi_inbox_files')
    .column('sha256')
    .unique()
    .where(sql.ref('duplicate_of'), 'is', null)
    .execute();
  await db.schema
    .createIndex('edi_inbox_files_received_idx')
    .on('edi_inbox_files')
    .columns(['profile', 'received_at'])
    .execute();

  await addIdColumn(db.schema.createTable('edi_outbox_files'), dialect)
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('remote_path', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('interchange_control_number', 'text', (c) => c.notNull())
    .addColumn('sent_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('edi_outbox_files_sha256_idx')
    .on('edi_outbox_files')
    .columns(['profile', 'sha256'])
    .execute();

  await db.schema
    .createTable('edi_control_numbers')
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', ['isa13', 'gs06', 'st02'])))
    .addColumn('last_value', 'bigint', (c) => c.notNull().check(sql`last_value >= 0`))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('edi_control_numbers_pk', ['sender', 'kind'])
    .execute();
}

/** Drops the EDI transport tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'edi_control_numbers',
    'edi_outbox_files',
    'edi_inbox_files',
    'edi_clearinghouse_profiles',
  ])
    await db.schema.dropTable(table).execute();
}
