/**
 * Every migration, registered explicitly (GUIDE §6): the key is the file name without `.ts`, a
 * timestamp `YYYYMMDDHHMM_` then what it does. Kysely runs them in key order. Schema changes and data
 * backfills are separate migrations. Add one import and one entry per new migration.
 */
import type { Migration } from 'kysely';
import * as m202611270300Tenancy from './202611270300_tenancy.js';
import * as m202611270310Practice from './202611270310_practice.js';
import * as m202611270320EncountersClaims from './202611270320_encounters_claims.js';
import * as m202611270400EdiTransport from './202611270400_edi_transport.js';
import * as m202611270900Ledger from './202611270900_ledger.js';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '202611270300_tenancy': m202611270300Tenancy,
  '202611270310_practice': m202611270310Practice,
  '202611270320_encounters_claims': m202611270320EncountersClaims,
  '202611270400_edi_transport': m202611270400EdiTransport,
  '202611270900_ledger': m202611270900Ledger,
};
