import type { Command } from 'commander';
import { registerCodesLookupCommands } from './codes-lookup.js';
import { registerCodesSearchCommand } from './codes-search.js';

/** `superbill codes …`: search, show, validate, import-cpt. */
export function registerCodesCommands(program: Command): void {
  const codes = program.command('codes').description('ICD-10-CM, HCPCS Level II and CPT: search, show, validate, import.');
  registerCodesSearchCommand(codes);
  registerCodesLookupCommands(codes);
}
