/** The practice's own charges: a fee schedule maps procedure code + modifier to a charge, for a period. */
import type { ColumnType, Generated, Selectable } from 'kysely';

export interface FeeScheduleTable {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  effective_from: string;
  effective_to: string | null;
  created_at: ColumnType<string, string, never>;
}

export interface FeeScheduleItemTable {
  id: Generated<number>;
  tenant_id: number;
  fee_schedule_id: number;
  procedure_code: string;
  /** '' when the charge is for the code without a modifier. */
  modifier: string;
  charge_cents: number;
}

export type FeeScheduleRow = Selectable<FeeScheduleTable>;
export type FeeScheduleItemRow = Selectable<FeeScheduleItemTable>;

declare module '../schema.js' {
  interface DB {
    fee_schedules: FeeScheduleTable;
    fee_schedule_items: FeeScheduleItemTable;
  }
}
