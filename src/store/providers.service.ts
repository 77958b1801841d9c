/**
 * Billing providers, rendering/referring providers and service facilities, mapped to the domain
 * shapes of src/model/claim.ts (BillingProvider, Provider, Facility). NPIs pass the Luhn check (80840),
 * TINs their format, the billing provider's ZIP must be ZIP+4 (837P TR3 2010AA N403).
 */
import { z } from 'zod';
import { billingProviderSchema, facilitySchema, providerSchema } from '../model/claim.js';
import type { BillingProvider, Facility, Provider } from '../model/claim.js';
import { checkNpi, checkTaxonomy, checkTin, normalizeEin, normalizeSsn } from '../model/identifiers.js';
import type { Problem } from '../model/problem.js';
import { addressInputSchema, addressToColumns, checkAddress, columnsToAddress } from './address-columns.js';
import { audit } from './audit.js';
import {
  findBillingProvider,
  findFacility,
  findProvider,
  insertBillingProvider,
  insertFacility,
  insertProvider,
  listBillingProviders,
  listProviders,
} from './providers.repository.js';
import type { Executor } from './schema.js';
import { nowIso } from './sql-types.js';
import { PROVIDER_KINDS } from './tables/providers.table.js';
import type { BillingProviderRow, FacilityRow, ProviderKind, ProviderRow } from './tables/providers.table.js';
import { authorize } from './tenant-context.js';
import type { TenantContext } from './tenant-context.js';
import { withTransaction } from './transaction.js';
import { notFound, validate } from './validation.js';

/** Billing provider input: the claim's BillingProvider, with dashes allowed in ZIP codes. */
export const billingProviderInputSchema = billingProviderSchema.extend({
  address: addressInputSchema,
  payToAddress: addressInputSchema.optional(),
});

/** Facility input: the claim's Facility, with a dash allowed in the ZIP code. */
export const facilityInputSchema = facilitySchema.extend({ address: addressInputSchema });

/** A stored billing provider: the domain BillingProvider plus its id. */
export type BillingProviderRecord = BillingProvider & { readonly id: number };
/** A stored individual provider: the domain Provider plus its id and kind. */
export type ProviderRecord = Provider & { readonly id: number; readonly kind: ProviderKind };
/** A stored service facility: the domain Facility plus its id. */
export type FacilityRecord = Facility & { readonly id: number };

function checkBillingProvider(b: BillingProvider): Problem[] {
  return [
    ...checkNpi(b.npi, 'npi'),
    ...checkTin(b.taxId, b.taxIdType, 'taxId'),
    ...(b.taxonomy !== undefined ? checkTaxonomy(b.taxonomy, 'taxonomy') : []),
    ...checkAddress(b.address, 'address', true),
    // TR3 2010AB: the pay-to address has no ZIP+4 requirement.
    ...checkAddress(b.payToAddress, 'payToAddress'),
  ];
}

/** Adds a billing provider (practice:write; audited). Throws AppError 'validation' listing every bad field. */
export async function createBillingProvider(
  db: Executor,
  ctx: TenantContext,
  input: z.input<typeof billingProviderInputSchema>,
): Promise<BillingProviderRecord> {
  authorize(ctx, 'practice:write');
  const b = validate(billingProviderInputSchema, input, 'billing provider', checkBillingProvider);
  const taxId = (b.taxIdType === 'EI' ? normalizeEin(b.taxId) : normalizeSsn(b.taxId)) ?? b.taxId;
  return withTransaction(db, async (trx) => {
    const at = nowIso();
    const pay = addressToColumns('pay_to', b.payToAddress);
    const row = await insertBillingProvider(trx, {
      tenant_id: ctx.tenantId,
      name: b.lastNameOrOrganization,
      npi: b.npi,
      tax_id: taxId,
      tax_id_type: b.taxIdType,
      taxonomy: b.taxonomy ?? null,
      ...addressToColumns('address', b.address),
      address_line1: b.address.line1,
      address_city: b.address.city,
      address_state: b.address.state,
      address_zip: addressToColumns('address', b.address).address_zip ?? b.address.zip,
      ...pay,
      contact_name: b.contactName ?? null,
      contact_phone: b.contactPhone ?? null,
      created_at: at,
      updated_at: at,
    });
    await audit(trx, ctx, 'create', 'billing_providers', [row.id]);
    return toBillingProvider(row);
  });
}

/** A billing provider of the tenant (practice:read). */
export async function getBillingProvider(
  db: Executor,
  ctx: TenantContext,
  id: number,
): Promise<BillingProviderRecord> {
  authorize(ctx, 'practice:read');
  const row = await findBillingProvider(db, ctx.tenantId, id);
  if (!row) throw notFound('billing provider', id);
  return toBillingProvider(row);
}

