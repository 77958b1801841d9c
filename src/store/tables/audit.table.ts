/**
 * The audit log: who did what to which record, when. It holds ids only, never PHI values (HIPAA
 * §164.312(b) audit controls want the trail, not a second copy of the record).
 */
import type { ColumnType, Generated, Selectable } from 'kysely';

/** What was done. `read` is recorded for reads of patient data. */
export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'read', 'export'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditLogTable {
  id: Generated<number>;
  tenant_id: number;
  /** Null for actions the system takes on its own (migrations, scheduled jobs, the demo seed). */
  user_id: number | null;
  action: AuditAction;
  /** The table (entity kind) touched, e.g. `patients`, `claims`. */
  entity: string;
  /** The id of the row touched, as text (a list read records the tenant id and entity `patients*`). */
  entity_id: string;
  at: ColumnType<string, string, never>;
}

export type AuditLogRow = Selectable<AuditLogTable>;

declare module '../schema.js' {
  interface DB {
    audit_log: AuditLogTable;
  }
}
