/**
 * Is a code valid on a date of service? Each outcome is a distinct Problem code with a plain-language
 * message that names the code and the date:
 *   code.malformed                 not the shape of a code of the system (or of any system)
 *   code.unknown                   the shape is right but no release Superbill has lists it
 *   code.header                    an ICD-10-CM category/subcategory: not billable; lists billable codes under it
 *   code.seventh_character_missing an ICD-10-CM code that needs a 7th character (S52.501 → S52.501A …)
 *   code.placeholder_missing       a 7th character given without the placeholder X (S00.00A → S00.00XA)
 *   code.seventh_character_invalid a 7th character the code does not take
 *   code.deleted                   valid once, no longer on that date (says until when it was valid)
 *   code.not_yet_valid             valid only from a later date (says from when)
 *   code.effective_date_unknown    (warning) HCPCS code known by number only from a later list
 *   code.date_not_covered          (warning) the date is before the earliest release in the data
 *   code.ambiguous_system          (info) the text is a code in more than one system
 *   code.description_unlicensed    (info) CPT code known by number only
 * ICD-10-CM conventions: Official Guidelines for Coding and Reporting FY2026, I.A.5 (placeholder X),
 * I.A.6 (7th characters) and I.B.1 / I.C (code to the highest number of characters available).
 */
import type { CalendarDate } from '../model/dates.js';
import { addDays, isCalendarDate } from '../model/dates.js';
import type { Problem, Severity } from '../model/problem.js';
import { hasErrors } from '../model/problem.js';
import type { CodeRelease, CodeSets } from './code-sets.js';
import { isValidOn } from './code-sets.js';
import { displayDescription } from './describe.js';
import type { CodeEntry, CodeSystem } from './model.js';
import { candidateSystems, normalizeCode, squeezeCode } from './normalize.js';

export const CODE_PROBLEM_CODES = [
  'code.malformed',
  'code.unknown',
  'code.header',
  'code.seventh_character_missing',
  'code.placeholder_missing',
  'code.seventh_character_invalid',
  'code.deleted',
  'code.not_yet_valid',
  'code.effective_date_unknown',
  'code.date_not_covered',
  'code.date_invalid',
  'code.ambiguous_system',
  'code.description_unlicensed',
] as const;
export type CodeProblemCode = (typeof CODE_PROBLEM_CODES)[number];

/** Options for validateCode. */
export interface ValidateCodeOptions {
  /** The code system; detected from the code's shape when absent. */
  readonly system?: CodeSystem;
  readonly dateOfService: CalendarDate;
  /** Where the code sits, for the problems' `path` (e.g. `claim.diagnoses[0]`). */
  readonly path?: string;
}

/** The outcome of validating one code on a date of service. */
export interface CodeValidation {
  readonly input: string;
  readonly dateOfService: CalendarDate;
  /** The system the code was checked in (undefined when the text fits no system). */
  readonly system?: CodeSystem;
  /** The normalised code (E11.40), when the text has the shape of a code. */
  readonly code?: string;
  /** True when no problem is an error: the code may be billed on that date. */
  readonly valid: boolean;
  /** The entry valid on the date, else the version the explanation refers to. */
  readonly entry?: CodeEntry;
  /** The release that covers the date of service. */
  readonly release?: CodeRelease;
  readonly problems: readonly Problem[];
  /** One plain line explaining the outcome (for the CLI). */
  readonly summary: string;
}

const RULE = 'codes.validity';
const EXAMPLES = 5;

function problem(
  code: CodeProblemCode,
  severity: Severity,
  message: string,
  options: ValidateCodeOptions,
  source?: string,
  fix?: string,
): Problem {
  return {
    severity,
    code,
    message,
    ruleId: RULE,
    ...(options.path !== undefined ? { path: options.path } : {}),
    ...(source !== undefined ? { source } : {}),
    ...(fix !== undefined ? { fix } : {}),
  };
}

function describe(e: CodeEntry): string {
  const text = displayDescription(e);
  return text !== '' ? `${e.code} ${text}` : e.code;
}

/** Codes of a system starting with a (normalised) prefix, in code order, using the sorted entry list. */
function startingWith(codeSets: CodeSets, system: CodeSystem, prefix: string): CodeEntry[] {
  const list = codeSets.entries(system);
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.code < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: CodeEntry[] = [];
  for (let i = lo; i < list.length && list[i]!.code.startsWith(prefix); i += 1) out.push(list[i]!);
  return out;
}

