/** Tenants, users, memberships (role per tenant) and the audit log. */
import type { Kysely } from 'kysely';
import { addIdColumn, columnTypes, dialectOf, oneOf } from '../sql-types.js';

/** Creates the tenancy tables. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);

  await addIdColumn(db.schema.createTable('tenants'), dialect)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();

  await addIdColumn(db.schema.createTable('users'), dialect)
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('disabled', t.flag, (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('memberships')
    .addColumn('tenant_id', t.id, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) =>
      c.notNull().check(oneOf('role', ['admin', 'coder', 'biller', 'front_desk', 'auditor'])),
    )
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('memberships_pk', ['tenant_id', 'user_id'])
    .execute();
  await db.schema.createIndex('memberships_user_idx').on('memberships').column('user_id').execute();

  await addIdColumn(db.schema.createTable('audit_log'), dialect)
    .addColumn('tenant_id', t.id, (c) => c.notNull().references('tenants.id'))
    .addColumn('user_id', t.id, (c) => c.references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_log_entity_idx')
    .on('audit_log')
    .columns(['tenant_id', 'entity', 'entity_id'])
    .execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').columns(['tenant_id', 'at']).execute();
}

/** Drops the tenancy tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit_log', 'memberships', 'users', 'tenants'])
    await db.schema.dropTable(table).execute();
}
