/**
 * Starts a private OpenSSH server (Debian `openssh-server`, /usr/sbin/sshd) on 127.0.0.1 for the SFTP
 * transport tests, and stops it again. Everything lives in one temporary directory: a fresh host key,
 * a fresh client key pair, the authorized_keys file, the config, the pid file and the SFTP home with
 * `outbound/` and `inbound/`. The server only offers `internal-sftp`, started in that home
 * (`ForceCommand internal-sftp -d`), so a test only ever touches its own temporary directory.
 *
 * Why no ChrootDirectory: sshd requires every component of a chroot path to be root-owned and not
 * writable by others, and the temp directory lives under /tmp (mode 1777), so chroot is refused there.
 * The server listens on loopback only and accepts only the freshly generated key.
 */
import { spawn, execFile } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const SSHD_PATH = '/usr/sbin/sshd';

/** A running private sshd and everything a test needs to talk to it. */
export interface TestSshd {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** The login user: the user running the tests (root in CI). */
  readonly username: string;
  /** The temporary directory holding keys, config and the SFTP home. */
  readonly dir: string;
  /** The SFTP start directory (absolute); `outbound/` and `inbound/` exist below it. */
  readonly home: string;
  /** Path of the client private key (ed25519, no passphrase) that the server accepts. */
  readonly clientKeyPath: string;
  /** Path of a second private key that the server does NOT accept (for bad-credential tests). */
  readonly wrongKeyPath: string;
  /** The server's host key fingerprint as `ssh-keygen -l -E sha256` prints it (`SHA256:…`). */
  readonly hostKeyFingerprint: string;
  /** Stops the server and removes the temporary directory. Safe to call twice. */
  stop(): Promise<void>;
}

/** True when the sshd binary is installed (the tests need Debian `openssh-server`). */
export async function sshdAvailable(): Promise<boolean> {
  try {
    await run(SSHD_PATH, ['-V']);
    return true;
  } catch (e) {
    // `sshd -V` prints the version on stderr and exits 1 on older releases; ENOENT means not installed.
    return (e as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

async function keygen(path: string, comment: string): Promise<void> {
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path]);
}

function sshdConfig(dir: string, home: string, port: number, username: string): string {
  return [
    `ListenAddress 127.0.0.1:${port}`,
    `HostKey ${join(dir, 'host_ed25519_key')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    `AllowUsers ${username}`,
    // Key login only; root may log in with a key (the tests run as root in CI).
    'PermitRootLogin prohibit-password',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    // The temp dir is ours but lives under /tmp; the key files' modes are ours too.
    'StrictModes no',
    'UseDNS no',
    'PrintMotd no',
    'AllowTcpForwarding no',
    'X11Forwarding no',
    'AllowAgentForwarding no',
    'PermitTunnel no',
    'MaxAuthTries 3',
    'LogLevel INFO',
    'Subsystem sftp internal-sftp',
    `ForceCommand internal-sftp -d ${home}`,
    '',
  ].join('\n');
}

/** Starts a private sshd; call `stop()` in teardown. Rejects (and cleans up) if it does not come up. */
export async function startSshd(): Promise<TestSshd> {
  if (!(await sshdAvailable())) {
    throw new Error(
      `${SSHD_PATH} not found: the SFTP tests need OpenSSH's server (Debian: apt-get install openssh-server).`,
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'superbill-sshd-'));
  const home = join(dir, 'home');
  let child: ChildProcess | undefined;
  const cleanup = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise<void>((resolve) =>
        proc.once('exit', () => {
          resolve();
        }),
      );
      proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await mkdir(join(home, 'outbound'), { recursive: true });
    await mkdir(join(home, 'inbound'), { recursive: true });
    await Promise.all([
      keygen(join(dir, 'host_ed25519_key'), 'superbill-test-host'),
      keygen(join(dir, 'client_key'), 'superbill-test-client'),
      keygen(join(dir, 'wrong_key'), 'superbill-test-wrong'),
    ]);
    await writeFile(join(dir, 'authorized_keys'), await readFile(join(dir, 'client_key.pub')), {
      mode: 0o600,
    });
    const { stdout: fp } = await run('ssh-keygen', [
      '-l',
      '-E',
      'sha256',
      '-f',
      join(dir, 'host_ed25519_key.pub'),
    ]);
    const hostKeyFingerprint = /SHA256:[A-Za-z0-9+/]+/.exec(fp)?.[0];
    if (!hostKeyFingerprint)
      throw new Error(`could not read the host key fingerprint from ssh-keygen: ${fp}`);
    // sshd running as root insists on its privilege-separation directory.
    if (process.getuid?.() === 0) await mkdir('/run/sshd', { recursive: true, mode: 0o755 });

    const username = userInfo().username;
    // A free port can be taken between our probe and sshd's bind: try a few times.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      await writeFile(join(dir, 'sshd_config'), sshdConfig(dir, home, port, username));
      const started = await launch(join(dir, 'sshd_config'), port);
      if (started.ok) {
        child = started.child;
        // If the test process ends without teardown (crash, forgotten stop), take sshd down with it.
        const proc = started.child;
        const killOnExit = (): void => {
          if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
        };
        process.once('exit', killOnExit);
        const stop = async (): Promise<void> => {
          process.removeListener('exit', killOnExit);
          await cleanup();
        };
        return {
          host: '127.0.0.1',
          port,
          username,
          dir,
          home,
          clientKeyPath: join(dir, 'client_key'),
          wrongKeyPath: join(dir, 'wrong_key'),
          hostKeyFingerprint,
          stop,
        };
      }
      if (attempt >= 3) throw new Error(`sshd did not start: ${started.log}`);
    }
  } catch (e) {
    await cleanup();
    throw e;
  }
}

type Launch = { ok: true; child: ChildProcess } | { ok: false; log: string };

/** Runs sshd in the foreground and waits for its "Server listening" line (or its exit). */
async function launch(configPath: string, port: number): Promise<Launch> {
  const proc = spawn(SSHD_PATH, ['-D', '-e', '-f', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  return new Promise<Launch>((resolve) => {
    let settled = false;
    const settle = (result: Launch): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      settle({ ok: false, log: `${log}\n(timed out waiting for sshd)` });
    }, 10_000);
    proc.stderr?.setEncoding('utf8');
    proc.stderr?.on('data', (chunk: string) => {
      // Keep a bounded tail of the log for error messages; sshd logs no file contents.
      log = (log + chunk).slice(-4000);
      if (log.includes(`Server listening on 127.0.0.1 port ${port}`)) settle({ ok: true, child: proc });
    });
    proc.once('error', (e) => {
      settle({ ok: false, log: `${log}\n${e.message}` });
    });
    proc.once('exit', (code, signal) => {
      settle({ ok: false, log: `${log}\n(sshd exited: ${code ?? signal ?? '?'})` });
    });
  });
}
