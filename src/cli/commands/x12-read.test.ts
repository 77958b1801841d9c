import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../main.js';
import { read999 } from '../../x12/999-005010x231a1/reader.js';
import { generate835 } from '../../x12/testing/generate-835.js';
import { X12_FIXTURE_DIR } from '../../x12/testing/fixtures.js';

const fixture = (rel: string): string => join(X12_FIXTURE_DIR, rel);
const dir = mkdtempSync(join(tmpdir(), 'superbill-x12-cli-'));
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  process.exitCode = undefined;
  try {
    const code = await main(['node', 'superbill', ...args]);
    return { code, stdout, stderr };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = undefined;
  }
}

afterEach(() => { vi.restoreAllMocks(); });

describe('superbill x12 parse', () => {
  it('prints an 835 as typed remittances in JSON', async () => {
    const r = await run(['x12', 'parse', fixture('835/Project-Herophilus__Project-Herophilus-Assets__835Sample_OutpatientRetro_.txt'), '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.transactionSetId).toBe('835');
    expect(json.remittances[0].claims.map((c: { status: string }) => c.status)).toEqual(['22', '1']);
    expect(json.stats).toEqual({ segments: 34, claims: 2, lines: 0 });
    expect(json.imbalances).toEqual([]);
  });

  it('streams a generated multi-payment 835 and summarises it in text', async () => {
    const file = join(dir, 'gen.835');
    writeFileSync(file, generate835({ targetBytes: 3_000_000, claimsPerTransaction: 200, lineBreak: '\n' }));
    const r = await run(['x12', 'parse', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^payment \d+: [\d.]+ for 200 claim\(s\)$/m);
    expect(r.stdout).not.toContain('does not balance');
  });

  it('reads a 999 with its reader and other types generically', async () => {
    const ack = await run(['x12', 'parse', fixture('999/xlate__staedi__simple999.edi'), '--json']);
    expect(JSON.parse(ack.stdout).acknowledgments.length).toBe(1);
    const generic = await run(['x12', 'parse', fixture('270/Kartik-Hirijaganer__X12-Parser-Encoder__270_batch_multi.x12'), '--json']);
    const json = JSON.parse(generic.stdout);
    expect(json.generic).toBe(true);
    expect(json.interchanges[0].groups[0].transactions).toHaveLength(2);
    expect(json.interchanges[0].groups[0].transactions[0].hierarchy.map((h: { levelCode: string }) => h.levelCode)).toEqual(['20', '21', '22']);
  });

  it('fails with a plain message on a missing file', async () => {
    const r = await run(['x12', 'parse', join(dir, 'nope.edi')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Cannot read');
  });
});

describe('superbill x12 validate', () => {
  it('passes a clean file and exits 0', async () => {
    const r = await run(['x12', 'validate', fixture('835/Project-Herophilus__Project-Herophilus-Assets__835Sample_OutpatientRetro_.txt')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('valid');
  });

  it('prints positioned diagnostics with their 999 codes and exits 1', async () => {
    const r = await run(['x12', 'validate', fixture('835/albmarin__badX12__error_validation.edi')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('segment 29 (SE) element 1: SE01 says "30" segments');
    expect(r.stdout).toContain('[IK502 4: Number of included segments does not match actual count]');
  });

  it('prints a 999 that reads back as rejected', async () => {
    const r = await run(['x12', 'validate', '--999', fixture('835/albmarin__badX12__error_validation.edi')]);
    expect(r.code).toBe(1);
    const ack = read999(r.stdout);
    expect(ack.diagnostics).toEqual([]);
    expect(ack.acknowledgments[0]!.groups[0]!.transactions[0]!.errors.map((e) => e.code)).toEqual(['4', '3']);
  });

  it('validates a non-835 file (837P) on envelopes', async () => {
    const r = await run(['x12', 'validate', '--json', fixture('837P/rohanrkamath__KW-X12-Parser__edi_sample_50_claims.txt')]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.valid).toBe(false);
    expect(json.diagnostics.map((d: { code: string }) => d.code)).toEqual(['4', '3']);
  });
});
