/**
 * 999 reader (ASC X12 005010X231A1): tells per transaction set whether the payer or clearinghouse
 * accepted it, accepted it with errors or rejected it, and why. Structure per the TR3: ST, AK1,
 * loop 2000 (AK2, loop 2100 (IK3, CTX, loop 2110 (IK4, CTX)), IK5), AK9, SE.
 */
import {
  describeCode,
  X12SyntaxError,
  type X12Diagnostic,
} from '../syntax/diagnostics.js';
import { parseX12, sortDiagnostics, type ParsedX12 } from '../syntax/parse.js';
import type { Segment } from '../syntax/segment.js';
import type { TokenizedSegment } from '../syntax/tokenizer.js';
import {
  ackStatus,
  GROUP_ACK_CODES,
  TRANSACTION_ACK_CODES,
  type Ack999,
  type DescribedCode,
  type ElementError,
  type GroupAck,
  type SegmentError,
  type TransactionAck,
} from './model.js';

/** Lenient (default) or strict reading. */
export interface Read999Options {
  readonly strict?: boolean;
}

/** What a 999 file says. */
export interface Read999Result {
  readonly acknowledgments: Ack999[];
  readonly diagnostics: X12Diagnostic[];
  readonly parsed: ParsedX12;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const el = (s: Segment, n: number): string => s.elements[n] ?? '';

function described(level: 'transaction' | 'group' | 'segment' | 'element', code: string): DescribedCode {
  return { code, description: describeCode(level, code) };
}

function positiveInt(v: string): number | undefined {
  if (!/^\d{1,10}$/.test(v)) return undefined;
  const n = Number(v);
  return n > 0 ? n : undefined;
}

/** Reads the 999 transaction sets of one transaction range. */
class Ack999Parser {
  private group: (Mutable<GroupAck> & { transactions: TransactionAck[] }) | undefined;
  private tx: (Mutable<TransactionAck> & { segmentErrors: SegmentError[]; errors: DescribedCode[] }) | undefined;
  private seg: (Mutable<SegmentError> & { contexts: string[]; elementErrors: ElementError[] }) | undefined;
  private readonly groups: GroupAck[] = [];
  private sawAk9 = false;

  constructor(
    private readonly st: TokenizedSegment,
    private readonly component: string,
    private readonly diagnostics: X12Diagnostic[],
  ) {}

  private error(s: TokenizedSegment, level: 'segment' | 'element', code: string, message: string, element?: number, loop?: string): void {
    this.diagnostics.push({
      severity: 'error',
      level,
      code,
      message,
      segmentIndex: s.index,
      segmentId: el(s, 0),
      positionInTransaction: s.index - this.st.index + 1,
      ...(element !== undefined ? { element, value: el(s, element) } : {}),
      ...(loop ? { loop } : {}),
    });
  }

  private code<T extends Record<string, string>>(s: TokenizedSegment, n: number, table: T, what: string, loop: string): keyof T & string {
    const v = el(s, n);
    if (v === '') this.error(s, 'element', '1', `${el(s, 0)}${String(n).padStart(2, '0')} ${what} is required but empty.`, n, loop);
    else if (!Object.hasOwn(table, v)) this.error(s, 'element', '7', `${el(s, 0)}${String(n).padStart(2, '0')} ${JSON.stringify(v)} is not a valid ${what}.`, n, loop);
    return v;
  }

