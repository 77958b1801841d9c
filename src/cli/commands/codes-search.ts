import type { Command } from 'commander';

/** `codes search` (being built: issue 2). */
export function registerCodesSearchCommand(_codes: Command): void {}
