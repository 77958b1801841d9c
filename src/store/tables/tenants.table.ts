/**
 * Tenants, users and who may do what where. A tenant is one practice; a billing company that serves
 * several practices has one tenant per practice and its staff are members of each.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Roles, least surprising first. `auditor` reads everything and changes nothing. */
export const ROLES = ['admin', 'coder', 'biller', 'front_desk', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Runtime guard for `Role`. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export interface TenantTable {
  id: Generated<number>;
  name: string;
  /** Short unique handle, lower-case letters, digits and dashes. */
  slug: string;
  created_at: ColumnType<string, string, never>;
}

export interface UserTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  /** 1 when the account may no longer sign in. */
  disabled: ColumnType<number, number | undefined, number>;
  created_at: ColumnType<string, string, never>;
}

export interface MembershipTable {
  tenant_id: number;
  user_id: number;
  role: Role;
  created_at: ColumnType<string, string, never>;
}

export type TenantRow = Selectable<TenantTable>;
export type NewTenantRow = Insertable<TenantTable>;
export type UserRow = Selectable<UserTable>;
export type NewUserRow = Insertable<UserTable>;
export type MembershipRow = Selectable<MembershipTable>;

declare module '../schema.js' {
  interface DB {
    tenants: TenantTable;
    users: UserTable;
    memberships: MembershipTable;
  }
}
