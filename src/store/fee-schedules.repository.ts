/** SQL for fee schedules and their items. Every query is filtered by tenant. */
import type { Executor } from './schema.js';
import type { FeeScheduleItemRow, FeeScheduleRow } from './tables/fee-schedules.table.js';

/** Inserts a fee schedule and its items (call inside a transaction). */
export async function insertFeeSchedule(
  db: Executor,
  schedule: Omit<FeeScheduleRow, 'id'>,
  items: readonly { procedure_code: string; modifier: string; charge_cents: number }[],
): Promise<FeeScheduleRow> {
  const row = await db.insertInto('fee_schedules').values(schedule).returningAll().executeTakeFirstOrThrow();
  if (items.length > 0) {
    await db
      .insertInto('fee_schedule_items')
      .values(items.map((i) => ({ ...i, tenant_id: schedule.tenant_id, fee_schedule_id: row.id })))
      .execute();
  }
  return row;
}

/**
 * The practice's charge for code + modifier on a date: from the latest-starting schedule in force,
 * the item with the exact modifier, else the item without modifier.
 */
export async function findFee(
  db: Executor,
  tenantId: number,
  procedureCode: string,
  modifier: string,
  on: string,
): Promise<(FeeScheduleItemRow & { schedule_name: string }) | undefined> {
  const rows = await db
    .selectFrom('fee_schedule_items as i')
    .innerJoin('fee_schedules as s', (j) =>
      j.onRef('s.id', '=', 'i.fee_schedule_id').onRef('s.tenant_id', '=', 'i.tenant_id'),
    )
    .selectAll('i')
    .select('s.name as schedule_name')
    .where('i.tenant_id', '=', tenantId)
    .where('i.procedure_code', '=', procedureCode)
    .where('i.modifier', 'in', modifier === '' ? [''] : [modifier, ''])
    .where('s.effective_from', '<=', on)
    .where((eb) => eb.or([eb('s.effective_to', 'is', null), eb('s.effective_to', '>=', on)]))
    .orderBy('s.effective_from', 'desc')
    .orderBy('s.id', 'desc')
    .execute();
  const best = rows[0];
  if (!best) return undefined;
  // Only the newest schedule in force counts; inside it prefer the exact modifier.
  const sameSchedule = rows.filter((r) => r.fee_schedule_id === best.fee_schedule_id);
  return sameSchedule.find((r) => r.modifier === modifier) ?? sameSchedule[0];
}
