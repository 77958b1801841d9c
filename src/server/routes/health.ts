import type { FastifyInstance } from 'fastify';

/** `GET /api/health`: liveness. */
export function registerHealthRoutes(app: FastifyInstance): void {
  app.get(
    '/api/health',
    {
      schema: {
        summary: 'Liveness check',
        response: { 200: { type: 'object', properties: { status: { type: 'string' } } } },
      },
    },
    () => ({ status: 'ok' }),
  );
}
