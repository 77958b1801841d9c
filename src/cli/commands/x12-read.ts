/**
 * `superbill x12 parse FILE [--json]` and `superbill x12 validate FILE [--999] [--json]`.
 * Dispatch on the first ST01 (and GS08): 835s are streamed (constant memory, any file size) into
 * typed remittances; other types with a registered reader (src/x12/readers.ts) are read whole;
 * anything else gets the generic view (envelopes, segments, HL hierarchy).
 */
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../model/errors.js';
import type { Problem } from '../../model/problem.js';
import { Remittance835Reader } from '../../x12/835-005010x221a1/reader.js';
import { build999 } from '../../x12/999-005010x231a1/build-999.js';
import { readGeneric } from '../../x12/generic.js';
import { readerFor, READERS } from '../../x12/readers.js';
import { describeCode, diagnosticPath, diagnosticToProblem, type X12Diagnostic } from '../../x12/syntax/diagnostics.js';
import type { EnvelopeTree } from '../../x12/syntax/envelopes.js';
import { parseX12 } from '../../x12/syntax/parse.js';
import { SegmentScanner } from '../../x12/syntax/tokenizer.js';

const SNIFF_BYTES = 64 * 1024;
// 64 KiB: kept strings (claim ids) are slices of the chunk text, so small chunks keep RSS low.
const CHUNK_BYTES = 64 * 1024;

interface ParseCommandOptions {
  json?: boolean;
}

interface ValidateCommandOptions {
  json?: boolean;
  ack999?: boolean;
}

/** Writes to stdout, waiting when its buffer is full (a 100 MB parse must not pile up in memory). */
async function out(text: string): Promise<void> {
  if (!process.stdout.write(text)) await new Promise<void>((resolve) => process.stdout.once('drain', () => { resolve(); }));
}

