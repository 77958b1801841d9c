/**
 * The SFTP transport against a real OpenSSH server on 127.0.0.1 (test/support/sshd.ts): upload, download
 * and classification of real response files, idempotent receive, duplicates under another name, bad
 * credentials and a wrong host key.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/model/errors.js';
import { MemoryInboxStore, MemoryOutboxStore } from '../../src/transport/memory-stores.js';
import type { ClearinghouseProfile } from '../../src/transport/profile.js';
import { parseClearinghouseProfile, renderFileName } from '../../src/transport/profile.js';
import { receiveResponses } from '../../src/transport/receive-responses.js';
import { sendBatch } from '../../src/transport/send-batch.js';
import { TransportError } from '../../src/transport/sftp.js';
import type { TestSshd } from '../support/sshd.js';
import { startSshd } from '../support/sshd.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/transport/', import.meta.url));

/** A minimal 837 interchange envelope from the profile's sender (the transport does not read past GS/ST). */
function batch(isa13: string, usage = 'T'): Buffer {
  const isa = `ISA*00*          *00*          *ZZ*${'SUBMITTER1'.padEnd(15)}*ZZ*${'CLEARHOUSE'.padEnd(15)}*261127*0330*^*00501*${isa13}*1*${usage}*:~`;
  return Buffer.from(
    `${isa}\nGS*HC*SUBMITTER1*CLEARHOUSE*20261127*0330*1*X*005010X222A1~\nST*837*0001*005010X222A1~\nSE*2*0001~\nGE*1*1~\nIEA*1*${isa13}~\n`,
  );
}

