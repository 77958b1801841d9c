/**
 * The transport's persistence contract (src/transport/stores.ts) on every backend: memory, SQLite and
 * PostgreSQL (GUIDE §4). Control numbers are also reserved by two OS processes at once on the same
 * database, which must never hand out a number twice.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../src/store/connection.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { allocateEnvelopeNumbers } from '../../src/transport/control-numbers.js';
import {
  DatabaseControlNumberStore,
  DatabaseInboxStore,
  DatabaseOutboxStore,
  DatabaseProfileStore,
} from '../../src/transport/database-stores.js';
import {
  MemoryControlNumberStore,
  MemoryInboxStore,
  MemoryOutboxStore,
} from '../../src/transport/memory-stores.js';
import type {
  ControlNumberStore,
  InboxStore,
  NewInboxFile,
  OutboxStore,
} from '../../src/transport/stores.js';
import { createTestDatabase, describeEachDialect } from '../support/databases.js';

function file(overrides: Partial<NewInboxFile> = {}): NewInboxFile {
  return {
    profile: 'ch',
    remoteName: 'era1.835',
    remoteSize: 1027,
    remoteMtime: 1_795_000_000,
    sha256: 'a'.repeat(64),
    type: '835',
    senderId: 'PAYER',
    receiverId: 'SUBMITTER1',
    interchangeControlNumber: '000000907',
    usage: 'T',
    storedPath: '/var/lib/superbill/inbox/aaaa.x12',
    status: 'stored',
    summary: '835 received',
    duplicateOf: null,
    receivedAt: '2026-11-27T03:30:00.000Z',
    ...overrides,
  };
}

function storeContract(
  make: () => { inbox: InboxStore; numbers: ControlNumberStore; outbox: OutboxStore },
): void {
  it('finds a recorded file by remote key and by content hash, and round-trips every field', async () => {
    const { inbox } = make();
    const result = await inbox.record(file());
    expect(result.recorded).toBe(true);
    const recorded = result.recorded ? result.file : undefined;
    expect(recorded).toEqual({ ...file(), id: recorded?.id });
    expect(
      await inbox.findByRemote({
        profile: 'ch',
        remoteName: 'era1.835',
        remoteSize: 1027,
        remoteMtime: 1_795_000_000,
      }),
    ).toEqual(recorded);
    expect(
      await inbox.findByRemote({
        profile: 'ch',
        remoteName: 'era1.835',
        remoteSize: 1027,
        remoteMtime: 1_795_000_001,
      }),
    ).toBeUndefined();
    expect(
      await inbox.findByRemote({
        profile: 'other',
        remoteName: 'era1.835',
        remoteSize: 1027,
        remoteMtime: 1_795_000_000,
      }),
    ).toBeUndefined();
    expect(await inbox.findByHash('a'.repeat(64))).toEqual(recorded);
    expect(await inbox.findByHash('b'.repeat(64))).toBeUndefined();
  });

  it('refuses a second original of the same content and a second record of the same remote file', async () => {
    const { inbox } = make();
    const first = await inbox.record(file({ sha256: 'c'.repeat(64), remoteName: 'x.835' }));
    expect(first.recorded).toBe(true);
    const firstId = first.recorded ? first.file.id : -1;

    const sameContent = await inbox.record(file({ sha256: 'c'.repeat(64), remoteName: 'y.835' }));
    expect(sameContent).toMatchObject({ recorded: false, existing: { id: firstId } });

    const sameRemote = await inbox.record(file({ sha256: 'd'.repeat(64), remoteName: 'x.835' }));
    expect(sameRemote).toMatchObject({ recorded: false, existing: { id: firstId } });

    const duplicate = await inbox.record(
      file({ sha256: 'c'.repeat(64), remoteName: 'y.835', status: 'duplicate', duplicateOf: firstId }),
    );
    expect(duplicate).toMatchObject({ recorded: true, file: { duplicateOf: firstId, status: 'duplicate' } });
    // The original stays the one found by hash.
    expect((await inbox.findByHash('c'.repeat(64)))?.id).toBe(firstId);
  });

  it('records the outcome and lists newest first, by profile', async () => {
    const { inbox } = make();
    const a = await inbox.record(
      file({ sha256: 'e'.repeat(64), remoteName: 'a.999', profile: 'p1', type: '999' }),
    );
    const b = await inbox.record(file({ sha256: 'f'.repeat(64), remoteName: 'b.835', profile: 'p1' }));
    await inbox.record(file({ sha256: '0'.repeat(64), remoteName: 'c.835', profile: 'p2' }));
    if (!a.recorded || !b.recorded) throw new Error('setup failed');
    await inbox.setOutcome(a.file.id, 'processed', '1 transaction set accepted');
    const listed = await inbox.list({ profile: 'p1' });
    expect(listed.map((f) => [f.remoteName, f.status, f.summary])).toEqual([
      ['b.835', 'stored', '835 received'],
      ['a.999', 'processed', '1 transaction set accepted'],
    ]);
    expect(await inbox.list({ profile: 'p1', limit: 1 })).toHaveLength(1);
  });

  it('records sent batches and finds them by profile and content hash', async () => {
    const { outbox } = make();
    const sent = {
      profile: 'ob',
      remotePath: 'out/a.837',
      sha256: '1'.repeat(64),
      bytes: 512,
      interchangeControlNumber: '000000001',
      sentAt: '2026-11-27T03:30:00.000Z',
    };
    const recorded = await outbox.record(sent);
    expect(recorded).toEqual({ ...sent, id: recorded.id });
    await outbox.record({
      ...sent,
      remotePath: 'out/b.837',
      sha256: '2'.repeat(64),
      interchangeControlNumber: '000000002',
    });
    expect(await outbox.findByHash('ob', '1'.repeat(64))).toEqual(recorded);
    expect(await outbox.findByHash('other', '1'.repeat(64))).toBeUndefined();
    expect((await outbox.list({ profile: 'ob' })).map((f) => f.remotePath)).toEqual([
      'out/b.837',
      'out/a.837',
    ]);
  });

  it('hands out consecutive control numbers per sender and kind, and blocks', async () => {
    const { numbers } = make();
    expect(await numbers.reserve('ZZ:A', 'isa13', 1)).toBe(1);
    expect(await numbers.reserve('ZZ:A', 'isa13', 1)).toBe(2);
    expect(await numbers.reserve('ZZ:A', 'st02', 5)).toBe(1);
    expect(await numbers.reserve('ZZ:A', 'st02', 1)).toBe(6);
    expect(await numbers.reserve('ZZ:B', 'isa13', 1)).toBe(1);
    await expect(numbers.reserve('ZZ:A', 'isa13', 0)).rejects.toMatchObject({ code: 'validation' });
  });

  it('formats a whole envelope: 9-digit ISA13, GS06, 4-digit ST02s', async () => {
    const { numbers } = make();
    const first = await allocateEnvelopeNumbers(numbers, { senderQualifier: 'ZZ', senderId: 'ENV' }, 3);
    const second = await allocateEnvelopeNumbers(numbers, { senderQualifier: 'ZZ', senderId: 'ENV' }, 1);
    expect(first).toEqual({ isa13: '000000001', gs06: '1', st02: ['0001', '0002', '0003'] });
    expect(second).toEqual({ isa13: '000000002', gs06: '2', st02: ['0004'] });
  });

  it('never lowers a counter, and stops at the 9-digit limit instead of wrapping around', async () => {
    const { numbers } = make();
    await numbers.raiseTo('ZZ:FULL', 'isa13', 999_999_997);
    await numbers.raiseTo('ZZ:FULL', 'isa13', 5);
    expect(await numbers.reserve('ZZ:FULL', 'isa13', 2)).toBe(999_999_998);
    await expect(numbers.reserve('ZZ:FULL', 'isa13', 1)).rejects.toMatchObject({ code: 'conflict' });
    await expect(numbers.reserve('ZZ:FULL', 'isa13', 1)).rejects.toThrow(/used up/);
    // The failed reservation changed nothing: other kinds and senders go on.
    expect(await numbers.reserve('ZZ:FULL', 'gs06', 1)).toBe(1);
    await expect(numbers.raiseTo('ZZ:FULL', 'isa13', 1_000_000_000)).rejects.toMatchObject({
      code: 'validation',
    });
  });

  it('allows two concurrent reservations in one process without handing out a number twice', async () => {
    const { numbers } = make();
    const results = await Promise.all(
      Array.from({ length: 40 }, () => numbers.reserve('ZZ:PAR', 'isa13', 1)),
    );
    expect(new Set(results).size).toBe(40);
    expect(Math.max(...results)).toBe(40);
  });
}

describe('transport stores [memory]', () => {
  storeContract(() => ({
    inbox: new MemoryInboxStore(),
    numbers: new MemoryControlNumberStore(),
    outbox: new MemoryOutboxStore(),
  }));
});

describeEachDialect('transport stores', (getDb) => {
  storeContract(() => ({
    inbox: new DatabaseInboxStore(getDb().db),
    numbers: new DatabaseControlNumberStore(getDb().db),
    outbox: new DatabaseOutboxStore(getDb().db),
  }));

  it('saves, reads, replaces and removes clearinghouse profiles (validated on the way in and out)', async () => {
    const profiles = new DatabaseProfileStore(getDb().db);
    const input = {
      name: 'acme-test',
      host: 'sftp.example.org',
      username: 'sub1',
      hostKeyFingerprint: 'SHA256:Nn8pRLOLXKcsAzLibCb7IpwKMab1QpgrAkfq8ZP7HVg',
      passwordEnv: 'ACME_SFTP_PASSWORD',
      outboundDir: '/in',
      inboundDir: '/out',
      senderQualifier: 'ZZ',
      senderId: 'SUB1',
      receiverQualifier: 'ZZ',
      receiverId: 'ACME',
      usage: 'T',
    };
    const saved = await profiles.save(input);
    expect(saved).toMatchObject({
      port: 22,
      fileNamePattern: '{sender}_{date}_{isa13}.837',
      afterReceive: 'keep',
    });
    expect(await profiles.get('acme-test')).toEqual(saved);
    await profiles.save({ ...input, usage: 'P' });
    expect((await profiles.list()).map((p) => [p.name, p.usage])).toEqual([['acme-test', 'P']]);
    await expect(profiles.save({ ...input, senderQualifier: 'XX' })).rejects.toMatchObject({
      code: 'validation',
    });
    await expect(profiles.get('nope')).rejects.toThrow(
      /no clearinghouse profile "nope" \(known: acme-test\)/,
    );
    expect(await profiles.remove('acme-test')).toBe(true);
    expect(await profiles.remove('acme-test')).toBe(false);
  });
});

const PER_WORKER = 80;

/** Two OS processes reserve ISA13 numbers from the same database, released at the same moment. */
async function reserveInTwoProcesses(url: string): Promise<number[][]> {
  const workers = [0, 1].map(() => {
    const child = spawn(
      process.execPath,
      ['bin/run-ts.js', 'test/transport/reserve-worker.ts', url, 'ZZ:TWO', String(PER_WORKER)],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    const ready = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: string) => {
        out += chunk;
        if (out.startsWith('ready\n')) resolve();
      });
    });
    child.stderr.on('data', (chunk: string) => {
      err += chunk;
    });
    const done = new Promise<number[]>((resolve, reject) => {
      child.once('exit', (code) => {
        if (code === 0) resolve(JSON.parse(out.slice('ready\n'.length)) as number[]);
        else reject(new Error(`worker exited ${code}: ${err}`));
      });
    });
    return { child, ready, done };
  });
  await Promise.race([Promise.all(workers.map((w) => w.ready)), Promise.all(workers.map((w) => w.done))]);
  for (const w of workers) w.child.stdin.end('go\n');
  return Promise.all(workers.map((w) => w.done));
}