/** The tenant's billing providers (practice:read). */
export async function getBillingProviders(
  db: Executor,
  ctx: TenantContext,
): Promise<BillingProviderRecord[]> {
  authorize(ctx, 'practice:read');
  return (await listBillingProviders(db, ctx.tenantId)).map(toBillingProvider);
}

function toBillingProvider(row: BillingProviderRow): BillingProviderRecord {
  const payTo = columnsToAddress(row, 'pay_to');
  return {
    id: row.id,
    npi: row.npi,
    lastNameOrOrganization: row.name,
    ...(row.taxonomy !== null ? { taxonomy: row.taxonomy } : {}),
    taxId: row.tax_id,
    taxIdType: row.tax_id_type,
    address: columnsToAddress(row, 'address')!,
    ...(payTo ? { payToAddress: payTo } : {}),
    ...(row.contact_name !== null ? { contactName: row.contact_name } : {}),
    ...(row.contact_phone !== null ? { contactPhone: row.contact_phone } : {}),
  };
}

export const providerInputSchema = providerSchema.extend({
  kind: z.enum(PROVIDER_KINDS).default('rendering'),
});

/** Adds a rendering or referring provider (practice:write; audited). */
export async function createProvider(
  db: Executor,
  ctx: TenantContext,
  input: z.input<typeof providerInputSchema>,
): Promise<ProviderRecord> {
  authorize(ctx, 'practice:write');
  const p = validate(providerInputSchema, input, 'provider', (v) => [
    ...checkNpi(v.npi, 'npi'),
    ...(v.taxonomy !== undefined ? checkTaxonomy(v.taxonomy, 'taxonomy') : []),
  ]);
  return withTransaction(db, async (trx) => {
    const at = nowIso();
    const row = await insertProvider(trx, {
      tenant_id: ctx.tenantId,
      kind: p.kind,
      npi: p.npi,
      last_name: p.lastNameOrOrganization,
      first_name: p.firstName ?? null,
      middle_name: p.middleName ?? null,
      taxonomy: p.taxonomy ?? null,
      created_at: at,
      updated_at: at,
    });
    await audit(trx, ctx, 'create', 'providers', [row.id]);
    return toProvider(row);
  });
}

/** An individual provider of the tenant (practice:read). */
export async function getProvider(db: Executor, ctx: TenantContext, id: number): Promise<ProviderRecord> {
  authorize(ctx, 'practice:read');
  const row = await findProvider(db, ctx.tenantId, id);
  if (!row) throw notFound('provider', id);
  return toProvider(row);
}

/** The tenant's individual providers (practice:read). */
export async function getProviders(db: Executor, ctx: TenantContext): Promise<ProviderRecord[]> {
  authorize(ctx, 'practice:read');
  return (await listProviders(db, ctx.tenantId)).map(toProvider);
}

function toProvider(row: ProviderRow): ProviderRecord {
  return {
    id: row.id,
    kind: row.kind,
    npi: row.npi,
    lastNameOrOrganization: row.last_name,
    ...(row.first_name !== null ? { firstName: row.first_name } : {}),
    ...(row.middle_name !== null ? { middleName: row.middle_name } : {}),
    ...(row.taxonomy !== null ? { taxonomy: row.taxonomy } : {}),
  };
}

/** Adds a service facility (practice:write; audited). */
export async function createFacility(
  db: Executor,
  ctx: TenantContext,
  input: z.input<typeof facilityInputSchema>,
): Promise<FacilityRecord> {
  authorize(ctx, 'practice:write');
  const f = validate(facilityInputSchema, input, 'facility', (v) => [
    ...(v.npi !== undefined ? checkNpi(v.npi, 'npi') : []),
    ...checkAddress(v.address, 'address'),
  ]);
  return withTransaction(db, async (trx) => {
    const at = nowIso();
    const address = addressToColumns('address', f.address);
    const row = await insertFacility(trx, {
      tenant_id: ctx.tenantId,
      name: f.name,
      npi: f.npi ?? null,
      ...address,
      address_line1: f.address.line1,
      address_city: f.address.city,
      address_state: f.address.state,
      address_zip: address.address_zip ?? f.address.zip,
      created_at: at,
      updated_at: at,
    });
    await audit(trx, ctx, 'create', 'facilities', [row.id]);
    return toFacility(row);
  });
}

/** A service facility of the tenant (practice:read). */
export async function getFacility(db: Executor, ctx: TenantContext, id: number): Promise<FacilityRecord> {
  authorize(ctx, 'practice:read');
  const row = await findFacility(db, ctx.tenantId, id);
  if (!row) throw notFound('facility', id);
  return toFacility(row);
}

function toFacility(row: FacilityRow): FacilityRecord {
  return {
    id: row.id,
    name: row.name,
    ...(row.npi !== null ? { npi: row.npi } : {}),
    address: columnsToAddress(row, 'address')!,
  };
}
