import type { Problem } from './problem.js';

/**
 * One error catalog (GUIDE §3): every error the product raises has a stable code, an HTTP status and
 * a user-safe message. The internal detail (stack, SQL) never reaches the user or the logs with PHI.
 */
export const ERROR_CATALOG = {
  validation: { status: 400, message: 'The request is not valid.' },
  not_found: { status: 404, message: 'Not found.' },
  conflict: { status: 409, message: 'The change conflicts with the current state.' },
  business_rule: { status: 422, message: 'The change breaks a business rule.' },
  forbidden: { status: 403, message: 'You are not allowed to do this.' },
  unauthenticated: { status: 401, message: 'Sign in first.' },
  bad_input: { status: 400, message: 'The input could not be read.' },
  internal: { status: 500, message: 'Something went wrong on our side.' },
} as const;
export type ErrorCode = keyof typeof ERROR_CATALOG;

/** An error that carries a catalog code and the list of problems behind it. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly problems: readonly Problem[];

  constructor(code: ErrorCode, message?: string, problems: readonly Problem[] = [], options?: ErrorOptions) {
    super(message ?? ERROR_CATALOG[code].message, options);
    this.name = 'AppError';
    this.code = code;
    this.problems = problems;
  }

  /** The HTTP status for this error. */
  get status(): number {
    return ERROR_CATALOG[this.code].status;
  }
}

/** True when `e` is an AppError. */
export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
