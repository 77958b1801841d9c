/** SQL for billing providers, individual providers and service facilities. Every query is filtered by tenant. */
import type { Executor } from './schema.js';
import type {
  BillingProviderRow,
  FacilityRow,
  NewBillingProviderRow,
  NewFacilityRow,
  NewProviderRow,
  ProviderRow,
} from './tables/providers.table.js';

/** Inserts a billing provider. */
export async function insertBillingProvider(
  db: Executor,
  row: NewBillingProviderRow,
): Promise<BillingProviderRow> {
  return db.insertInto('billing_providers').values(row).returningAll().executeTakeFirstOrThrow();
}

/** A billing provider of the tenant. */
export async function findBillingProvider(
  db: Executor,
  tenantId: number,
  id: number,
): Promise<BillingProviderRow | undefined> {
  return db
    .selectFrom('billing_providers')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The tenant's billing providers. */
export async function listBillingProviders(db: Executor, tenantId: number): Promise<BillingProviderRow[]> {
  return db
    .selectFrom('billing_providers')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute();
}

/** Inserts an individual provider. */
export async function insertProvider(db: Executor, row: NewProviderRow): Promise<ProviderRow> {
  return db.insertInto('providers').values(row).returningAll().executeTakeFirstOrThrow();
}

/** An individual provider of the tenant. */
export async function findProvider(
  db: Executor,
  tenantId: number,
  id: number,
): Promise<ProviderRow | undefined> {
  return db
    .selectFrom('providers')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The tenant's individual providers, by name. */
export async function listProviders(db: Executor, tenantId: number): Promise<ProviderRow[]> {
  return db
    .selectFrom('providers')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('last_name')
    .orderBy('first_name')
    .orderBy('id')
    .execute();
}

/** Inserts a service facility. */
export async function insertFacility(db: Executor, row: NewFacilityRow): Promise<FacilityRow> {
  return db.insertInto('facilities').values(row).returningAll().executeTakeFirstOrThrow();
}

/** A service facility of the tenant. */
export async function findFacility(
  db: Executor,
  tenantId: number,
  id: number,
): Promise<FacilityRow | undefined> {
  return db
    .selectFrom('facilities')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}
