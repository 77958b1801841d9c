/**
 * Repository for envelope control number counters (table `edi_control_numbers`).
 */
import type { Executor } from './schema.js';

/**
 * Adds `count` to the counter of (sender, kind), creating it at 0 first, and returns the new last
 * value; the reserved numbers are `last - count + 1 … last`. A single INSERT … ON CONFLICT DO UPDATE
 * … RETURNING: PostgreSQL locks the row for the update, SQLite holds the database write lock, so two
 * processes never get the same numbers.
 */
export async function bumpControlNumber(
  db: Executor,
  sender: string,
  kind: string,
  count: number,
  at: string,
): Promise<number> {
  const row = await db
    .insertInto('edi_control_numbers')
    .values({ sender, kind, last_value: count, updated_at: at })
    .onConflict((oc) =>
      oc.columns(['sender', 'kind']).doUpdateSet((eb) => ({
        last_value: eb(eb.ref('edi_control_numbers.last_value'), '+', eb.ref('excluded.last_value')),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return row.last_value;
}

/** The last value handed out for (sender, kind), 0 when none. */
export async function lastControlNumber(db: Executor, sender: string, kind: string): Promise<number> {
  const row = await db
    .selectFrom('edi_control_numbers')
    .select('last_value')
    .where('sender', '=', sender)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row?.last_value ?? 0;
}

/** Raises the counter of (sender, kind) to `last` unless it is already higher (never lowers it). */
export async function raiseControlNumber(
  db: Executor,
  sender: string,
  kind: string,
  last: number,
  at: string,
): Promise<void> {
  await db
    .insertInto('edi_control_numbers')
    .values({ sender, kind, last_value: last, updated_at: at })
    .onConflict((oc) =>
      oc
        .columns(['sender', 'kind'])
        .doUpdateSet({ last_value: last, updated_at: at })
        .where('edi_control_numbers.last_value', '<', last),
    )
    .execute();
}
