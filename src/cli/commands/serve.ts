import type { Command } from 'commander';
import { startServer } from '../../server/main.js';

/** `superbill serve`: the HTTP API (and later the web app). `npm start` runs it. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Start the HTTP API on HOST:PORT (default 127.0.0.1:3000); OpenAPI at /api/docs.')
    .option('--port <port>', 'port to listen on (env PORT)', process.env['PORT'] ?? '3000')
    .option('--host <host>', 'address to bind (env HOST)', process.env['HOST'] ?? '127.0.0.1')
    .option('--demo', 'create the demo practice on first start if the database is empty')
    .action(async (opts: { port: string; host: string; demo?: boolean }) => {
      await startServer({ port: Number(opts.port), host: opts.host, demo: opts.demo === true });
    });
}
