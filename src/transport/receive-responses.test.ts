import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryInboxStore } from './memory-stores.js';
import { parseClearinghouseProfile } from './profile.js';
import { receiveWith } from './receive-responses.js';
import type { ProcessOutcome, ReceivedContent } from './receive-responses.js';
import type { SftpSession } from './sftp.js';

const profile = parseClearinghouseProfile({
  name: 'fake',
  host: 'localhost',
  username: 'u',
  hostKeyFingerprint: 'SHA256:Nn8pRLOLXKcsAzLibCb7IpwKMab1QpgrAkfq8ZP7HVg',
  passwordEnv: 'UNUSED',
  outboundDir: 'out',
  inboundDir: 'in',
  senderQualifier: 'ZZ',
  senderId: 'SUB1',
  receiverQualifier: 'ZZ',
  receiverId: 'CH',
  usage: 'T',
});

const fixture = (name: string): Promise<Buffer> =>
  readFile(new URL(`../../test/fixtures/transport/${name}`, import.meta.url));

/** An in-memory SFTP server directory `in/`, with switches to fail or truncate a download. */
class FakeSession {
  readonly files = new Map<string, { content: Buffer; mtime: number; listedSize?: number }>();
  failOn = new Set<string>();
  deleted: string[] = [];

  list(): Promise<{ type: string; name: string; size: number; modifyTime: number }[]> {
    return Promise.resolve(
      [...this.files].map(([name, f]) => ({
        type: '-',
        name,
        size: f.listedSize ?? f.content.byteLength,
        modifyTime: f.mtime * 1000,
      })),
    );
  }

  createReadStream(path: string): Readable {
    const name = path.replace(/^in\//, '');
    const file = this.files.get(name);
    const failing = this.failOn.has(name);
    return Readable.from(
      (async function* () {
        await Promise.resolve();
        if (!file) throw new Error('no such file');
        // Half the bytes arrive, then the connection drops.
        yield file.content.subarray(0, failing ? file.content.byteLength >> 1 : undefined);
        if (failing) throw new Error('connection lost');
      })(),
    );
  }

  delete(path: string): Promise<string> {
    this.deleted.push(path);
    return Promise.resolve(path);
  }

  asSession(): SftpSession {
    return this as unknown as SftpSession;
  }
}

describe('receiveWith (fake server): crash safety and exactly-once processing', () => {
  let storageDir: string;
  let session: FakeSession;
  let processed: string[];
  const processFile = ({ record }: ReceivedContent): Promise<ProcessOutcome> => {
    processed.push(record.remoteName);
    return Promise.resolve({ summary: 'ok' });
  };

  beforeEach(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'superbill-recv-'));
    session = new FakeSession();
    processed = [];
    session.files.set('a.999', { content: await fixture('999-accepted.x12'), mtime: 1_795_000_000 });
    session.files.set('b.835', { content: await fixture('835-demo.x12'), mtime: 1_795_000_001 });
    session.files.set('c.277', { content: await fixture('277ca-accepted.x12'), mtime: 1_795_000_002 });
  });

  afterEach(async () => {
    await rm(storageDir, { recursive: true, force: true });
  });

  it('a download failing mid-way keeps the files before it and fetches the rest next time', async () => {
    const inbox = new MemoryInboxStore();
    session.failOn.add('b.835');
    await expect(
      receiveWith(session.asSession(), { profile, inbox, storageDir, processFile }),
    ).rejects.toThrow('connection lost');
    expect((await inbox.list()).map((f) => f.remoteName)).toEqual(['a.999']);
    // No partial download is left behind: only the one stored file.
    expect((await readdir(storageDir)).length).toBe(1);

    session.failOn.clear();
    const again = await receiveWith(session.asSession(), { profile, inbox, storageDir, processFile });
    expect(again.alreadyReceived).toEqual(['a.999']);
    expect(again.received.map((f) => f.remoteName)).toEqual(['b.835', 'c.277']);
    expect(processed).toEqual(['a.999', 'b.835', 'c.277']);
  });

  it('records nothing when the file cannot be stored locally', async () => {
    const inbox = new MemoryInboxStore();
    const notADirectory = join(storageDir, 'file');
    await writeFile(notADirectory, 'x');
    await expect(
      receiveWith(session.asSession(), {
        profile,
        inbox,
        storageDir: join(notADirectory, 'inbox'),
        processFile,
      }),
    ).rejects.toThrow();
    expect(await inbox.list()).toEqual([]);
    expect(processed).toEqual([]);
  });

  it('skips a file whose size changed while it was downloaded (still being written), and records it later', async () => {
    const inbox = new MemoryInboxStore();
    const b = session.files.get('b.835')!;
    session.files.set('b.835', { ...b, listedSize: b.content.byteLength + 100 });
    const first = await receiveWith(session.asSession(), { profile, inbox, storageDir, processFile });
    expect(first.incomplete).toEqual(['b.835']);
    expect((await readdir(storageDir)).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(first.received.map((f) => f.remoteName)).toEqual(['a.999', 'c.277']);
    session.files.set('b.835', { ...b, mtime: b.mtime + 5 });
    const second = await receiveWith(session.asSession(), { profile, inbox, storageDir, processFile });
    expect(second.received.map((f) => f.remoteName)).toEqual(['b.835']);
  });

  it('two receivers running at once process each file exactly once', async () => {
    const inbox = new MemoryInboxStore();
    const other = new FakeSession();
    for (const [name, f] of session.files) other.files.set(`copy-of-${name}`, f);
    const [one, two] = await Promise.all([
      receiveWith(session.asSession(), { profile, inbox, storageDir, processFile }),
      receiveWith(other.asSession(), { profile, inbox, storageDir, processFile }),
    ]);
    expect(processed).toHaveLength(3);
    expect(one.received.length + two.received.length).toBe(3);
    expect(one.duplicates.length + two.duplicates.length).toBe(3);
    const originals = (await inbox.list()).filter((f) => f.duplicateOf === null);
    expect(new Set(originals.map((f) => f.sha256)).size).toBe(3);
  });

  it('deletes a file on the server only after recording it, when the profile says so', async () => {
    const inbox = new MemoryInboxStore();
    session.failOn.add('c.277');
    await expect(
      receiveWith(session.asSession(), {
        profile: { ...profile, afterReceive: 'delete' },
        inbox,
        storageDir,
      }),
    ).rejects.toThrow();
    expect(session.deleted).toEqual(['in/a.999', 'in/b.835']);
    // A later run deletes what is recorded but still there (as if the first run stopped before deleting).
    session.failOn.clear();
    session.deleted = [];
    const again = await receiveWith(session.asSession(), {
      profile: { ...profile, afterReceive: 'delete' },
      inbox,
      storageDir,
    });
    expect(again.received.map((f) => f.remoteName)).toEqual(['c.277']);
    expect(session.deleted).toEqual(['in/a.999', 'in/b.835', 'in/c.277']);
  });
});
