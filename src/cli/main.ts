/**
 * The `superbill` command line. Each command group lives in its own file under `commands/` and is
 * registered here; commands print JSON with `--json` and plain text otherwise.
 */
import { Command, CommanderError } from 'commander';
import { isAppError } from '../model/errors.js';
import { registerClaimsCommands } from './commands/claims.js';
import { registerClearinghouseCommands } from './commands/clearinghouse.js';
import { registerCodesCommands } from './commands/codes.js';
import { registerDbCommands } from './commands/db.js';
import { registerDemoCommands } from './commands/demo.js';
import { registerServeCommand } from './commands/serve.js';
import { registerX12Commands } from './commands/x12.js';

/** Each command group adds itself to the program. Keep this list in the order of `--help`. */
const COMMAND_GROUPS: readonly ((program: Command) => void)[] = [
  registerCodesCommands,
  registerX12Commands,
  registerClaimsCommands,
  registerClearinghouseCommands,
  registerDbCommands,
  registerDemoCommands,
  registerServeCommand,
];

/** Builds the program (exported for tests, which call it in-process). */
export function buildProgram(): Command {
  const program = new Command('superbill')
    .description('Superbill: medical coding and billing (ICD-10-CM, HCPCS, CPT, X12 837/835, ledger).')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError();
  for (const register of COMMAND_GROUPS) register(program);
  return program;
}

/** Runs the CLI; returns the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    if (isAppError(e)) {
      process.stderr.write(`error: ${e.message}\n`);
      for (const p of e.problems) process.stderr.write(`  - ${p.path ? `${p.path}: ` : ''}${p.message}\n`);
      return 1;
    }
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