function expectDisjointRun(a: number[], b: number[]): void {
  const all = [...a, ...b].sort((x, y) => x - y);
  expect(new Set(all).size).toBe(2 * PER_WORKER);
  expect(all[0]).toBe(1);
  expect(all.at(-1)).toBe(2 * PER_WORKER);
  // Each process sees its own numbers rising, and the two really ran at the same time (interleaved).
  for (const list of [a, b]) expect([...list].sort((x, y) => x - y)).toEqual(list);
  expect(Math.max(...a)).toBeGreaterThan(Math.min(...b));
  expect(Math.max(...b)).toBeGreaterThan(Math.min(...a));
}

describe('control numbers across two processes', () => {
  it('[sqlite] never hands out a number twice', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'superbill-cn-'));
    try {
      const url = `file:${join(dir, 'cn.db')}`;
      const database = await openDatabase(url);
      await migrateToLatest(database.db);
      await database.close();
      const [a, b] = await reserveInTwoProcesses(url);
      expectDisjointRun(a!, b!);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(inject('postgresAdminUrl') === '')('[postgres] never hands out a number twice', async () => {
    const database = await createTestDatabase('postgres');
    try {
      const url = new URL(inject('postgresAdminUrl'));
      url.pathname = new URL(database.location).pathname;
      const [a, b] = await reserveInTwoProcesses(url.toString());
      expectDisjointRun(a!, b!);
    } finally {
      await database.close();
    }
  });
});