describe('SFTP transport against a local OpenSSH server', () => {
  let sshd: TestSshd;
  let profile: ClearinghouseProfile;
  let storageDir: string;

  beforeAll(async () => {
    sshd = await startSshd();
    storageDir = await mkdtemp(join(tmpdir(), 'superbill-inbox-'));
    profile = parseClearinghouseProfile({
      name: 'local-test',
      host: sshd.host,
      port: sshd.port,
      username: sshd.username,
      hostKeyFingerprint: sshd.hostKeyFingerprint,
      privateKeyPath: sshd.clientKeyPath,
      outboundDir: 'outbound',
      inboundDir: 'inbound',
      senderQualifier: 'ZZ',
      senderId: 'SUBMITTER1',
      receiverQualifier: 'ZZ',
      receiverId: 'CLEARHOUSE',
      usage: 'T',
      timeoutSeconds: 5,
    });
  });

  afterAll(async () => {
    await sshd.stop();
    await rm(storageDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    for (const dir of ['inbound', 'outbound']) {
      for (const name of await readdir(join(sshd.home, dir))) await rm(join(sshd.home, dir, name));
    }
  });

  it('uploads a batch under its pattern name with the exact bytes, leaving no temporary file', async () => {
    const content = batch('000000042');
    const fileName = renderFileName(profile, { isa13: '000000042', now: new Date('2026-11-27T03:30:00Z') });
    expect(fileName).toBe('SUBMITTER1_20261127_000000042.837');

    const sent = await sendBatch({ profile, fileName, content });

    expect(sent.remotePath).toBe('outbound/SUBMITTER1_20261127_000000042.837');
    expect(sent.interchangeControlNumber).toBe('000000042');
    expect(await readdir(join(sshd.home, 'outbound'))).toEqual([fileName]);
    const onServer = await readFile(join(sshd.home, 'outbound', fileName));
    expect(onServer.equals(content)).toBe(true);
    expect(sent.sha256).toBe(createHash('sha256').update(onServer).digest('hex'));
  });

  it('never overwrites a batch already on the server', async () => {
    await sendBatch({ profile, fileName: 'b.837', content: batch('000000001') });
    await expect(
      sendBatch({ profile, fileName: 'b.837', content: batch('000000002') }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect((await readFile(join(sshd.home, 'outbound', 'b.837'))).equals(batch('000000001'))).toBe(true);
    expect(await readdir(join(sshd.home, 'outbound'))).toEqual(['b.837']);
  });

  it('with an outbox, records the send and refuses the same batch again, even under another name', async () => {
    const outbox = new MemoryOutboxStore();
    const content = batch('000000005');
    const sent = await sendBatch({
      profile,
      fileName: 'first.837',
      content,
      outbox,
      now: () => new Date('2026-11-27T03:30:00Z'),
    });
    expect(await outbox.list()).toEqual([
      {
        id: sent.id,
        profile: 'local-test',
        remotePath: 'outbound/first.837',
        sha256: sent.sha256,
        bytes: content.byteLength,
        interchangeControlNumber: '000000005',
        sentAt: '2026-11-27T03:30:00.000Z',
      },
    ]);
    await expect(sendBatch({ profile, fileName: 'second.837', content, outbox })).rejects.toThrow(
      /already sent to "local-test" as outbound\/first\.837 on 2026-11-27T03:30:00\.000Z/,
    );
    expect(await readdir(join(sshd.home, 'outbound'))).toEqual(['first.837']);
  });

  it('refuses to send test data through a production profile (ISA15), before connecting', async () => {
    const production = { ...profile, usage: 'P' as const, port: 1 };
    const error: unknown = await sendBatch({
      profile: production,
      fileName: 'x.837',
      content: batch('000000003', 'T'),
    }).catch((e: unknown) => e);
    expect(isAppError(error) && error.problems.map((p) => p.code)).toEqual(['transport.batch.usage']);
    expect(await readdir(join(sshd.home, 'outbound'))).toEqual([]);
  });

  it('downloads and classifies real 999, 277CA, 277 and 835 files; a second run finds nothing new', async () => {
    const fixtures = (await readdir(FIXTURES)).filter((f) => f.endsWith('.x12'));
    for (const f of fixtures) await copyFile(join(FIXTURES, f), join(sshd.home, 'inbound', f));
    const inbox = new MemoryInboxStore();
    const processed: string[] = [];

    const first = await receiveResponses({
      profile,
      inbox,
      storageDir,
      processFile: async ({ record }) => {
        processed.push(record.remoteName);
        return { summary: `${(await readFile(record.storedPath)).byteLength} bytes` };
      },
    });

    const types = Object.fromEntries(first.received.map((f) => [f.remoteName, f.type]));
    expect(types).toEqual({
      '999-accepted.x12': '999',
      '999-partial.x12': '999',
      '277ca-accepted.x12': '277CA',
      '277-claim-status.x12': '277',
      '835-demo.x12': '835',
      '835-newline-terminated.x12': '835',
      '835-no-isa.x12': 'unreadable',
    });
    expect(first.duplicates).toEqual([]);
    expect(processed.sort()).toEqual([...fixtures].sort());
    for (const file of first.received) {
      const original = await readFile(join(FIXTURES, file.remoteName));
      expect(file.status).toBe('processed');
      expect(file.summary).toBe(`${original.byteLength} bytes`);
      expect(file.sha256).toBe(createHash('sha256').update(original).digest('hex'));
      expect((await readFile(file.storedPath)).equals(original)).toBe(true);
      expect((await stat(file.storedPath)).mode & 0o077).toBe(0);
    }
    const ack = first.received.find((f) => f.remoteName === '999-accepted.x12');
    expect(ack).toMatchObject({
      senderId: 'EMEDNYBAT',
      receiverId: 'ETIN',
      interchangeControlNumber: '052127406',
      usage: 'P',
    });

    const second = await receiveResponses({
      profile,
      inbox,
      storageDir,
      processFile: () => Promise.reject(new Error('must not run')),
    });
    expect(second.received).toEqual([]);
    expect(second.duplicates).toEqual([]);
    expect([...second.alreadyReceived].sort()).toEqual([...fixtures].sort());
    expect(processed).toHaveLength(fixtures.length);
  });

  it('streams a large file to disk with the right hash (many SFTP read chunks)', async () => {
    const demo = await readFile(join(FIXTURES, '835-demo.x12'));
    // ~4 MB: the demo 835 followed by filler segments; every byte must survive the chunked download.
    const filler = Buffer.from(
      Array.from(
        { length: 60_000 },
        (_, i) => `REF*ZZ*${String(i).padStart(8, '0')}*FILLER-${i % 97}~\n`,
      ).join(''),
    );
    const big = Buffer.concat([demo, filler]);
    await writeFile(join(sshd.home, 'inbound', 'big.835'), big);
    const result = await receiveResponses({ profile, inbox: new MemoryInboxStore(), storageDir });
    expect(result.received).toHaveLength(1);
    const file = result.received[0]!;
    expect([file.type, file.remoteSize]).toEqual(['835', big.byteLength]);
    expect(file.sha256).toBe(createHash('sha256').update(big).digest('hex'));
    expect((await readFile(file.storedPath)).equals(big)).toBe(true);
  });

  it('recognises the same content re-sent under another name (or touched) and does not process it again', async () => {
    const inbox = new MemoryInboxStore();
    let runs = 0;
    const processFile = (): Promise<{ summary: string }> => {
      runs++;
      return Promise.resolve({ summary: 'ok' });
    };
    await copyFile(join(FIXTURES, '835-demo.x12'), join(sshd.home, 'inbound', 'ERA_20261127.835'));
    const first = await receiveResponses({ profile, inbox, storageDir, processFile });
    expect(first.received.map((f) => f.remoteName)).toEqual(['ERA_20261127.835']);

    await copyFile(join(FIXTURES, '835-demo.x12'), join(sshd.home, 'inbound', 'ERA_20261127_resend.835'));
    // The same name with a new mtime is a new listing entry, but still the same content.
    await utimes(join(sshd.home, 'inbound', 'ERA_20261127.835'), new Date(), new Date(Date.now() + 5000));
    const second = await receiveResponses({ profile, inbox, storageDir, processFile });

    expect(second.received).toEqual([]);
    expect(second.duplicates.map((f) => f.remoteName).sort()).toEqual([
      'ERA_20261127.835',
      'ERA_20261127_resend.835',
    ]);
    const originalId = first.received[0]!.id;
    expect(second.duplicates.every((f) => f.duplicateOf === originalId && f.status === 'duplicate')).toBe(
      true,
    );
    expect(runs).toBe(1);

    const third = await receiveResponses({ profile, inbox, storageDir, processFile });
    expect(third.duplicates).toEqual([]);
    expect(third.alreadyReceived).toHaveLength(2);
  });

  it('deletes received files from the server when the profile says so, only after recording them', async () => {
    await copyFile(join(FIXTURES, '999-accepted.x12'), join(sshd.home, 'inbound', 'ack.999'));
    const inbox = new MemoryInboxStore();
    const result = await receiveResponses({
      profile: { ...profile, afterReceive: 'delete' },
      inbox,
      storageDir,
    });
    expect(result.received.map((f) => [f.remoteName, f.type, f.status])).toEqual([
      ['ack.999', '999', 'stored'],
    ]);
    expect(await readdir(join(sshd.home, 'inbound'))).toEqual([]);
    expect(await inbox.list()).toHaveLength(1);
  });

  it('records a processing failure without file contents and does not retry it', async () => {
    await writeFile(join(sshd.home, 'inbound', 'era.835'), await readFile(join(FIXTURES, '835-demo.x12')));
    const inbox = new MemoryInboxStore();
    const result = await receiveResponses({
      profile,
      inbox,
      storageDir,
      processFile: () => Promise.reject(new Error('CLP*PATIENT NAME broke the parser')),
    });
    expect(result.received[0]).toMatchObject({ status: 'failed', summary: 'processing failed (Error)' });
    const again = await receiveResponses({ profile, inbox, storageDir });
    expect(again.alreadyReceived).toEqual(['era.835']);
  });

  it('says plainly when the server rejects the key', async () => {
    const error: unknown = await sendBatch({
      profile: { ...profile, privateKeyPath: sshd.wrongKeyPath },
      fileName: 'x.837',
      content: batch('000000004'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ failure: 'credentials', code: 'unauthenticated' });
    expect((error as Error).message).toMatch(
      /rejected the login: check the user name and the key or password/,
    );
    expect((error as Error).message).not.toContain('PRIVATE KEY');
    expect(await readdir(join(sshd.home, 'outbound'))).toEqual([]);
  });

  it('refuses a server whose host key does not match the profile, before sending credentials', async () => {
    const wrong = { ...profile, hostKeyFingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' };
    const error: unknown = await receiveResponses({
      profile: wrong,
      inbox: new MemoryInboxStore(),
      storageDir,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'host-key' });
    expect((error as Error).message).toContain(sshd.hostKeyFingerprint);
  });

  it('names a missing password variable without connecting', async () => {
    const withPassword = parseClearinghouseProfile({
      ...profile,
      privateKeyPath: undefined,
      passwordEnv: 'SUPERBILL_TEST_CH_PASSWORD',
    });
    await expect(
      receiveResponses({ profile: withPassword, inbox: new MemoryInboxStore(), storageDir, env: {} }),
    ).rejects.toThrow(/SUPERBILL_TEST_CH_PASSWORD, which is not set/);
  });

  it('reports an unreachable server (this test stops the server: keep it last)', async () => {
    const keyPath = join(storageDir, 'client_key');
    await copyFile(sshd.clientKeyPath, keyPath);
    await sshd.stop();
    const error: unknown = await receiveResponses({
      profile: { ...profile, privateKeyPath: keyPath },
      inbox: new MemoryInboxStore(),
      storageDir,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'unreachable' });
    expect((error as Error).message).toContain(`127.0.0.1:${profile.port}`);
  });
});
