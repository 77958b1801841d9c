/**
 * Repository for clearinghouse profiles (table `edi_clearinghouse_profiles`): the profile is stored as
 * JSON text and validated by src/transport/profile.ts when read.
 */
import type { Executor } from './schema.js';
import type { EdiClearinghouseProfileRow } from './tables/edi-transport.table.js';

/** Inserts or replaces the profile called `name`. */
export async function saveClearinghouseProfile(
  db: Executor,
  name: string,
  profileJson: string,
  at: string,
): Promise<void> {
  await db
    .insertInto('edi_clearinghouse_profiles')
    .values({ name, profile: profileJson, created_at: at, updated_at: at })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet((eb) => ({
        profile: eb.ref('excluded.profile'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

/** The profile row called `name`, if any. */
export async function findClearinghouseProfile(
  db: Executor,
  name: string,
): Promise<EdiClearinghouseProfileRow | undefined> {
  return db.selectFrom('edi_clearinghouse_profiles').selectAll().where('name', '=', name).executeTakeFirst();
}

/** All profile rows by name. */
export async function listClearinghouseProfiles(db: Executor): Promise<EdiClearinghouseProfileRow[]> {
  return db.selectFrom('edi_clearinghouse_profiles').selectAll().orderBy('name').execute();
}

/** Deletes the profile called `name`; true when there was one. */
export async function deleteClearinghouseProfile(db: Executor, name: string): Promise<boolean> {
  const result = await db
    .deleteFrom('edi_clearinghouse_profiles')
    .where('name', '=', name)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
