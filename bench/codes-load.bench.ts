/**
 * Cold load of every code set (ICD-10-CM FY2025–FY2027, index terms, HCPCS, CPT numbers; the code lists
 * load on first use) from data/codes/: wall time, CPU time and memory, alone and followed by the build
 * of the code search index (what `superbill codes search` and the HTTP search route do first).
 * Targets (issue 2): full load ≤ 1 s and ≤ 150 MB RSS.
 *
 * Figures come from fresh plain `node` processes (the TypeScript is bundled with esbuild, which tsx
 * ships, into bench/out/): the tsx loader alone adds ≈ 35 MB of RSS to any process, so the in-process
 * figures of this bench file (`under: "tsx"`) are printed too, for comparison.
 *
 *   node bin/run-ts.js bench/codes-load.bench.ts
 *
 * `rss` is the resident set size just after the step; `max_rss` the process's peak; `heap_used_after_gc`
 * and `external_after_gc` what stays live (global.gc is exposed to the bench processes only).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCodeSets } from '../src/codes/load.js';
import { searchIndexFor } from '../src/codes/search/index-cache.js';
import { report, rssMb } from './report.js';

const bench = 'codes.load';
const here = dirname(fileURLToPath(import.meta.url));
const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
const cpuMs = (u: NodeJS.CpuUsage): number => Math.round((u.user + u.system) / 1000);

interface Measure {
  load_ms: number;
  load_cpu_ms: number;
  rss_before: number;
  rss_after_load: number;
  index_ms?: number;
  index_cpu_ms?: number;
  rss_after_index?: number;
  max_rss: number;
  heap_used_after_gc: number;
  external_after_gc: number;
  entries: number;
  index_terms: number;
}

/** One cold load (and optionally the search index build) in this process. */
function measure(dataDir: string | undefined, withIndex: boolean): Measure {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = rssMb();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const codeSets = loadCodeSets({ cptFile: null, ...(dataDir !== undefined ? { dataDir } : {}) });
  const loadMs = performance.now() - t0;
  const loadCpu = process.cpuUsage(c0);
  const m: Measure = {
    load_ms: Math.round(loadMs),
    load_cpu_ms: cpuMs(loadCpu),
    rss_before: before,
    rss_after_load: rssMb(),
    max_rss: 0,
    heap_used_after_gc: 0,
    external_after_gc: 0,
    entries: 0,
    index_terms: 0,
  };
  if (withIndex) {
    const c1 = process.cpuUsage();
    const t1 = performance.now();
    searchIndexFor(codeSets);
    m.index_ms = Math.round(performance.now() - t1);
    m.index_cpu_ms = cpuMs(process.cpuUsage(c1));
    m.rss_after_index = rssMb();
  }
  m.max_rss = mb(process.resourceUsage().maxRSS * 1024);
  gc?.();
  const mem = process.memoryUsage();
  m.heap_used_after_gc = mb(mem.heapUsed);
  m.external_after_gc = mb(mem.external);
  m.entries = codeSets.entries().length;
  m.index_terms = codeSets.indexTerms().length;
  return m;
}

const child = process.argv.indexOf('--child');
if (child >= 0) {
  // Inside the bundled copy, run by plain node: print the figures for the parent.
  const dataDir = process.argv[child + 1]!;
  process.stdout.write(`${JSON.stringify(measure(dataDir, process.argv.includes('--with-index')))}\n`);
} else {
  const outDir = join(here, 'out');
  mkdirSync(outDir, { recursive: true });
  const bundle = join(outDir, 'codes-load.bench.mjs');
  // Imported here only: the measuring processes must not load esbuild.
  const { buildSync } = await import('esbuild');
  buildSync({
    entryPoints: [fileURLToPath(import.meta.url)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: bundle,
    external: ['esbuild'],
    logLevel: 'warning',
  });
  const dataDir = join(here, '..', 'data', 'codes');
  const plain = (withIndex: boolean): Measure =>
    JSON.parse(
      execFileSync(
        process.execPath,
        ['--expose-gc', bundle, '--child', dataDir, ...(withIndex ? ['--with-index'] : [])],
        { encoding: 'utf8' },
      ),
    ) as Measure;
  const baseline = mb(
    Number(
      execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.memoryUsage().rss))'], {
        encoding: 'utf8',
      }),
    ),
  );
  const load = plain(false);
  const full = plain(true);
  const common = { under: 'node', entries: load.entries, indexTerms: load.index_terms };
  report({ bench, metric: 'load_time', value: load.load_ms, unit: 'ms', target: 1000, ...common });
  // CPU time (user + system, all threads) is steadier than wall time on a busy machine.
  report({ bench, metric: 'load_cpu_time', value: load.load_cpu_ms, unit: 'ms', ...common });
  report({ bench, metric: 'rss', value: load.rss_after_load, unit: 'MB', target: 150, ...common });
  report({ bench, metric: 'rss_node_baseline', value: baseline, unit: 'MB', under: 'node' });
  report({ bench, metric: 'heap_used_after_gc', value: load.heap_used_after_gc, unit: 'MB', ...common });
  report({ bench, metric: 'external_after_gc', value: load.external_after_gc, unit: 'MB', ...common });
  const withIndex = { under: 'node', step: 'load + search index' };
  const fullMs = full.load_ms + (full.index_ms ?? 0);
  const fullCpu = full.load_cpu_ms + (full.index_cpu_ms ?? 0);
  report({ bench, metric: 'full_load_time', value: fullMs, unit: 'ms', target: 1000, ...withIndex });
  report({ bench, metric: 'full_load_cpu_time', value: fullCpu, unit: 'ms', ...withIndex });
  report({ bench, metric: 'search_index_build_time', value: full.index_ms ?? 0, unit: 'ms', ...withIndex });
  report({
    bench,
    metric: 'search_index_build_cpu_time',
    value: full.index_cpu_ms ?? 0,
    unit: 'ms',
    ...withIndex,
  });
  report({
    bench,
    metric: 'full_rss',
    value: full.rss_after_index ?? 0,
    unit: 'MB',
    target: 150,
    ...withIndex,
  });
  report({ bench, metric: 'full_max_rss', value: full.max_rss, unit: 'MB', target: 150, ...withIndex });
  report({
    bench,
    metric: 'full_heap_used_after_gc',
    value: full.heap_used_after_gc,
    unit: 'MB',
    ...withIndex,
  });
  report({
    bench,
    metric: 'full_external_after_gc',
    value: full.external_after_gc,
    unit: 'MB',
    ...withIndex,
  });
  // The same load in this process, under the tsx loader (how bin/superbill.js runs).
  const tsx = measure(undefined, false);
  report({ bench, metric: 'load_time', value: tsx.load_ms, unit: 'ms', under: 'tsx' });
  report({ bench, metric: 'load_cpu_time', value: tsx.load_cpu_ms, unit: 'ms', under: 'tsx' });
  report({ bench, metric: 'rss', value: tsx.rss_after_load, unit: 'MB', under: 'tsx' });
  report({ bench, metric: 'rss_before', value: tsx.rss_before, unit: 'MB', under: 'tsx' });
}
