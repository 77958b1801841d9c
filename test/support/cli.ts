/**
 * Runs the `superbill` CLI in-process through main() (the same program users get), capturing what
 * it writes. Shared by the CLI tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, vi } from 'vitest';
import { resetCodeSets } from '../../src/codes/load.js';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `superbill ...args`; returns the exit code and what went to stdout and stderr. */
export async function runCli(...args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  process.exitCode = undefined;
  try {
    const code = await main(['node', 'superbill', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = undefined;
  }
}

/** Runs `superbill ...args` and returns stdout; rejects with stderr when the exit code is not 0. */
export async function cliOutput(...args: string[]): Promise<string> {
  const r = await runCli(...args);
  if (r.code !== 0) throw new Error(r.err || `exit ${r.code}`);
  return r.out;
}

/**
 * Gives the test file its own empty SUPERBILL_HOME (no imported CPT descriptors, whatever the machine
 * has) and fresh code sets; restores both afterwards. Returns a getter for the directory.
 */
export function useTempSuperbillHome(prefix: string): () => string {
  let home = '';
  let saved: string | undefined;
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), prefix));
    saved = process.env['SUPERBILL_HOME'];
    process.env['SUPERBILL_HOME'] = home;
    resetCodeSets();
  });
  afterAll(() => {
    if (saved === undefined) delete process.env['SUPERBILL_HOME'];
    else process.env['SUPERBILL_HOME'] = saved;
    rmSync(home, { recursive: true, force: true });
    resetCodeSets();
  });
  return () => home;
}
