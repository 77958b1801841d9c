/**
 * In-memory InboxStore and ControlNumberStore: same contract as the database ones (stores.ts), for unit
 * tests and dry runs. Nothing survives the process.
 */
import { checkControlNumberRange, checkRaiseTarget, checkReservationCount } from './control-numbers.js';
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

/** Received files held in an array. */
export class MemoryInboxStore implements InboxStore {
  private readonly files: InboxFile[] = [];

  /** The record for this exact remote file, if any. */
  findByRemote(key: RemoteFileKey): Promise<InboxFile | undefined> {
    return Promise.resolve(
      this.files.find(
        (f) =>
          f.profile === key.profile &&
          f.remoteName === key.remoteName &&
          f.remoteSize === key.remoteSize &&
          f.remoteMtime === key.remoteMtime,
      ),
    );
  }

  /** The first non-duplicate record with this content. */
  findByHash(sha256: string): Promise<InboxFile | undefined> {
    return Promise.resolve(this.files.find((f) => f.sha256 === sha256 && f.duplicateOf === null));
  }

  /** Adds a record unless the same remote file or (for an original) the same content is recorded. */
  async record(file: NewInboxFile): Promise<RecordResult> {
    const sameRemote = await this.findByRemote(file);
    if (sameRemote) return { recorded: false, existing: sameRemote };
    if (file.duplicateOf === null) {
      const sameContent = await this.findByHash(file.sha256);
      if (sameContent) return { recorded: false, existing: sameContent };
    }
    const recorded: InboxFile = { ...file, id: this.files.length + 1 };
    this.files.push(recorded);
    return { recorded: true, file: recorded };
  }

  /** Sets the outcome of a recorded file. */
  setOutcome(id: number, status: InboxStatus, summary: string): Promise<void> {
    const index = this.files.findIndex((f) => f.id === id);
    const file = this.files[index];
    if (file) this.files[index] = { ...file, status, summary };
    return Promise.resolve();
  }

  /** Records, newest first. */
  list(options: { readonly profile?: string; readonly limit?: number } = {}): Promise<readonly InboxFile[]> {
    const rows = this.files
      .filter((f) => options.profile === undefined || f.profile === options.profile)
      .reverse();
    return Promise.resolve(rows.slice(0, options.limit ?? rows.length));
  }
}

/** Sent batches held in an array. */
export class MemoryOutboxStore implements OutboxStore {
  private readonly files: OutboxFile[] = [];

  /** The batch with this content sent through `profile`, if any. */
  findByHash(profile: string, sha256: string): Promise<OutboxFile | undefined> {
    return Promise.resolve(this.files.find((f) => f.profile === profile && f.sha256 === sha256));
  }

  /** Records a sent batch. */
  record(file: Omit<OutboxFile, 'id'>): Promise<OutboxFile> {
    const recorded = { ...file, id: this.files.length + 1 };
    this.files.push(recorded);
    return Promise.resolve(recorded);
  }

  /** Sent batches, newest first. */
  list(options: { readonly profile?: string; readonly limit?: number } = {}): Promise<readonly OutboxFile[]> {
    const rows = this.files
      .filter((f) => options.profile === undefined || f.profile === options.profile)
      .reverse();
    return Promise.resolve(rows.slice(0, options.limit ?? rows.length));
  }
}

/** Control number counters in a map. */
export class MemoryControlNumberStore implements ControlNumberStore {
  private readonly last = new Map<string, number>();

  /** Reserves `count` consecutive numbers and returns the first. */
  async reserve(sender: string, kind: ControlNumberKind, count: number): Promise<number> {
    await Promise.resolve();
    checkReservationCount(count);
    const key = `${kind}\u0000${sender}`;
    const first = (this.last.get(key) ?? 0) + 1;
    const last = first + count - 1;
    checkControlNumberRange(sender, kind, last);
    this.last.set(key, last);
    return first;
  }

  /** Raises the counter to at least `last`. */
  async raiseTo(sender: string, kind: ControlNumberKind, last: number): Promise<void> {
    await Promise.resolve();
    checkRaiseTarget(kind, last);
    const key = `${kind}\u0000${sender}`;
    this.last.set(key, Math.max(this.last.get(key) ?? 0, last));
  }
}