  accept(s: TokenizedSegment): void {
    switch (el(s, 0)) {
      case 'AK1': {
        if (this.group) {
          this.error(s, 'segment', '5', 'AK1 may appear only once per 999.');
          return;
        }
        this.group = {
          functionalId: el(s, 1).trim(),
          controlNumber: el(s, 2),
          transactions: [],
          status: 'rejected',
          ack: described('group', ''),
          included: 0,
          received: 0,
          accepted: 0,
          errors: [],
        };
        if (el(s, 3) !== '') this.group.version = el(s, 3);
        if (el(s, 1) === '') this.error(s, 'element', '1', 'AK101 functional identifier code is required but empty.', 1);
        if (el(s, 2) === '') this.error(s, 'element', '1', 'AK102 group control number is required but empty.', 2);
        return;
      }
      case 'AK2': {
        if (!this.group) {
          this.error(s, 'segment', '2', 'AK2 must follow AK1.', undefined, '2000');
          return;
        }
        if (this.tx) this.closeTransaction(s, true);
        if (s.elements.length > 4) this.error(s, 'element', '3', `AK2 has ${s.elements.length - 1} elements; at most 3.`, 4, '2000');
        this.tx = {
          transactionSetId: el(s, 1),
          controlNumber: el(s, 2),
          status: 'rejected',
          ack: { code: '', description: '' },
          errors: [],
          segmentErrors: [],
        };
        if (el(s, 3) !== '') this.tx.implementation = el(s, 3);
        return;
      }
      case 'IK3': {
        if (!this.tx) {
          this.error(s, 'segment', '2', 'IK3 must follow an AK2.', undefined, '2100');
          return;
        }
        const position = positiveInt(el(s, 2));
        if (position === undefined) this.error(s, 'element', el(s, 2) === '' ? '1' : '6', 'IK302 segment position must be a positive number.', 2, '2100');
        this.seg = { segmentId: el(s, 1), position: position ?? 0, contexts: [], elementErrors: [] };
        if (el(s, 3) !== '') this.seg.loop = el(s, 3);
        if (el(s, 4) !== '') this.seg.error = described('segment', el(s, 4));
        this.tx.segmentErrors.push(this.seg);
        return;
      }
      case 'IK4': {
        if (!this.seg) {
          this.error(s, 'segment', '2', 'IK4 must follow an IK3.', undefined, '2110');
          return;
        }
        const pos = el(s, 1).split(this.component);
        const position = positiveInt(pos[0] ?? '');
        if (position === undefined) this.error(s, 'element', '1', 'IK401-1 element position must be a positive number.', 1, '2110');
        const e: Mutable<ElementError> = { position: position ?? 0, ...described('element', el(s, 3)) };
        const comp = positiveInt(pos[1] ?? '');
        const rep = positiveInt(pos[2] ?? '');
        if (comp !== undefined) e.component = comp;
        if (rep !== undefined) e.repetition = rep;
        if (el(s, 2) !== '') e.reference = el(s, 2);
        if (el(s, 4) !== '') e.badValue = el(s, 4);
        if (el(s, 3) === '') this.error(s, 'element', '1', 'IK403 element syntax error code is required but empty.', 3, '2110');
        this.seg.elementErrors.push(e);
        return;
      }
      case 'CTX': {
        if (!this.seg) {
          this.error(s, 'segment', '2', 'CTX must follow an IK3 or IK4.');
          return;
        }
        this.seg.contexts.push(s.elements.slice(1).join('*'));
        return;
      }
      case 'IK5': {
        if (!this.tx) {
          this.error(s, 'segment', '2', 'IK5 must close an AK2 loop.', undefined, '2000');
          return;
        }
        const code = this.code(s, 1, TRANSACTION_ACK_CODES, 'transaction set acknowledgment code', '2000');
        this.tx.ack = { code, description: Object.hasOwn(TRANSACTION_ACK_CODES, code) ? TRANSACTION_ACK_CODES[code] : `code ${code}` };
        this.tx.status = ackStatus(code);
        for (let n = 2; n <= 6; n++) if (el(s, n) !== '') this.tx.errors.push(described('transaction', el(s, n)));
        this.closeTransaction(s, false);
        return;
      }
      case 'AK9': {
        if (!this.group) {
          this.error(s, 'segment', '2', 'AK9 must follow AK1.');
          return;
        }
        if (this.tx) this.closeTransaction(s, true);
        this.sawAk9 = true;
        const g = this.group;
        const code = this.code(s, 1, GROUP_ACK_CODES, 'functional group acknowledgment code', '');
        g.ack = { code, description: Object.hasOwn(GROUP_ACK_CODES, code) ? GROUP_ACK_CODES[code] : `code ${code}` };
        g.status = ackStatus(code);
        g.included = Number(el(s, 2)) || 0;
        g.received = Number(el(s, 3)) || 0;
        g.accepted = Number(el(s, 4)) || 0;
        const errs: DescribedCode[] = [];
        for (let n = 5; n <= 9; n++) if (el(s, n) !== '') errs.push(described('group', el(s, n)));
        g.errors = errs;
        this.groups.push(g);
        return;
      }
      default:
        this.error(s, 'segment', '6', `Segment ${el(s, 0)} is not part of the 999 transaction set.`);
    }
  }

  private closeTransaction(at: TokenizedSegment, missingIk5: boolean): void {
    const tx = this.tx!;
    if (missingIk5) this.error(at, 'segment', '3', `The AK2 loop for ${tx.transactionSetId} ${tx.controlNumber} has no IK5 (transaction set response trailer).`, undefined, '2000');
    this.group?.transactions.push(tx);
    this.tx = undefined;
    this.seg = undefined;
  }

  finish(se: TokenizedSegment | undefined): Ack999 {
    const at = se ?? this.st;
    if (this.tx) this.closeTransaction(at, true);
    if (!this.group) this.error(at, 'segment', '3', 'The required AK1 (functional group response header) is missing.');
    else if (!this.sawAk9) {
      this.error(at, 'segment', '3', 'The required AK9 (functional group response trailer) is missing.');
      this.groups.push(this.group);
    }
    return { controlNumber: el(this.st, 2), groups: this.groups, segmentIndex: this.st.index };
  }
}

/** Reads the 999 acknowledgments of a file (text or bytes). */
export function read999(input: string | Uint8Array, options: Read999Options = {}): Read999Result {
  const parsed = parseX12(input);
  const diagnostics: X12Diagnostic[] = [...parsed.diagnostics];
  const acknowledgments: Ack999[] = [];
  const segs = parsed.segments;
  const all = [...parsed.envelopes.interchanges.flatMap((x) => x.groups.flatMap((g) => g.transactions)), ...parsed.envelopes.looseTransactions];
  // Segments are numbered 1…n in file order, so segment i is at array index i − 1.
  for (const t of all) {
    if (t.id !== '999') {
      diagnostics.push({ severity: 'error', level: 'transaction', code: '1', message: `Transaction set ${t.id} ${t.controlNumber} is not a 999.`, segmentIndex: t.firstIndex, segmentId: 'ST' });
      continue;
    }
    const p = new Ack999Parser(t.st, parsed.delimiters.component, diagnostics);
    const last = t.se ? t.se.index - 1 : t.lastIndex;
    for (let i = t.firstIndex + 1; i <= last; i++) {
      const s = segs[i - 1];
      if (s) p.accept(s);
    }
    acknowledgments.push(p.finish(t.se));
  }
  const sorted = sortDiagnostics(diagnostics);
  if (options.strict && sorted.some((d) => d.severity === 'error')) throw new X12SyntaxError(sorted, 'The 999 file');
  return { acknowledgments, diagnostics: sorted, parsed };
}
