/**
 * Clearinghouse profiles: where and how Superbill exchanges X12 files with one clearinghouse over SFTP,
 * and the envelope identities it uses there (ISA05/06 sender, ISA07/08 receiver, GS02/GS03, ISA15).
 * A profile holds no secret: the password or key passphrase is named by an environment variable, and a
 * private key by its file path, so profiles can be stored, listed and logged safely.
 */
import { z } from 'zod';
import { AppError } from '../model/errors.js';
import type { Problem } from '../model/problem.js';
import { INTERCHANGE_ID_QUALIFIERS, USAGE_INDICATORS } from '../x12/envelope/interchange.js';
import type { InterchangeOptions, UsageIndicator } from '../x12/envelope/interchange.js';

// One list per concept: the ISA15 usage indicators and ISA05/ISA07 qualifiers are the x12 envelope's.
export { INTERCHANGE_ID_QUALIFIERS, USAGE_INDICATORS } from '../x12/envelope/interchange.js';
export type { InterchangeIdQualifier, UsageIndicator } from '../x12/envelope/interchange.js';

/** True when `value` is an ISA15 usage indicator Superbill sends (T or P). */
export function isUsageIndicator(value: string): value is UsageIndicator {
  return (USAGE_INDICATORS as readonly string[]).includes(value);
}

/** What happens to a response file on the server once it is safely received and recorded. */
export const AFTER_RECEIVE_ACTIONS = ['keep', 'delete'] as const;
export type AfterReceiveAction = (typeof AFTER_RECEIVE_ACTIONS)[number];

/** Placeholders a file naming pattern may use. */
export const FILE_NAME_TOKENS = ['profile', 'sender', 'receiver', 'date', 'time', 'isa13', 'usage'] as const;
export type FileNameToken = (typeof FILE_NAME_TOKENS)[number];

// ISA06/ISA08 are fixed-width 15-character fields, space-padded; GS02/GS03 are 2–15 characters.
// The X12 basic character set excludes the delimiters, so IDs are kept to letters, digits and a few marks.
const isaId = z
  .string()
  .min(1)
  .max(15)
  .regex(/^[A-Za-z0-9 .\-]+$/, { error: 'use letters, digits, spaces, dots or dashes (at most 15)' })
  .refine((s) => s.trim() === s, {
    error: 'no leading or trailing spaces (the ISA pads with spaces itself)',
  });
const gsId = z
  .string()
  .min(2)
  .max(15)
  .regex(/^[A-Za-z0-9 .\-]+$/, { error: 'use 2–15 letters, digits, spaces, dots or dashes' });
const remoteDir = z
  .string()
  .min(1)
  .refine((s) => !s.split('/').includes('..'), { error: 'must not contain ".."' });
const envName = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]*$/, { error: 'must be an environment variable name like CH_PASSWORD' });

