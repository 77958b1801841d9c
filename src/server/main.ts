import { buildApp } from './app.js';

export interface StartOptions {
  port: number;
  host: string;
  /** Seed the demo practice when the database is empty. */
  demo: boolean;
}

/** Builds the app and listens; resolves once listening. */
export async function startServer(options: StartOptions): Promise<void> {
  const app = await buildApp({ logger: true });
  await app.listen({ port: options.port, host: options.host });
  process.stdout.write(`Superbill API on http://${options.host}:${options.port} (OpenAPI: /api/docs)\n`);
}
