/** SQL for payers, payer contracts and contract rates. Every query is filtered by tenant. */
import type { Executor } from './schema.js';
import type { NewPayerRow, PayerContractRateRow, PayerContractRow, PayerRow } from './tables/payers.table.js';

/** Inserts a payer. */
export async function insertPayer(db: Executor, row: NewPayerRow): Promise<PayerRow> {
  return db.insertInto('payers').values(row).returningAll().executeTakeFirstOrThrow();
}

/** A payer of the tenant. */
export async function findPayer(db: Executor, tenantId: number, id: number): Promise<PayerRow | undefined> {
  return db
    .selectFrom('payers')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The tenant's payers by name. */
export async function listPayers(db: Executor, tenantId: number): Promise<PayerRow[]> {
  return db
    .selectFrom('payers')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** Inserts a contract and its rates (call inside a transaction). */
export async function insertContract(
  db: Executor,
  contract: Omit<PayerContractRow, 'id'>,
  rates: readonly { procedure_code: string; modifier: string; allowed_cents: number }[],
): Promise<PayerContractRow> {
  const row = await db
    .insertInto('payer_contracts')
    .values(contract)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (rates.length > 0) {
    await db
      .insertInto('payer_contract_rates')
      .values(rates.map((r) => ({ ...r, tenant_id: contract.tenant_id, contract_id: row.id })))
      .execute();
  }
  return row;
}

/**
 * The allowed amount the payer's contract in force on `on` sets for code + modifier: the rate for the
 * exact modifier, else the rate without modifier. Latest-starting contract wins when several apply.
 */
export async function findContractRate(
  db: Executor,
  tenantId: number,
  payerId: number,
  procedureCode: string,
  modifier: string,
  on: string,
): Promise<(PayerContractRateRow & { contract_name: string }) | undefined> {
  const rows = await db
    .selectFrom('payer_contract_rates as r')
    .innerJoin('payer_contracts as c', (j) =>
      j.onRef('c.id', '=', 'r.contract_id').onRef('c.tenant_id', '=', 'r.tenant_id'),
    )
    .selectAll('r')
    .select('c.name as contract_name')
    .where('r.tenant_id', '=', tenantId)
    .where('c.payer_id', '=', payerId)
    .where('r.procedure_code', '=', procedureCode)
    .where('r.modifier', 'in', modifier === '' ? [''] : [modifier, ''])
    .where('c.effective_from', '<=', on)
    .where((eb) => eb.or([eb('c.effective_to', 'is', null), eb('c.effective_to', '>=', on)]))
    .orderBy('c.effective_from', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
  return rows.find((r) => r.modifier === modifier) ?? rows[0];
}
