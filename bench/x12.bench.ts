/**
 * 835 reading benchmark: Superbill's streaming 835 reader (typed remittances with balancing) against
 * x12-parser 1.3 (streaming segments) and node-x12 1.7 (`parse()` of the whole text), plus a bare
 * byte scan that only counts segment terminators (the floor), on generated balanced 835s of 1, 10
 * and 100 MB with and without a newline after each segment.
 *
 * Each measurement runs in its own child process (this file re-invoked with `--child`), so peak RSS
 * is that reader's alone and a peer that runs out of memory cannot take the run down. node-x12's
 * `parse()` keeps the whole interchange in memory and ran out of memory on 100 MB: it runs with a
 * 2 GB heap cap and only up to 10 MB. Generated files live in a temp dir, never in the repo.
 * `X12_BENCH_SIZES=1,10` limits the sizes.
 *
 * Each child reads its file twice: the first (cold) pass is the headline figure and includes JIT
 * warm-up; the second (warm) pass, in the same process, is the steady-state speed a long-running
 * server reaches. Both are reported for every reader (node-x12 only cold: it needs 650 MB per pass).
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { report } from './report.js';

const here = dirname(fileURLToPath(import.meta.url));
const IMPLS = ['superbill', 'byte-scan', 'x12-parser', 'node-x12'] as const;
type Impl = (typeof IMPLS)[number];

interface PassResult {
  seconds: number;
  cpuSeconds: number;
  claims: number;
  segments: number;
  ok: boolean;
  note?: string;
}

interface ChildResult extends PassResult {
  maxRssMb: number;
  /** The second pass over the same file in the same process (steady state). */
  warm?: PassResult;
}

async function runChild(impl: Impl, file: string): Promise<ChildResult> {
  // Load the code first: module loading (and tsx compiling TypeScript) is not reading speed.
  await import('../src/x12/835-005010x221a1/reader.js');
  await import('x12-parser');
  await import('node-x12');
  const cold = await onePass(impl, file);
  const warm = impl === 'node-x12' ? undefined : await onePass(impl, file);
  return { ...cold, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), ...(warm ? { warm } : {}) };
}

async function onePass(impl: Impl, file: string): Promise<PassResult> {
  const { Remittance835Reader } = await import('../src/x12/835-005010x221a1/reader.js');
  const { X12parser } = await import('x12-parser');
  const { X12Parser } = await import('node-x12');
  const started = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  let claims = 0;
  let segments = 0;
  let note: string | undefined;
  if (impl === 'superbill') {
    const reader = new Remittance835Reader();
    let imbalanced = 0;
    for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>) {
      for (const p of reader.write(chunk)) {
        claims += p.claims.length;
        if (!p.balance.balanced) imbalanced++;
      }
    }
    for (const p of reader.end()) claims += p.claims.length;
    segments = reader.stats.segments;
    if (reader.diagnostics.length > 0 || reader.imbalances.length > 0 || imbalanced > 0) note = `unexpected: ${reader.diagnostics.length} diagnostics, ${reader.imbalances.length} imbalances`;
  } else if (impl === 'byte-scan') {
    for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
      for (let i = chunk.indexOf(126); i >= 0; i = chunk.indexOf(126, i + 1)) segments++;
    }
  } else if (impl === 'x12-parser') {
    const parser = new X12parser();
    parser.on('data', (seg: { name: string }) => {
      segments++;
      if (seg.name === 'CLP') claims++;
    });
    createReadStream(file).pipe(parser);
    await once(parser, 'end');
  } else {
    const text = readFileSync(file, 'utf8');
    const interchange = new X12Parser(false).parse(text) as { functionalGroups: { transactions: { segments: { tag: string }[] }[] }[] };
    for (const g of interchange.functionalGroups) {
      for (const t of g.transactions) {
        for (const s of t.segments) {
          segments++;
          if (s.tag === 'CLP') claims++;
        }
      }
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, claims, segments, ok: note === undefined, ...(note ? { note } : {}) };
}

async function generateFile(dir: string, mb: number, lineBreak: string): Promise<{ file: string; claims: number }> {
  const { generate835Chunks } = await import('../src/x12/testing/generate-835.js');
  const file = join(dir, `gen-${mb}mb${lineBreak ? '-lf' : ''}.835`);
  const out = createWriteStream(file);
  const totals = { transactions: 0, claims: 0, lines: 0, bytes: 0 };
  for (const chunk of generate835Chunks({ targetBytes: mb * 1_000_000, lineBreak, seed: 835 + mb }, totals)) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { file, claims: totals.claims };
}

