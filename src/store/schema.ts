/**
 * The typed database (GUIDE §5). `DB` starts empty: each `tables/<name>.table.ts` adds its tables by
 * TypeScript module augmentation, so a feature can add tables without editing this file:
 *
 * ```ts
 * declare module '../schema.js' {
 *   interface DB { patients: PatientTable }
 * }
 * ```
 *
 * Every table file is part of the TypeScript program (tsconfig includes `src`), so the augmented
 * `DB` is the same everywhere. `Executor` is what repositories take first: a `Kysely<DB>` or a
 * `Transaction<DB>` (which extends it).
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by module augmentation in tables/*.table.ts
export interface DB {}

/** A database handle or an open transaction: repositories take one of these first. */
export type Executor = Kysely<DB>;

/** The two supported SQL dialects. */
export const DIALECT_NAMES = ['sqlite', 'postgres'] as const;
export type DialectName = (typeof DIALECT_NAMES)[number];

/** Runtime guard for `DialectName`. */
export function isDialectName(value: string): value is DialectName {
  return (DIALECT_NAMES as readonly string[]).includes(value);
}
