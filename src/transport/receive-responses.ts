/**
 * Downloads new response files (999, 277CA, 835, …) from the clearinghouse's inbound directory.
 *
 * Idempotency (docs/transport.md): a file is known by its remote name+size+mtime (per profile) and by
 * the SHA-256 of its content (across profiles). A file seen before under the same name+size+mtime is
 * not even downloaded again; a file whose content was received before, under any name, is recorded as
 * a duplicate and not processed again. Downloads stream to a temporary file while being hashed (a
 * large 835 never sits in memory whole); a new file is then flushed and renamed to its
 * content-addressed name before it is recorded, and recorded before it is processed. A crash at any
 * point leaves either nothing recorded (the file is fetched again next time) or a record whose status
 * says how far it got: never a file processed twice.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { isAppError } from '../model/errors.js';
import type { EnvelopePeek } from './peek.js';
import { peekEnvelope } from './peek.js';
import type { ClearinghouseProfile } from './profile.js';
import type { SftpOptions, SftpSession } from './sftp.js';
import { safeMessage, withSftp } from './sftp.js';
import type { InboxFile, InboxStore, RemoteFileKey } from './stores.js';

/** What a processor (e.g. 835 posting) reports about a file; `summary` must hold no PHI. */
export interface ProcessOutcome {
  readonly summary: string;
}

/** A new file handed to the processor: its record (`storedPath` holds the bytes) and envelope. */
export interface ReceivedContent {
  readonly record: InboxFile;
  readonly envelope: EnvelopePeek;
}

/** Options for `receiveResponses`. */
export interface ReceiveResponsesOptions extends SftpOptions {
  readonly profile: ClearinghouseProfile;
  readonly inbox: InboxStore;
  /** Local directory where received files are kept (content-addressed: `<sha256>.x12`). */
  readonly storageDir: string;
  /** Called once per new file, after it is recorded; its outcome is recorded too. */
  readonly processFile?: (file: ReceivedContent) => Promise<ProcessOutcome>;
  /** The clock (tests). */
  readonly now?: () => Date;
}

/** What one receive run did. */
export interface ReceiveResult {
  /** New files, recorded (and processed, when a processor was given). */
  readonly received: readonly InboxFile[];
  /** Files whose content had been received before under another name (recorded as duplicates). */
  readonly duplicates: readonly InboxFile[];
  /** Remote names skipped because that exact file (name, size, mtime) was received before. */
  readonly alreadyReceived: readonly string[];
  /** Remote names skipped because they changed while being downloaded (still being written?). */
  readonly incomplete: readonly string[];
}

/** Lists the inbound directory, downloads and records every file not received before. */
export async function receiveResponses(options: ReceiveResponsesOptions): Promise<ReceiveResult> {
  return withSftp(options.profile, (session) => receiveWith(session, options), options);
}

/** The receive loop over an open session (exported for tests with a fake session). */
export async function receiveWith(
  session: SftpSession,
  options: ReceiveResponsesOptions,
): Promise<ReceiveResult> {
  const { profile, inbox } = options;
  const now = options.now ?? (() => new Date());
  const listing = (await session.list(profile.inboundDir))
    // Regular files only; dot-files are other clients' uploads in progress.
    .filter((f) => f.type === '-' && !f.name.startsWith('.'))
    .sort((a, b) => a.modifyTime - b.modifyTime || a.name.localeCompare(b.name));
  const result = {
    received: [] as InboxFile[],
    duplicates: [] as InboxFile[],
    alreadyReceived: [] as string[],
    incomplete: [] as string[],
  };

  for (const entry of listing) {
    const remotePath = posix.join(profile.inboundDir, entry.name);
    // SFTP v3 reports whole seconds; ssh2-sftp-client gives milliseconds.
    const key: RemoteFileKey = {
      profile: profile.name,
      remoteName: entry.name,
      remoteSize: entry.size,
      remoteMtime: Math.floor(entry.modifyTime / 1000),
    };
    if (await inbox.findByRemote(key)) {
      result.alreadyReceived.push(entry.name);
      // Recorded by an earlier run that stopped before deleting it.
      if (profile.afterReceive === 'delete') await session.delete(remotePath);
      continue;
    }
    const download = await downloadToTemp(session, remotePath, options.storageDir);
    let outcome: Recorded;
    try {
      if (download.size !== entry.size) {
        result.incomplete.push(entry.name);
        continue;
      }
      outcome = await recordOne(options, key, download, now());
    } finally {
      // Gone already when it was renamed into place; otherwise (duplicate, incomplete, error) discard it.
      await rm(download.tempPath, { force: true });
    }
    if (outcome.kind === 'duplicate') {
      result.duplicates.push(outcome.file);
    } else {
      result.received.push(outcome.file);
    }
    if (profile.afterReceive === 'delete') await session.delete(remotePath);
  }
  return result;
}

