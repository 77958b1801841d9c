import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../model/errors.js';
import { dataDirectory, openDatabase } from '../../store/connection.js';
import { migrateToLatest } from '../../store/migrate.js';
import {
  DatabaseInboxStore,
  DatabaseOutboxStore,
  DatabaseProfileStore,
} from '../../transport/database-stores.js';
import { peekEnvelope } from '../../transport/peek.js';
import type { ClearinghouseProfile } from '../../transport/profile.js';
import { renderFileName } from '../../transport/profile.js';
import { receiveResponses } from '../../transport/receive-responses.js';
import { sendBatch } from '../../transport/send-batch.js';
import type { Database } from '../../store/connection.js';

interface JsonOption {
  json?: boolean;
}

/** Opens (and migrates) the database named by DATABASE_URL, runs `work`, closes it. */
async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase();
  try {
    await migrateToLatest(database.db);
    return await work(database);
  } finally {
    await database.close();
  }
}

function print(json: boolean | undefined, value: unknown, text: string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
}

async function readInput(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    throw new AppError(
      'bad_input',
      `Cannot read the ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}.`,
      [],
      { cause: e },
    );
  }
}

function describeProfile(p: ClearinghouseProfile): string {
  const login = p.privateKeyPath ? `key ${p.privateKeyPath}` : `password from $${p.passwordEnv ?? '?'}`;
  return `${p.name}  ${p.username}@${p.host}:${p.port}  ${p.usage === 'P' ? 'PRODUCTION' : 'test'}  ${p.senderQualifier}:${p.senderId} → ${p.receiverQualifier}:${p.receiverId}  out=${p.outboundDir} in=${p.inboundDir}  (${login})`;
}

/** `superbill clearinghouse add|list|send|receive`: SFTP exchange with a clearinghouse (docs/transport.md). */
export function registerClearinghouseCommands(program: Command): void {
  const ch = program
    .command('clearinghouse')
    .description(
      'Clearinghouse profiles and SFTP transport: send 837 batches, receive 999/277CA/835 responses.',
    );

  ch.command('add')
    .description('Add or replace a clearinghouse profile from a JSON file (fields: docs/transport.md).')
    .argument('<file>', 'profile JSON file')
    .option('--json', 'print the saved profile as JSON')
    .action(async (file: string, opts: JsonOption) => {
      const text = (await readInput(file, 'profile file')).toString('utf8');
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new AppError('bad_input', `${file} is not valid JSON.`);
      }
      const profile = await withDatabase((database) => new DatabaseProfileStore(database.db).save(parsed));
      print(opts.json, profile, `Saved clearinghouse profile: ${describeProfile(profile)}`);
    });

  ch.command('list')
    .description('List the clearinghouse profiles.')
    .option('--json', 'print JSON')
    .action(async (opts: JsonOption) => {
      const profiles = await withDatabase((database) => new DatabaseProfileStore(database.db).list());
      print(
        opts.json,
        profiles,
        profiles.length === 0
          ? 'No clearinghouse profiles yet (superbill clearinghouse add FILE).'
          : profiles.map(describeProfile).join('\n'),
      );
    });

  ch.command('send')
    .description("Upload an X12 interchange (an 837 batch) to the profile's outbound directory.")
    .argument('<profile>', 'profile name')
    .argument('<file>', 'X12 file to send; its ISA must match the profile (sender, receiver, ISA15)')
    .option('--name <remoteName>', "remote file name (default: the profile's file naming pattern)")
    .option('--json', 'print JSON')
    .action(async (name: string, file: string, opts: JsonOption & { name?: string }) => {
      const content = await readInput(file, 'batch file');
      const sent = await withDatabase(async (database) => {
        const profile = await new DatabaseProfileStore(database.db).get(name);
        const isa13 = peekEnvelope(content).interchangeControlNumber;
        const fileName = opts.name ?? renderFileName(profile, { isa13, now: new Date() });
        return sendBatch({ profile, fileName, content, outbox: new DatabaseOutboxStore(database.db) });
      });
      print(
        opts.json,
        sent,
        `Sent ${sent.bytes} bytes (ISA13 ${sent.interchangeControlNumber}) to ${name}:${sent.remotePath}`,
      );
    });

  ch.command('receive')
    .description(
      "Download new response files from the profile's inbound directory (files received before are skipped).",
    )
    .argument('<profile>', 'profile name')
    .option('--dir <dir>', 'where to keep received files (default: <data dir>/inbox/<profile>)')
    .option('--json', 'print JSON')
    .action(async (name: string, opts: JsonOption & { dir?: string }) => {
      const result = await withDatabase(async (database) => {
        const profile = await new DatabaseProfileStore(database.db).get(name);
        const storageDir = opts.dir ?? join(dataDirectory(), 'inbox', profile.name);
        return receiveResponses({ profile, inbox: new DatabaseInboxStore(database.db), storageDir });
      });
      const lines = [
        ...result.received.map((f) => `new        ${f.type.padEnd(10)} ${f.remoteName}  ${f.storedPath}`),
        ...result.duplicates.map((f) => `duplicate  ${f.type.padEnd(10)} ${f.remoteName}  (${f.summary})`),
        ...result.incomplete.map(
          (n) => `incomplete            ${n}  (changed while downloading; try again later)`,
        ),
        `${result.received.length} new, ${result.duplicates.length} duplicate, ${result.alreadyReceived.length} already received.`,
      ];
      print(opts.json, result, lines.join('\n'));
    });
}
