/**
 * `superbill claims …`: scrub (more subcommands — create, submit — are added here by the claim
 * lifecycle work). `claims scrub FILE` reads claims in Superbill's JSON claim format
 * (docs/claim-format.md: an array of claims, `{ "claims": [...] }`, or one claim), runs every edit
 * and prints every finding per claim and a summary by edit family; exit code 1 when any finding is an
 * error.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { registerClaimsWorkflowCommands } from './claims-workflow.js';
import { claimsFrom837P } from '../../billing/edi-837-read.js';
import type { Claim } from '../../model/claim.js';
import { claimSchema } from '../../model/claim.js';
import { isCalendarDate } from '../../model/dates.js';
import { AppError } from '../../model/errors.js';
import type { Problem } from '../../model/problem.js';
import { loadScrubContext } from '../../rules/load-context.js';
import type { PayerRule } from '../../rules/payer-rules-schema.js';
import { parsePayerRules } from '../../rules/payer-rules.js';
import { scrubClaim, summarizeByFamily } from '../../rules/scrub.js';
import type { FamilySummary } from '../../rules/scrub.js';
import { diagnosticToProblem } from '../../x12/syntax/diagnostics.js';
import { parseX12 } from '../../x12/syntax/parse.js';

interface ScrubCommandOptions {
  json?: boolean;
  dateOfServiceOverride?: string;
  today?: string;
  payerRules?: string;
  codeSets?: boolean;
}

/** One claim's outcome. */
export interface ClaimScrubResult {
  /** 1-based position in the file. */
  readonly index: number;
  readonly id?: string;
  readonly patientControlNumber?: string;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly findings: readonly Problem[];
}

/** Formats a zod path (["lines", 1, "modifiers", 0]) as `lines[1].modifiers[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : `${out === '' ? '' : '.'}${String(k)}`;
  return out;
}

function isX12Input(value: unknown): value is { x12: string } {
  return value !== null && typeof value === 'object' && 'x12' in value && typeof (value).x12 === 'string';
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new AppError('bad_input', `Cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (/^\uFEFF?\s*ISA/.test(text)) return { x12: text };
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new AppError('bad_input', `${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The claims of a parsed claims file: an array, `{ claims: [...] }`, or a single claim. */
export function claimsOf(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (json !== null && typeof json === 'object' && 'claims' in json && Array.isArray((json).claims)) return (json as { claims: unknown[] }).claims;
  if (json !== null && typeof json === 'object') return [json];
  throw new AppError('bad_input', 'The claims file must hold a claim, an array of claims or { "claims": [...] }.');
}

function count(findings: readonly Problem[], severity: Problem['severity']): number {
  let n = 0;
  for (const p of findings) if (p.severity === severity) n++;
  return n;
}

