/** Payers, and the contracts that say what each payer is expected to allow per code. */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { OptionalAddressColumns } from './address.js';

export interface PayerTable extends OptionalAddressColumns {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  /** The payer's electronic id (837 2010BB NM109), e.g. `00882` or a clearinghouse id. */
  payer_identifier: string;
  /** SBR09 claim filing indicator: MB Medicare Part B, MC Medicaid, CI commercial, BL BCBS, HM HMO, … */
  claim_filing_indicator: string;
  /** Days after the date of service within which the payer accepts a claim (timely filing). */
  timely_filing_days: number;
  created_at: ColumnType<string, string, never>;
  updated_at: string;
}

export interface PayerContractTable {
  id: Generated<number>;
  tenant_id: number;
  payer_id: number;
  name: string;
  effective_from: string;
  /** Last day the contract applies; null when open-ended. */
  effective_to: string | null;
  created_at: ColumnType<string, string, never>;
}

export interface PayerContractRateTable {
  id: Generated<number>;
  tenant_id: number;
  contract_id: number;
  procedure_code: string;
  /** '' when the rate is for the code without a modifier. */
  modifier: string;
  allowed_cents: number;
}

export type PayerRow = Selectable<PayerTable>;
export type NewPayerRow = Insertable<PayerTable>;
export type PayerContractRow = Selectable<PayerContractTable>;
export type PayerContractRateRow = Selectable<PayerContractRateTable>;

declare module '../schema.js' {
  interface DB {
    payers: PayerTable;
    payer_contracts: PayerContractTable;
    payer_contract_rates: PayerContractRateTable;
  }
}
