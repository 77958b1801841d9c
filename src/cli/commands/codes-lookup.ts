import type { Command } from 'commander';

/** `codes show|validate|import-cpt` (being built: issue 2). */
export function registerCodesLookupCommands(_codes: Command): void {}