async function parent(): Promise<void> {
  const sizes = (process.env.X12_BENCH_SIZES ?? '1,10,100').split(',').map(Number).filter((n) => n > 0);
  const dir = mkdtempSync(join(tmpdir(), 'superbill-x12-bench-'));
  const runner = join(here, '..', 'bin', 'run-ts.js');
  try {
    for (const mb of sizes) {
      for (const lineBreak of ['', '\n']) {
        const { file, claims } = await generateFile(dir, mb, lineBreak);
        const bytes = statSync(file).size;
        const layout = lineBreak ? 'newline' : 'single-line';
        const results: Partial<Record<Impl, ChildResult>> = {};
        for (const impl of IMPLS) {
          const base = { bench: 'x12.835-read', impl, sizeMb: mb, layout, fileBytes: bytes };
          if (impl === 'node-x12' && mb > 10) {
            report({ ...base, metric: 'skipped', value: 0, unit: '', note: 'node-x12 parse() keeps the whole interchange in memory and ran out of memory on 100 MB; skipped above 10 MB' });
            continue;
          }
          const heap = impl === 'node-x12' ? ['--max-old-space-size=2048'] : [];
          const r = spawnSync(process.execPath, [...heap, runner, fileURLToPath(import.meta.url), '--child', impl, file], { encoding: 'utf8', maxBuffer: 1024 * 1024 });
          const line = r.stdout.trim().split('\n').pop() ?? '';
          if (r.status !== 0 || !line.startsWith('{')) {
            report({ ...base, metric: 'failed', value: 0, unit: '', note: `exit ${r.status ?? r.signal}: ${r.stderr.slice(-300)}` });
            continue;
          }
          const c = JSON.parse(line) as ChildResult;
          results[impl] = c;
          const mbps = bytes / 1e6 / c.seconds;
          // cpuMbPerS divides by the process's CPU time: steadier than wall time on a shared machine.
          report({ ...base, metric: 'throughput', value: Math.round(mbps * 10) / 10, unit: 'MB/s', cpuMbPerS: Math.round((bytes / 1e6 / c.cpuSeconds) * 10) / 10, loadAverage: Math.round(loadavg()[0]! * 10) / 10 });
          if (c.warm) {
            report({ ...base, metric: 'throughput_warm', value: Math.round((bytes / 1e6 / c.warm.seconds) * 10) / 10, unit: 'MB/s', cpuMbPerS: Math.round((bytes / 1e6 / c.warm.cpuSeconds) * 10) / 10, note: 'second pass in the same process' });
            if (!c.warm.ok) report({ ...base, metric: 'warning', value: 0, unit: '', note: c.warm.note });
          }
          if (impl !== 'byte-scan') report({ ...base, metric: 'claims_per_s', value: Math.round(c.claims / c.seconds), unit: 'claims/s', claims: c.claims, expectedClaims: claims });
          report({ ...base, metric: 'peak_rss', value: c.maxRssMb, unit: 'MB' });
          if (!c.ok) report({ ...base, metric: 'warning', value: 0, unit: '', note: c.note });
        }
        const ours = results.superbill;
        for (const peer of ['x12-parser', 'node-x12'] as const) {
          const p = results[peer];
          if (!ours || !p) continue;
          report({ bench: 'x12.835-read', metric: `speedup_vs_${peer}`, value: Math.round((p.seconds / ours.seconds) * 10) / 10, unit: 'x', sizeMb: mb, layout });
          // By CPU time: on a shared machine the wall-clock ratio mostly measures who got the cores.
          report({ bench: 'x12.835-read', metric: `cpu_speedup_vs_${peer}`, value: Math.round((p.cpuSeconds / ours.cpuSeconds) * 10) / 10, unit: 'x', sizeMb: mb, layout });
          if (ours.warm && p.warm) report({ bench: 'x12.835-read', metric: `cpu_speedup_vs_${peer}_warm`, value: Math.round((p.warm.cpuSeconds / ours.warm.cpuSeconds) * 10) / 10, unit: 'x', sizeMb: mb, layout });
        }
        rmSync(file, { force: true });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  const impl = process.argv[3] as Impl;
  const file = process.argv[4]!;
  const r = await runChild(impl, file);
  process.stdout.write(`${JSON.stringify(r)}\n`);
} else {
  await parent();
}
