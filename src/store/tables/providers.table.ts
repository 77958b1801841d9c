/**
 * Who bills and who treats: the billing provider (an organisation with NPI and TIN, 837P loop 2010AA,
 * pay-to address 2010AB), individual rendering and referring providers (2310B, 2310A / 2420) and
 * service facilities (2310C).
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AddressColumns } from './address.js';

/** EI employer identification number, SY social security number (TR3 2010AA REF01). */
export const TAX_ID_TYPES = ['EI', 'SY'] as const;
export type TaxIdType = (typeof TAX_ID_TYPES)[number];

/** What an individual provider does for this practice. */
export const PROVIDER_KINDS = ['rendering', 'referring'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export interface BillingProviderTable extends AddressColumns {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  npi: string;
  tax_id: string;
  tax_id_type: TaxIdType;
  taxonomy: string | null;
  pay_to_line1: string | null;
  pay_to_line2: string | null;
  pay_to_city: string | null;
  pay_to_state: string | null;
  pay_to_zip: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  created_at: ColumnType<string, string, never>;
  updated_at: string;
}

export interface ProviderTable {
  id: Generated<number>;
  tenant_id: number;
  kind: ProviderKind;
  npi: string;
  last_name: string;
  first_name: string | null;
  middle_name: string | null;
  taxonomy: string | null;
  created_at: ColumnType<string, string, never>;
  updated_at: string;
}

export interface FacilityTable extends AddressColumns {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  npi: string | null;
  created_at: ColumnType<string, string, never>;
  updated_at: string;
}

export type BillingProviderRow = Selectable<BillingProviderTable>;
export type NewBillingProviderRow = Insertable<BillingProviderTable>;
export type BillingProviderUpdate = Updateable<BillingProviderTable>;
export type ProviderRow = Selectable<ProviderTable>;
export type NewProviderRow = Insertable<ProviderTable>;
export type FacilityRow = Selectable<FacilityTable>;
export type NewFacilityRow = Insertable<FacilityTable>;

declare module '../schema.js' {
  interface DB {
    billing_providers: BillingProviderTable;
    providers: ProviderTable;
    facilities: FacilityTable;
  }
}