/** Scrubs every claim of a claims file; schema errors become findings (ruleId `schema`) with their paths. */
export function scrubClaimsFile(file: string, options: ScrubCommandOptions): { results: ClaimScrubResult[]; summary: FamilySummary[]; tables: string[] } {
  for (const [flag, value] of [['--date-of-service-override', options.dateOfServiceOverride], ['--today', options.today]] as const) {
    const ok: boolean = value === undefined || isCalendarDate(value);
    if (!ok) throw new AppError('bad_input', `${flag} must be a date in YYYY-MM-DD form, not "${value ?? ''}".`);
  }
  let payerRules: PayerRule[] | undefined;
  if (options.payerRules !== undefined) {
    try {
      payerRules = parsePayerRules(readJson(options.payerRules));
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError('bad_input', `The payer rules in ${options.payerRules} are not valid: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const input = readJson(file);
  // An 837P is read into domain claims first (as a clearinghouse would); what cannot be read into a
  // claim is reported as a finding of the file (result index 0) instead of being dropped silently.
  let fileFindings: Problem[] = [];
  let raw: unknown[];
  if (isX12Input(input)) {
    const parsed = parseX12(input.x12);
    if (!parsed.segments.some((seg) => seg.elements[0] === 'CLM')) {
      throw new AppError('bad_input', `${file} is an X12 file without claims (no CLM segment); give an 837P or a JSON claims file.`);
    }
    const read = claimsFrom837P(parsed);
    fileFindings = [...parsed.diagnostics.map(diagnosticToProblem), ...read.problems];
    raw = read.claims;
  } else raw = claimsOf(input);
  const context = loadScrubContext({
    ...(payerRules ? { payerRules } : {}),
    ...(options.today ? { today: options.today } : {}),
    withoutCodeSets: options.codeSets === false,
  });
  const results: ClaimScrubResult[] = [];
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i];
    const ident = r !== null && typeof r === 'object' ? (r as { id?: unknown; patientControlNumber?: unknown }) : {};
    const parsed = claimSchema.safeParse(r);
    let findings: Problem[];
    let claim: Claim | undefined;
    if (!parsed.success) {
      findings = parsed.error.issues.map((issue) => ({
        severity: 'error' as const,
        code: 'claim.schema',
        message: `${formatPath(issue.path) || 'claim'}: ${issue.message}`,
        path: formatPath(issue.path),
        ruleId: 'schema',
        source: 'Superbill JSON claim format (docs/claim-format.md)',
        fix: 'Correct the field; the other edits run once the claim reads.',
      }));
    } else {
      claim = parsed.data;
      if (options.dateOfServiceOverride !== undefined) {
        const d = options.dateOfServiceOverride;
        claim = { ...claim, lines: claim.lines.map((l) => ({ ...l, serviceDate: d, ...(l.serviceDateEnd !== undefined ? { serviceDateEnd: d } : {}) })) };
      }
      findings = scrubClaim(claim, context);
    }
    results.push({
      index: i + 1,
      ...(typeof ident.id === 'string' ? { id: ident.id } : {}),
      ...(typeof ident.patientControlNumber === 'string' ? { patientControlNumber: ident.patientControlNumber } : {}),
      errors: count(findings, 'error'),
      warnings: count(findings, 'warning'),
      infos: count(findings, 'info'),
      findings,
    });
  }
  if (fileFindings.length > 0) {
    results.unshift({
      index: 0,
      patientControlNumber: '(file)',
      errors: count(fileFindings, 'error'),
      warnings: count(fileFindings, 'warning'),
      infos: count(fileFindings, 'info'),
      findings: fileFindings,
    });
  }
  const t = context.tables;
  const tables = [t.ptpPractitioner, t.ptpOutpatientHospital, t.muePractitioner, t.mueOutpatientHospital, t.mueDmeSupplier, t.addOn, t.mce, t.excludes1, t.mpfs].flatMap((v) => v.releases.map((x) => x.cite));
  return { results, summary: summarizeByFamily(results.map((r) => r.findings)), tables };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `claims scrub FILE`. */
function registerScrub(claims: Command): void {
  claims
    .command('scrub')
    .description('Check claims (JSON claim format, or an 837P file) against every edit: structure, code validity, ICD-10-CM conventions, NCCI PTP/MUE, add-on codes, modifiers, payer rules.')
    .argument('<file>', 'JSON file: an array of claims, { "claims": [...] }, or one claim')
    .option('--json', 'print JSON')
    .option('--date-of-service-override <date>', 'scrub as if every line were performed on this date (YYYY-MM-DD)')
    .option('--today <date>', "today's date for the future-date edits (default: the machine's date)")
    .option('--payer-rules <file>', 'JSON file of practice payer rules (docs/scrubber.md)')
    .option('--no-code-sets', 'skip the code-validity edits (faster; no code sets loaded)')
    .action((file: string, options: ScrubCommandOptions) => {
      const { results, summary, tables } = scrubClaimsFile(file, options);
      const errors = results.reduce((n, r) => n + r.errors, 0);
      const warnings = results.reduce((n, r) => n + r.warnings, 0);
      const withErrors = results.filter((r) => r.errors > 0).length;
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ claims: results, summary, totals: { claims: results.length, claimsWithErrors: withErrors, errors, warnings }, tables })}\n`);
      } else {
        const lines: string[] = [];
        for (const r of results) {
          const name = [r.patientControlNumber, r.id ? `id ${r.id}` : undefined].filter(Boolean).join(', ');
          lines.push(`Claim ${r.index}${name ? ` (${name})` : ''}: ${r.errors === 0 && r.warnings === 0 ? 'clean' : `${plural(r.errors, 'error')}, ${plural(r.warnings, 'warning')}`}`);
          for (const p of r.findings) {
            lines.push(`  ${p.severity.padEnd(7)} ${p.code}${p.path ? ` at ${p.path}` : ''}`);
            lines.push(`          ${p.message}`);
            if (p.fix) lines.push(`          fix: ${p.fix}`);
            if (p.source) lines.push(`          source: ${p.source}`);
          }
        }
        lines.push('', 'Summary by edit family:');
        for (const s of summary) lines.push(`  ${s.title.padEnd(40)} ${plural(s.errors, 'error').padStart(11)} ${plural(s.warnings, 'warning').padStart(13)}  (${plural(s.claims, 'claim')})`);
        lines.push(`  ${results.length} claims, ${withErrors} with errors; ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`);
        lines.push('', `Edit tables: ${tables.join('; ')}.`);
        process.stdout.write(`${lines.join('\n')}\n`);
      }
      if (errors > 0) process.exitCode = 1;
    });
}

/** `superbill claims …` (scrub; the lifecycle work adds create and submit here). */
export function registerClaimsCommands(program: Command): void {
  const claims = program
    .command('claims')
    .description('Claims: scrub, create from an encounter, list, submit (837P), timely filing.');
  registerScrub(claims);
  registerClaimsWorkflowCommands(claims);
}
