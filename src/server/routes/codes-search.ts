/**
 * Code search over HTTP:
 *   GET /api/codes/search?q=…&system=&billable=&date=&limit=
 * q is words in any order or a code prefix; date defaults to today (codes in force); billable=true
 * keeps billable codes only. The index is built once per loaded code sets (searchIndexFor).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { getCodeSets } from '../../codes/load.js';
import { CODE_SYSTEMS } from '../../codes/model.js';
import { searchIndexFor } from '../../codes/search/index-cache.js';
import { MATCHED_BY, search, type SearchOptions } from '../../codes/search/search.js';
import { isCalendarDate, today } from '../../model/dates.js';
import { AppError } from '../../model/errors.js';

const querySchema = z.object({
  q: z.string().trim().min(1, { error: 'q is required: words or a code prefix' }).max(500),
  system: z.string().optional(),
  billable: z.enum(['true', 'false', '1', '0']).optional(),
  date: z
    .string()
    .refine((d) => d === 'any' || isCalendarDate(d), { error: 'must be a calendar date YYYY-MM-DD or "any"' })
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

const resultSchema = {
  type: 'object',
  properties: {
    system: { type: 'string', enum: [...CODE_SYSTEMS] },
    code: { type: 'string', description: 'with its dot (E11.40)' },
    description: { type: 'string' },
    billable: { type: 'boolean' },
    score: { type: 'number' },
    matchedBy: { type: 'string', enum: [...MATCHED_BY] },
    matchedText: { type: 'string' },
    synonyms: { type: 'array', items: { type: 'string' } },
  },
};

/** `GET /api/codes/search`. */
export function registerCodesSearchRoutes(app: FastifyInstance): void {
  app.get(
    '/api/codes/search',
    {
      schema: {
        summary:
          'Search ICD-10-CM, HCPCS and CPT codes by words (typos, abbreviations, index terms) or code prefix',
        querystring: {
          type: 'object',
          properties: {
            q: { type: 'string', description: 'words in any order, or a code prefix (E11.4, e114, J18)' },
            system: {
              type: 'string',
              description: `${CODE_SYSTEMS.join(', ')} (any spelling: icd-10-cm, icd10cm)`,
            },
            billable: { type: 'string', description: 'true: billable codes only' },
            date: { type: 'string', description: 'date of service YYYY-MM-DD (default today) or "any"' },
            limit: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
          },
          required: ['q'],
        },
        response: {
          200: {
            type: 'object',
            properties: {
              query: { type: 'string' },
              date: { type: 'string' },
              results: { type: 'array', items: resultSchema },
            },
          },
        },
      },
    },
    (request) => {
      const parsed = querySchema.safeParse(request.query);
      if (!parsed.success) {
        throw new AppError(
          'validation',
          'The search query is not valid.',
          parsed.error.issues.map((i) => ({
            severity: 'error' as const,
            code: 'search.query.invalid',
            message: i.message,
            path: `query.${i.path.join('.')}`,
          })),
        );
      }
      const { q, system, billable, date, limit } = parsed.data;
      const options: SearchOptions = { limit: limit ?? 10 };
      if (system !== undefined) {
        const squeezed = system.toLowerCase().replace(/[^a-z0-9]/g, '');
        const match = CODE_SYSTEMS.find((s) => s.toLowerCase().replace(/[^a-z0-9]/g, '') === squeezed);
        if (match === undefined)
          throw new AppError(
            'validation',
            `Unknown code system "${system}": use one of ${CODE_SYSTEMS.join(', ')}.`,
          );
        options.system = match;
      }
      if (billable === 'true' || billable === '1') options.billableOnly = true;
      const on = date ?? today();
      if (on !== 'any') options.date = on;
      return { query: q, date: on, results: search(searchIndexFor(getCodeSets()), q, options) };
    },
  );
}
