/**
 * Envelope checks on input (ASC X12.5/X12.6 control structures, 005010): ISA/IEA, GS/GE and ST/SE
 * nesting, counts (SE01 = segments from ST to SE inclusive, GE01 = transaction sets in the group,
 * IEA01 = groups in the interchange) and matching control numbers (ISA13 = IEA02, GS06 = GE02,
 * ST02 = SE02). The tracker is incremental so the streaming readers can use it without keeping the
 * segments: it remembers only the envelope segments and positions.
 */
import { segmentKey, type SegmentCursor } from './cursor.js';
import type { X12Diagnostic } from './diagnostics.js';
import type { Segment } from './segment.js';
import type { TokenizedSegment } from './tokenizer.js';

/** One ST…SE transaction set. */
export interface TransactionEnvelope {
  /** ST01 transaction set identifier code (`835`, `837`, `999`). */
  readonly id: string;
  /** ST02 transaction set control number. */
  readonly controlNumber: string;
  /** ST03 implementation convention reference (`005010X221A1`), '' when absent. */
  readonly implementation: string;
  readonly st: TokenizedSegment;
  se?: TokenizedSegment;
  /** Segment indexes (1-based, file-wide) of ST and of the last segment seen in the set. */
  readonly firstIndex: number;
  lastIndex: number;
  /** Segments counted from ST to SE inclusive (what SE01 should say). */
  segmentCount: number;
}

/** One GS…GE functional group. */
export interface GroupEnvelope {
  /** GS01 functional identifier code (`HP` = 835, `HC` = 837, `FA` = 999). */
  readonly functionalId: string;
  /** GS06 group control number. */
  readonly controlNumber: string;
  /** GS08 version / release / industry identifier (`005010X221A1`). */
  readonly version: string;
  readonly gs: TokenizedSegment;
  ge?: TokenizedSegment;
  readonly transactions: TransactionEnvelope[];
}

/** One ISA…IEA interchange. */
export interface InterchangeEnvelope {
  /** ISA13 interchange control number. */
  readonly controlNumber: string;
  readonly isa: TokenizedSegment;
  iea?: TokenizedSegment;
  readonly groups: GroupEnvelope[];
}

/** The envelope tree of a file, plus transaction sets found outside any envelope. */
export interface EnvelopeTree {
  readonly interchanges: InterchangeEnvelope[];
  /** ST…SE sets with no GS around them (files without envelopes). */
  readonly looseTransactions: TransactionEnvelope[];
}

const K_ISA = segmentKey('ISA');
const K_GS = segmentKey('GS');
const K_ST = segmentKey('ST');
const K_SE = segmentKey('SE');
const K_GE = segmentKey('GE');
const K_IEA = segmentKey('IEA');

const el = (s: Segment, n: number): string => s.elements[n] ?? '';
const trimmed = (s: Segment, n: number): string => (s.elements[n] ?? '').trim();

