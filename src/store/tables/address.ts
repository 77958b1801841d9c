/** Address columns as they appear in a row (see `addAddressColumns` in ../sql-types.ts). */

/** A required address stored under `address_*` columns. */
export interface AddressColumns {
  address_line1: string;
  address_line2: string | null;
  address_city: string;
  address_state: string;
  address_zip: string;
}

/** An optional address stored under `address_*` columns. */
export interface OptionalAddressColumns {
  address_line1: string | null;
  address_line2: string | null;
  address_city: string | null;
  address_state: string | null;
  address_zip: string | null;
}
