/**
 * Code look-up and validation over HTTP:
 *   GET  /api/codes/:system/:code?date=YYYY-MM-DD   one code (system: icd-10-cm, hcpcs, cpt, or any)
 *   GET  /api/codes/lists/:list/:code               one code of a code list (carc, rarc, place-of-service …)
 *   POST /api/codes/validate {codes, date, system?} validity of codes on a date of service
 * The code sets are loaded once per process (getCodeSets) and shared by every request.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CODE_LISTS, isCodeListName } from '../../codes/code-sets.js';
import { getCodeSets } from '../../codes/load.js';
import type { CodeSystem } from '../../codes/model.js';
import { CODE_SYSTEMS } from '../../codes/model.js';
import { showCode, showListCode } from '../../codes/show-code.js';
import { validateCode } from '../../codes/validate.js';
import { isCalendarDate, today } from '../../model/dates.js';
import { AppError } from '../../model/errors.js';

const dateSchema = z.string().refine(isCalendarDate, { error: 'must be a calendar date YYYY-MM-DD' });

/** "icd-10-cm", "ICD10CM", "hcpcs", "any" → a CodeSystem (undefined = detect from the shape). */
function systemParam(value: string): CodeSystem | undefined {
  const squeezed = value.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (squeezed === 'any' || squeezed === 'auto') return undefined;
  const match = CODE_SYSTEMS.find((s) => s.toLowerCase().replace(/[^a-z0-9]/g, '') === squeezed);
  if (match === undefined)
    throw new AppError(
      'validation',
      `Unknown code system "${value}": use one of ${CODE_SYSTEMS.join(', ')} or any.`,
    );
  return match;
}

const validateBody = z.object({
  codes: z.array(z.string()).min(1).max(1000),
  date: dateSchema.optional(),
  system: z.string().optional(),
});

const problemSchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    severity: { type: 'string' },
    code: { type: 'string' },
    message: { type: 'string' },
    path: { type: 'string' },
  },
};
const errorSchema = {
  type: 'object',
  properties: {
    error: { type: 'string' },
    message: { type: 'string' },
    problems: { type: 'array', items: problemSchema },
  },
};
const validationSchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    input: { type: 'string' },
    system: { type: 'string' },
    code: { type: 'string' },
    dateOfService: { type: 'string' },
    valid: { type: 'boolean' },
    summary: { type: 'string' },
    problems: { type: 'array', items: problemSchema },
  },
};

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new AppError(
      'validation',
      `The ${what} is not valid.`,
      r.error.issues.map((i) => ({
        severity: 'error' as const,
        code: 'request.invalid',
        message: i.message,
        path: i.path.join('.'),
      })),
    );
  }
  return r.data;
}

/** Registers the /api/codes routes. */
export function registerCodesRoutes(app: FastifyInstance): void {
  app.get(
    '/api/codes/lists/:list/:code',
    {
      schema: {
        summary: `One code of a code list (${CODE_LISTS.join(', ')})`,
        params: {
          type: 'object',
          properties: { list: { type: 'string' }, code: { type: 'string' } },
          required: ['list', 'code'],
        },
        response: { 200: { type: 'object', additionalProperties: true }, 400: errorSchema, 404: errorSchema },
      },
    },
    (req) => {
      const { list, code } = req.params as { list: string; code: string };
      if (!isCodeListName(list))
        throw new AppError('validation', `Unknown code list "${list}": use one of ${CODE_LISTS.join(', ')}.`);
      const found = showListCode(getCodeSets(), list, code);
      if (found === undefined)
        throw new AppError('not_found', `${code} is not in the ${list} list Superbill has.`);
      return found;
    },
  );

  app.get(
    '/api/codes/:system/:code',
    {
      schema: {
        summary:
          'Look up a code: descriptions, billable or header, parent, children, versions, validity on a date',
        params: {
          type: 'object',
          properties: { system: { type: 'string' }, code: { type: 'string' } },
          required: ['system', 'code'],
        },
        querystring: {
          type: 'object',
          properties: { date: { type: 'string', description: 'date of service YYYY-MM-DD' } },
        },
        response: {
          200: {
            type: 'object',
            additionalProperties: true,
            properties: {
              system: { type: 'string' },
              code: { type: 'string' },
              entry: { type: 'object', additionalProperties: true },
              versions: { type: 'array', items: { type: 'object', additionalProperties: true } },
              children: { type: 'array', items: { type: 'object', additionalProperties: true } },
              validation: validationSchema,
            },
          },
          400: errorSchema,
          404: errorSchema,
        },
      },
    },
    (req) => {
      const { system: sys, code } = req.params as { system: string; code: string };
      const query = parseOrThrow(z.object({ date: dateSchema.optional() }), req.query, 'query');
      // Without a date: the version, children and validity as of today.
      const date = query.date ?? today();
      const system = systemParam(sys);
      const codeSets = getCodeSets();
      const details = showCode(codeSets, code, {
        ...(system ? { system } : {}),
        dateOfService: date,
      });
      if (details === undefined) {
        const why = validateCode(codeSets, code, {
          ...(system ? { system } : {}),
          dateOfService: date,
        });
        throw new AppError('not_found', why.summary, why.problems);
      }
      return details;
    },
  );

  app.post(
    '/api/codes/validate',
    {
      schema: {
        summary: 'Validate codes on a date of service (default today); each result explains the code',
        body: {
          type: 'object',
          properties: {
            codes: { type: 'array', items: { type: 'string' } },
            date: { type: 'string', description: 'date of service YYYY-MM-DD' },
            system: {
              type: 'string',
              description: `${CODE_SYSTEMS.join(', ')}; detected from each code when absent`,
            },
          },
          required: ['codes'],
        },
        response: {
          200: {
            type: 'object',
            properties: {
              date: { type: 'string' },
              valid: { type: 'boolean' },
              results: { type: 'array', items: validationSchema },
            },
          },
          400: errorSchema,
        },
      },
    },
    (req) => {
      const body = parseOrThrow(validateBody, req.body, 'request body');
      const system = body.system !== undefined ? systemParam(body.system) : undefined;
      const date = body.date ?? today();
      const codeSets = getCodeSets();
      const results = body.codes.map((c) =>
        validateCode(codeSets, c, { ...(system ? { system } : {}), dateOfService: date }),
      );
      return { date, valid: results.every((r) => r.valid), results };
    },
  );
}