function isDigits(v: string): boolean {
  if (v.length === 0) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Compares control numbers as numbers when both are digits (000000001 = 1), else as text. */
function sameControl(a: string, b: string): boolean {
  const x = a.trim();
  const y = b.trim();
  if (isDigits(x) && isDigits(y)) return BigInt(x) === BigInt(y);
  return x === y;
}

/** Incremental envelope checker: call `accept` for every segment in order, then `end()`. */
export class EnvelopeTracker {
  readonly diagnostics: X12Diagnostic[] = [];
  readonly tree: EnvelopeTree = { interchanges: [], looseTransactions: [] };
  private interchange: InterchangeEnvelope | undefined;
  private group: GroupEnvelope | undefined;
  private transaction: TransactionEnvelope | undefined;
  private groupControls = new Set<string>();
  private transactionControls = new Set<string>();
  private strayReported = false;
  /** Called when a transaction set closes (at SE, or when its trailer is found missing). */
  onTransactionEnd: ((t: TransactionEnvelope) => void) | undefined;

  /** The transaction set open right now (after `accept` of its ST and until its SE). */
  get currentTransaction(): TransactionEnvelope | undefined {
    return this.transaction;
  }

  /** The functional group open right now. */
  get currentGroup(): GroupEnvelope | undefined {
    return this.group;
  }

  private error(level: X12Diagnostic['level'], code: string, message: string, seg: TokenizedSegment | undefined, extra: Partial<X12Diagnostic> = {}): void {
    const pos: Partial<X12Diagnostic> = seg ? { segmentIndex: seg.index, segmentId: el(seg, 0) } : {};
    const t = this.transaction;
    if (t && seg && (level === 'segment' || level === 'element')) {
      this.diagnostics.push({ severity: 'error', level, code, message, ...pos, positionInTransaction: seg.index - t.firstIndex + 1, ...extra });
    } else {
      this.diagnostics.push({ severity: 'error', level, code, message, ...pos, ...extra });
    }
  }

  /**
   * Feeds one segment from a scanner cursor: envelope segments are copied out (they are few), the
   * others are only counted, so this costs nothing per body segment.
   */
  acceptCursor(c: SegmentCursor): void {
    const k = c.key;
    if (k === K_ISA || k === K_GS || k === K_ST || k === K_SE || k === K_GE || k === K_IEA) {
      this.accept(c.materialize());
      return;
    }
    const t = this.transaction;
    if (t) {
      t.segmentCount += 1;
      t.lastIndex = c.index;
    } else {
      this.stray(c.materialize());
    }
  }

  private stray(seg: TokenizedSegment): void {
    if (this.strayReported) return;
    // Only the first stray segment is reported: a missing ST would otherwise flood the list.
    this.strayReported = true;
    this.error('interchange', '022', `Segment ${seg.index} (${el(seg, 0)}) is outside any ST…SE transaction set.`, seg);
  }

  /** Feeds one segment. */
  accept(seg: TokenizedSegment): void {
    const id = el(seg, 0);
    switch (id) {
      case 'ISA':
        this.openInterchange(seg);
        return;
      case 'GS':
        this.openGroup(seg);
        return;
      case 'ST':
        this.openTransaction(seg);
        return;
      case 'SE':
        this.closeTransaction(seg);
        return;
      case 'GE':
        this.closeGroup(seg);
        return;
      case 'IEA':
        this.closeInterchange(seg);
        return;
      default:
        break;
    }
    const t = this.transaction;
    if (t) {
      t.segmentCount += 1;
      t.lastIndex = seg.index;
    } else {
      this.stray(seg);
    }
  }

  /** Closes whatever is still open at the end of the input. */
  end(): EnvelopeTree {
    if (this.transaction) this.endTransactionWithoutTrailer(undefined);
    if (this.group) {
      this.error('group', '3', `Functional group ${this.group.controlNumber} (GS at segment ${this.group.gs.index}) has no GE trailer.`, this.group.gs);
      this.group = undefined;
    }
    if (this.interchange) {
      this.error('interchange', '023', `Interchange ${this.interchange.controlNumber} (ISA at segment ${this.interchange.isa.index}) has no IEA trailer: the file ends early.`, this.interchange.isa);
      this.interchange = undefined;
    }
    return this.tree;
  }

  private openInterchange(seg: TokenizedSegment): void {
    if (this.transaction) this.endTransactionWithoutTrailer(seg);
    if (this.group) {
      this.error('group', '3', `Functional group ${this.group.controlNumber} has no GE trailer before the next ISA (segment ${seg.index}).`, this.group.gs);
      this.group = undefined;
    }
    if (this.interchange) {
      this.error('interchange', '022', `Interchange ${this.interchange.controlNumber} has no IEA trailer before the next ISA (segment ${seg.index}).`, this.interchange.isa);
    }
    const control = el(seg, 13);
    if (!(control.length === 9 && isDigits(control))) {
      this.error('interchange', '018', `ISA13 interchange control number ${JSON.stringify(control)} must be 9 digits.`, seg, { element: 13, value: control });
    }
    if (seg.elements.length !== 17) {
      this.error('interchange', '022', `The ISA has ${seg.elements.length - 1} elements; it must have 16.`, seg);
    }
    const date = el(seg, 9);
    if (!(date.length === 6 && isDigits(date))) this.error('interchange', '014', `ISA09 date ${JSON.stringify(date)} is not YYMMDD.`, seg, { element: 9, value: date });
    const time = el(seg, 10);
    if (!(time.length === 4 && isDigits(time))) this.error('interchange', '015', `ISA10 time ${JSON.stringify(time)} is not HHMM.`, seg, { element: 10, value: time });
    this.interchange = { controlNumber: control, isa: seg, groups: [] };
    this.tree.interchanges.push(this.interchange);
    this.groupControls = new Set();
    this.strayReported = false;
  }

  private openGroup(seg: TokenizedSegment): void {
    if (this.transaction) this.endTransactionWithoutTrailer(seg);
    if (this.group) {
      this.error('group', '3', `Functional group ${this.group.controlNumber} has no GE trailer before the next GS (segment ${seg.index}).`, this.group.gs);
    }
    if (!this.interchange) {
      this.error('interchange', '022', `GS at segment ${seg.index} is not inside an ISA…IEA interchange.`, seg);
    }
    const control = trimmed(seg, 6);
    const group: GroupEnvelope = { functionalId: el(seg, 1), controlNumber: control, version: el(seg, 8), gs: seg, transactions: [] };
    if (!isDigits(control) || control.length > 9) {
      this.error('group', '6', `GS06 group control number ${JSON.stringify(control)} must be 1–9 digits.`, seg, { element: 6, value: control });
    } else if (this.groupControls.has(String(BigInt(control)))) {
      this.error('group', '19', `GS06 group control number ${control} is used twice in this interchange.`, seg, { element: 6, value: control });
    }
    if (isDigits(control)) this.groupControls.add(String(BigInt(control)));
    this.interchange?.groups.push(group);
    this.group = group;
    this.transactionControls = new Set();
  }

  private openTransaction(seg: TokenizedSegment): void {
    if (this.transaction) this.endTransactionWithoutTrailer(seg);
    const id = el(seg, 1);
    const control = el(seg, 2);
    const t: TransactionEnvelope = {
      id,
      controlNumber: control,
      implementation: el(seg, 3),
      st: seg,
      firstIndex: seg.index,
      lastIndex: seg.index,
      segmentCount: 1,
    };
    this.transaction = t;
    if (this.group) this.group.transactions.push(t);
    else {
      this.tree.looseTransactions.push(t);
      this.error('transaction', '18', `Transaction set ${id} ${control} (segment ${seg.index}) is not inside a GS…GE functional group.`, seg);
    }
    if (!(id.length === 3 && isDigits(id))) {
      this.error('transaction', '6', `ST01 transaction set identifier ${JSON.stringify(id)} must be 3 digits.`, seg, { element: 1, value: id });
    }
    if (control.length < 4 || control.length > 9) {
      this.error('transaction', '7', `ST02 control number ${JSON.stringify(control)} must be 4–9 characters.`, seg, { element: 2, value: control });
    } else if (this.transactionControls.has(control)) {
      this.error('transaction', '23', `ST02 control number ${control} is used twice in this functional group.`, seg, { element: 2, value: control });
    }
    this.transactionControls.add(control);
  }

  private endTransactionWithoutTrailer(next: TokenizedSegment | undefined): void {
    const t = this.transaction!;
    const where = next ? `before segment ${next.index} (${el(next, 0)})` : 'at the end of the file';
    this.error('transaction', '2', `Transaction set ${t.id} ${t.controlNumber} (ST at segment ${t.firstIndex}) has no SE trailer ${where}.`, t.st);
    this.transaction = undefined;
    this.onTransactionEnd?.(t);
  }

  private closeTransaction(seg: TokenizedSegment): void {
    const t = this.transaction;
    if (!t) {
      this.error('interchange', '022', `SE at segment ${seg.index} has no matching ST.`, seg);
      return;
    }
    t.segmentCount += 1;
    t.lastIndex = seg.index;
    t.se = seg;
    const declared = el(seg, 1);
    if (!isDigits(declared) || Number(declared) !== t.segmentCount) {
      this.error('transaction', '4', `SE01 says ${JSON.stringify(declared)} segments but transaction set ${t.id} ${t.controlNumber} has ${t.segmentCount} (ST to SE inclusive).`, seg, {
        element: 1,
        value: declared,
      });
    }
    if (el(seg, 2) !== t.controlNumber) {
      this.error('transaction', '3', `SE02 ${JSON.stringify(el(seg, 2))} does not match ST02 ${JSON.stringify(t.controlNumber)}.`, seg, { element: 2, value: el(seg, 2) });
    }
    this.transaction = undefined;
    this.onTransactionEnd?.(t);
  }

  private closeGroup(seg: TokenizedSegment): void {
    if (this.transaction) this.endTransactionWithoutTrailer(seg);
    const g = this.group;
    if (!g) {
      this.error('interchange', '022', `GE at segment ${seg.index} has no matching GS.`, seg);
      return;
    }
    g.ge = seg;
    const declared = el(seg, 1);
    if (!isDigits(declared) || Number(declared) !== g.transactions.length) {
      this.error('group', '5', `GE01 says ${JSON.stringify(declared)} transaction sets but group ${g.controlNumber} has ${g.transactions.length}.`, seg, { element: 1, value: declared });
    }
    if (!sameControl(el(seg, 2), g.controlNumber)) {
      this.error('group', '4', `GE02 ${JSON.stringify(el(seg, 2))} does not match GS06 ${JSON.stringify(g.controlNumber)}.`, seg, { element: 2, value: el(seg, 2) });
    }
    this.group = undefined;
  }

  private closeInterchange(seg: TokenizedSegment): void {
    if (this.transaction) this.endTransactionWithoutTrailer(seg);
    if (this.group) {
      this.error('group', '3', `Functional group ${this.group.controlNumber} has no GE trailer before the IEA (segment ${seg.index}).`, this.group.gs);
      this.group = undefined;
    }
    const x = this.interchange;
    if (!x) {
      this.error('interchange', '022', `IEA at segment ${seg.index} has no matching ISA.`, seg);
      return;
    }
    x.iea = seg;
    const declared = el(seg, 1);
    if (!isDigits(declared) || Number(declared) !== x.groups.length) {
      this.error('interchange', '021', `IEA01 says ${JSON.stringify(declared)} functional groups but interchange ${x.controlNumber} has ${x.groups.length}.`, seg, {
        element: 1,
        value: declared,
      });
    }
    if (!sameControl(el(seg, 2), x.controlNumber)) {
      this.error('interchange', '001', `IEA02 ${JSON.stringify(el(seg, 2))} does not match ISA13 ${JSON.stringify(x.controlNumber)}.`, seg, { element: 2, value: el(seg, 2) });
    }
    this.interchange = undefined;
  }
}

/** Checks the envelopes of a tokenized file in one go. */
export function checkEnvelopes(segments: readonly TokenizedSegment[]): { tree: EnvelopeTree; diagnostics: X12Diagnostic[] } {
  const tracker = new EnvelopeTracker();
  for (const s of segments) tracker.accept(s);
  const tree = tracker.end();
  return { tree, diagnostics: tracker.diagnostics };
}
