/**
 * Cold load of every code set (ICD-10-CM FY2025–FY2027, index terms, HCPCS, CPT numbers, code lists)
 * from data/codes/: wall time and memory, in a fresh process (bench/run.ts starts one per file).
 * Targets (issue 2): load ≤ 1 s, ≤ 150 MB RSS. The process runs TypeScript through tsx, whose loader
 * alone takes ~40 MB of RSS; `rss_before` shows that baseline and `rss_delta` what loading adds.
 */
import { loadCodeSets } from '../src/codes/load.js';
import { report, rssMb } from './report.js';

const bench = 'codes.load';
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = rssMb();
const c0 = process.cpuUsage();
const t0 = performance.now();
const codeSets = loadCodeSets({ cptFile: null });
const ms = performance.now() - t0;
const cpu = process.cpuUsage(c0);
const after = rssMb();
gc?.();
const heap = Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10;
const entries = codeSets.entries().length;
const terms = codeSets.indexTerms().length;
report({
  bench,
  metric: 'load_time',
  value: Math.round(ms),
  unit: 'ms',
  entries,
  indexTerms: terms,
  target: 1000,
});
// CPU time (user + system, all threads) is steadier than wall time on a busy machine.
report({ bench, metric: 'load_cpu_time', value: Math.round((cpu.user + cpu.system) / 1000), unit: 'ms' });
report({ bench, metric: 'rss', value: after, unit: 'MB', target: 150 });
report({ bench, metric: 'rss_before', value: before, unit: 'MB' });
report({ bench, metric: 'rss_delta', value: Math.round((after - before) * 10) / 10, unit: 'MB' });
report({ bench, metric: 'heap_used_after_gc', value: heap, unit: 'MB' });
