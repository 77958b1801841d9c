/**
 * The money ledger (docs/ledger.md): append-only entries and posting batches. The database itself
 * enforces what it can: non-zero amounts, signs per kind, one reversal per entry (unique
 * reverses_entry_id), one posting per batch key, and no UPDATE or DELETE of an entry (triggers).
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { columnTypes, createTenantTable, dialectOf, oneOf, tenantForeignKey } from '../sql-types.js';

// The lists as they were when this migration was written (a migration never changes afterwards;
// src/billing/ledger/kinds.ts is the live list, and adding a kind needs a new migration).
const KINDS: readonly string[] = ['charge', 'insurance_payment', 'contractual_adjustment', 'other_adjustment', 'transfer', 'patient_payment', 'write_off', 'refund', 'reversal'];
const BUCKETS: readonly string[] = ['primary', 'secondary', 'tertiary', 'patient'];

/** Creates the ledger tables, their checks, indexes and append-only triggers. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);

  await createTenantTable(db, 'ledger_posting_batches', dialect)
    .addColumn('batch_key', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('entry_count', 'integer', (c) => c.notNull())
    .addColumn('created_by', t.id, (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('ledger_posting_batches_key_uq', ['tenant_id', 'batch_key'])
    .execute();

  let entries = createTenantTable(db, 'ledger_entries', dialect)
    .addColumn('patient_id', t.id, (c) => c.notNull())
    .addColumn('claim_id', t.id, (c) => c.notNull())
    .addColumn('claim_line_id', t.id, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', KINDS)))
    .addColumn('bucket', 'text', (c) => c.notNull().check(oneOf('bucket', BUCKETS)))
    .addColumn('payer_id', t.id)
    .addColumn('to_bucket', 'text', (c) => c.check(oneOf('to_bucket', BUCKETS)))
    .addColumn('to_payer_id', t.id)
    .addColumn('amount_cents', t.money, (c) => c.notNull())
    .addColumn('service_date', t.date, (c) => c.notNull())
    .addColumn('effective_date', t.date, (c) => c.notNull())
    // UNIQUE: an entry is reversed at most once, even by two postings racing each other.
    .addColumn('reverses_entry_id', t.id, (c) => c.unique())
    .addColumn('reversed_kind', 'text', (c) => c.check(oneOf('reversed_kind', KINDS.filter((k) => k !== 'reversal'))))
    .addColumn('posting_batch_id', t.id)
    .addColumn('memo', 'text')
    .addColumn('created_by', t.id, (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    // Signs per kind (src/billing/ledger/kinds.ts KIND_RULES), as a last line of defence.
    .addCheckConstraint(
      'ledger_entries_amount_ck',
      sql.raw(
        `amount_cents <> 0 AND (kind NOT IN ('charge', 'refund') OR amount_cents > 0) AND ` +
          `(kind NOT IN ('insurance_payment', 'contractual_adjustment', 'patient_payment', 'write_off', 'transfer') OR amount_cents < 0)`,
      ),
    )
    .addCheckConstraint(
      'ledger_entries_reversal_ck',
      sql.raw(`(kind = 'reversal') = (reverses_entry_id IS NOT NULL) AND (kind = 'reversal') = (reversed_kind IS NOT NULL)`),
    )
    .addCheckConstraint('ledger_entries_transfer_ck', sql.raw(`(to_bucket IS NOT NULL) = (kind = 'transfer' OR reversed_kind = 'transfer')`))
    .addCheckConstraint(
      'ledger_entries_payer_ck',
      sql.raw(
        `(bucket = 'patient') = (payer_id IS NULL) AND (to_bucket IS NOT NULL OR to_payer_id IS NULL) AND ` +
          `(to_bucket IS NULL OR (to_bucket = 'patient') = (to_payer_id IS NULL))`,
      ),
    );
  // Composite (tenant_id, x_id) keys: no entry can point at another tenant's row (docs/storage.md).
  entries = tenantForeignKey(entries, 'ledger_entries', 'patient_id', 'patients');
  entries = tenantForeignKey(entries, 'ledger_entries', 'claim_id', 'claims');
  entries = tenantForeignKey(entries, 'ledger_entries', 'claim_line_id', 'claim_lines');
  entries = tenantForeignKey(entries, 'ledger_entries', 'payer_id', 'payers');
  entries = tenantForeignKey(entries, 'ledger_entries', 'to_payer_id', 'payers');
  entries = tenantForeignKey(entries, 'ledger_entries', 'reverses_entry_id', 'ledger_entries');
  entries = tenantForeignKey(entries, 'ledger_entries', 'posting_batch_id', 'ledger_posting_batches');
  await entries.execute();

  // Balances per line, claim and patient read one tenant's rows for one key.
  await db.schema.createIndex('ledger_entries_line_idx').on('ledger_entries').columns(['tenant_id', 'claim_line_id']).execute();
  await db.schema.createIndex('ledger_entries_claim_idx').on('ledger_entries').columns(['tenant_id', 'claim_id']).execute();
  await db.schema.createIndex('ledger_entries_patient_idx').on('ledger_entries').columns(['tenant_id', 'patient_id']).execute();
  // AR aging and payer balances (src/store/aging.repository.ts): covering indexes in the order the
  // aging query groups by (bucket, party, date of service), so it reads index pages only and never
  // sorts. The patient and transfer ones are partial: they hold only the rows those queries read.
  await db.schema
    .createIndex('ledger_entries_aging_payer_idx')
    .on('ledger_entries')
    .columns(['tenant_id', 'bucket', 'payer_id', 'service_date', 'effective_date', 'amount_cents'])
    .execute();
  await db.schema
    .createIndex('ledger_entries_aging_patient_idx')
    .on('ledger_entries')
    .columns(['tenant_id', 'patient_id', 'service_date', 'effective_date', 'amount_cents'])
    .where(sql.ref('bucket'), '=', sql.lit('patient'))
    .execute();
  await db.schema
    .createIndex('ledger_entries_aging_to_payer_idx')
    .on('ledger_entries')
    .columns(['tenant_id', 'to_bucket', 'to_payer_id', 'service_date', 'effective_date', 'amount_cents'])
    .where(sql.ref('to_bucket'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('ledger_entries_aging_to_patient_idx')
    .on('ledger_entries')
    .columns(['tenant_id', 'patient_id', 'service_date', 'effective_date', 'amount_cents'])
    .where(sql.ref('to_bucket'), '=', sql.lit('patient'))
    .execute();
  await db.schema.createIndex('ledger_entries_batch_idx').on('ledger_entries').column('posting_batch_id').execute();

  // Append-only: nothing is updated or deleted; a mistake is corrected by a reversal entry.
  if (dialect === 'sqlite') {
    for (const op of ['UPDATE', 'DELETE']) {
      await sql.raw(
        `CREATE TRIGGER ledger_entries_no_${op.toLowerCase()} BEFORE ${op} ON ledger_entries ` +
          `BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only: post a reversal instead'); END`,
      ).execute(db);
    }
  } else {
    await sql.raw(
      `CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ ` +
        `BEGIN RAISE EXCEPTION 'ledger entries are append-only: post a reversal instead'; END $$`,
    ).execute(db);
    await sql.raw(
      `CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries ` +
        `FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only()`,
    ).execute(db);
  }
}

/** Drops the ledger tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ledger_entries').execute();
  await db.schema.dropTable('ledger_posting_batches').execute();
  if (dialectOf(db) === 'postgres') await sql.raw('DROP FUNCTION IF EXISTS ledger_entries_append_only()').execute(db);
}