function dotted(bare: string): string {
  return bare.length > 3 ? `${bare.slice(0, 3)}.${bare.slice(3)}` : bare;
}

/** Billable codes under a header on the date, direct children first (E11 → E11.8, E11.9, E11.A, E11.00 …). */
function billableUnder(
  codeSets: CodeSets,
  system: CodeSystem,
  code: string,
  date: CalendarDate,
): CodeEntry[] {
  // ICD-10-CM convention: a final 9 is "unspecified", the usual default: show those first.
  const direct = codeSets
    .children(system, code, date)
    .filter((c) => c.billable)
    .sort((a, b) => Number(b.code.endsWith('9')) - Number(a.code.endsWith('9')));
  const deeper = codeSets.billableDescendants(system, code, date).filter((c) => c.parent !== code);
  return [...direct, ...deeper];
}

function examples(list: readonly CodeEntry[]): string {
  const shown = list.slice(0, EXAMPLES).map(describe).join('; ');
  return list.length > EXAMPLES ? `${shown}; … (${list.length} in all)` : shown;
}

/** 7th characters as "A (initial encounter …), D (…)" from the children's descriptions (the first few). */
function seventhChoices(children: readonly CodeEntry[]): string {
  const shown = children
    .slice(0, 4)
    .map(
      (c) =>
        `${c.code.slice(-1)} (${c.longDescription.replace(/^.*?,\s*(?=(initial|subsequent|sequela))/i, '')})`,
    );
  const rest = children.slice(4).map((c) => c.code.slice(-1));
  return rest.length > 0 ? `${shown.join(', ')}, and ${rest.join(', ')}` : shown.join(', ');
}

/** True when every billable code under a header has 7 characters (the header needs a 7th character). */
function needsSeventh(under: readonly CodeEntry[]): boolean {
  return under.length > 0 && under.every((c) => c.code.replace('.', '').length === 7);
}

function icdHeader(
  codeSets: CodeSets,
  entry: CodeEntry,
  date: CalendarDate,
  options: ValidateCodeOptions,
  source: string | undefined,
): Problem {
  const under = billableUnder(codeSets, 'ICD-10-CM', entry.code, date);
  const bare = entry.code.replace('.', '');
  if (needsSeventh(under)) {
    const direct = under.filter((c) => c.code.replace('.', '').length === bare.length + 1);
    if (direct.length === under.length) {
      return problem(
        'code.seventh_character_missing',
        'error',
        `${entry.code} (${entry.longDescription}) needs a 7th character on ${date}: ${seventhChoices(under)}.`,
        options,
        source,
        `Use one of ${under.map((c) => c.code).join(', ')}.`,
      );
    }
    if (bare.length < 6) {
      const padded = dotted(bare.padEnd(6, 'X'));
      const withX = under.filter((c) => c.code.startsWith(padded));
      if (withX.length === under.length) {
        return problem(
          'code.placeholder_missing',
          'error',
          `${entry.code} (${entry.longDescription}) needs the placeholder X up to 6 characters and then a 7th character on ${date}: ${padded}A, ${padded}D, … — ${seventhChoices(withX)}.`,
          options,
          source,
          `Use one of ${withX.map((c) => c.code).join(', ')}.`,
        );
      }
    }
  }
  const level = bare.length === 3 ? 'a category' : 'a subcategory';
  return problem(
    'code.header',
    'error',
    `${entry.code} (${entry.longDescription}) is ${level}, not a billable code on ${date}; choose a code under it, e.g. ${examples(under)}.`,
    options,
    source,
    under.length > 0 ? `Use a more specific code, e.g. ${under[0]!.code}.` : undefined,
  );
}

