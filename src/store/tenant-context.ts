/**
 * Who is acting, for which tenant, in which role. Every repository function filters by the tenant;
 * every service checks the role's permission first (auditor reads only, front desk cannot change
 * claims …) and writes the audit record in the same transaction as the change.
 */
import { AppError } from '../model/errors.js';
import type { Role } from './tables/tenants.table.js';

/** The acting user inside one tenant. Built by `resolveTenantContext` (tenancy.service.ts) from a membership. */
export interface TenantContext {
  readonly tenantId: number;
  /** Null for the system itself (the demo seed, imports run from the command line). */
  readonly userId: number | null;
  readonly role: Role;
}

/** What a role may do. `:read` of patient data is also audited. */
export const PERMISSIONS = [
  'patients:read',
  'patients:write',
  'encounters:read',
  'encounters:write',
  'claims:read',
  'claims:write',
  'ledger:read',
  /** Post any ledger entry (insurance payments, adjustments, write-offs, refunds, reversals). */
  'ledger:write',
  /** Take a patient payment at the desk (copay), nothing else. */
  'ledger:collect',
  'practice:read',
  /** Providers, facilities, payers, contracts, fee schedules. */
  'practice:write',
  'users:manage',
  'audit:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_ALL: readonly Permission[] = [
  'patients:read',
  'encounters:read',
  'claims:read',
  'ledger:read',
  'practice:read',
];

/** The permission matrix (docs/storage.md, "Roles"). */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: PERMISSIONS,
  coder: [
    'patients:read',
    'encounters:read',
    'encounters:write',
    'claims:read',
    'claims:write',
    'practice:read',
  ],
  biller: [...READ_ALL, 'patients:write', 'claims:write', 'ledger:write', 'ledger:collect', 'practice:write'],
  front_desk: [
    'patients:read',
    'patients:write',
    'encounters:read',
    'encounters:write',
    'claims:read',
    'ledger:read',
    'ledger:collect',
    'practice:read',
  ],
  auditor: [...READ_ALL, 'audit:read'],
};

/** True when `role` has `permission`. */
export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Throws AppError 'forbidden' unless the context's role has `permission`. */
export function authorize(ctx: TenantContext, permission: Permission): void {
  if (!can(ctx.role, permission)) {
    throw new AppError(
      'forbidden',
      `The ${ctx.role.replace('_', ' ')} role may not do this (${permission}).`,
      [
        {
          severity: 'error',
          code: 'auth.permission',
          message: `Role ${ctx.role} lacks permission ${permission}.`,
          fix: 'Ask an administrator of this practice.',
        },
      ],
    );
  }
}

/** A system context for a tenant (seed, imports): admin rights, no user. Never built from a request. */
export function systemContext(tenantId: number): TenantContext {
  return { tenantId, userId: null, role: 'admin' };
}
