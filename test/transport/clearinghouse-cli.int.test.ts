/**
 * `superbill clearinghouse add|list|send|receive` in-process, against the local sshd and a SQLite
 * database file (DATABASE_URL). Until the lead registers the command in src/cli/main.ts the test
 * builds its own program with the same settings.
 */
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSshd } from '../support/sshd.js';
import { startSshd } from '../support/sshd.js';
import { cliOutput } from '../support/cli.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/transport/', import.meta.url));

const cli = cliOutput;

describe('superbill clearinghouse (CLI)', () => {
  let sshd: TestSshd;
  let dir: string;
  const savedUrl = process.env['DATABASE_URL'];

  beforeAll(async () => {
    sshd = await startSshd();
    dir = await mkdtemp(join(tmpdir(), 'superbill-ch-cli-'));
    process.env['DATABASE_URL'] = `file:${join(dir, 'superbill.db')}`;
  });

  afterAll(async () => {
    if (savedUrl === undefined) delete process.env['DATABASE_URL'];
    else process.env['DATABASE_URL'] = savedUrl;
    await sshd.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('adds a profile, sends a batch and receives responses twice', async () => {
    const profileFile = join(dir, 'local.json');
    await writeFile(
      profileFile,
      JSON.stringify({
        name: 'local',
        host: sshd.host,
        port: sshd.port,
        username: sshd.username,
        hostKeyFingerprint: sshd.hostKeyFingerprint,
        privateKeyPath: sshd.clientKeyPath,
        outboundDir: 'outbound',
        inboundDir: 'inbound',
        senderQualifier: '30',
        senderId: '000000005',
        receiverQualifier: '30',
        receiverId: '12345',
        usage: 'T',
        fileNamePattern: '{sender}_{isa13}.x12',
      }),
    );
    expect(JSON.parse(await cli('clearinghouse', 'add', profileFile, '--json'))).toMatchObject({
      name: 'local',
      port: sshd.port,
    });
    expect(await cli('clearinghouse', 'list')).toMatch(/^local {2}.*test {2}30:000000005 → 30:12345/);

    // Any interchange whose ISA matches the profile can be sent; the 835 fixture has that ISA.
    const sent = JSON.parse(
      await cli('clearinghouse', 'send', 'local', join(FIXTURES, '835-demo.x12'), '--json'),
    );
    expect(sent).toMatchObject({ remotePath: 'outbound/000000005_000000907.x12', bytes: 1027 });
    expect(await readdir(join(sshd.home, 'outbound'))).toEqual(['000000005_000000907.x12']);
    // The same batch again, under another name: refused (its claims would be submitted twice).
    await expect(
      cli('clearinghouse', 'send', 'local', join(FIXTURES, '835-demo.x12'), '--name', 'again.x12'),
    ).rejects.toThrow(/already sent/);

    await copyFile(join(FIXTURES, '999-accepted.x12'), join(sshd.home, 'inbound', 'ack.999'));
    const first = await cli('clearinghouse', 'receive', 'local', '--dir', join(dir, 'inbox'));
    expect(first).toMatch(/^new +999 +ack\.999 /m);
    expect(first).toMatch(/1 new, 0 duplicate, 0 already received\./);
    const second = JSON.parse(
      await cli('clearinghouse', 'receive', 'local', '--dir', join(dir, 'inbox'), '--json'),
    );
    expect(second).toMatchObject({ received: [], alreadyReceived: ['ack.999'] });
    const stored = (await readdir(join(dir, 'inbox'))).filter((f) => f.endsWith('.x12'));
    expect(stored).toHaveLength(1);
    expect(
      (await readFile(join(dir, 'inbox', stored[0]!))).equals(
        await readFile(join(FIXTURES, '999-accepted.x12')),
      ),
    ).toBe(true);
  });

  it('names the known profiles when asked for an unknown one', async () => {
    await expect(cli('clearinghouse', 'receive', 'nope')).rejects.toThrow(
      /no clearinghouse profile "nope" \(known: local\)/,
    );
  });
});
