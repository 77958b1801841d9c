/**
 * A minimal practice for ledger tests and the ledger benchmark: one tenant, a few payers, patients
 * with one claim each and service lines on given dates. Rows are inserted directly (only the columns
 * the tables require), in chunks, so a benchmark can create 100 000 lines quickly.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../src/store/schema.js';
import { nowIso } from '../../src/store/sql-types.js';

/** What was created. */
export interface LedgerPractice {
  readonly tenantId: number;
  readonly payerIds: readonly number[];
  readonly patientIds: readonly number[];
  /** Every service line with its claim, patient and date of service. */
  readonly lines: readonly { claimLineId: number; claimId: number; patientId: number; serviceDate: string }[];
}

/** Options for {@link createLedgerPractice}. */
export interface LedgerPracticeOptions {
  readonly slug: string;
  readonly payerCount?: number;
  readonly patientCount: number;
  readonly linesPerPatient: number;
  /** The date of service of line `i` of patient `p`. */
  readonly serviceDate: (patientIndex: number, lineIndex: number) => string;
}

const CHUNK = 400;

async function insertChunked(db: Kysely<DB>, table: keyof DB, rows: readonly object[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    // The rows match the table; the generic insert cannot see that through `object`.
    const part = rows.slice(i, i + CHUNK) as never[];
    const inserted = (await db
      .insertInto(table)
      .values(part)
      .returning('id' as never)
      .execute()) as unknown as { id: number }[];
    ids.push(...inserted.map((r) => r.id).sort((a, b) => a - b));
  }
  return ids;
}

/** Creates the practice; returns its ids. */
export async function createLedgerPractice(
  db: Kysely<DB>,
  o: LedgerPracticeOptions,
): Promise<LedgerPractice> {
  const now = nowIso();
  const tenant = await db
    .insertInto('tenants')
    .values({ name: `Practice ${o.slug}`, slug: o.slug, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const tenantId = tenant.id;
  const payerIds = await insertChunked(
    db,
    'payers',
    Array.from({ length: o.payerCount ?? 3 }, (_, i) => ({
      tenant_id: tenantId,
      name: `Test Payer ${i + 1}`,
      payer_identifier: `TP${String(i + 1).padStart(3, '0')}`,
      claim_filing_indicator: 'CI',
      timely_filing_days: 365,
      created_at: now,
      updated_at: now,
    })),
  );
  const patientIds = await insertChunked(
    db,
    'patients',
    Array.from({ length: o.patientCount }, (_, i) => ({
      tenant_id: tenantId,
      account_number: `A${String(i + 1).padStart(7, '0')}`,
      last_name: `Testpatient${i + 1}`,
      first_name: 'Zz',
      date_of_birth: '1970-01-01',
      sex: 'U',
      created_at: now,
      updated_at: now,
    })),
  );
  const claimIds = await insertChunked(
    db,
    'claims',
    patientIds.map((patientId, p) => {
      const dates = Array.from({ length: o.linesPerPatient }, (_, l) => o.serviceDate(p, l)).sort();
      return {
        tenant_id: tenantId,
        patient_id: patientId,
        payer_id: payerIds[p % payerIds.length]!,
        patient_control_number: `PCN${p + 1}`,
        kind: 'professional',
        frequency_code: '1',
        payer_responsibility: 'P',
        status: 'submitted',
        total_charge_cents: 0,
        service_from: dates[0]!,
        service_to: dates.at(-1)!,
        document: '{}',
        created_at: now,
        updated_at: now,
      };
    }),
  );
  const lineRows = claimIds.flatMap((claimId, p) =>
    Array.from({ length: o.linesPerPatient }, (_, l) => ({
      tenant_id: tenantId,
      claim_id: claimId,
      line_number: l + 1,
      procedure_code: '99213',
      units: 1,
      charge_cents: 10_000,
      diagnosis_pointers: '1',
      service_date: o.serviceDate(p, l),
      document: '{}',
    })),
  );
  const lineIds = await insertChunked(db, 'claim_lines', lineRows);
  const lines = lineIds.map((claimLineId, i) => {
    const p = Math.floor(i / o.linesPerPatient);
    return {
      claimLineId,
      claimId: claimIds[p]!,
      patientId: patientIds[p]!,
      serviceDate: lineRows[i]!.service_date,
    };
  });
  return { tenantId, payerIds, patientIds, lines };
}
