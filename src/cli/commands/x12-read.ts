import type { Command } from 'commander';

/** `x12 parse|validate` (being built: issue 4). */
export function registerX12ReadCommands(_x12: Command): void {}
