/**
 * Encounters (diagnoses, service lines), claims (lines, typed event history). Claim lines are what the
 * ledger ties money to. All references are composite (tenant_id, x_id) keys.
 */
import type { Kysely } from 'kysely';
import { columnTypes, createTenantTable, dialectOf, oneOf, tenantForeignKey } from '../sql-types.js';
import type { DialectName } from '../schema.js';

/** The columns an encounter line and a claim line share (837P 2400 SV1 and DTP*472), after the parent id. */
function serviceLineTable<P extends string>(
  db: Kysely<unknown>,
  name: string,
  parentColumn: P,
  dialect: DialectName,
) {
  const t = columnTypes(dialect);
  return createTenantTable(db, name, dialect)
    .addColumn(parentColumn, t.id, (c) => c.notNull())
    .addColumn('line_number', 'integer', (c) => c.notNull())
    .addColumn('procedure_code', 'text', (c) => c.notNull())
    .addColumn('modifier1', 'text')
    .addColumn('modifier2', 'text')
    .addColumn('modifier3', 'text')
    .addColumn('modifier4', 'text')
    .addColumn('units', t.quantity, (c) => c.notNull())
    .addColumn('charge_cents', t.money, (c) => c.notNull())
    .addColumn('diagnosis_pointers', 'text', (c) => c.notNull())
    .addColumn('service_date', t.date, (c) => c.notNull());
}

/** Creates the encounter and claim tables. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);

  let encounters = createTenantTable(db, 'encounters', dialect)
    .addColumn('patient_id', t.id, (c) => c.notNull())
    .addColumn('billing_provider_id', t.id, (c) => c.notNull())
    .addColumn('rendering_provider_id', t.id)
    .addColumn('referring_provider_id', t.id)
    .addColumn('facility_id', t.id)
    .addColumn('date_of_service', t.date, (c) => c.notNull())
    .addColumn('place_of_service', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(oneOf('status', ['open', 'coded', 'billed', 'void'])),
    )
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull());
  encounters = tenantForeignKey(encounters, 'encounters', 'patient_id', 'patients');
  encounters = tenantForeignKey(encounters, 'encounters', 'billing_provider_id', 'billing_providers');
  encounters = tenantForeignKey(encounters, 'encounters', 'rendering_provider_id', 'providers');
  encounters = tenantForeignKey(encounters, 'encounters', 'referring_provider_id', 'providers');
  encounters = tenantForeignKey(encounters, 'encounters', 'facility_id', 'facilities');
  await encounters.execute();
  await db.schema
    .createIndex('encounters_patient_idx')
    .on('encounters')
    .columns(['tenant_id', 'patient_id', 'date_of_service'])
    .execute();

  await tenantForeignKey(
    createTenantTable(db, 'encounter_diagnoses', dialect)
      .addColumn('encounter_id', t.id, (c) => c.notNull())
      .addColumn('sequence', 'integer', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addUniqueConstraint('encounter_diagnoses_seq_uq', ['encounter_id', 'sequence']),
    'encounter_diagnoses',
    'encounter_id',
    'encounters',
  ).execute();

  await tenantForeignKey(
    serviceLineTable(db, 'encounter_lines', 'encounter_id', dialect).addUniqueConstraint(
      'encounter_lines_number_uq',
      ['encounter_id', 'line_number'],
    ),
    'encounter_lines',
    'encounter_id',
    'encounters',
  ).execute();

  let claims = createTenantTable(db, 'claims', dialect)
    .addColumn('patient_id', t.id, (c) => c.notNull())
    .addColumn('encounter_id', t.id)
    .addColumn('payer_id', t.id)
    .addColumn('coverage_id', t.id)
    .addColumn('patient_control_number', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', ['professional', 'institutional'])))
    .addColumn('frequency_code', 'text', (c) => c.notNull())
    .addColumn('payer_responsibility', 'text', (c) => c.notNull())
    // The states of the claim lifecycle (CLAIM_STATES in src/billing/claim-lifecycle.ts), written out
    // so the migration does not change when the code does. Edited in place, not by a new migration
    // rebuilding the SQLite table: nothing had been released when the store's own status list
    // (accepted, denied, paid, void) was replaced by the lifecycle's.
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(
          oneOf('status', [
            'draft',
            'scrubbed',
            'ready',
            'submitted',
            'acknowledged',
            'rejected',
            'adjudicated',
            'transferred',
            'appealed',
            'corrected',
            'voided',
            'closed',
          ]),
        ),
    )
    .addColumn('total_charge_cents', t.money, (c) => c.notNull())
    .addColumn('service_from', t.date, (c) => c.notNull())
    .addColumn('service_to', t.date, (c) => c.notNull())
    .addColumn('payer_claim_number', 'text')
    .addColumn('document', t.json, (c) => c.notNull())
    .addColumn('created_by', t.id, (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull());
  claims = tenantForeignKey(claims, 'claims', 'patient_id', 'patients');
  claims = tenantForeignKey(claims, 'claims', 'encounter_id', 'encounters');
  claims = tenantForeignKey(claims, 'claims', 'payer_id', 'payers');
  claims = tenantForeignKey(claims, 'claims', 'coverage_id', 'coverages');
  await claims.execute();
  await db.schema
    .createIndex('claims_patient_idx')
    .on('claims')
    .columns(['tenant_id', 'patient_id'])
    .execute();
  await db.schema
    .createIndex('claims_pcn_idx')
    .on('claims')
    .columns(['tenant_id', 'patient_control_number'])
    .execute();
  await db.schema.createIndex('claims_status_idx').on('claims').columns(['tenant_id', 'status']).execute();

  await tenantForeignKey(
    serviceLineTable(db, 'claim_lines', 'claim_id', dialect)
      .addColumn('service_date_end', t.date)
      .addColumn('place_of_service', 'text')
      .addColumn('line_control_number', 'text')
      .addColumn('revenue_code', 'text')
      .addColumn('document', t.json, (c) => c.notNull())
      .addUniqueConstraint('claim_lines_number_uq', ['claim_id', 'line_number']),
    'claim_lines',
    'claim_id',
    'claims',
  ).execute();

  let events = createTenantTable(db, 'claim_events', dialect)
    .addColumn('claim_id', t.id, (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', t.json, (c) => c.notNull())
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .addColumn('user_id', t.id, (c) => c.references('users.id'));
  events = tenantForeignKey(events, 'claim_events', 'claim_id', 'claims');
  await events.execute();
  await db.schema
    .createIndex('claim_events_claim_idx')
    .on('claim_events')
    .columns(['tenant_id', 'claim_id'])
    .execute();
}

/** Drops the encounter and claim tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = [
    'claim_events',
    'claim_lines',
    'claims',
    'encounter_lines',
    'encounter_diagnoses',
    'encounters',
  ];
  for (const table of tables) await db.schema.dropTable(table).execute();
}
