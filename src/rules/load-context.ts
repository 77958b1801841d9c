/**
 * Builds a scrub context from the committed data (edit tables in data/edits, code sets in data/codes).
 * The only place in src/rules that touches the file system through the two loaders.
 */
import { getCodeSets } from '../codes/load.js';
import type { CalendarDate } from '../model/dates.js';
import { today as todayDate } from '../model/dates.js';
import { codeCheckerFromCodeSets } from './codes-adapter.js';
import type { ScrubContext } from './edit-family.js';
import type { PayerRule } from './payer-rules-schema.js';
import { getEditTables } from './tables/load.js';

export interface LoadScrubContextOptions {
  readonly payerRules?: readonly PayerRule[];
  /** "Today" for the future-date edits (default: the machine's date). */
  readonly today?: CalendarDate;
  /** Skip loading the code sets (code validity then reports it did not run). */
  readonly withoutCodeSets?: boolean;
}

/** Loads every table and code set the scrubber uses (once per process) into a context. */
export function loadScrubContext(options: LoadScrubContextOptions = {}): ScrubContext {
  return {
    tables: getEditTables(),
    ...(options.withoutCodeSets ? {} : { codes: codeCheckerFromCodeSets(getCodeSets()) }),
    ...(options.payerRules ? { payerRules: options.payerRules } : {}),
    today: options.today ?? todayDate(),
  };
}