/** Explains an ICD-10-CM code that no release lists: missing 7th character or X, wrong 7th character, or unknown. */
function icdUnknown(
  codeSets: CodeSets,
  code: string,
  date: CalendarDate,
  options: ValidateCodeOptions,
): Problem {
  const bare = code.replace('.', '');
  const last = bare.slice(-1);
  // S00.00A: a 7th character typed without the placeholder X (Guidelines I.A.5).
  if (bare.length >= 4 && bare.length < 7 && /[A-Z]/.test(last)) {
    const fixed = dotted(bare.slice(0, -1).padEnd(6, 'X') + last);
    if (codeSets.versions('ICD-10-CM', fixed).length > 0) {
      return problem(
        'code.placeholder_missing',
        'error',
        `${code} is not an ICD-10-CM code: the 7th character ${last} must be in position 7, so the placeholder X fills the empty positions: ${fixed}.`,
        options,
        undefined,
        `Use ${fixed}.`,
      );
    }
  }
  // S52.501Z: the base exists but does not take this 7th character.
  if (bare.length === 7) {
    const base = dotted(bare.slice(0, 6));
    const siblings = startingWith(codeSets, 'ICD-10-CM', base).filter(
      (c) => c.code.replace('.', '').length === 7 && isValidOn(c, date),
    );
    if (siblings.length > 0) {
      return problem(
        'code.seventh_character_invalid',
        'error',
        `${code} is not an ICD-10-CM code: ${base} does not take the 7th character ${last}; on ${date} it takes ${seventhChoices(siblings)}.`,
        options,
        undefined,
        `Use one of ${siblings.map((c) => c.code).join(', ')}.`,
      );
    }
  }
  // T36.0X1: the start of codes that all need more characters.
  const longer = startingWith(codeSets, 'ICD-10-CM', code).filter((c) => c.billable && isValidOn(c, date));
  if (longer.length > 0 && needsSeventh(longer)) {
    return problem(
      'code.seventh_character_missing',
      'error',
      `${code} needs a 7th character on ${date}: ${seventhChoices(longer.slice(0, 16))}.`,
      options,
      undefined,
      `Use one of ${longer
        .map((c) => c.code)
        .slice(0, 16)
        .join(', ')}.`,
    );
  }
  let nearest: CodeEntry | undefined;
  for (let n = bare.length - 1; n >= 3 && nearest === undefined; n -= 1)
    nearest = codeSets.lookup('ICD-10-CM', bare.slice(0, n), date);
  const releases = codeSets.releases('ICD-10-CM');
  const span =
    releases.length > 0
      ? ` (${releases[0]!.name.replace('ICD-10-CM ', '')}–${releases[releases.length - 1]!.name.replace('ICD-10-CM ', '')})`
      : '';
  return problem(
    'code.unknown',
    'error',
    `${code} is not an ICD-10-CM code in any release Superbill has${span}.${nearest ? ` The nearest code is ${describe(nearest)}.` : ''}`,
    options,
    undefined,
    nearest ? `Check the code; look under ${nearest.code}.` : undefined,
  );
}

/** Deleted or not-yet-valid: the code has versions but none on the date. */
function outOfRange(
  codeSets: CodeSets,
  system: CodeSystem,
  code: string,
  versions: readonly CodeEntry[],
  date: CalendarDate,
  options: ValidateCodeOptions,
): { problem: Problem; entry: CodeEntry } {
  const later = versions.find((v) => v.validFrom !== undefined && v.validFrom > date);
  const earlier = [...versions].reverse().find((v) => v.validTo !== undefined && v.validTo < date);
  if (earlier !== undefined && (later === undefined || date > earlier.validTo!)) {
    const release = codeSets.releaseOn(system, earlier.validTo!)?.name;
    const since = earlier.validFrom !== undefined ? `from ${earlier.validFrom} ` : '';
    let fix: string | undefined;
    if (system === 'ICD-10-CM' && earlier.parent !== undefined) {
      const under = billableUnder(codeSets, system, earlier.parent, date);
      if (under.length > 0) fix = `Choose a current code, e.g. ${examples(under)}.`;
    }
    const verb = system === 'HCPCS' ? 'terminated' : 'deleted';
    if (!(later !== undefined && earlier.validTo! < date && date < later.validFrom!)) {
      return {
        entry: earlier,
        problem: problem(
          'code.deleted',
          'error',
          `${code} (${earlier.longDescription || 'no description'}) is not valid on ${date}: it was ${verb} on ${addDays(earlier.validTo!, 1)}; it was valid ${since}through ${earlier.validTo!}${release ? ` (per ${release})` : ''}.`,
          options,
          release,
          fix,
        ),
      };
    }
  }
  const next = later ?? versions[versions.length - 1]!;
  const release = next.validFrom !== undefined ? codeSets.releaseOn(system, next.validFrom)?.name : undefined;
  return {
    entry: next,
    problem: problem(
      'code.not_yet_valid',
      'error',
      `${code} (${next.longDescription || 'no description'}) is not valid on ${date}: it takes effect on ${next.validFrom ?? '?'}${release ? ` (${release})` : ''}.`,
      options,
      release,
      'Use the code that was valid on the date of service, or check the date.',
    ),
  };
}

