/**
 * The HTTP API. `buildApp()` never listens (GUIDE §12): tests call `app.inject()`, `main.ts` listens.
 * Routes are thin: each file under `routes/` validates input with zod and calls a use case.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import { AppError, ERROR_CATALOG, isAppError } from '../model/errors.js';
import { registerCodesSearchRoutes } from './routes/codes-search.js';
import { registerCodesRoutes } from './routes/codes.js';
import { registerHealthRoutes } from './routes/health.js';

export interface AppOptions {
  /** Log requests (never bodies: they carry PHI). Off in tests. */
  logger?: boolean;
}

/** Route groups, each in its own file. */
const ROUTE_GROUPS: readonly ((app: FastifyInstance) => void)[] = [
  registerHealthRoutes,
  registerCodesSearchRoutes,
  registerCodesRoutes,
];

/** Builds the Fastify app with every route registered; does not listen. */
export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === true ? { level: 'info', redact: ['req.headers.authorization'] } : false,
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Superbill API', version: '0.1.0', description: 'Medical coding and billing.' },
    },
  });
  app.setErrorHandler((error, _req, reply) => {
    if (isAppError(error)) {
      return reply.status(error.status).send({ error: error.code, message: error.message, problems: error.problems });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return reply.status(status).send({ error: 'validation', message: (error as Error).message, problems: [] });
    }
    app.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: 'internal', message: ERROR_CATALOG.internal.message, problems: [] });
  });
  for (const register of ROUTE_GROUPS) register(app);
  app.get('/api/docs', { schema: { hide: true } }, () => app.swagger());
  await app.ready();
  return app;
}

export { AppError };
