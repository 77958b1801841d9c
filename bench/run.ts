/**
 * `npm run bench`: runs every benchmark file in its own Node.js process (so load time and RSS are
 * measured cold) and prints their results as JSON lines on stdout, one object per figure:
 *   {"bench":"codes.search","metric":"p99","value":0.41,"unit":"ms", ...}
 * Pass names to run a subset: `npm run bench -- codes x12`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
let failed = 0;
for (const file of files) {
  process.stderr.write(`bench: ${file}\n`);
  const runner = join(here, '..', 'bin', 'run-ts.js');
  if (!existsSync(runner)) throw new Error('bin/run-ts.js is missing');
  const r = spawnSync(process.execPath, ['--expose-gc', runner, join(here, file)], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    failed += 1;
    process.stdout.write(`${JSON.stringify({ bench: file, error: `exit ${r.status ?? r.signal}` })}\n`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
