import type { Command } from 'commander';
import { registerX12ReadCommands } from './x12-read.js';
import { registerX12WriteCommands } from './x12-write.js';

/** `superbill x12 …`: parse, validate, 837. */
export function registerX12Commands(program: Command): void {
  const x12 = program.command('x12').description('ASC X12 005010: read, validate and write EDI files.');
  registerX12ReadCommands(x12);
  registerX12WriteCommands(x12);
}
