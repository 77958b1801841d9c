/**
 * GET /api/codes/search, in-process with app.inject(). Until the route is registered in app.ts the
 * test mounts it on a bare Fastify app with the same AppError → status mapping.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../model/errors.js';
import { registerCodesSearchRoutes } from './codes-search.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify();
  app.setErrorHandler((error, _req, reply) => {
    if (isAppError(error))
      return reply
        .status(error.status)
        .send({ error: error.code, message: error.message, problems: error.problems });
    const status = (error as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500)
      return reply.status(status).send({ error: 'validation', message: (error as Error).message });
    return reply.status(500).send({ error: 'internal', message: String(error) });
  });
  registerCodesSearchRoutes(app);
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

interface Body {
  query: string;
  date: string;
  results: { system: string; code: string; billable: boolean; matchedBy: string; matchedText: string }[];
}

describe('GET /api/codes/search', () => {
  it('finds E11.40 for the issue example, with why it matched', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/codes/search',
      query: { q: 'type 2 diabetes with neuropathy', limit: '5' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<Body>();
    const hit = body.results.find((r) => r.code === 'E11.40');
    expect(hit).toMatchObject({ system: 'ICD-10-CM', billable: true, matchedBy: 'index-term' });
    expect(body.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('filters by system, billable and date', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/codes/search',
      query: { q: 'wheelchair', system: 'hcpcs', billable: 'true', date: '2026-03-01' },
    });
    const body = res.json<Body>();
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results.every((r) => r.system === 'HCPCS' && r.billable)).toBe(true);
    const anyDate = await app.inject({
      method: 'GET',
      url: '/api/codes/search',
      query: { q: 'E78.01', date: 'any', limit: '1' },
    });
    expect(anyDate.json<Body>().results[0]?.code).toBe('E78.01');
  });

  it('answers 400 with a plain message for a missing query, a bad date or an unknown system', async () => {
    const missing = await app.inject({ method: 'GET', url: '/api/codes/search' });
    expect(missing.statusCode).toBe(400);
    const badDate = await app.inject({
      method: 'GET',
      url: '/api/codes/search',
      query: { q: 'asthma', date: '2026-13-01' },
    });
    expect(badDate.statusCode).toBe(400);
    expect(JSON.stringify(badDate.json())).toContain('calendar date');
    const badSystem = await app.inject({
      method: 'GET',
      url: '/api/codes/search',
      query: { q: 'asthma', system: 'loinc' },
    });
    expect(badSystem.statusCode).toBe(400);
    expect(badSystem.json<{ message: string }>().message).toContain('Unknown code system "loinc"');
  });
});
