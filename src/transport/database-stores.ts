/**
 * InboxStore and ControlNumberStore on the database (SQLite or PostgreSQL through Kysely), plus the
 * saved clearinghouse profiles. Same contract as memory-stores.ts; the contract tests run on both.
 */
import type { Kysely } from 'kysely';
import { AppError } from '../model/errors.js';
import { bumpControlNumber, raiseControlNumber } from '../store/edi-control-numbers.js';
import {
  findInboxFileByRemote,
  findOriginalInboxFileByHash,
  insertInboxFile,
  listInboxFiles,
  updateInboxFileOutcome,
} from '../store/edi-inbox.js';
import { findOutboxFileByHash, insertOutboxFile, listOutboxFiles } from '../store/edi-outbox.js';
import {
  deleteClearinghouseProfile,
  findClearinghouseProfile,
  listClearinghouseProfiles,
  saveClearinghouseProfile,
} from '../store/edi-profiles.js';
import type { DB } from '../store/schema.js';
import type { EdiInboxFileRow, EdiOutboxFileRow } from '../store/tables/edi-transport.table.js';
import { withTransaction } from '../store/transaction.js';
import { checkControlNumberRange, checkRaiseTarget, checkReservationCount } from './control-numbers.js';
import { isResponseType } from './peek.js';
import type { ClearinghouseProfile } from './profile.js';
import { isUsageIndicator, parseClearinghouseProfile } from './profile.js';
import type {
  ControlNumberKind,
  ControlNumberStore,
  InboxFile,
  InboxStatus,
  InboxStore,
  NewInboxFile,
  OutboxFile,
  OutboxStore,
  RecordResult,
  RemoteFileKey,
} from './stores.js';
import { isInboxStatus } from './stores.js';

function toInboxFile(row: EdiInboxFileRow): InboxFile {
  // The CHECK constraints keep these columns inside their lists; the guards make that visible to TS.
  if (!isResponseType(row.file_type) || !isInboxStatus(row.status)) {
    throw new AppError('internal', `edi_inbox_files row ${row.id} has an unknown type or status.`);
  }
  return {
    id: row.id,
    profile: row.profile,
    remoteName: row.remote_name,
    remoteSize: row.remote_size,
    remoteMtime: row.remote_mtime,
    sha256: row.sha256,
    type: row.file_type,
    senderId: row.sender_id,
    receiverId: row.receiver_id,
    interchangeControlNumber: row.interchange_control_number,
    usage: row.usage !== null && isUsageIndicator(row.usage) ? row.usage : null,
    storedPath: row.stored_path,
    status: row.status,
    summary: row.summary,
    duplicateOf: row.duplicate_of,
    receivedAt: row.received_at,
  };
}

/** Received files in `edi_inbox_files`. */
export class DatabaseInboxStore implements InboxStore {
  constructor(private readonly db: Kysely<DB>) {}

  /** The record for this exact remote file, if any. */
  async findByRemote(key: RemoteFileKey): Promise<InboxFile | undefined> {
    const row = await findInboxFileByRemote(this.db, key);
    return row && toInboxFile(row);
  }

  /** The original record with this content, if any. */
  async findByHash(sha256: string): Promise<InboxFile | undefined> {
    const row = await findOriginalInboxFileByHash(this.db, sha256);
    return row && toInboxFile(row);
  }

  /** Inserts the record in one statement; on a unique-key collision returns the record that won. */
  async record(file: NewInboxFile): Promise<RecordResult> {
    const row = await insertInboxFile(this.db, {
      profile: file.profile,
      remote_name: file.remoteName,
      remote_size: file.remoteSize,
      remote_mtime: file.remoteMtime,
      sha256: file.sha256,
      file_type: file.type,
      sender_id: file.senderId,
      receiver_id: file.receiverId,
      interchange_control_number: file.interchangeControlNumber,
      usage: file.usage,
      stored_path: file.storedPath,
      status: file.status,
      summary: file.summary,
      duplicate_of: file.duplicateOf,
      received_at: file.receivedAt,
    });
    if (row) return { recorded: true, file: toInboxFile(row) };
    const existing = (await this.findByRemote(file)) ?? (await this.findByHash(file.sha256));
    if (!existing)
      throw new AppError(
        'internal',
        `Recording ${file.remoteName} collided with a record that cannot be found.`,
      );
    return { recorded: false, existing };
  }

