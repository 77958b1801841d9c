import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerClaimsCommands } from './claims.js';

const fixtures = join(import.meta.dirname, '../../../test/fixtures/rules');

async function cli(...args: string[]): Promise<{ out: string; code: number }> {
  const program = new Command('superbill').exitOverride();
  registerClaimsCommands(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  process.exitCode = undefined;
  try {
    await program.parseAsync(['node', 'superbill', 'claims', 'scrub', ...args]);
  } finally {
    spy.mockRestore();
  }
  const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  process.exitCode = undefined;
  return { out, code };
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('superbill claims scrub', () => {
  it('--json prints every finding per claim, the summary by family and the table releases; exit 1 on errors', async () => {
    const { out, code } = await cli(join(fixtures, 'demo-claims.json'), '--json', '--today', '2026-11-27');
    expect(code).toBe(1);
    const r = JSON.parse(out) as { claims: { id: string; findings: { code: string; path: string }[] }[]; summary: { family: string; errors: number }[]; tables: string[] };
    expect(r.claims).toHaveLength(19);
    const schema = r.claims.find((c) => c.id === 'schema-error-units')!;
    expect(schema.findings).toEqual([expect.objectContaining({ code: 'claim.schema', path: 'lines[0].units' })]);
    expect(r.claims.find((c) => c.id === 'clean-office-visit')!.findings).toEqual([]);
    expect(r.summary.find((s) => s.family === 'ncci-ptp')!.errors).toBe(3);
    expect(r.tables).toContain('NCCI PTP practitioner 2024-07-01 (2024Q3)');
  });
  it('plain text; a clean file exits 0; --date-of-service-override moves the lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scrub-'));
    const file = join(dir, 'one.json');
    writeFileSync(file, readBase());
    const clean = await cli(file, '--today', '2026-11-27', '--no-code-sets');
    expect(clean.code).toBe(0);
    expect(clean.out).toContain('Claim 1 (PCN-0001, id base): clean');
    expect(clean.out).toContain('Summary by edit family:');
    const future = await cli(file, '--today', '2026-11-27', '--no-code-sets', '--date-of-service-override', '2027-01-05', '--json');
    expect(future.code).toBe(1);
    expect(future.out).toContain('structure.date.future');
  });
  it('--payer-rules applies the practice rules; an invalid rules file is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scrub-'));
    const file = join(dir, 'acme.json');
    const c = JSON.parse(readFileSync(join(fixtures, 'base-claim.json'), 'utf8')) as { payer: { payerId: string }; lines: { placeOfService?: string; modifiers?: string[] }[] };
    c.payer.payerId = 'ACME1';
    c.lines[0]!.placeOfService = '10';
    c.lines[0]!.modifiers = ['95'];
    writeFileSync(file, JSON.stringify({ claims: [c] }));
    const r = await cli(file, '--json', '--today', '2026-11-27', '--no-code-sets', '--payer-rules', join(fixtures, 'payer-rules.json'));
    const out = JSON.parse(r.out) as { claims: { findings: { code: string; fix?: string }[] }[] };
    expect(out.claims[0]!.findings.filter((f) => f.code !== 'code-validity.not-run')).toEqual([expect.objectContaining({ code: 'payer.fix', fix: 'Add modifier GT to line 1.' })]);
    expect(r.code).toBe(0);
    const bad = join(dir, 'bad-rules.json');
    writeFileSync(bad, JSON.stringify([{ id: 'x', when: {}, action: { type: 'explode', message: 'm' } }]));
    await expect(cli(file, '--payer-rules', bad, '--no-code-sets')).rejects.toThrow(/payer rules .* are not valid/);
  });
  it('scrubs an 837P as a clearinghouse would: the same findings as the claims it was written from', async () => {
    const golden = join(import.meta.dirname, '../../../test/fixtures/x12-golden');
    for (const name of ['837p-primary', '837p-secondary-cob', '837p-ndc']) {
      const fromX12 = JSON.parse((await cli(join(golden, `${name}.x12`), '--json')).out) as { claims: { patientControlNumber?: string; findings: { code: string; path?: string }[] }[] };
      const fromJson = JSON.parse((await cli(join(golden, `${name}.claims.json`), '--json')).out) as typeof fromX12;
      expect(fromX12.claims.length).toBe(fromJson.claims.length);
      expect(fromX12.claims.map((c) => c.findings.map((f) => [f.code, f.path]))).toEqual(fromJson.claims.map((c) => c.findings.map((f) => [f.code, f.path])));
    }
  });

  it('refuses an X12 file without claims and bad JSON with a plain message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scrub-'));
    writeFileSync(join(dir, 'a.x12'), 'ISA*00*          *00*');
    writeFileSync(join(dir, 'b.json'), '{ nope');
    await expect(cli(join(dir, 'a.x12'))).rejects.toThrow(/X12 file without claims/);
    await expect(cli(join(dir, 'b.json'))).rejects.toThrow(/not valid JSON/);
  });
});

function readBase(): string {
  return JSON.stringify([JSON.parse(readFileSync(join(fixtures, 'base-claim.json'), 'utf8'))]);
}