const fileNamePattern = z
  .string()
  .min(1)
  .superRefine((pattern, ctx) => {
    for (const m of pattern.matchAll(/\{([^}]*)\}/g)) {
      const token = m[1] ?? '';
      if (!(FILE_NAME_TOKENS as readonly string[]).includes(token)) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown placeholder {${token}}; use ${FILE_NAME_TOKENS.map((t) => `{${t}}`).join(', ')}`,
        });
      }
    }
    if (!pattern.includes('{isa13}') && !pattern.includes('{time}')) {
      ctx.addIssue({
        code: 'custom',
        message: 'must contain {isa13} or {time} so two batches never get the same name',
      });
    }
    if (!/^[A-Za-z0-9._{}-]+$/.test(pattern) || pattern.startsWith('.')) {
      ctx.addIssue({
        code: 'custom',
        message:
          'use only letters, digits, dots, dashes, underscores and placeholders, not starting with a dot',
      });
    }
  });

/** The profile as stored and validated (GUIDE §9: the ISA element each field feeds is in a comment). */
export const clearinghouseProfileSchema = z
  .object({
    /** Short name used on the command line and in records: `availity`, `office-ally-test`. */
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { error: 'use 1–40 lowercase letters, digits or dashes' }),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(22),
    username: z.string().min(1),
    /**
     * The server's host key as `ssh-keygen -l -E sha256` prints it (`SHA256:…`). Required: a transport
     * that carries PHI must not talk to an impostor (first-use trust is not enough for a batch job).
     */
    hostKeyFingerprint: z
      .string()
      .regex(/^SHA256:[A-Za-z0-9+/]{43}=?$/, { error: 'must look like SHA256:<43 base64 characters>' }),
    /** Path of the private key file (OpenSSH or PEM format). */
    privateKeyPath: z.string().min(1).optional(),
    /** Environment variable holding the key's passphrase, when it has one. */
    privateKeyPassphraseEnv: envName.optional(),
    /** Environment variable holding the password, for servers without key login. */
    passwordEnv: envName.optional(),
    /** Where batches go on the server (relative to the login directory, or absolute). */
    outboundDir: remoteDir,
    /** Where the clearinghouse leaves 999, 277CA and 835 files. */
    inboundDir: remoteDir,
    /** ISA05 / ISA06 and GS02. */
    senderQualifier: z.enum(INTERCHANGE_ID_QUALIFIERS),
    senderId: isaId,
    /** ISA07 / ISA08 and GS03. */
    receiverQualifier: z.enum(INTERCHANGE_ID_QUALIFIERS),
    receiverId: isaId,
    /** GS02 / GS03 when the clearinghouse wants other application codes than the ISA IDs. */
    applicationSenderCode: gsId.optional(),
    applicationReceiverCode: gsId.optional(),
    /** ISA15: T while testing with the clearinghouse, P in production. */
    usage: z.enum(USAGE_INDICATORS),
    /** Remote file name for a batch, e.g. `{sender}_{date}_{isa13}.837`. */
    fileNamePattern: fileNamePattern.default('{sender}_{date}_{isa13}.837'),
    /** Delete a response file on the server after it is received and recorded (default keep). */
    afterReceive: z.enum(AFTER_RECEIVE_ACTIONS).default('keep'),
    /** Seconds to wait for the connection and each operation (default 20). */
    timeoutSeconds: z.number().int().min(1).max(600).default(20),
  })
  .superRefine((p, ctx) => {
    for (const issue of loginProblems(p))
      ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
  });

/** How to log in must be given, and a key passphrase only with a key. */
function loginProblems(raw: unknown): { field: string; message: string }[] {
  if (typeof raw !== 'object' || raw === null) return [];
  const given = (field: string): boolean => {
    const value = (raw as Record<string, unknown>)[field];
    return typeof value === 'string' && value !== '';
  };
  const problems: { field: string; message: string }[] = [];
  if (!given('privateKeyPath') && !given('passwordEnv')) {
    problems.push({ field: 'privateKeyPath', message: 'give privateKeyPath or passwordEnv (how to log in)' });
  }
  if (given('privateKeyPassphraseEnv') && !given('privateKeyPath')) {
    problems.push({ field: 'privateKeyPassphraseEnv', message: 'a key passphrase needs privateKeyPath' });
  }
  return problems;
}

/** A validated clearinghouse profile. */
export type ClearinghouseProfile = z.infer<typeof clearinghouseProfileSchema>;
/** A profile as written by a user (defaults not yet applied). */
export type ClearinghouseProfileInput = z.input<typeof clearinghouseProfileSchema>;

/** Validates a profile and collects every problem; throws AppError 'validation' listing them all. */
export function parseClearinghouseProfile(input: unknown): ClearinghouseProfile {
  const result = clearinghouseProfileSchema.safeParse(input);
  if (result.success) return result.data;
  const problems: Problem[] = result.error.issues.map((issue) => ({
    severity: 'error',
    code: 'transport.profile',
    message: issue.message,
    path: ['profile', ...issue.path.map(String)].join('.'),
  }));
  // zod skips object-level refinements when a field failed; the login rules are still worth reporting.
  for (const p of loginProblems(input)) {
    const path = `profile.${p.field}`;
    if (!problems.some((q) => q.path === path && q.message === p.message)) {
      problems.push({ severity: 'error', code: 'transport.profile', message: p.message, path });
    }
  }
  throw new AppError('validation', 'The clearinghouse profile is not valid.', problems);
}

/** Values for a file name; `date`/`time` come from `now` in UTC. */
export interface FileNameValues {
  readonly isa13: string;
  readonly now: Date;
}

/** Renders the profile's file naming pattern; the result is a plain file name (never a path). */
export function renderFileName(profile: ClearinghouseProfile, values: FileNameValues): string {
  const iso = values.now.toISOString();
  const token: Record<FileNameToken, string> = {
    profile: profile.name,
    sender: profile.senderId,
    receiver: profile.receiverId,
    date: iso.slice(0, 10).replaceAll('-', ''),
    time: iso.slice(11, 19).replaceAll(':', ''),
    isa13: values.isa13,
    usage: profile.usage,
  };
  const name = profile.fileNamePattern.replace(/\{([a-z0-9]+)\}/g, (_m, t: string) =>
    (token[t as FileNameToken] ?? '').replace(/[^A-Za-z0-9._-]/g, '_'),
  );
  assertPlainFileName(name);
  return name;
}

/** Throws AppError 'validation' unless `name` is a plain file name: no path, no leading dot. */
export function assertPlainFileName(name: string): void {
  if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/.test(name)) {
    throw new AppError(
      'validation',
      `"${name}" is not a safe remote file name: use letters, digits, dots, dashes and underscores, not starting with a dot.`,
    );
  }
}

/**
 * The x12 envelope settings for an interchange sent through `profile` at `at` (UTC): ISA05–08 and
 * GS02/GS03 from the profile's sender and receiver, ISA15 from its usage.
 */
export function interchangeOptionsFor(profile: ClearinghouseProfile, at: Date): InterchangeOptions {
  const iso = at.toISOString();
  return {
    sender: {
      qualifier: profile.senderQualifier,
      id: profile.senderId,
      applicationCode: profile.applicationSenderCode ?? profile.senderId,
    },
    receiver: {
      qualifier: profile.receiverQualifier,
      id: profile.receiverId,
      applicationCode: profile.applicationReceiverCode ?? profile.receiverId,
    },
    usage: profile.usage,
    date: iso.slice(0, 10),
    time: iso.slice(11, 16).replace(':', ''),
  };
}
