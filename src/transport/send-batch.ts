/**
 * Uploads one outgoing batch (an 837 interchange) to the clearinghouse's outbound directory. The bytes
 * go to a hidden temporary name first and are renamed into place only when the server holds all of
 * them, so the clearinghouse never picks up half a file; an existing file is never overwritten.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { AppError } from '../model/errors.js';
import type { Problem } from '../model/problem.js';
import { peekEnvelope } from './peek.js';
import type { ClearinghouseProfile } from './profile.js';
import { assertPlainFileName } from './profile.js';
import type { SftpOptions, SftpSession } from './sftp.js';
import { TransportError, withSftp } from './sftp.js';
import type { OutboxStore } from './stores.js';

/** Options for `sendBatch`. */
export interface SendBatchOptions extends SftpOptions {
  readonly profile: ClearinghouseProfile;
  /** Remote file name (see `renderFileName`); a plain name, not a path. */
  readonly fileName: string;
  /** The X12 interchange, exactly as written. */
  readonly content: Uint8Array;
  /**
   * Where sent batches are recorded. When given, a batch whose exact bytes were already sent through
   * this profile is refused (a second submission makes duplicate claims), and the send is recorded.
   */
  readonly outbox?: OutboxStore;
  /** The clock (tests). */
  readonly now?: () => Date;
}

/** What was sent. */
export interface SentBatch {
  /** The outbox record, when an outbox was given. */
  readonly id?: number;
  readonly remotePath: string;
  readonly bytes: number;
  readonly sha256: string;
  /** ISA13 of the interchange sent. */
  readonly interchangeControlNumber: string;
}

/** Checks that the batch's ISA matches the profile (sender, receiver, usage); returns every problem. */
export function checkBatchEnvelope(profile: ClearinghouseProfile, content: Uint8Array): Problem[] {
  const peek = peekEnvelope(content);
  const problems: Problem[] = [];
  const add = (code: string, path: string, message: string): void => {
    problems.push({ severity: 'error', code, path, message, ruleId: 'transport.envelope' });
  };
  if (peek.type === 'unreadable') {
    add('transport.batch.unreadable', 'ISA', `The batch cannot be sent: ${peek.reason ?? 'no ISA header'}.`);
    return problems;
  }
  if (peek.senderQualifier !== profile.senderQualifier || peek.senderId !== profile.senderId) {
    add(
      'transport.batch.sender',
      'ISA05/ISA06',
      `The batch is from ${peek.senderQualifier}:${peek.senderId}, but profile "${profile.name}" sends as ${profile.senderQualifier}:${profile.senderId}.`,
    );
  }
  if (peek.receiverQualifier !== profile.receiverQualifier || peek.receiverId !== profile.receiverId) {
    add(
      'transport.batch.receiver',
      'ISA07/ISA08',
      `The batch is addressed to ${peek.receiverQualifier}:${peek.receiverId}, but profile "${profile.name}" sends to ${profile.receiverQualifier}:${profile.receiverId}.`,
    );
  }
  // ISA15: test data must never reach a production inbox, nor production data a test one.
  if (peek.usage !== profile.usage) {
    add(
      'transport.batch.usage',
      'ISA15',
      `The batch is marked ${peek.usage ?? '(none)'} (ISA15) but profile "${profile.name}" is for ${profile.usage === 'T' ? 'test (T)' : 'production (P)'} data.`,
    );
  }
  if (!/^\d{9}$/.test(peek.interchangeControlNumber)) {
    add('transport.batch.isa13', 'ISA13', `ISA13 must be 9 digits, not "${peek.interchangeControlNumber}".`);
  }
  return problems;
}

/** Uploads a batch atomically (temporary name, size check, rename) and verifies the result. */
export async function sendBatch(options: SendBatchOptions): Promise<SentBatch> {
  const { profile, fileName, content } = options;
  assertPlainFileName(fileName);
  const problems = checkBatchEnvelope(profile, content);
  if (problems.length > 0)
    throw new AppError('validation', `The batch was not sent to "${profile.name}".`, problems);
  const remotePath = posix.join(profile.outboundDir, fileName);
  const bytes = content.byteLength;
  const sha256 = createHash('sha256').update(content).digest('hex');
  const interchangeControlNumber = peekEnvelope(content).interchangeControlNumber;
  const { outbox } = options;
  const earlier = await outbox?.findByHash(profile.name, sha256);
  if (earlier) {
    throw new AppError(
      'conflict',
      `This batch (ISA13 ${earlier.interchangeControlNumber}) was already sent to "${profile.name}" as ${earlier.remotePath} on ${earlier.sentAt}; sending it again would submit its claims twice.`,
    );
  }
  await withSftp(profile, (session) => upload(session, profile, remotePath, Buffer.from(content)), options);
  const sent = { remotePath, bytes, sha256, interchangeControlNumber };
  if (!outbox) return sent;
  const sentAt = (options.now ?? (() => new Date()))().toISOString();
  const record = await outbox.record({ profile: profile.name, ...sent, sentAt });
  return { ...sent, id: record.id };
}

async function upload(
  session: SftpSession,
  profile: ClearinghouseProfile,
  remotePath: string,
  content: Buffer,
): Promise<void> {
  if ((await session.exists(remotePath)) !== false) {
    throw new AppError(
      'conflict',
      `${remotePath} already exists on "${profile.name}"; a batch is never overwritten. Send it under a new name (a new ISA13).`,
    );
  }
  // A dot-name is hidden from the clearinghouse's pickup; the rename makes the whole file appear at once.
  const tempPath = posix.join(profile.outboundDir, `.${posix.basename(remotePath)}.part`);
  try {
    await session.put(content, tempPath);
    const staged = await session.stat(tempPath);
    if (staged.size !== content.byteLength) {
      throw new TransportError(
        'verify',
        `The server holds ${staged.size} of ${content.byteLength} bytes of ${tempPath}; the upload was not completed.`,
      );
    }
    // SFTP v3 RENAME fails when the target exists, so a file that appeared meanwhile is not replaced.
    await session.rename(tempPath, remotePath);
  } catch (e) {
    await session.delete(tempPath, true).catch(() => undefined);
    throw e;
  }
  const final = await session.stat(remotePath);
  if (final.size !== content.byteLength) {
    throw new TransportError(
      'verify',
      `${remotePath} has ${final.size} bytes on the server after the upload, expected ${content.byteLength}.`,
    );
  }
}
