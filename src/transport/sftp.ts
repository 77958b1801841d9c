/**
 * One SFTP session to a clearinghouse (ssh2-sftp-client over ssh2). Credentials are read when the
 * session opens: the key from its file, the password or passphrase from the environment variable the
 * profile names. They are never logged or put into error messages. The server's host key must match
 * the profile's fingerprint, or the session is refused before any credential is sent.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import SftpClient from 'ssh2-sftp-client';
import { AppError } from '../model/errors.js';
import type { ErrorCode } from '../model/errors.js';
import type { ClearinghouseProfile } from './profile.js';

/** Why a transport operation failed, for callers that retry or report. */
export const TRANSPORT_FAILURES = [
  'credentials',
  'host-key',
  'unreachable',
  'timeout',
  'remote',
  'verify',
] as const;
export type TransportFailure = (typeof TRANSPORT_FAILURES)[number];

/** A transport failure with a plain-language message that never carries secrets or file contents. */
export class TransportError extends AppError {
  readonly failure: TransportFailure;

  constructor(failure: TransportFailure, message: string, options?: ErrorOptions) {
    super(FAILURE_CODE[failure], message, [], options);
    this.name = 'TransportError';
    this.failure = failure;
  }
}

// Bad credentials or a wrong host key are the user's to fix; the rest are the server's or the network's.
const FAILURE_CODE: Record<TransportFailure, ErrorCode> = {
  credentials: 'unauthenticated',
  'host-key': 'validation',
  unreachable: 'internal',
  timeout: 'internal',
  remote: 'internal',
  verify: 'internal',
};

/** The SFTP operations the transport uses (a subset of ssh2-sftp-client, easy to fake). */
export type SftpSession = Pick<
  SftpClient,
  'put' | 'createReadStream' | 'stat' | 'list' | 'rename' | 'delete' | 'exists'
>;

/** Where the secrets come from (defaults to process.env). */
export interface SftpOptions {
  readonly env?: NodeJS.ProcessEnv;
}

/** The SHA-256 fingerprint of an SSH host key blob, as `ssh-keygen -l -E sha256` prints it. */
export function hostKeyFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** Opens a session, runs `work`, and always closes the session. */
export async function withSftp<T>(
  profile: ClearinghouseProfile,
  work: (session: SftpSession) => Promise<T>,
  options: SftpOptions = {},
): Promise<T> {
  const env = options.env ?? process.env;
  const where = `${profile.username}@${profile.host}:${profile.port} (profile "${profile.name}")`;
  const auth: { privateKey?: Buffer; passphrase?: string; password?: string } = {};
  if (profile.privateKeyPath) {
    try {
      auth.privateKey = await readFile(profile.privateKeyPath);
    } catch (e) {
      throw new TransportError(
        'credentials',
        `Cannot read the private key file ${profile.privateKeyPath} of profile "${profile.name}": ${(e as NodeJS.ErrnoException).code ?? 'error'}.`,
        { cause: e },
      );
    }
  }
  for (const [field, variable] of [
    ['passphrase', profile.privateKeyPassphraseEnv],
    ['password', profile.passwordEnv],
  ] as const) {
    if (variable === undefined) continue;
    const value = env[variable];
    if (value === undefined || value === '') {
      throw new TransportError(
        'credentials',
        `Profile "${profile.name}" takes its ${field} from the environment variable ${variable}, which is not set.`,
      );
    }
    auth[field] = value;
  }

  let hostKeySeen: string | undefined;
  // The library's default global listeners print to the console; the transport logs nothing itself
  // (a dropped connection surfaces as the failed operation's error instead).
  const quiet = (): void => undefined;
  const client = new SftpClient(`superbill-${profile.name}`, { error: quiet, end: quiet, close: quiet });
  try {
    await client.connect({
      host: profile.host,
      port: profile.port,
      username: profile.username,
      ...auth,
      readyTimeout: profile.timeoutSeconds * 1000,
      timeout: profile.timeoutSeconds * 1000,
      // A server that stops answering mid-transfer is noticed after three missed keepalives.
      keepaliveInterval: Math.max(1000, Math.floor((profile.timeoutSeconds * 1000) / 3)),
      keepaliveCountMax: 3,
      // Checked before authentication, so no credential reaches a server with the wrong key.
      hostVerifier: (key: Buffer) => {
        hostKeySeen = hostKeyFingerprint(key);
        return hostKeySeen === profile.hostKeyFingerprint;
      },
    });
  } catch (e) {
    await client.end().catch(() => undefined);
    throw connectError(e, where, profile, hostKeySeen);
  }
  try {
    return await work(client);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new TransportError('remote', `The SFTP server ${where} refused an operation: ${safeMessage(e)}`, {
      cause: e,
    });
  } finally {
    await client.end().catch(() => undefined);
  }
}

function connectError(
  e: unknown,
  where: string,
  profile: ClearinghouseProfile,
  hostKeySeen: string | undefined,
): TransportError {
  const message = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: unknown }).code;
  if (hostKeySeen !== undefined && hostKeySeen !== profile.hostKeyFingerprint) {
    return new TransportError(
      'host-key',
      `The SFTP server ${where} presented host key ${hostKeySeen}, not the ${profile.hostKeyFingerprint} the profile expects. Nothing was sent. If the clearinghouse really changed its key, confirm the new fingerprint with them and update the profile.`,
      { cause: e },
    );
  }
  if (/authentication methods failed/i.test(message)) {
    return new TransportError(
      'credentials',
      `The SFTP server ${where} rejected the login: check the user name and the key or password.`,
      { cause: e },
    );
  }
  if (/timed out/i.test(message) || code === 'ETIMEDOUT') {
    return new TransportError(
      'timeout',
      `No answer from the SFTP server ${where} within ${profile.timeoutSeconds} s.`,
      { cause: e },
    );
  }
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ECONNRESET') {
    return new TransportError('unreachable', `Cannot reach the SFTP server ${where}: ${safeMessage(e)}.`, {
      cause: e,
    });
  }
  return new TransportError('unreachable', `Cannot open an SFTP session to ${where}: ${safeMessage(e)}`, {
    cause: e,
  });
}

/** An error's message, cut short (library messages carry paths and codes, never our file contents). */
export function safeMessage(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