  /** Sets the outcome of a recorded file. */
  async setOutcome(id: number, status: InboxStatus, summary: string): Promise<void> {
    await updateInboxFileOutcome(this.db, id, status, summary);
  }

  /** Records, newest first. */
  async list(
    options: { readonly profile?: string; readonly limit?: number } = {},
  ): Promise<readonly InboxFile[]> {
    return (await listInboxFiles(this.db, options)).map(toInboxFile);
  }
}

function toOutboxFile(row: EdiOutboxFileRow): OutboxFile {
  return {
    id: row.id,
    profile: row.profile,
    remotePath: row.remote_path,
    sha256: row.sha256,
    bytes: row.bytes,
    interchangeControlNumber: row.interchange_control_number,
    sentAt: row.sent_at,
  };
}

/** Sent batches in `edi_outbox_files`. */
export class DatabaseOutboxStore implements OutboxStore {
  constructor(private readonly db: Kysely<DB>) {}

  /** The batch with this content sent through `profile`, if any. */
  async findByHash(profile: string, sha256: string): Promise<OutboxFile | undefined> {
    const row = await findOutboxFileByHash(this.db, profile, sha256);
    return row && toOutboxFile(row);
  }

  /** Records a sent batch. */
  async record(file: Omit<OutboxFile, 'id'>): Promise<OutboxFile> {
    return toOutboxFile(
      await insertOutboxFile(this.db, {
        profile: file.profile,
        remote_path: file.remotePath,
        sha256: file.sha256,
        bytes: file.bytes,
        interchange_control_number: file.interchangeControlNumber,
        sent_at: file.sentAt,
      }),
    );
  }

  /** Sent batches, newest first. */
  async list(
    options: { readonly profile?: string; readonly limit?: number } = {},
  ): Promise<readonly OutboxFile[]> {
    return (await listOutboxFiles(this.db, options)).map(toOutboxFile);
  }
}

/** Control number counters in `edi_control_numbers`. */
export class DatabaseControlNumberStore implements ControlNumberStore {
  constructor(private readonly db: Kysely<DB>) {}

  /** Reserves `count` consecutive numbers in one transaction; rolls back when the range is used up. */
  async reserve(sender: string, kind: ControlNumberKind, count: number): Promise<number> {
    checkReservationCount(count);
    // The write comes first: SQLite then takes its write lock at once (a read first could not upgrade
    // under contention), PostgreSQL locks the row. Past the limit, the throw rolls the bump back.
    return withTransaction(this.db, async (trx) => {
      const last = await bumpControlNumber(trx, sender, kind, count, new Date().toISOString());
      checkControlNumberRange(sender, kind, last);
      return last - count + 1;
    });
  }

  /** Raises the counter to at least `last`. */
  async raiseTo(sender: string, kind: ControlNumberKind, last: number): Promise<void> {
    checkRaiseTarget(kind, last);
    await raiseControlNumber(this.db, sender, kind, last, new Date().toISOString());
  }
}

/** Saved clearinghouse profiles. */
export class DatabaseProfileStore {
  constructor(private readonly db: Kysely<DB>) {}

  /** Validates and saves a profile (replacing one of the same name); returns it with defaults applied. */
  async save(input: unknown): Promise<ClearinghouseProfile> {
    const profile = parseClearinghouseProfile(input);
    await saveClearinghouseProfile(this.db, profile.name, JSON.stringify(profile), new Date().toISOString());
    return profile;
  }

  /** The profile called `name`; throws AppError 'not_found' naming the known ones. */
  async get(name: string): Promise<ClearinghouseProfile> {
    const row = await findClearinghouseProfile(this.db, name);
    if (!row) {
      const known = (await this.list()).map((p) => p.name);
      throw new AppError(
        'not_found',
        `There is no clearinghouse profile "${name}"${known.length > 0 ? ` (known: ${known.join(', ')})` : ''}. Add one with \`superbill clearinghouse add\`.`,
      );
    }
    return parseClearinghouseProfile(JSON.parse(row.profile));
  }

  /** All profiles by name. */
  async list(): Promise<ClearinghouseProfile[]> {
    return (await listClearinghouseProfiles(this.db)).map((row) =>
      parseClearinghouseProfile(JSON.parse(row.profile)),
    );
  }

  /** Removes a profile; true when it existed. */
  async remove(name: string): Promise<boolean> {
    return deleteClearinghouseProfile(this.db, name);
  }
}
