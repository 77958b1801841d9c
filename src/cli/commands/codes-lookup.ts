/**
 * `superbill codes show|validate|import-cpt`: look a code up, check codes on a date of service, and
 * import a licensed CPT descriptor file into local storage ($SUPERBILL_HOME, outside the repository).
 */
import type { Command } from 'commander';
import { isCalendarDate, today } from '../../model/dates.js';
import { AppError } from '../../model/errors.js';
import { CODE_LISTS, isCodeListName } from '../../codes/code-sets.js';
import { getCodeSets, importCptFile } from '../../codes/load.js';
import type { CodeSystem } from '../../codes/model.js';
import { CODE_SYSTEMS } from '../../codes/model.js';
import { formatCodeDetails, showCode, showListCode } from '../../codes/show-code.js';
import { validateCode } from '../../codes/validate.js';

function out(text: string): void {
  process.stdout.write(text);
}

function parseDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (isCalendarDate(value)) return value;
  // (isCalendarDate narrows string to never in the else branch: CalendarDate is a string.)
  throw new AppError('validation', `--date ${JSON.stringify(value)} is not a calendar date (YYYY-MM-DD).`);
}

function parseSystem(value: string | undefined): CodeSystem | undefined {
  if (value === undefined) return undefined;
  const match = CODE_SYSTEMS.find((s) => s.toLowerCase() === value.toLowerCase());
  if (match === undefined)
    throw new AppError('validation', `--system ${value} is not one of ${CODE_SYSTEMS.join(', ')}.`);
  return match;
}

/** `codes show|validate|import-cpt`. */
export function registerCodesLookupCommands(codes: Command): void {
  codes
    .command('show')
    .description('Show a code: descriptions, billable or header, parent, children, valid dates, release.')
    .argument('<code>', 'the code, with or without the dot (E11.40, e1140, J3490, 99213)')
    .option(
      '--date <date>',
      'date of service YYYY-MM-DD (default: today): the version in force, children and validity on it',
    )
    .option(
      '--system <system>',
      `code system (${CODE_SYSTEMS.join(', ')}); detected from the shape when absent`,
    )
    .option('--list <list>', `show a code of a code list instead (${CODE_LISTS.join(', ')})`)
    .option('--json', 'print JSON')
    .action((code: string, opts: { date?: string; system?: string; list?: string; json?: boolean }) => {
      const codeSets = getCodeSets();
      if (opts.list !== undefined) {
        if (!isCodeListName(opts.list))
          throw new AppError('validation', `--list ${opts.list} is not one of ${CODE_LISTS.join(', ')}.`);
        const found = showListCode(codeSets, opts.list, code);
        if (found === undefined)
          throw new AppError('not_found', `${code} is not in the ${opts.list} list Superbill has.`);
        if (opts.json === true) out(`${JSON.stringify(found, null, 2)}\n`);
        else {
          const e = found.entry;
          out(
            `${opts.list} ${e.code} — ${e.name !== '' && e.name !== e.description ? `${e.name}: ` : ''}${e.description}\n`,
          );
          if (e.validFrom !== undefined || e.validTo !== undefined)
            out(`  valid: ${e.validFrom ?? '?'} → ${e.validTo ?? 'still in use'}\n`);
          if (e.note !== undefined) out(`  note: ${e.note}\n`);
          if (found.release) out(`  release: ${found.release.name}\n`);
        }
        return;
      }
      // Without --date: the version, children and validity as of today.
      const dateOfService = parseDate(opts.date) ?? today();
      const system = parseSystem(opts.system);
      const details = showCode(codeSets, code, {
        ...(system ? { system } : {}),
        dateOfService,
      });
      if (details === undefined) {
        const why = validateCode(codeSets, code, {
          ...(system ? { system } : {}),
          dateOfService,
        });
        throw new AppError('not_found', why.summary);
      }
      out(opts.json === true ? `${JSON.stringify(details, null, 2)}\n` : formatCodeDetails(details));
    });

  codes
    .command('validate')
    .description('Check codes on a date of service: one line per code; exit code 1 when any is invalid.')
    .argument('<codes...>', 'codes, with or without the dot')
    .option('--date <date>', 'date of service YYYY-MM-DD (default: today)')
    .option(
      '--system <system>',
      `code system (${CODE_SYSTEMS.join(', ')}); detected from the shape when absent`,
    )
    .option('--json', 'print JSON (one array of results)')
    .action((texts: string[], opts: { date?: string; system?: string; json?: boolean }) => {
      const codeSets = getCodeSets();
      const dateOfService = parseDate(opts.date) ?? today();
      const system = parseSystem(opts.system);
      const results = texts.map((t) =>
        validateCode(codeSets, t, { ...(system ? { system } : {}), dateOfService }),
      );
      if (opts.json === true) out(`${JSON.stringify(results, null, 2)}\n`);
      else {
        for (const r of results) {
          const codes = r.problems.map((p) => p.code).join(', ');
          out(
            `${r.input}: ${r.valid ? 'valid' : 'INVALID'}${codes !== '' ? ` [${codes}]` : ''} — ${r.summary}\n`,
          );
        }
      }
      if (results.some((r) => !r.valid)) process.exitCode = 1;
    });

  codes
    .command('import-cpt')
    .description(
      'Import a licensed CPT descriptor file (code<TAB>descriptor or code|descriptor) into local storage.',
    )
    .argument('<file>', 'the CPT file (see docs/codes.md for the layouts)')
    .option('--json', 'print JSON')
    .action((file: string, opts: { json?: boolean }) => {
      let result;
      try {
        result = importCptFile(file);
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === 'ENOENT') throw new AppError('bad_input', `${file}: no such file.`);
        throw e;
      }
      if (!result.ok) {
        throw new AppError(
          'bad_input',
          `${file} was not imported (nothing was changed): ${result.problem.message}`,
          [result.problem],
        );
      }
      if (opts.json === true)
        out(
          `${JSON.stringify({ imported: result.count, path: result.path, delimiter: result.delimiter })}\n`,
        );
      else
        out(
          `Imported ${result.count} CPT descriptors (${result.delimiter}-delimited) into ${result.path}.\n`,
        );
    });
}