/** Reads the first bytes of the file and finds the first ST01 and GS08. */
function sniff(file: string): { transactionSetId: string; version: string; size: number } {
  let size: number;
  let fd: number;
  try {
    size = statSync(file).size;
    fd = openSync(file, 'r');
  } catch (e) {
    throw new AppError('bad_input', `Cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    const buf = Buffer.alloc(Math.min(SNIFF_BYTES, size));
    const n = readSync(fd, buf, 0, buf.length, 0);
    let transactionSetId = '';
    let version = '';
    const scanner = new SegmentScanner({
      onSegment: (c) => {
        if (transactionSetId === '' && c.is(0, 'ST')) transactionSetId = c.get(1);
        if (version === '' && c.is(0, 'GS')) version = c.get(8);
      },
    });
    scanner.write(buf.subarray(0, n));
    scanner.end();
    return { transactionSetId, version, size };
  } finally {
    closeSync(fd);
  }
}

function readWhole(file: string): Buffer {
  try {
    return Buffer.from(createReadStreamSync(file));
  } catch (e) {
    throw new AppError('bad_input', `Cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Whole-file read for non-835 types (they are small: acknowledgments, eligibility, claims). */
function createReadStreamSync(file: string): Uint8Array {
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(size);
    let at = 0;
    while (at < size) {
      const n = readSync(fd, buf, at, size - at, at);
      if (n === 0) break;
      at += n;
    }
    return buf.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

/** Streams an 835 through the reader; calls `onPayment` for each payment as its SE is read. */
async function stream835(file: string, onPayment: (json: string) => Promise<void>, keepClaims: boolean): Promise<Remittance835Reader> {
  const reader = new Remittance835Reader({ keepClaims });
  const input = createReadStream(file, { highWaterMark: CHUNK_BYTES });
  for await (const chunk of input as AsyncIterable<Buffer>) {
    for (const p of reader.write(chunk)) await onPayment(JSON.stringify(p));
  }
  for (const p of reader.end()) await onPayment(JSON.stringify(p));
  return reader;
}

/** One diagnostic as a line of text, with its acknowledgment code. */
export function formatDiagnostic(d: X12Diagnostic): string {
  const where = diagnosticPath(d);
  const ack = { interchange: 'TA105', group: 'AK905', transaction: 'IK502', segment: 'IK304', element: 'IK403' }[d.level];
  return `${d.severity}: ${where ? `${where}: ` : ''}${d.message} [${ack} ${d.code}: ${describeCode(d.level, d.code)}]`;
}

function formatProblem(p: Problem): string {
  return `${p.severity}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

async function parseCommand(file: string, opts: ParseCommandOptions): Promise<void> {
  const { transactionSetId, version } = sniff(file);
  if (transactionSetId === '835') {
    let first = true;
    let claims = 0;
    if (opts.json) await out(`{"transactionSetId":"835","guide":${JSON.stringify(version || '005010X221A1')},"remittances":[`);
    const reader = await stream835(
      file,
      async (json) => {
        if (opts.json) {
          await out(`${first ? '' : ','}\n${json}`);
        } else {
          const p = JSON.parse(json) as { traceNumber: string; totalPaidCents: number; claimCount: number; balance: { balanced: boolean } };
          await out(`payment ${p.traceNumber}: ${(p.totalPaidCents / 100).toFixed(2)} for ${p.claimCount} claim(s)${p.balance.balanced ? '' : ' (does not balance)'}\n`);
        }
        first = false;
      },
      true,
    );
    claims = reader.stats.claims;
    if (opts.json) {
      await out(`\n],"stats":${JSON.stringify(reader.stats)},"diagnostics":${JSON.stringify(reader.diagnostics)},"imbalances":${JSON.stringify(reader.imbalances)}}\n`);
    } else {
      await out(`${claims} claim(s), ${reader.stats.lines} service line(s), ${reader.stats.segments} segment(s)\n`);
      for (const d of reader.diagnostics) await out(`${formatDiagnostic(d)}\n`);
      for (const p of reader.imbalances) await out(`${formatProblem(p)}\n`);
    }
    return;
  }
  const bytes = readWhole(file);
  const reader = readerFor(transactionSetId, version || undefined);
  if (reader) {
    const r = reader.read(bytes);
    if (opts.json) {
      await out(`${JSON.stringify({ transactionSetId, guide: version || reader.guide, ...(r.value as object), diagnostics: r.diagnostics, problems: r.problems })}\n`);
    } else {
      await out(`${transactionSetId} (${reader.description}) read with ${r.diagnostics.length} diagnostic(s)\n`);
      for (const d of r.diagnostics) await out(`${formatDiagnostic(d)}\n`);
      for (const p of r.problems) await out(`${formatProblem(p)}\n`);
    }
    return;
  }
  const generic = readGeneric(parseX12(bytes));
  if (opts.json) {
    await out(`${JSON.stringify({ transactionSetId, guide: version, generic: true, ...generic })}\n`);
    return;
  }
  const known = READERS.map((r) => r.transactionSetId).join(', ');
  await out(`${transactionSetId || 'unknown'} transaction set: no dedicated reader (readers: ${known}); envelope view:\n`);
  for (const x of generic.interchanges) {
    await out(`interchange ${x.controlNumber} from ${x.sender} to ${x.receiver} (${x.usage === 'T' ? 'test' : 'production'})\n`);
    for (const g of x.groups) {
      await out(`  group ${g.controlNumber} ${g.functionalId} ${g.version}\n`);
      for (const t of g.transactions) await out(`    ${t.id} ${t.controlNumber}: ${t.segments.length} segments, ${t.hierarchy.length} HL levels\n`);
    }
  }
  for (const d of generic.diagnostics) await out(`${formatDiagnostic(d)}\n`);
}

async function validateCommand(file: string, opts: ValidateCommandOptions): Promise<void> {
  const { transactionSetId, version } = sniff(file);
  let diagnostics: readonly X12Diagnostic[];
  let problems: readonly Problem[] = [];
  let envelopes: EnvelopeTree;
  if (transactionSetId === '835') {
    const reader = await stream835(file, () => Promise.resolve(), false);
    diagnostics = reader.diagnostics;
    problems = reader.imbalances;
    envelopes = reader.envelopes;
  } else {
    const bytes = readWhole(file);
    const parsed = parseX12(bytes);
    envelopes = parsed.envelopes;
    const reader = readerFor(transactionSetId, version || undefined);
    if (reader) {
      const r = reader.read(bytes);
      diagnostics = r.diagnostics;
      problems = r.problems;
    } else diagnostics = parsed.diagnostics;
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length + problems.filter((p) => p.severity === 'error').length;
  if (opts.ack999) {
    const built = build999({ envelopes, diagnostics }, diagnostics);
    await out(built.text);
  } else if (opts.json) {
    await out(`${JSON.stringify({ valid: errors === 0, errors, diagnostics, problems: [...diagnostics.map(diagnosticToProblem), ...problems] })}\n`);
  } else {
    for (const d of diagnostics) await out(`${formatDiagnostic(d)}\n`);
    for (const p of problems) await out(`${formatProblem(p)}\n`);
    await out(errors === 0 ? `${file}: valid (${diagnostics.length} warning(s))\n` : `${file}: ${errors} error(s)\n`);
  }
  if (errors > 0) process.exitCode = 1;
}

/** `x12 parse|validate`. */
export function registerX12ReadCommands(x12: Command): void {
  x12
    .command('parse')
    .description('Read an X12 file: 835 into typed remittances (streamed), 999 into acknowledgments, others into envelopes and segments.')
    .argument('<file>', 'X12 file to read')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: ParseCommandOptions) => {
      await parseCommand(file, opts);
    });
  x12
    .command('validate')
    .description('Check an X12 file (syntax, envelopes, counts, 835 balancing); exit 1 on errors.')
    .argument('<file>', 'X12 file to check')
    .option('--999', 'print a 999 acknowledgment for the file instead of plain diagnostics')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: Record<string, boolean | undefined>) => {
      await validateCommand(file, { json: opts.json === true, ack999: opts['999'] === true });
    });
}
