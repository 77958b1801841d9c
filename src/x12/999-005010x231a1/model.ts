/**
 * The 999 Implementation Acknowledgment (ASC X12 005010X231A1) as data: per functional group (AK1)
 * and per transaction set (AK2) whether it was accepted, accepted with errors or rejected, and why
 * (IK3 segment errors, IK4 element errors, IK5 and AK9 codes, each with its description).
 */

/** IK501 transaction set acknowledgment codes. */
export const TRANSACTION_ACK_CODES = {
  A: 'Accepted',
  E: 'Accepted but errors were noted',
  M: 'Rejected, message authentication code (MAC) failed',
  R: 'Rejected',
  W: 'Rejected, assurance failed validity tests',
  X: 'Rejected, content after decryption could not be analyzed',
} as const;

/** AK901 functional group acknowledgment codes. */
export const GROUP_ACK_CODES = {
  A: 'Accepted',
  E: 'Accepted, but errors were noted',
  M: 'Rejected, message authentication code (MAC) failed',
  P: 'Partially accepted, at least one transaction set was rejected',
  R: 'Rejected',
  W: 'Rejected, assurance failed validity tests',
  X: 'Rejected, content after decryption could not be analyzed',
} as const;

export const ACK_STATUSES = ['accepted', 'accepted-with-errors', 'partially-accepted', 'rejected'] as const;
/** What the code means for the sender, in one word. */
export type AckStatus = (typeof ACK_STATUSES)[number];

/** A code with its standard description. */
export interface DescribedCode {
  readonly code: string;
  readonly description: string;
}

/** IK4: one data element error. */
export interface ElementError extends DescribedCode {
  /** IK401-1 element position in the segment. */
  readonly position: number;
  /** IK401-2 component position, when the error is in a component. */
  readonly component?: number;
  /** IK401-3 repetition position. */
  readonly repetition?: number;
  /** IK402 data element reference number. */
  readonly reference?: string;
  /** IK404 copy of the bad data element. */
  readonly badValue?: string;
}

/** IK3: one segment error and its element errors. */
export interface SegmentError {
  /** IK301 segment id. */
  readonly segmentId: string;
  /** IK302 position in the transaction set (ST = 1). */
  readonly position: number;
  /** IK303 loop identifier. */
  readonly loop?: string;
  /** IK304 segment syntax error code, with description. */
  readonly error?: DescribedCode;
  /** CTX context segments, raw. */
  readonly contexts: readonly string[];
  readonly elementErrors: readonly ElementError[];
}

/** AK2…IK5: the response for one transaction set. */
export interface TransactionAck {
  /** AK201 transaction set identifier (837, 835…). */
  readonly transactionSetId: string;
  /** AK202 transaction set control number (the ST02 we sent). */
  readonly controlNumber: string;
  /** AK203 implementation convention reference. */
  readonly implementation?: string;
  readonly status: AckStatus;
  /** IK501 with description. */
  readonly ack: DescribedCode;
  /** IK502–IK506 syntax error codes with descriptions. */
  readonly errors: readonly DescribedCode[];
  readonly segmentErrors: readonly SegmentError[];
}

/** AK1…AK9: the response for one functional group. */
export interface GroupAck {
  /** AK101 functional identifier code of the acknowledged group (HC = 837…). */
  readonly functionalId: string;
  /** AK102 group control number (the GS06 we sent). */
  readonly controlNumber: string;
  /** AK103 version (GS08). */
  readonly version?: string;
  readonly transactions: readonly TransactionAck[];
  readonly status: AckStatus;
  /** AK901 with description. */
  readonly ack: DescribedCode;
  /** AK902 included, AK903 received, AK904 accepted transaction sets. */
  readonly included: number;
  readonly received: number;
  readonly accepted: number;
  /** AK905–AK909 group syntax error codes with descriptions. */
  readonly errors: readonly DescribedCode[];
}

/** One 999 transaction set. */
export interface Ack999 {
  /** ST02 of the 999. */
  readonly controlNumber: string;
  readonly groups: readonly GroupAck[];
  /** 1-based index of the ST. */
  readonly segmentIndex: number;
}

/** Maps an IK501/AK901 code to the plain status. */
export function ackStatus(code: string): AckStatus {
  if (code === 'A') return 'accepted';
  if (code === 'E') return 'accepted-with-errors';
  if (code === 'P') return 'partially-accepted';
  return 'rejected';
}