function validateIn(
  codeSets: CodeSets,
  system: CodeSystem,
  code: string,
  input: string,
  options: ValidateCodeOptions,
): CodeValidation {
  const date = options.dateOfService;
  const release = codeSets.releaseOn(system, date);
  const source = release?.name;
  const problems: Problem[] = [];
  const versions = codeSets.versions(system, code);
  let entry: CodeEntry | undefined;
  const first = codeSets.releases(system)[0];
  if (first?.validFrom !== undefined && date < first.validFrom) {
    problems.push(
      problem(
        'code.date_not_covered',
        'warning',
        `${date} is before the earliest ${system} release Superbill has (${first.name}, from ${first.validFrom}); ${code} is checked against that release.`,
        options,
        first.name,
      ),
    );
  }
  if (versions.length === 0) {
    if (system === 'ICD-10-CM') problems.push(icdUnknown(codeSets, code, date, options));
    else if (system === 'CPT') {
      // Superbill knows CPT numbers only from CMS 2024 files: a newer code may be real.
      problems.push(
        problem(
          'code.unknown',
          'warning',
          `${code} is not among the CPT code numbers Superbill knows (seen in CMS 2024 files, plus any imported CPT file); it may be new since then or mistyped.`,
          options,
          codeSets.releases('CPT')[0]?.name,
          'Check the code against your licensed CPT book or import a current CPT file.',
        ),
      );
    } else {
      problems.push(
        problem(
          'code.unknown',
          'error',
          `${code} is not a ${system} code in any release Superbill has.`,
          options,
          source,
          'Check the code.',
        ),
      );
    }
  } else {
    entry = versions.find((v) => isValidOn(v, date));
    if (entry === undefined) {
      const r = outOfRange(codeSets, system, code, versions, date, options);
      entry = r.entry;
      problems.push(r.problem);
    } else if (!entry.billable) {
      // A code that was billable and became a header (E78.01 on 2025-10-01) is reported as deleted.
      const wasBillable = [...versions]
        .reverse()
        .find((v) => v.billable && v.validTo !== undefined && v.validTo < date);
      if (wasBillable !== undefined) {
        const under = billableUnder(codeSets, system, code, date);
        const ended = wasBillable.validTo!;
        problems.push(
          problem(
            'code.deleted',
            'error',
            `${code} (${wasBillable.longDescription}) is not billable on ${date}: it was deleted as a billable code on ${addDays(ended, 1)} (valid ${wasBillable.validFrom ? `from ${wasBillable.validFrom} ` : ''}through ${ended}, ${codeSets.releaseOn(system, ended)?.name ?? 'earlier release'}); since then it is a header with more specific codes: ${examples(under)}.`,
            options,
            source,
            under.length > 0
              ? `Use a more specific code: ${under.map((c) => c.code).join(', ')}.`
              : undefined,
          ),
        );
      } else {
        problems.push(icdHeader(codeSets, entry, date, options, source));
      }
    } else if (
      entry.note !== undefined &&
      system === 'HCPCS' &&
      entry.validFrom !== undefined &&
      entry.validFrom === release?.validFrom
    ) {
      problems.push(
        problem('code.effective_date_unknown', 'warning', `${code}: ${entry.note}`, options, source),
      );
    }
    if (system === 'CPT' && entry.descriptionLicensed !== true) {
      problems.push(
        problem(
          'code.description_unlicensed',
          'info',
          `${code} is a CPT code known by number only: its description requires a CPT licence (import one with \`superbill codes import-cpt FILE\`). CPT validity dates are not in Superbill's data.`,
          options,
          codeSets.releases('CPT')[0]?.name,
        ),
      );
    }
  }
  // HCPCS codes known by number only (July 2026 list) have an unknown start date: a date of service
  // before 2026-07-01 is reported as a warning, not an error, since the code may already have been in effect.
  const notYet = problems.findIndex((p) => p.code === 'code.not_yet_valid');
  if (system === 'HCPCS' && notYet >= 0 && entry?.note !== undefined) {
    problems[notYet] = problem(
      'code.effective_date_unknown',
      'warning',
      `${code} may not be in effect on ${date}: ${entry.note}`,
      options,
      source,
      "Check the code's effective date in the CMS HCPCS quarterly update.",
    );
  }
  return finish(input, date, system, code, entry, release, problems);
}

