/**
 * Envelope control numbers for an outgoing interchange. X12 005010: ISA13 is exactly 9 digits and must
 * be unique per sender (receivers reject or drop repeats as duplicates); GS06 is 1–9 digits and must
 * match GE02; ST02 is 4–9 characters and must match SE02. Superbill hands out all three from persisted
 * per-sender counters, so a number is never used twice, not even after a restart or by two processes.
 */
import { AppError } from '../model/errors.js';
import type { ControlNumberSource } from '../x12/envelope/control-numbers.js';
import type { ClearinghouseProfile } from './profile.js';
import type { ControlNumberKind, ControlNumberStore } from './stores.js';
import { CONTROL_NUMBER_MAX } from './stores.js';

/** The control numbers of one interchange with one functional group. */
export interface EnvelopeNumbers {
  /** ISA13 (and IEA02): 9 digits, zero-padded. */
  readonly isa13: string;
  /** GS06 (and GE02): 1–9 digits. */
  readonly gs06: string;
  /** ST02 (and SE02) of each transaction set: at least 4 digits, zero-padded. */
  readonly st02: readonly string[];
}

/** The counter key for a profile's sender: ISA05 qualifier and ISA06 id (`ZZ:SUBMITTER1`). */
export function senderKey(profile: Pick<ClearinghouseProfile, 'senderQualifier' | 'senderId'>): string {
  return `${profile.senderQualifier}:${profile.senderId}`;
}

/** Reserves ISA13, GS06 and `transactionSets` ST02 numbers for one interchange from `profile`'s sender. */
export async function allocateEnvelopeNumbers(
  store: ControlNumberStore,
  profile: Pick<ClearinghouseProfile, 'senderQualifier' | 'senderId'>,
  transactionSets: number,
): Promise<EnvelopeNumbers> {
  if (!Number.isInteger(transactionSets) || transactionSets < 1) {
    throw new AppError('validation', 'An interchange needs at least one transaction set.');
  }
  const sender = senderKey(profile);
  const isa13 = await store.reserve(sender, 'isa13', 1);
  const gs06 = await store.reserve(sender, 'gs06', 1);
  const firstSt = await store.reserve(sender, 'st02', transactionSets);
  return {
    isa13: String(isa13).padStart(9, '0'),
    gs06: String(gs06),
    st02: Array.from({ length: transactionSets }, (_, i) => String(firstSt + i).padStart(4, '0')),
  };
}

/** How many numbers of each level one interchange will ask for. */
export interface EnvelopeCounts {
  /** Functional groups (GS/GE), e.g. 2 when a file holds both 837P and 837I. */
  readonly groups: number;
  /** Transaction sets (ST/SE) over all groups. */
  readonly transactionSets: number;
}

/**
 * Reserves the numbers for one interchange up front and returns them as the synchronous
 * `ControlNumberSource` the x12 envelope writer (`renderInterchange`, `write837File`) asks. Numbers
 * reserved but not used are simply skipped (gaps are allowed; reuse is not).
 */
export async function reserveControlNumberSource(
  store: ControlNumberStore,
  profile: Pick<ClearinghouseProfile, 'senderQualifier' | 'senderId'>,
  counts: EnvelopeCounts,
): Promise<ControlNumberSource> {
  const sender = senderKey(profile);
  const isa13 = await store.reserve(sender, 'isa13', 1);
  const gs06 = await store.reserve(sender, 'gs06', counts.groups);
  const st02 = await store.reserve(sender, 'st02', counts.transactionSets);
  const take = (kind: ControlNumberKind, first: number, count: number): (() => number) => {
    let used = 0;
    return () => {
      if (used >= count) {
        throw new AppError(
          'internal',
          `The interchange asked for more ${kind.toUpperCase()} numbers than the ${count} reserved for it.`,
        );
      }
      return first + used++;
    };
  };
  const nextIsa13 = take('isa13', isa13, 1);
  const nextGs06 = take('gs06', gs06, counts.groups);
  const nextSt02 = take('st02', st02, counts.transactionSets);
  return {
    nextInterchangeControlNumber: nextIsa13,
    nextGroupControlNumber: nextGs06,
    nextTransactionSetControlNumber: nextSt02,
  };
}

/** Throws AppError 'validation' unless `count` is a whole number from 1 to 100,000. */
export function checkReservationCount(count: number): void {
  if (!Number.isInteger(count) || count < 1 || count > 100_000) {
    throw new AppError('validation', `Control numbers are reserved 1 to 100,000 at a time, not ${count}.`);
  }
}

/** Throws AppError 'validation' unless `last` is a possible last-used number of `kind`. */
export function checkRaiseTarget(kind: ControlNumberKind, last: number): void {
  if (!Number.isInteger(last) || last < 0 || last > CONTROL_NUMBER_MAX[kind]) {
    throw new AppError(
      'validation',
      `A ${kind.toUpperCase()} counter can be set to 0–${CONTROL_NUMBER_MAX[kind]}, not ${last}.`,
    );
  }
}

/** Checks a reservation against the 9-digit limit; throws AppError 'conflict' when it is exceeded. */
export function checkControlNumberRange(sender: string, kind: ControlNumberKind, last: number): void {
  if (last > CONTROL_NUMBER_MAX[kind]) {
    throw new AppError(
      'conflict',
      `The ${kind.toUpperCase()} control numbers of sender ${sender} are used up (the 9-digit limit is reached); they are never reused. Use a new sender ID or agree a reset with the clearinghouse.`,
    );
  }
}
