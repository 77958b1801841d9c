/**
 * `superbill codes search QUERY... [--system S] [--billable] [--date D | --any-date] [--limit N] [--json]`
 * and the scripted form `superbill codes search --batch --json --limit N`, which reads one query per
 * line on stdin and prints one JSON object per line: {"query": "...", "results": [...]}.
 */
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { getCodeSets } from '../../codes/load.js';
import type { CodeSystem } from '../../codes/model.js';
import { CODE_SYSTEMS } from '../../codes/model.js';
import { searchIndexFor } from '../../codes/search/index-cache.js';
import {
  search,
  type SearchIndex,
  type SearchOptions,
  type SearchResult,
} from '../../codes/search/search.js';
import { isCalendarDate, today } from '../../model/dates.js';
import { AppError } from '../../model/errors.js';

interface SearchCommandOptions {
  system?: string;
  billable?: boolean;
  date?: string;
  anyDate?: boolean;
  limit: string;
  json?: boolean;
  batch?: boolean;
}

/** Reads the command's options into SearchOptions; throws AppError on a bad value. */
export function searchOptionsFrom(opts: SearchCommandOptions): SearchOptions {
  const options: SearchOptions = {};
  if (opts.system !== undefined) {
    const squeezed = opts.system.toLowerCase().replace(/[^a-z0-9]/g, '');
    const system = CODE_SYSTEMS.find((s) => s.toLowerCase().replace(/[^a-z0-9]/g, '') === squeezed);
    if (system === undefined)
      throw new AppError('validation', `--system ${opts.system} is not one of ${CODE_SYSTEMS.join(', ')}.`);
    options.system = system satisfies CodeSystem;
  }
  if (opts.billable === true) options.billableOnly = true;
  if (opts.date !== undefined && opts.anyDate === true)
    throw new AppError('validation', 'Give --date or --any-date, not both.');
  if (opts.date !== undefined) {
    if (!isCalendarDate(opts.date))
      throw new AppError(
        'validation',
        `--date ${JSON.stringify(opts.date)} is not a calendar date (YYYY-MM-DD).`,
      );
    options.date = opts.date;
  } else if (opts.anyDate !== true) options.date = today();
  const limit = Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new AppError('validation', `--limit ${opts.limit} must be a whole number from 1 to 1000.`);
  options.limit = limit;
  return options;
}

/** One result as a line of text: code, system, description and why it matched. */
export function formatResult(r: SearchResult): string {
  const header = r.billable ? '' : ' (header, not billable)';
  let why: string;
  switch (r.matchedBy) {
    case 'code':
    case 'description':
      why = r.matchedBy;
      break;
    case 'index-term':
      why = `index term: ${r.matchedText}`;
      break;
    case 'synonym':
      why = `synonym ${(r.synonyms ?? []).join(', ')}: ${r.matchedText}`;
      break;
  }
  return `${r.code.padEnd(8)} ${r.system.padEnd(9)} ${r.description}${header}\n${' '.repeat(18)}matched by ${why}\n`;
}

/** Runs one query per input line and writes one JSON line per query (blank lines are skipped). */
export async function runBatch(
  index: SearchIndex,
  lines: AsyncIterable<string>,
  options: SearchOptions,
  write: (text: string) => void,
): Promise<number> {
  let count = 0;
  for await (const line of lines) {
    const query = line.trim();
    if (query === '') continue;
    write(`${JSON.stringify({ query, results: search(index, query, options) })}\n`);
    count += 1;
  }
  return count;
}

/** `codes search`. */
export function registerCodesSearchCommand(codes: Command): void {
  codes
    .command('search')
    .description(
      'Search codes by code prefix or by words in any order (typos, plurals, abbreviations such as HTN, CHF, DM2).',
    )
    .argument('[query...]', 'words or a code prefix (E11.4, e114, J18, 9921)')
    .option('--system <system>', `only one code system (${CODE_SYSTEMS.join(', ')})`)
    .option('--billable', 'only billable codes (no ICD-10-CM categories or subcategories)')
    .option('--date <date>', 'only codes valid on this date of service YYYY-MM-DD (default: today)')
    .option('--any-date', 'codes of every release, whatever their dates')
    .option('--limit <n>', 'how many results per query', '10')
    .option('--json', 'print JSON')
    .option('--batch', 'read one query per line on stdin; print one JSON object per line')
    .action(async (words: string[], opts: SearchCommandOptions) => {
      const options = searchOptionsFrom(opts);
      if (opts.batch === true) {
        if (words.length > 0)
          throw new AppError(
            'validation',
            'With --batch the queries come from stdin, one per line: give no query words.',
          );
        const index = searchIndexFor(getCodeSets());
        const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
        await runBatch(index, lines, options, (text) => process.stdout.write(text));
        return;
      }
      const query = words.join(' ').trim();
      if (query === '')
        throw new AppError(
          'validation',
          'Give a query: words (type 2 diabetes with neuropathy) or a code prefix (E11.4).',
        );
      const results = search(searchIndexFor(getCodeSets()), query, options);
      if (opts.json === true) {
        process.stdout.write(`${JSON.stringify({ query, results }, null, 2)}\n`);
        return;
      }
      if (results.length === 0) {
        process.stdout.write(
          `No codes match "${query}"${options.date !== undefined ? ` on ${options.date}` : ''}.\n`,
        );
        return;
      }
      process.stdout.write(results.map(formatResult).join(''));
    });
}
