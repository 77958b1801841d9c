/**
 * Writing and reading the audit trail (GUIDE §13): services call `audit` inside the transaction of
 * the change (or of the read of patient data), so the trail and the data cannot disagree.
 */
import { insertAuditEntries, listAuditEntries } from './audit.repository.js';
import type { AuditFilter } from './audit.repository.js';
import type { Executor } from './schema.js';
import { nowIso } from './sql-types.js';
import type { AuditAction, AuditLogRow } from './tables/audit.table.js';
import { authorize } from './tenant-context.js';
import type { TenantContext } from './tenant-context.js';

/** Records that `ctx` did `action` to `entity` rows `ids` (one entry per id). */
export async function audit(
  db: Executor,
  ctx: TenantContext,
  action: AuditAction,
  entity: string,
  ids: readonly (string | number)[],
): Promise<void> {
  await insertAuditEntries(
    db,
    ids.map((entityId) => ({ tenantId: ctx.tenantId, userId: ctx.userId, action, entity, entityId })),
    nowIso(),
  );
}

/** An audit entry as the API shows it. */
export interface AuditRecord {
  readonly id: number;
  readonly userId: number | null;
  readonly action: AuditAction;
  readonly entity: string;
  readonly entityId: string;
  readonly at: string;
}

/** The tenant's audit trail, newest first (needs audit:read). */
export async function readAuditTrail(
  db: Executor,
  ctx: TenantContext,
  filter: AuditFilter = {},
): Promise<AuditRecord[]> {
  authorize(ctx, 'audit:read');
  const rows = await listAuditEntries(db, ctx.tenantId, filter);
  return rows.map(toAuditRecord);
}

function toAuditRecord(row: AuditLogRow): AuditRecord {
  return {
    id: row.id,
    userId: row.user_id,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    at: row.at,
  };
}
