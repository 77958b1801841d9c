import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../main.js';

const GOLDEN = join(import.meta.dirname, '../../../test/fixtures/x12-golden');

function capture(): { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  return { out: () => out, err: () => err };
}

const fixed = [
  '--sender',
  'SUPERBILL',
  '--receiver',
  'CLEARHOUSE',
  '--receiver-name',
  'CLEARHOUSE INC',
  '--test',
  '--date',
  '2026-01-15',
  '--time',
  '1200',
  '--line-break',
];

describe('superbill x12 837', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('writes the golden 837P for the golden claims', async () => {
    const io = capture();
    const code = await main([
      'node',
      'superbill',
      'x12',
      '837',
      join(GOLDEN, '837p-secondary-cob.claims.json'),
      ...fixed,
    ]);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect(io.out()).toBe(readFileSync(join(GOLDEN, '837p-secondary-cob.x12'), 'utf8'));
  });

  it('accepts {claims: [...]}, writes to --out and summarises with --json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'x12-837-'));
    const input = join(dir, 'claims.json');
    writeFileSync(
      input,
      JSON.stringify({
        claims: JSON.parse(readFileSync(join(GOLDEN, '837i-inpatient.claims.json'), 'utf8')),
      }),
    );
    const io = capture();
    const code = await main([
      'node',
      'superbill',
      'x12',
      '837',
      input,
      ...fixed,
      '--out',
      join(dir, 'out.x12'),
      '--json',
      '--control-number',
      '42',
    ]);
    expect(code).toBe(0);
    const summary = JSON.parse(io.out());
    expect(summary).toMatchObject({
      ok: true,
      professionalClaims: 0,
      institutionalClaims: 1,
      interchangeControlNumber: 42,
    });
    const text = readFileSync(join(dir, 'out.x12'), 'utf8');
    expect(text).toContain('*000000042*0*T*:~');
    expect(text).toContain('GS*HC*SUPERBILL*CLEARHOUSE*20260115*1200*1*X*005010X223A2~');
  });

  it('reports every schema problem of every claim in plain words', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'x12-837-'));
    const input = join(dir, 'claims.json');
    const [good] = JSON.parse(readFileSync(join(GOLDEN, '837p-ndc.claims.json'), 'utf8'));
    writeFileSync(
      input,
      JSON.stringify([good, { ...good, diagnoses: [], lines: [{ ...good.lines[0], chargeCents: 12.5 }] }]),
    );
    const io = capture();
    const code = await main(['node', 'superbill', 'x12', '837', input]);
    expect(code).toBe(1);
    expect(io.err()).toContain('claims[1].diagnoses');
    expect(io.err()).toContain('claims[1].lines[0].chargeCents: must be whole cents');
  });

  it('refuses to write when the 837 rules fail, listing the problems', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'x12-837-'));
    const input = join(dir, 'claims.json');
    const [good] = JSON.parse(readFileSync(join(GOLDEN, '837p-ndc.claims.json'), 'utf8'));
    writeFileSync(input, JSON.stringify([{ ...good, frequencyCode: '8' }]));
    const io = capture();
    const code = await main(['node', 'superbill', 'x12', '837', input, '--out', join(dir, 'never.x12')]);
    expect(code).toBe(1);
    expect(io.err()).toContain('The 837 was not written: 1 error(s) in 1 claim(s).');
    expect(io.err()).toContain('claims[0].originalClaimNumber: A void (8) claim needs');
  });
});
