/** SQL for the audit log. Ids only, never PHI values. */
import type { Executor } from './schema.js';
import type { AuditAction, AuditLogRow } from './tables/audit.table.js';

/** One audit entry to write. */
export interface AuditEntry {
  readonly tenantId: number;
  readonly userId: number | null;
  readonly action: AuditAction;
  readonly entity: string;
  readonly entityId: string | number;
}

/** Inserts audit entries (one statement). */
export async function insertAuditEntries(
  db: Executor,
  entries: readonly AuditEntry[],
  at: string,
): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(
      entries.map((e) => ({
        tenant_id: e.tenantId,
        user_id: e.userId,
        action: e.action,
        entity: e.entity,
        entity_id: String(e.entityId),
        at,
      })),
    )
    .execute();
}

/** Filters for `listAuditEntries`. */
export interface AuditFilter {
  readonly entity?: string;
  readonly entityId?: string | number;
  readonly userId?: number;
  readonly limit?: number;
}

/** The tenant's audit entries, newest first. */
export async function listAuditEntries(
  db: Executor,
  tenantId: number,
  filter: AuditFilter = {},
): Promise<AuditLogRow[]> {
  let q = db.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenantId);
  if (filter.entity !== undefined) q = q.where('entity', '=', filter.entity);
  if (filter.entityId !== undefined) q = q.where('entity_id', '=', String(filter.entityId));
  if (filter.userId !== undefined) q = q.where('user_id', '=', filter.userId);
  return q
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 1000)
    .execute();
}
