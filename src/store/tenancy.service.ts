/**
 * Tenants, users and memberships. Creating a tenant is a system act (installation, `superbill demo
 * seed`); adding members needs users:manage in that tenant. `resolveTenantContext` is how a request
 * becomes a TenantContext: only through a membership.
 */
import { z } from 'zod';
import { AppError } from '../model/errors.js';
import { audit } from './audit.js';
import type { Executor } from './schema.js';
import { nowIso } from './sql-types.js';
import { ROLES } from './tables/tenants.table.js';
import type { Role } from './tables/tenants.table.js';
import { authorize } from './tenant-context.js';
import type { TenantContext } from './tenant-context.js';
import {
  findMembership,
  findTenantBySlug,
  findUserByEmail,
  insertTenant,
  insertUser,
  listMembershipsOfUser,
  upsertMembership,
} from './tenancy.repository.js';
import { withTransaction } from './transaction.js';
import { validate } from './validation.js';

/** A tenant (one practice). */
export interface Tenant {
  readonly id: number;
  readonly name: string;
  readonly slug: string;
}

/** A user account. */
export interface User {
  readonly id: number;
  readonly email: string;
  readonly displayName: string;
}

export const newTenantSchema = z.object({
  name: z.string().trim().min(1),
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'use lower-case letters, digits and dashes' }),
});
export type NewTenantOptions = z.input<typeof newTenantSchema>;

/** Creates a tenant (a system act: no user context). */
export async function createTenant(db: Executor, options: NewTenantOptions): Promise<Tenant> {
  const input = validate(newTenantSchema, options, 'tenant');
  return withTransaction(db, async (trx) => {
    if (await findTenantBySlug(trx, input.slug)) {
      throw new AppError('conflict', `A practice with the handle "${input.slug}" already exists.`);
    }
    const row = await insertTenant(trx, { name: input.name, slug: input.slug, created_at: nowIso() });
    await audit(trx, { tenantId: row.id, userId: null, role: 'admin' }, 'create', 'tenants', [row.id]);
    return { id: row.id, name: row.name, slug: row.slug };
  });
}

export const newUserSchema = z.object({
  email: z.email().transform((e) => e.toLowerCase()),
  displayName: z.string().trim().min(1),
});
export type NewUserOptions = z.input<typeof newUserSchema>;

/** Creates a user account (not yet a member of any tenant). */
export async function createUser(db: Executor, options: NewUserOptions): Promise<User> {
  const input = validate(newUserSchema, options, 'user');
  if (await findUserByEmail(db, input.email))
    throw new AppError('conflict', `A user ${input.email} already exists.`);
  const row = await insertUser(db, {
    email: input.email,
    display_name: input.displayName,
    created_at: nowIso(),
  });
  return { id: row.id, email: row.email, displayName: row.display_name };
}

/** Makes `userId` a member of the context's tenant with `role` (needs users:manage). */
export async function addMember(db: Executor, ctx: TenantContext, userId: number, role: Role): Promise<void> {
  authorize(ctx, 'users:manage');
  if (!(ROLES as readonly string[]).includes(role)) throw new AppError('validation', `Unknown role ${role}.`);
  await withTransaction(db, async (trx) => {
    await upsertMembership(trx, ctx.tenantId, userId, role, nowIso());
    await audit(trx, ctx, 'update', 'memberships', [userId]);
  });
}

/** The context of `userId` acting in `tenantId`; AppError 'forbidden' when not an enabled member. */
export async function resolveTenantContext(
  db: Executor,
  userId: number,
  tenantId: number,
): Promise<TenantContext> {
  const membership = await findMembership(db, tenantId, userId);
  if (!membership) throw new AppError('forbidden', 'You are not a member of this practice.');
  return { tenantId, userId, role: membership.role };
}

/** The tenants a user may act in, with the role in each. */
export async function tenantsOfUser(db: Executor, userId: number): Promise<(Tenant & { role: Role })[]> {
  const rows = await listMembershipsOfUser(db, userId);
  return rows.map((r) => ({ id: r.id, name: r.name, slug: r.slug, role: r.role }));
}
