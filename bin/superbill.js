#!/usr/bin/env node
// Entry point for `npx superbill`: runs the TypeScript CLI through tsx's loader so a fresh clone
// needs no build step.
import { register } from 'tsx/esm/api';

register();
// `superbill … | head` closes the pipe early: stop quietly instead of crashing on EPIPE.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
