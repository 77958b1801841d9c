/** SQL for encounters, their diagnoses and service lines. Every query is filtered by tenant. */
import type { Insertable } from 'kysely';
import type { Executor } from './schema.js';
import type {
  EncounterDiagnosisRow,
  EncounterLineRow,
  EncounterLineTable,
  EncounterRow,
  EncounterStatus,
  EncounterTable,
} from './tables/encounters.table.js';

/** Inserts an encounter with its diagnoses and lines (call inside a transaction); returns the row and line ids in order. */
export async function insertEncounter(
  db: Executor,
  encounter: Insertable<EncounterTable>,
  diagnoses: readonly string[],
  lines: readonly Omit<Insertable<EncounterLineTable>, 'tenant_id' | 'encounter_id'>[],
): Promise<{ encounter: EncounterRow; lineIds: number[] }> {
  const row = await db.insertInto('encounters').values(encounter).returningAll().executeTakeFirstOrThrow();
  if (diagnoses.length > 0) {
    await db
      .insertInto('encounter_diagnoses')
      .values(
        diagnoses.map((code, i) => ({
          tenant_id: encounter.tenant_id,
          encounter_id: row.id,
          sequence: i + 1,
          code,
        })),
      )
      .execute();
  }
  if (lines.length === 0) return { encounter: row, lineIds: [] };
  const inserted = await db
    .insertInto('encounter_lines')
    .values(lines.map((l) => ({ ...l, tenant_id: encounter.tenant_id, encounter_id: row.id })))
    .returning(['id', 'line_number'])
    .execute();
  inserted.sort((x, y) => x.line_number - y.line_number);
  return { encounter: row, lineIds: inserted.map((r) => r.id) };
}

/** An encounter of the tenant with its diagnoses (in order) and lines (by line number). */
export async function findEncounter(
  db: Executor,
  tenantId: number,
  id: number,
): Promise<
  { encounter: EncounterRow; diagnoses: EncounterDiagnosisRow[]; lines: EncounterLineRow[] } | undefined
> {
  const encounter = await db
    .selectFrom('encounters')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!encounter) return undefined;
  const diagnoses = await db
    .selectFrom('encounter_diagnoses')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('encounter_id', '=', id)
    .orderBy('sequence')
    .execute();
  const lines = await db
    .selectFrom('encounter_lines')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('encounter_id', '=', id)
    .orderBy('line_number')
    .execute();
  return { encounter, diagnoses, lines };
}

/** Sets an encounter's status; returns false when the tenant has no such encounter. */
export async function updateEncounterStatus(
  db: Executor,
  tenantId: number,
  id: number,
  status: EncounterStatus,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('encounters')
    .set({ status, updated_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