function finish(
  input: string,
  date: CalendarDate,
  system: CodeSystem | undefined,
  code: string | undefined,
  entry: CodeEntry | undefined,
  release: CodeRelease | undefined,
  problems: Problem[],
): CodeValidation {
  const valid = !hasErrors(problems);
  const first =
    problems.find((p) => p.severity === 'error') ?? problems.find((p) => p.severity === 'warning');
  const what = entry ? `${system ?? ''} ${describe(entry)}`.trim() : (code ?? input);
  const summary = valid
    ? `${what}: valid on ${date}${release ? ` (${release.name})` : ''}${entry?.billable === true ? ', billable' : ''}.${first ? ` Note: ${first.message}` : ''}`
    : (first?.message ?? `${input} is not valid on ${date}.`);
  return {
    input,
    dateOfService: date,
    ...(system !== undefined ? { system } : {}),
    ...(code !== undefined ? { code } : {}),
    valid,
    ...(entry !== undefined ? { entry } : {}),
    ...(release !== undefined ? { release } : {}),
    problems,
    summary,
  };
}

const SHAPES: Record<CodeSystem, string> = {
  'ICD-10-CM':
    'ICD-10-CM codes are a letter, a digit, a digit or letter, then up to 4 more characters (E11.9, S52.501A)',
  HCPCS: 'HCPCS Level II codes are a letter A–V and four digits (J3490)',
  CPT: 'CPT codes are five characters: five digits, or four digits and F, T, U or A (99213, 0001F)',
};

/** Validates one code on a date of service; detects the system from the code's shape when not given. */
export function validateCode(codeSets: CodeSets, text: string, options: ValidateCodeOptions): CodeValidation {
  const date = options.dateOfService;
  const input = text;
  if (!isCalendarDate(date)) {
    return finish(input, date, options.system, undefined, undefined, undefined, [
      problem(
        'code.date_invalid',
        'error',
        `The date of service ${JSON.stringify(date)} is not a calendar date (YYYY-MM-DD).`,
        options,
      ),
    ]);
  }
  if (squeezeCode(text) === '') {
    return finish(input, date, options.system, undefined, undefined, undefined, [
      problem('code.malformed', 'error', 'The code is empty.', options),
    ]);
  }
  if (options.system !== undefined) {
    const code = normalizeCode(options.system, text);
    if (code === undefined) {
      return finish(input, date, options.system, undefined, undefined, undefined, [
        problem(
          'code.malformed',
          'error',
          `${JSON.stringify(text.trim())} is not a ${options.system} code: ${SHAPES[options.system]}.`,
          options,
        ),
      ]);
    }
    return validateIn(codeSets, options.system, code, input, options);
  }
  const candidates = candidateSystems(text);
  if (candidates.length === 0) {
    return finish(input, date, undefined, undefined, undefined, undefined, [
      problem(
        'code.malformed',
        'error',
        `${JSON.stringify(text.trim())} is not a code: ${Object.values(SHAPES).join('; ')}.`,
        options,
      ),
    ]);
  }
  const known = candidates.filter((s) => codeSets.versions(s, normalizeCode(s, text)!).length > 0);
  const system = known[0] ?? candidates[0]!;
  const result = validateIn(codeSets, system, normalizeCode(system, text)!, input, options);
  if (known.length > 1) {
    const others = known.slice(1).map((s) => {
      const e = codeSets.lookup(s, text, date) ?? codeSets.lookup(s, text);
      return `${s} ${e ? describe(e) : normalizeCode(s, text)!}`;
    });
    const info = problem(
      'code.ambiguous_system',
      'info',
      `${squeezeCode(text)} is also ${others.join(' and ')}; it was checked as ${system} ${result.code ?? ''}. Give the system to check it as another one.`,
      options,
    );
    return { ...result, problems: [...result.problems, info] };
  }
  return result;
}

/** Validates several codes on one date (one result per code, in order). */
export function validateCodes(
  codeSets: CodeSets,
  texts: readonly string[],
  options: ValidateCodeOptions,
): CodeValidation[] {
  return texts.map((t) => validateCode(codeSets, t, options));
}
