/** Test helper: catch the AppError a service call throws, to assert its code and problems. */
import { AppError } from '../../src/model/errors.js';

/** Runs `fn` and returns the AppError it throws; fails when it throws something else or nothing. */
export async function appError(fn: () => Promise<unknown>): Promise<AppError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}
