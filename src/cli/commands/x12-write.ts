import type { Command } from 'commander';

/** `x12 837` (being built: issue 4). */
export function registerX12WriteCommands(_x12: Command): void {}
