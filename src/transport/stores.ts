/**
 * What the transport needs to remember, as interfaces (GUIDE §4: storage behind an interface, the same
 * contract tests on every backend). `memory-stores.ts` implements them for unit tests and one-off runs;
 * `database-stores.ts` implements them on Kysely for SQLite and PostgreSQL.
 */
import type { ResponseType } from './peek.js';
import type { UsageIndicator } from './profile.js';

/** The identity of a file as the server lists it; the same key twice means the same file. */
export interface RemoteFileKey {
  /** Clearinghouse profile name. */
  readonly profile: string;
  readonly remoteName: string;
  readonly remoteSize: number;
  /** Modification time as the server reports it, in whole seconds since the epoch (SFTP v3 precision). */
  readonly remoteMtime: number;
}

/** What happened to a received file. */
export const INBOX_STATUSES = ['stored', 'processed', 'failed', 'duplicate'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/** True when `value` is an inbox status. */
export function isInboxStatus(value: string): value is InboxStatus {
  return (INBOX_STATUSES as readonly string[]).includes(value);
}

/** A received file as recorded: where it came from, what it is, where its bytes are, what came of it. */
export interface InboxFile extends RemoteFileKey {
  readonly id: number;
  /** SHA-256 of the content, lowercase hex. */
  readonly sha256: string;
  readonly type: ResponseType;
  /** ISA06 / ISA08 / ISA13 / ISA15 of the file ('' / null when unreadable). */
  readonly senderId: string;
  readonly receiverId: string;
  readonly interchangeControlNumber: string;
  readonly usage: UsageIndicator | null;
  /** Where the bytes were stored locally (a content-addressed file). */
  readonly storedPath: string;
  readonly status: InboxStatus;
  /** Plain-language outcome without PHI: counts and codes, never segment contents. */
  readonly summary: string;
  /** For a duplicate: the id of the first record with the same content; otherwise null. */
  readonly duplicateOf: number | null;
  /** ISO-8601 UTC. */
  readonly receivedAt: string;
}

/** A record to add (the store assigns `id`). */
export type NewInboxFile = Omit<InboxFile, 'id'>;

/** The result of recording: added, or refused because another receiver recorded the same file first. */
export type RecordResult =
  | { readonly recorded: true; readonly file: InboxFile }
  | { readonly recorded: false; readonly existing: InboxFile };

/** Received files, keyed by remote name+size+mtime (per profile) and by content hash (across profiles). */
export interface InboxStore {
  /** The record for this exact remote file, if it was received before. */
  findByRemote(key: RemoteFileKey): Promise<InboxFile | undefined>;
  /** The first (non-duplicate) record with this content, from any profile. */
  findByHash(sha256: string): Promise<InboxFile | undefined>;
  /**
   * Adds one record atomically. When a non-duplicate record with the same hash, or any record with the
   * same remote key, already exists (another receiver won the race), nothing is added and the
   * existing record is returned.
   */
  record(file: NewInboxFile): Promise<RecordResult>;
  /** Sets the outcome of a recorded file once it is processed (or failed). */
  setOutcome(id: number, status: InboxStatus, summary: string): Promise<void>;
  /** Records, newest first. */
  list(options?: { readonly profile?: string; readonly limit?: number }): Promise<readonly InboxFile[]>;
}

/** A batch sent to a clearinghouse. */
export interface OutboxFile {
  readonly id: number;
  readonly profile: string;
  readonly remotePath: string;
  /** SHA-256 of the bytes sent, lowercase hex. */
  readonly sha256: string;
  readonly bytes: number;
  /** ISA13 of the interchange. */
  readonly interchangeControlNumber: string;
  /** ISO-8601 UTC. */
  readonly sentAt: string;
}

/** Sent batches: so the same batch is never submitted twice (duplicate claims are denied, CARC 18). */
export interface OutboxStore {
  /** The batch with this content already sent through `profile`, if any. */
  findByHash(profile: string, sha256: string): Promise<OutboxFile | undefined>;
  /** Records a sent batch. */
  record(file: Omit<OutboxFile, 'id'>): Promise<OutboxFile>;
  /** Sent batches, newest first. */
  list(options?: { readonly profile?: string; readonly limit?: number }): Promise<readonly OutboxFile[]>;
}

/** The envelope control numbers Superbill allocates (X12 005010 ISA13, GS06, ST02). */
export const CONTROL_NUMBER_KINDS = ['isa13', 'gs06', 'st02'] as const;
export type ControlNumberKind = (typeof CONTROL_NUMBER_KINDS)[number];

/** The largest value of each kind: all three are at most 9 digits in 005010. */
export const CONTROL_NUMBER_MAX: Readonly<Record<ControlNumberKind, number>> = {
  isa13: 999_999_999,
  gs06: 999_999_999,
  st02: 999_999_999,
};

/** Persisted counters: every number handed out is unique per sender and kind, and never reused. */
export interface ControlNumberStore {
  /**
   * Reserves `count` consecutive numbers for `sender` and returns the first. Atomic across processes;
   * throws AppError 'conflict' when the 9-digit range is used up (numbers are never wrapped around).
   */
  reserve(sender: string, kind: ControlNumberKind, count: number): Promise<number>;
  /**
   * Makes the last handed-out number at least `last` (never lowers it): for moving from another system,
   * whose numbers the clearinghouse has already seen.
   */
  raiseTo(sender: string, kind: ControlNumberKind, last: number): Promise<void>;
}
