/**
 * 999 writer: acknowledges a file Superbill received (ASC X12 005010X231A1). One AK1…AK9 per
 * functional group, one AK2…IK5 per transaction set; IK3/IK4 come from the positioned diagnostics
 * (their codes already are IK304/IK403 values), IK502 and AK905 from the transaction and group
 * diagnostics. Interchange-level problems belong in a TA1, not a 999, and are left out.
 */
import type { X12Diagnostic } from '../syntax/diagnostics.js';
import type { GroupEnvelope, TransactionEnvelope } from '../syntax/envelopes.js';
import type { ParsedX12 } from '../syntax/parse.js';
import { DEFAULT_DELIMITERS, type Delimiters, type Segment } from '../syntax/segment.js';
import { serializeSegments } from '../syntax/writer.js';

/** Envelope values for the 999 we send back. */
export interface Build999Options {
  /** ISA13 / GS06 / ST02 control numbers (default 1 each). */
  readonly interchangeControlNumber?: number;
  readonly groupControlNumber?: number;
  readonly transactionControlNumber?: number;
  /** When the 999 is created (default now); only the date and time are used. */
  readonly now?: Date;
  /** ISA15 usage indicator (default: the received file's, else P). */
  readonly usage?: 'P' | 'T';
  readonly delimiters?: Delimiters;
  /** Line break after each segment (default '\n'). */
  readonly lineBreak?: string;
}

/** The 999 as text plus the overall result. */
export interface Built999 {
  readonly text: string;
  readonly segments: readonly Segment[];
  /** AK901 of every group. */
  readonly groupCodes: readonly string[];
}

const FUNCTIONAL_IDS: Readonly<Record<string, string>> = { '835': 'HP', '837': 'HC', '270': 'HS', '271': 'HB', '276': 'HR', '277': 'HN', '999': 'FA', '278': 'HI', '834': 'BE', '820': 'RA' };

/** Removes delimiter characters from copied data (IK404, AK1/AK2 values) so the 999 stays parseable. */
function clean(v: string, d: Delimiters): string {
  let out = '';
  for (const ch of v) if (ch !== d.element && ch !== d.component && ch !== d.repetition && ch !== d.segment && ch !== '\n' && ch !== '\r') out += ch;
  return out.slice(0, 99);
}

function pad(v: string, n: number): string {
  return v.length >= n ? v.slice(0, n) : v + ' '.repeat(n - v.length);
}

function inTransaction(d: X12Diagnostic, t: TransactionEnvelope): boolean {
  if (d.segmentIndex === undefined) return false;
  const last = t.se?.index ?? t.lastIndex;
  return d.segmentIndex >= t.firstIndex && d.segmentIndex <= last;
}

/** Builds the AK2…IK5 segments for one transaction set; returns them and the IK501 code. */
function transactionResponse(t: TransactionEnvelope, diagnostics: readonly X12Diagnostic[], d: Delimiters): { segments: Segment[]; code: string } {
  const mine = diagnostics.filter((x) => inTransaction(x, t));
  const segments: Segment[] = [];
  const ak2 = ['AK2', clean(t.id, d), clean(t.controlNumber, d)];
  if (t.implementation) ak2.push(clean(t.implementation, d));
  segments.push({ elements: ak2 });
  // Group segment and element findings by the segment they point at, in file order.
  const bySegment = new Map<number, X12Diagnostic[]>();
  for (const x of mine) {
    if (x.level !== 'segment' && x.level !== 'element') continue;
    const list = bySegment.get(x.segmentIndex!) ?? [];
    list.push(x);
    bySegment.set(x.segmentIndex!, list);
  }
  let errors = 0;
  let warnings = 0;
  for (const [index, list] of [...bySegment.entries()].sort((a, b) => a[0] - b[0])) {
    const first = list[0]!;
    const segCodes = list.filter((x) => x.level === 'segment');
    const elemCodes = list.filter((x) => x.level === 'element');
    const position = index - t.firstIndex + 1;
    const loop = first.loop ? clean(first.loop, d).slice(0, 4) : '';
    const id = clean(first.segmentId ?? '', d).slice(0, 3);
    const ik3Codes = segCodes.length > 0 ? segCodes.map((x) => x.code) : ['8'];
    for (const [i, code] of ik3Codes.entries()) {
      segments.push({ elements: ['IK3', id, String(position), loop, code] });
      if (i > 0) continue;
      for (const e of elemCodes) {
        let pos = String(e.element ?? 1);
        if (e.component !== undefined || e.repetition !== undefined) pos += `${d.component}${e.component ?? ''}`;
        if (e.repetition !== undefined) pos += `${d.component}${e.repetition}`;
        const ik4 = ['IK4', pos, e.elementReference ?? '', e.code];
        // IK404 copy of the bad element: not for "missing" (there is nothing to copy).
        if (e.value !== undefined && e.value !== '' && e.code !== '1' && e.code !== '2') ik4.push(clean(e.value, d));
        segments.push({ elements: ik4 });
      }
    }
    for (const x of list) {
      if (x.severity === 'error') errors++;
      else warnings++;
    }
  }
  const txCodes = [...new Set(mine.filter((x) => x.level === 'transaction' && x.severity === 'error').map((x) => x.code))];
  if (errors > 0 && !txCodes.includes('5')) txCodes.push('5');
  const code = txCodes.length > 0 ? 'R' : warnings > 0 ? 'E' : 'A';
  segments.push({ elements: ['IK5', code, ...txCodes.slice(0, 5)] });
  return { segments, code };
}