interface Download {
  readonly tempPath: string;
  readonly sha256: string;
  readonly size: number;
  /** The first bytes, for the envelope peek. */
  readonly head: Buffer;
}

const HEAD_BYTES = 4096;

/** Streams a remote file into a private temporary file in `dir`, hashing it on the way. */
async function downloadToTemp(session: SftpSession, remotePath: string, dir: string): Promise<Download> {
  // 0700/0600: response files carry PHI (835 patient names and amounts).
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tempPath = join(dir, `.download-${randomBytes(8).toString('hex')}.tmp`);
  const hash = createHash('sha256');
  let size = 0;
  const head: Buffer[] = [];
  let headBytes = 0;
  try {
    await pipeline(
      session.createReadStream(remotePath),
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          hash.update(chunk);
          size += chunk.byteLength;
          if (headBytes < HEAD_BYTES) {
            head.push(chunk.subarray(0, HEAD_BYTES - headBytes));
            headBytes += Math.min(chunk.byteLength, HEAD_BYTES - headBytes);
          }
          yield chunk;
        }
      },
      createWriteStream(tempPath, { flags: 'wx', mode: 0o600 }),
    );
  } catch (e) {
    await rm(tempPath, { force: true });
    throw e;
  }
  return { tempPath, sha256: hash.digest('hex'), size, head: Buffer.concat(head) };
}

type Recorded = { readonly kind: 'new' | 'duplicate'; readonly file: InboxFile };

async function recordOne(
  options: ReceiveResponsesOptions,
  key: RemoteFileKey,
  download: Download,
  at: Date,
): Promise<Recorded> {
  const { inbox } = options;
  const { sha256 } = download;
  const receivedAt = at.toISOString();
  const original = await inbox.findByHash(sha256);
  if (original) return { kind: 'duplicate', file: await recordDuplicate(inbox, key, original, receivedAt) };

  const envelope = peekEnvelope(download.head);
  const storedPath = await keepDownload(options.storageDir, download);
  const result = await inbox.record({
    ...key,
    sha256,
    type: envelope.type,
    senderId: envelope.senderId,
    receiverId: envelope.receiverId,
    interchangeControlNumber: envelope.interchangeControlNumber,
    usage: envelope.usage ?? null,
    storedPath,
    status: 'stored',
    summary: envelope.type === 'unreadable' ? (envelope.reason ?? 'unreadable') : `${envelope.type} received`,
    duplicateOf: null,
    receivedAt,
  });
  if (!result.recorded) {
    // Another receiver recorded the same content (or this exact file) a moment ago: it owns processing.
    const existing = result.existing;
    if (existing.remoteName === key.remoteName && existing.profile === key.profile)
      return { kind: 'duplicate', file: existing };
    return { kind: 'duplicate', file: await recordDuplicate(inbox, key, existing, receivedAt) };
  }
  let file = result.file;
  if (options.processFile) {
    let status: 'processed' | 'failed' = 'processed';
    let summary: string;
    try {
      summary = (await options.processFile({ record: file, envelope })).summary;
    } catch (e) {
      // AppError messages are user-safe by contract; anything else may echo input, so only its class.
      status = 'failed';
      summary = isAppError(e)
        ? `${e.code}: ${safeMessage(e)}`
        : `processing failed (${e instanceof Error ? e.name : 'error'})`;
    }
    await inbox.setOutcome(file.id, status, summary);
    file = { ...file, status, summary };
  }
  return { kind: 'new', file };
}

async function recordDuplicate(
  inbox: InboxStore,
  key: RemoteFileKey,
  original: InboxFile,
  receivedAt: string,
): Promise<InboxFile> {
  const result = await inbox.record({
    ...key,
    sha256: original.sha256,
    type: original.type,
    senderId: original.senderId,
    receiverId: original.receiverId,
    interchangeControlNumber: original.interchangeControlNumber,
    usage: original.usage,
    storedPath: original.storedPath,
    status: 'duplicate',
    summary: `same content as file #${original.id} (${original.remoteName})`,
    duplicateOf: original.id,
    receivedAt,
  });
  return result.recorded ? result.file : result.existing;
}

/** Flushes a finished download to disk and renames it to `<dir>/<sha256>.x12` (same bytes, same name). */
async function keepDownload(dir: string, download: Download): Promise<string> {
  const handle = await open(download.tempPath, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  const target = join(dir, `${download.sha256}.x12`);
  await rename(download.tempPath, target);
  return target;
}
