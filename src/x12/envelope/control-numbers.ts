/**
 * Control numbers for outbound envelopes. The envelope builder only asks for the next numbers; keeping
 * them unique per sender across runs (persisting them) is the job of the store/transport layer, which
 * implements {@link ControlNumberSource} over its table. X12.5/X12.6: ISA13 is N0 9/9 (zero-filled),
 * GS06 is N0 1/9, ST02 is AN 4/9 and must be unique within its functional group.
 */

/** Where the builder gets control numbers from; each call returns a fresh number for that level. */
export interface ControlNumberSource {
  /** ISA13: 1..999,999,999, unique per sender (written zero-filled to 9 digits). */
  nextInterchangeControlNumber(): number;
  /** GS06: 1..999,999,999, unique per sender; repeated in GE02. */
  nextGroupControlNumber(): number;
  /** ST02: 1..999,999,999, unique within the group (written zero-filled to at least 4 digits). */
  nextTransactionSetControlNumber(): number;
}

/** Largest control number that fits the 9-digit elements. */
export const MAX_CONTROL_NUMBER = 999_999_999;

/**
 * An in-memory source that counts up from the given starting points (default 1). Good for tests, the
 * CLI's one-off files and benchmarks; production wraps a persisted counter instead.
 */
export class SequentialControlNumbers implements ControlNumberSource {
  private interchange: number;
  private group: number;
  private transactionSet: number;

  constructor(start: { interchange?: number; group?: number; transactionSet?: number } = {}) {
    this.interchange = start.interchange ?? 1;
    this.group = start.group ?? 1;
    this.transactionSet = start.transactionSet ?? 1;
  }

  nextInterchangeControlNumber(): number {
    return this.interchange++;
  }

  nextGroupControlNumber(): number {
    return this.group++;
  }

  nextTransactionSetControlNumber(): number {
    return this.transactionSet++;
  }
}

/** True when `n` can be written as an X12 control number (1..999,999,999). */
export function isValidControlNumber(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 1 && n <= MAX_CONTROL_NUMBER;
}

/** ISA13 / IEA02: nine digits, zero-filled. */
export function formatInterchangeControlNumber(n: number): string {
  return String(n).padStart(9, '0');
}

/** ST02 / SE02: at least four characters (AN 4/9), zero-filled. */
export function formatTransactionSetControlNumber(n: number): string {
  return String(n).padStart(4, '0');
}