function groupResponse(g: GroupEnvelope, diagnostics: readonly X12Diagnostic[], d: Delimiters): { segments: Segment[]; code: string } {
  const segments: Segment[] = [];
  const ak1 = ['AK1', clean(g.functionalId, d), clean(g.controlNumber, d)];
  if (g.version) ak1.push(clean(g.version, d));
  segments.push({ elements: ak1 });
  let accepted = 0;
  for (const t of g.transactions) {
    const r = transactionResponse(t, diagnostics, d);
    segments.push(...r.segments);
    if (r.code === 'A' || r.code === 'E') accepted++;
  }
  const groupIndexes = new Set([g.gs.index, g.ge?.index]);
  const groupCodes = [
    ...new Set(diagnostics.filter((x) => x.level === 'group' && x.severity === 'error' && groupIndexes.has(x.segmentIndex)).map((x) => x.code)),
  ];
  const received = g.transactions.length;
  const declared = g.ge && /^\d+$/.test(g.ge.elements[1] ?? '') ? Number(g.ge.elements[1]) : received;
  let code: string;
  if (received > 0 && accepted === 0) code = 'R';
  else if (accepted < received) code = 'P';
  else if (groupCodes.length > 0) code = 'E';
  else code = 'A';
  if (received === 0) code = 'R';
  segments.push({ elements: ['AK9', code, String(declared), String(received), String(accepted), ...groupCodes.slice(0, 5)] });
  return { segments, code };
}

/** Builds a 999 acknowledging every functional group of a received file. */
export function build999(
  parsed: Pick<ParsedX12, 'envelopes' | 'diagnostics'>,
  diagnostics: readonly X12Diagnostic[] = parsed.diagnostics,
  options: Build999Options = {},
): Built999 {
  const d = options.delimiters ?? DEFAULT_DELIMITERS;
  const now = options.now ?? new Date();
  const iso = now.toISOString();
  const ccyymmdd = iso.slice(0, 10).replaceAll('-', '');
  const hhmm = iso.slice(11, 16).replace(':', '');
  const firstIx = parsed.envelopes.interchanges[0];
  const isa = firstIx?.isa.elements ?? [];
  const groups: GroupEnvelope[] = parsed.envelopes.interchanges.flatMap((x) => x.groups);
  // Transaction sets without a GS around them are acknowledged in a group of their own.
  if (parsed.envelopes.looseTransactions.length > 0) {
    const firstLoose = parsed.envelopes.looseTransactions[0]!;
    groups.push({ functionalId: FUNCTIONAL_IDS[firstLoose.id] ?? '', controlNumber: '0', version: firstLoose.implementation, gs: firstLoose.st, transactions: parsed.envelopes.looseTransactions });
  }
  const body: Segment[] = [];
  const groupCodes: string[] = [];
  for (const g of groups) {
    const r = groupResponse(g, diagnostics, d);
    body.push(...r.segments);
    groupCodes.push(r.code);
  }
  const st = String(options.transactionControlNumber ?? 1).padStart(4, '0');
  const gsControl = String(options.groupControlNumber ?? 1);
  const isaControl = String(options.interchangeControlNumber ?? 1).padStart(9, '0');
  const firstGs = groups[0]?.gs.elements ?? [];
  // We answer the sender: sender and receiver swap places (ISA05/06 ↔ ISA07/08, GS02 ↔ GS03).
  const segments: Segment[] = [
    {
      elements: [
        'ISA', '00', pad('', 10), '00', pad('', 10),
        pad(isa[7]?.trim() || 'ZZ', 2), pad(isa[8]?.trim() ?? 'SUPERBILL', 15),
        pad(isa[5]?.trim() || 'ZZ', 2), pad(isa[6]?.trim() ?? 'UNKNOWN', 15),
        ccyymmdd.slice(2), hhmm, d.repetition, '00501', isaControl, '0',
        options.usage ?? (isa[15] === 'T' ? 'T' : 'P'), d.component,
      ],
    },
    { elements: ['GS', 'FA', clean(firstGs[3] ?? 'SUPERBILL', d) || 'SUPERBILL', clean(firstGs[2] ?? 'UNKNOWN', d) || 'UNKNOWN', ccyymmdd, hhmm, gsControl, 'X', '005010X231A1'] },
    { elements: ['ST', '999', st, '005010X231A1'] },
    ...body,
  ];
  segments.push({ elements: ['SE', String(body.length + 2), st] });
  segments.push({ elements: ['GE', '1', gsControl] });
  segments.push({ elements: ['IEA', '1', isaControl] });
  return { text: serializeSegments(segments, d, { lineBreak: options.lineBreak ?? '\n' }), segments, groupCodes };
}
