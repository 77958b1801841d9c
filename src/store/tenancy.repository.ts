/** SQL for tenants, users and memberships. */
import type { Executor } from './schema.js';
import type {
  MembershipRow,
  NewTenantRow,
  NewUserRow,
  Role,
  TenantRow,
  UserRow,
} from './tables/tenants.table.js';

/** Inserts a tenant; returns its row. */
export async function insertTenant(db: Executor, row: NewTenantRow): Promise<TenantRow> {
  return db.insertInto('tenants').values(row).returningAll().executeTakeFirstOrThrow();
}

/** A tenant by id. */
export async function findTenant(db: Executor, id: number): Promise<TenantRow | undefined> {
  return db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A tenant by slug. */
export async function findTenantBySlug(db: Executor, slug: string): Promise<TenantRow | undefined> {
  return db.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** Inserts a user; returns its row. */
export async function insertUser(db: Executor, row: NewUserRow): Promise<UserRow> {
  return db.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
}

/** A user by e-mail address (lower case). */
export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

/** Inserts or changes a membership. */
export async function upsertMembership(
  db: Executor,
  tenantId: number,
  userId: number,
  role: Role,
  at: string,
): Promise<void> {
  await db
    .insertInto('memberships')
    .values({ tenant_id: tenantId, user_id: userId, role, created_at: at })
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doUpdateSet({ role }))
    .execute();
}

/** The membership of an enabled user in a tenant. */
export async function findMembership(
  db: Executor,
  tenantId: number,
  userId: number,
): Promise<MembershipRow | undefined> {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .selectAll('memberships')
    .where('memberships.tenant_id', '=', tenantId)
    .where('memberships.user_id', '=', userId)
    .where('users.disabled', '=', 0)
    .executeTakeFirst();
}

/** The tenants a user belongs to, with the role in each. */
export async function listMembershipsOfUser(
  db: Executor,
  userId: number,
): Promise<(TenantRow & { role: Role })[]> {
  return db
    .selectFrom('memberships')
    .innerJoin('tenants', 'tenants.id', 'memberships.tenant_id')
    .selectAll('tenants')
    .select('memberships.role')
    .where('memberships.user_id', '=', userId)
    .orderBy('tenants.name')
    .execute();
}
