/**
 * Reading back an 837P batch Superbill wrote, before it leaves: the project's own X12 tokenizer and
 * envelope checks (ISA/IEA, GS/GE, ST/SE counts and control numbers, src/x12/syntax/parse.ts), the
 * implementation guide named in GS08 and ST03 (005010X222A1), the 837P reader back into the loop
 * model with the TR3 cross-segment checks on what it read (validate837P: HL hierarchy, CLM02 = sum of
 * SV102, pointers, NPIs, …), and exactly the claims meant to be in it (CLM01, once each). A file with
 * any error here is not sent and its claims stay ready.
 */
import type { Problem } from '../model/problem.js';
import { read837P } from '../x12/837p-005010x222a1/reader.js';
import { validate837P } from '../x12/837p-005010x222a1/validate.js';
import { IMPLEMENTATION_837P } from '../x12/837p-005010x222a1/writer.js';
import { diagnosticToProblem } from '../x12/syntax/diagnostics.js';
import { parseX12 } from '../x12/syntax/parse.js';
import { element, segmentId } from '../x12/syntax/segment.js';

/** Every problem with a written 837P interchange that should hold the claims `patientControlNumbers`. */
export function check837PFile(text: string, patientControlNumbers: readonly string[]): Problem[] {
  const parsed = parseX12(text);
  const problems: Problem[] = parsed.diagnostics
    .filter((d) => d.severity === 'error')
    .map(diagnosticToProblem);
  const add = (code: string, path: string, message: string): void => {
    problems.push({
      severity: 'error',
      code,
      path,
      message,
      ruleId: 'x12.837p.readback',
      source: 'ASC X12 005010X222A1',
    });
  };
  // Read the file as a receiver would, and check what was read (not what was meant to be written).
  const read = read837P(parsed);
  for (const p of read.problems) if (p.severity === 'error') problems.push(p);
  read.transactions.forEach((tx, i) => {
    for (const p of validate837P(tx, parsed.delimiters, `transactions[${i}]`))
      if (p.severity === 'error') problems.push(p);
  });
  const seen = new Map<string, number>();
  for (const s of parsed.segments) {
    const id = segmentId(s);
    if (id === 'GS' && element(s, 8) !== IMPLEMENTATION_837P)
      add(
        'x12.837p.gs08',
        `GS08 (segment ${s.index})`,
        `GS08 is "${element(s, 8)}", not ${IMPLEMENTATION_837P}.`,
      );
    if (id === 'ST' && (element(s, 1) !== '837' || element(s, 3) !== IMPLEMENTATION_837P)) {
      add(
        'x12.837p.st',
        `ST (segment ${s.index})`,
        `ST01/ST03 are "${element(s, 1)}"/"${element(s, 3)}", not 837/${IMPLEMENTATION_837P}.`,
      );
    }
    if (id === 'CLM') seen.set(element(s, 1), (seen.get(element(s, 1)) ?? 0) + 1);
  }
  for (const pcn of patientControlNumbers) {
    const n = seen.get(pcn) ?? 0;
    if (n !== 1)
      add(
        'x12.837p.claim',
        `CLM01 ${pcn}`,
        `Claim ${pcn} appears ${n} times in the file; it should appear once.`,
      );
  }
  const expected = new Set(patientControlNumbers);
  for (const pcn of seen.keys()) {
    if (!expected.has(pcn))
      add('x12.837p.claim', `CLM01 ${pcn}`, `Claim ${pcn} is in the file but was not meant to be.`);
  }
  return problems;
}
