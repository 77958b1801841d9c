/**
 * Input validation for services: zod checks the shape, src/model/identifiers.ts the identifiers, and
 * every problem is collected before a single AppError 'validation' reports them all (GUIDE §2).
 */
import { z } from 'zod';
import { isCalendarDate } from '../model/dates.js';
import { AppError } from '../model/errors.js';
import { hasErrors } from '../model/problem.js';
import type { Problem } from '../model/problem.js';

/** Problems for a failed zod parse, with paths like `address.zip`. */
export function zodProblems(error: z.ZodError, prefix = ''): Problem[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))]
      .filter((p) => p !== '')
      .join('.')
      .replaceAll('.[', '[');
    return {
      severity: 'error',
      code: 'input.invalid',
      message: `${path || 'input'}: ${issue.message}`,
      path,
    };
  });
}

/** Parses `input` with `schema`, or returns the problems. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix = '',
): { ok: true; value: z.output<S> } | { ok: false; problems: Problem[] } {
  const result = schema.safeParse(input);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, problems: zodProblems(result.error, prefix) };
}

/** Throws AppError 'validation' carrying every problem when any of them is an error. */
export function throwIfInvalid(problems: readonly Problem[], what: string): void {
  if (hasErrors(problems)) {
    const count = problems.filter((p) => p.severity === 'error').length;
    throw new AppError('validation', `The ${what} has ${count} problem${count === 1 ? '' : 's'}.`, problems);
  }
}

/** Parses `input` with `schema`, runs `check` on the parsed value, and throws all problems at once. */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
  check: (value: z.output<S>) => Problem[] = () => [],
): z.output<S> {
  const parsed = parseWith(schema, input);
  if (!parsed.ok) throwIfInvalid(parsed.problems, what);
  if (!parsed.ok) throw new Error('unreachable');
  throwIfInvalid(check(parsed.value), what);
  return parsed.value;
}

/** Throws AppError 'not_found' for a missing (or other tenant's) row: both look the same to the caller. */
export function notFound(what: string, id: number | string): AppError {
  return new AppError('not_found', `No ${what} with id ${id} in this practice.`);
}

/** A calendar date `YYYY-MM-DD` that exists. */
export const calendarDateSchema = z
  .string()
  .refine(isCalendarDate, { error: 'must be a real date in YYYY-MM-DD form' });

/** A problem when a period ends before it begins. */
export function checkPeriod(from: string, to: string | undefined, path: string): Problem[] {
  return to !== undefined && to < from
    ? [{ severity: 'error', code: 'period.order', path, message: 'The period ends before it begins.' }]
    : [];
}

/** Problems for code + modifier pairs listed twice in a rate or fee list. */
export function checkUniqueCodes(
  rows: readonly { procedureCode: string; modifier: string }[],
  path: string,
): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  rows.forEach((r, i) => {
    const key = r.modifier === '' ? r.procedureCode : `${r.procedureCode}-${r.modifier}`;
    if (seen.has(key)) {
      problems.push({
        severity: 'error',
        code: 'rates.duplicate',
        path: `${path}[${i}]`,
        message: `${key} is listed twice.`,
      });
    }
    seen.add(key);
  });
  return problems;
}
