/**
 * A private, throw-away PostgreSQL server for the test run. PostgreSQL refuses to run as root, so when
 * the tests run as root the binaries run as the `postgres` user (runuser); the data directory, the
 * unix socket and the log live in a fresh temporary directory owned by that user; the server listens
 * on 127.0.0.1 only, on a free port, with durability switched off (fsync, synchronous_commit,
 * full_page_writes) because the data is thrown away.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running server. */
export interface PostgresServer {
  /** Connection URL for the `postgres` superuser and its default database. */
  readonly url: string;
  /** URL of another database on the same server. */
  urlFor(database: string): string;
  stop(): void;
}

/** Finds the directory with initdb and pg_ctl: PATH first, then /usr/lib/postgresql/<newest>/bin. */
export function findPostgresBin(): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const dir = join(root, v, 'bin');
    if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  return undefined;
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolvePort(port);
      });
    });
  });
}

/** Starts a server; throws with the server log when it does not come up. */
export async function startPostgres(bin: string): Promise<PostgresServer> {
  const isRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'superbill-pg-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  const run = (command: string, args: readonly string[]): void => {
    const file = join(bin, command);
    if (isRoot) execFileSync('runuser', ['-u', 'postgres', '--', file, ...args], { stdio: 'pipe', cwd: dir });
    else execFileSync(file, [...args], { stdio: 'pipe', cwd: dir });
  };
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  try {
    run('initdb', [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    const serverOptions = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
      '-c shared_buffers=64MB',
    ].join(' ');
    run('pg_ctl', ['-D', dataDir, '-l', logFile, '-o', serverOptions, '-w', '-t', '60', 'start']);
  } catch (e) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    rmSync(dir, { recursive: true, force: true });
    const stderr = (e as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`could not start PostgreSQL from ${bin}: ${(e as Error).message}\n${stderr}\n${log}`, {
      cause: e,
    });
  }
  const urlFor = (database: string): string => `postgres://postgres@127.0.0.1:${port}/${database}`;
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', stop);
    try {
      run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // If the run is interrupted before teardown, still stop the server and remove its directory.
  process.once('exit', stop);
  return { url: urlFor('postgres'), urlFor, stop };
}
