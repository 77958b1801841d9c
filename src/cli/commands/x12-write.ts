/**
 * `superbill x12 837 CLAIMS.json`: reads claims in Superbill's JSON claim format (docs/claim-format.md),
 * checks them against the claim schema, maps them and writes one 837 interchange (837P for
 * professional claims, 837I for institutional ones). Every problem of every claim is reported at once.
 * Control numbers start at --control-number (default 1): this command does not persist them; the
 * clearinghouse transport does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { write837File } from '../../billing/edi-837-file.js';
import { claimSchema, type Claim } from '../../model/claim.js';
import { AppError } from '../../model/errors.js';
import type { Problem } from '../../model/problem.js';
import { SequentialControlNumbers } from '../../x12/envelope/control-numbers.js';
import { isInterchangeIdQualifier, type InterchangeIdQualifier } from '../../x12/envelope/interchange.js';

interface X12WriteOptions {
  out?: string;
  sender: string;
  senderQualifier: string;
  receiver: string;
  receiverQualifier: string;
  receiverName?: string;
  submitterName?: string;
  test?: boolean;
  controlNumber: string;
  date?: string;
  time?: string;
  lineBreak?: boolean;
  json?: boolean;
}

/** Reads the claims file: a JSON array of claims or an object with a `claims` array. */
export function readClaimsFile(file: string): Claim[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new AppError('bad_input', `Cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new AppError(
      'bad_input',
      `${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const list: unknown = Array.isArray(data)
    ? data
    : data !== null && typeof data === 'object' && 'claims' in data
      ? data.claims
      : undefined;
  if (!Array.isArray(list))
    throw new AppError(
      'bad_input',
      `${file} must hold a JSON array of claims or an object with a "claims" array.`,
    );
  const problems: Problem[] = [];
  const claims: Claim[] = [];
  list.forEach((raw: unknown, i) => {
    const r = claimSchema.safeParse(raw);
    if (r.success) {
      claims.push(r.data);
      return;
    }
    for (const issue of r.error.issues) {
      const path = [
        `claims[${i}]`,
        ...issue.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)),
      ].join('');
      problems.push({ severity: 'error', code: 'claim.schema', message: issue.message, path });
    }
  });
  if (problems.length > 0)
    throw new AppError('validation', `${problems.length} problem(s) in the claims of ${file}.`, problems);
  return claims;
}

function qualifier(value: string, what: string): InterchangeIdQualifier {
  if (!isInterchangeIdQualifier(value))
    throw new AppError(
      'bad_input',
      `The ${what} qualifier "${value}" is not an ISA ID qualifier (01, 14, 20, 27, 28, 29, 30, 33, ZZ).`,
    );
  return value;
}

function now(): { date: string; time: string } {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    time: `${pad(d.getHours())}${pad(d.getMinutes())}`,
  };
}

/** `x12 837`. */
export function registerX12WriteCommands(x12: Command): void {
  x12
    .command('837')
    .description('Write claims (JSON claim format) as an 837P/837I file.')
    .argument('<claims>', 'JSON file: an array of claims, or {"claims": [...]}')
    .option('--out <file>', 'write the X12 to this file instead of standard output')
    .option('--sender <id>', 'ISA06/GS02 and 1000A submitter ID', 'SUPERBILL')
    .option('--sender-qualifier <q>', 'ISA05 qualifier', 'ZZ')
    .option('--receiver <id>', 'ISA08/GS03 and 1000B receiver ID', 'CLEARINGHOUSE')
    .option('--receiver-qualifier <q>', 'ISA07 qualifier', 'ZZ')
    .option('--receiver-name <name>', '1000B receiver name (default: the receiver ID)')
    .option('--submitter-name <name>', '1000A submitter name (default: the first billing provider)')
    .option('--test', 'mark the interchange as test data (ISA15 = T; default P)')
    .option('--control-number <n>', 'ISA13 interchange control number (GS06 and ST02 start at 1)', '1')
    .option('--date <yyyy-mm-dd>', 'file date (default: today)')
    .option('--time <hhmm>', 'file time (default: now)')
    .option('--line-break', 'put each segment on its own line')
    .option('--json', 'print a JSON summary (with the X12 text when --out is not given)')
    .action((file: string, opts: X12WriteOptions) => {
      const claims = readClaimsFile(file);
      const at = now();
      const controlNumber = Number(opts.controlNumber);
      if (!Number.isSafeInteger(controlNumber) || controlNumber < 1 || controlNumber > 999_999_999) {
        throw new AppError(
          'bad_input',
          `--control-number must be a whole number from 1 to 999999999; got "${opts.controlNumber}".`,
        );
      }
      const result = write837File(claims, {
        interchange: {
          sender: { qualifier: qualifier(opts.senderQualifier, 'sender'), id: opts.sender },
          receiver: { qualifier: qualifier(opts.receiverQualifier, 'receiver'), id: opts.receiver },
          usage: opts.test ? 'T' : 'P',
          date: opts.date ?? at.date,
          time: opts.time ?? at.time,
        },
        controlNumbers: new SequentialControlNumbers({ interchange: controlNumber }),
        parties: {
          submitterId: opts.sender,
          receiverId: opts.receiver,
          ...(opts.receiverName ? { receiverName: opts.receiverName } : {}),
          ...(opts.submitterName ? { submitterName: opts.submitterName } : {}),
        },
        lineBreak: opts.lineBreak ? '\n' : '',
      });
      if (!result.ok) {
        const errors = result.problems.filter((p) => p.severity === 'error').length;
        throw new AppError(
          'business_rule',
          `The 837 was not written: ${errors} error(s) in ${claims.length} claim(s).`,
          result.problems,
        );
      }
      if (opts.out) writeFileSync(opts.out, result.text);
      const warnings = result.problems;
      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify(
            {
              ok: true,
              file: opts.out ?? null,
              professionalClaims: result.professionalClaims,
              institutionalClaims: result.institutionalClaims,
              interchangeControlNumber: result.interchange.interchangeControlNumber,
              bytes: Buffer.byteLength(result.text),
              problems: warnings,
              ...(opts.out ? {} : { x12: result.text }),
            },
            null,
            2,
          )}\n`,
        );
        return;
      }
      for (const w of warnings) process.stderr.write(`warning: ${w.path ? `${w.path}: ` : ''}${w.message}\n`);
      if (opts.out) {
        process.stdout.write(
          `Wrote ${claims.length} claim(s) (${result.professionalClaims} professional, ${result.institutionalClaims} institutional) to ${opts.out}.\n`,
        );
      } else {
        process.stdout.write(result.text.endsWith('\n') ? result.text : `${result.text}\n`);
      }
    });
}
