/**
 * The practice's reference data: billing providers, individual providers, facilities, payers and
 * their contracts, fee schedules, guarantors, patients and coverages. Every row has tenant_id, and
 * references inside a tenant are composite keys (tenant_id, x_id), so nothing can point across tenants.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import {
  addAddressColumns,
  columnTypes,
  createTenantTable,
  dialectOf,
  oneOf,
  tenantForeignKey,
} from '../sql-types.js';

/** Creates the practice tables. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);

  let billing = createTenantTable(db, 'billing_providers', dialect)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('npi', 'text', (c) => c.notNull())
    .addColumn('tax_id', 'text', (c) => c.notNull())
    .addColumn('tax_id_type', 'text', (c) => c.notNull().check(oneOf('tax_id_type', ['EI', 'SY'])))
    .addColumn('taxonomy', 'text');
  billing = addAddressColumns(billing, 'address', true);
  billing = addAddressColumns(billing, 'pay_to', false);
  await billing
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await createTenantTable(db, 'providers', dialect)
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', ['rendering', 'referring'])))
    .addColumn('npi', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text')
    .addColumn('middle_name', 'text')
    .addColumn('taxonomy', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await addAddressColumns(
    createTenantTable(db, 'facilities', dialect)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('npi', 'text'),
    'address',
    true,
  )
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await addAddressColumns(
    createTenantTable(db, 'payers', dialect)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('payer_identifier', 'text', (c) => c.notNull())
      .addColumn('claim_filing_indicator', 'text', (c) => c.notNull())
      .addColumn('timely_filing_days', 'integer', (c) => c.notNull().check(sql`timely_filing_days > 0`)),
    'address',
    false,
  )
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('payers_identifier_idx')
    .on('payers')
    .columns(['tenant_id', 'payer_identifier'])
    .execute();

  await tenantForeignKey(
    createTenantTable(db, 'payer_contracts', dialect)
      .addColumn('payer_id', t.id, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('effective_from', t.date, (c) => c.notNull())
      .addColumn('effective_to', t.date)
      .addColumn('created_at', t.timestamp, (c) => c.notNull()),
    'payer_contracts',
    'payer_id',
    'payers',
  ).execute();

  await tenantForeignKey(
    createTenantTable(db, 'payer_contract_rates', dialect)
      .addColumn('contract_id', t.id, (c) => c.notNull())
      .addColumn('procedure_code', 'text', (c) => c.notNull())
      .addColumn('modifier', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('allowed_cents', t.money, (c) => c.notNull())
      .addUniqueConstraint('payer_contract_rates_code_uq', ['contract_id', 'procedure_code', 'modifier']),
    'payer_contract_rates',
    'contract_id',
    'payer_contracts',
  ).execute();

  await createTenantTable(db, 'fee_schedules', dialect)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('effective_from', t.date, (c) => c.notNull())
    .addColumn('effective_to', t.date)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();

  await tenantForeignKey(
    createTenantTable(db, 'fee_schedule_items', dialect)
      .addColumn('fee_schedule_id', t.id, (c) => c.notNull())
      .addColumn('procedure_code', 'text', (c) => c.notNull())
      .addColumn('modifier', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('charge_cents', t.money, (c) => c.notNull())
      .addUniqueConstraint('fee_schedule_items_code_uq', ['fee_schedule_id', 'procedure_code', 'modifier']),
    'fee_schedule_items',
    'fee_schedule_id',
    'fee_schedules',
  ).execute();

  await addAddressColumns(
    createTenantTable(db, 'guarantors', dialect)
      .addColumn('last_name', 'text', (c) => c.notNull())
      .addColumn('first_name', 'text')
      .addColumn('date_of_birth', t.date)
      .addColumn('phone', 'text'),
    'address',
    false,
  )
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await tenantForeignKey(
    addAddressColumns(
      createTenantTable(db, 'patients', dialect)
        .addColumn('account_number', 'text', (c) => c.notNull())
        .addColumn('last_name', 'text', (c) => c.notNull())
        .addColumn('first_name', 'text')
        .addColumn('middle_name', 'text')
        .addColumn('suffix', 'text')
        .addColumn('date_of_birth', t.date, (c) => c.notNull())
        .addColumn('sex', 'text', (c) => c.notNull().check(oneOf('sex', ['M', 'F', 'U'])))
        .addColumn('phone', 'text')
        .addColumn('guarantor_id', t.id),
      'address',
      false,
    )
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('patients_account_uq', ['tenant_id', 'account_number']),
    'patients',
    'guarantor_id',
    'guarantors',
  ).execute();
  await db.schema
    .createIndex('patients_name_idx')
    .on('patients')
    .columns(['tenant_id', 'last_name', 'first_name'])
    .execute();

  let coverages = createTenantTable(db, 'coverages', dialect)
    .addColumn('patient_id', t.id, (c) => c.notNull())
    .addColumn('payer_id', t.id, (c) => c.notNull())
    .addColumn('priority', 'text', (c) =>
      c.notNull().check(oneOf('priority', ['primary', 'secondary', 'tertiary'])),
    )
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('group_number', 'text')
    .addColumn('group_name', 'text')
    .addColumn('relationship_code', 'text', (c) => c.notNull())
    .addColumn('subscriber_last_name', 'text')
    .addColumn('subscriber_first_name', 'text')
    .addColumn('subscriber_date_of_birth', t.date)
    .addColumn('subscriber_sex', 'text')
    .addColumn('effective_from', t.date, (c) => c.notNull())
    .addColumn('effective_to', t.date)
    .addColumn('copay_cents', t.money, (c) => c.notNull().defaultTo(0))
    .addColumn('deductible_cents', t.money, (c) => c.notNull().defaultTo(0))
    .addColumn('coinsurance_bp', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull());
  coverages = tenantForeignKey(coverages, 'coverages', 'patient_id', 'patients');
  coverages = tenantForeignKey(coverages, 'coverages', 'payer_id', 'payers');
  await coverages.execute();
  await db.schema
    .createIndex('coverages_patient_idx')
    .on('coverages')
    .columns(['tenant_id', 'patient_id'])
    .execute();
}

/** Drops the practice tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = [
    'coverages',
    'patients',
    'guarantors',
    'fee_schedule_items',
    'fee_schedules',
    'payer_contract_rates',
    'payer_contracts',
    'payers',
    'facilities',
    'providers',
    'billing_providers',
  ];
  for (const table of tables) await db.schema.dropTable(table).execute();
}
