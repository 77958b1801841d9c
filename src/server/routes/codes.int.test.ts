/**
 * /api/codes routes, in-process with app.inject() on a Fastify app holding only these routes (the
 * lead registers them in buildApp; this test maps AppError like buildApp does).
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../model/errors.js';
import { registerCodesRoutes } from './codes.js';

let app: FastifyInstance;
const savedHome = process.env.SUPERBILL_HOME;

beforeAll(async () => {
  // No imported CPT file: the routes must work on the committed data alone.
  process.env.SUPERBILL_HOME = '/nonexistent-superbill-home-for-tests';
  app = Fastify();
  app.setErrorHandler((error, _req, reply) => {
    if (isAppError(error))
      return reply
        .status(error.status)
        .send({ error: error.code, message: error.message, problems: error.problems });
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    return reply
      .status(status)
      .send({ error: 'validation', message: (error as Error).message, problems: [] });
  });
  registerCodesRoutes(app);
  await app.ready();
});
afterAll(async () => {
  await app.close();
  if (savedHome === undefined) delete process.env.SUPERBILL_HOME;
  else process.env.SUPERBILL_HOME = savedHome;
});

describe('GET /api/codes/:system/:code', () => {
  it('returns a code with parent, children and validity on the date', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/codes/icd-10-cm/e1140?date=2026-03-01' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      code: string;
      entry: { billable: boolean };
      parent: { code: string };
      validation: { valid: boolean };
    }>();
    expect(body.code).toBe('E11.40');
    expect(body.entry.billable).toBe(true);
    expect(body.parent.code).toBe('E11.4');
    expect(body.validation.valid).toBe(true);
  });

  it('404 with the reason for an unknown code, 400 for a bad system or date', async () => {
    const unknown = await app.inject({ method: 'GET', url: '/api/codes/any/E11.99' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ message: string }>().message).toContain('E11.99 is not an ICD-10-CM code');
    expect((await app.inject({ method: 'GET', url: '/api/codes/snomed/123' })).statusCode).toBe(400);
    expect(
      (await app.inject({ method: 'GET', url: '/api/codes/icd-10-cm/I10?date=2026-02-30' })).statusCode,
    ).toBe(400);
  });

  it('returns a code of a code list', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/codes/lists/carc/45' });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ entry: { description: string } }>().entry.description).toMatch(/fee schedule/i);
  });
});

describe('POST /api/codes/validate', () => {
  it('explains each code', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/codes/validate',
      payload: { codes: ['E11', 'E78.01', 'I10'], date: '2026-03-01' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ valid: boolean; results: { valid: boolean; problems: { code: string }[] }[] }>();
    expect(body.valid).toBe(false);
    expect(body.results.map((r) => r.problems.map((p) => p.code))).toEqual([
      ['code.header'],
      ['code.deleted'],
      [],
    ]);
  });

  it('400 for a body without codes', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/codes/validate',
      payload: { date: '2026-03-01' },
    });
    expect(res.statusCode).toBe(400);
  });
});
