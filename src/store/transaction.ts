/**
 * Transactions: writes that belong together (a claim and its lines, a change and its audit record, a
 * posting and its ledger entries) run in one. Services own transactions; repositories take whatever
 * executor they are given.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';

/**
 * Runs `fn` in a transaction on `db` and returns its result; rolls back when it throws. When `db` is
 * already a transaction, `fn` joins it (no nested transaction), so services can call each other.
 */
export async function withTransaction<T>(
  db: Kysely<DB>,
  fn: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  // A Transaction is a Kysely whose isTransaction is true; Kysely offers no type guard for it.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
  if (db.isTransaction) return fn(db as Transaction<DB>);
  return db.transaction().execute(fn);
}
