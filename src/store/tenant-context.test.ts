import { describe, expect, it } from 'vitest';
import { AppError } from '../model/errors.js';
import { ROLES } from './tables/tenants.table.js';
import { authorize, can, PERMISSIONS, ROLE_PERMISSIONS } from './tenant-context.js';

describe('roles and permissions', () => {
  it('gives the auditor every read and nothing that changes data', () => {
    const granted = PERMISSIONS.filter((p) => can('auditor', p));
    expect(granted.every((p) => p.endsWith(':read'))).toBe(true);
    expect(granted).toContain('audit:read');
    expect(granted).toContain('patients:read');
  });

  it('keeps the front desk away from claims and insurance postings but lets it take copays', () => {
    expect(can('front_desk', 'claims:read')).toBe(true);
    expect(can('front_desk', 'claims:write')).toBe(false);
    expect(can('front_desk', 'ledger:write')).toBe(false);
    expect(can('front_desk', 'ledger:collect')).toBe(true);
  });

  it('lets only the admin manage users, and the admin do everything', () => {
    for (const role of ROLES) expect(can(role, 'users:manage')).toBe(role === 'admin');
    expect([...ROLE_PERMISSIONS.admin].sort()).toEqual([...PERMISSIONS].sort());
  });

  it('refuses with a forbidden AppError that names the role', () => {
    try {
      authorize({ tenantId: 1, userId: 2, role: 'coder' }, 'ledger:write');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('forbidden');
      expect((e as AppError).message).toContain('coder');
    }
    expect(() => {
      authorize({ tenantId: 1, userId: 2, role: 'biller' }, 'ledger:write');
    }).not.toThrow();
  });
});
