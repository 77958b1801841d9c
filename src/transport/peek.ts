/**
 * A cheap look at the envelope of a received file (ISA, then TA1 or GS and the first ST) to file it
 * under the right type before any full parse: 999, 277CA, 277, 835, TA1, other X12, or unreadable.
 * Only the first few kilobytes are read, and only envelope elements are returned (never claim data).
 */
import type { UsageIndicator } from './profile.js';
import { isUsageIndicator } from './profile.js';

/** Response types a clearinghouse inbound directory holds. */
export const RESPONSE_TYPES = ['999', '277CA', '277', '835', 'TA1', 'other', 'unreadable'] as const;
export type ResponseType = (typeof RESPONSE_TYPES)[number];

/** True when `value` is a response type. */
export function isResponseType(value: string): value is ResponseType {
  return (RESPONSE_TYPES as readonly string[]).includes(value);
}

/** Envelope facts from the start of a file. Text fields are trimmed; '' when absent. */
export interface EnvelopePeek {
  readonly type: ResponseType;
  /** ISA05/ISA06: the sender of the file. */
  readonly senderQualifier: string;
  readonly senderId: string;
  /** ISA07/ISA08. */
  readonly receiverQualifier: string;
  readonly receiverId: string;
  /** ISA13 interchange control number. */
  readonly interchangeControlNumber: string;
  /** ISA15, when it is T or P. */
  readonly usage: UsageIndicator | undefined;
  /** GS01 functional identifier code (FA for 999, HN for 277, HP for 835). */
  readonly functionalId: string;
  /** GS08 version / implementation guide (`005010X231A1`). */
  readonly version: string;
  /** ST01 of the first transaction set. */
  readonly transactionSetId: string;
  /** Why the file was classed `unreadable`, in plain words. */
  readonly reason?: string;
}

/** How many bytes the peek looks at: ISA (106) + GS + ST fit many times over. */
const PEEK_BYTES = 4096;

/** Reads the envelope at the start of `content` and classifies the file. Never throws. */
export function peekEnvelope(content: Uint8Array): EnvelopePeek {
  let text = Buffer.from(
    content.buffer,
    content.byteOffset,
    Math.min(content.byteLength, PEEK_BYTES),
  ).toString('latin1');
  // A UTF-8 byte-order mark (read as latin1: ï»¿) and leading whitespace are tolerated before the ISA.
  if (text.startsWith('\u00ef\u00bb\u00bf')) text = text.slice(3);
  text = text.replace(/^\s+/, '');
  const empty = {
    senderQualifier: '',
    senderId: '',
    receiverQualifier: '',
    receiverId: '',
    interchangeControlNumber: '',
    usage: undefined,
    functionalId: '',
    version: '',
    transactionSetId: '',
  };
  if (!text.startsWith('ISA') || text.length < 106) {
    return { ...empty, type: 'unreadable', reason: 'the file does not start with an ISA interchange header' };
  }
  // X12 005010 ISA: the 4th character is the element separator; the ISA is fixed-width, so ISA16
  // (component separator) is character 105 and the segment terminator character 106.
  const elementSep = text.charAt(3);
  const segmentTerm = text.charAt(105);
  if (/[A-Za-z0-9 ]/.test(elementSep) || elementSep === segmentTerm) {
    return { ...empty, type: 'unreadable', reason: 'the ISA header does not have valid delimiters' };
  }
  const segments = text
    .split(segmentTerm)
    .map((s) => s.replace(/^[\r\n]+|[\r\n]+$/g, ''))
    .filter((s) => s !== '')
    .slice(0, 4)
    .map((s) => s.split(elementSep));
  const isa = segments[0] ?? [];
  const el = (seg: readonly string[] | undefined, n: number): string => (seg?.[n] ?? '').trim();
  const usage = el(isa, 15);
  const base = {
    senderQualifier: el(isa, 5),
    senderId: el(isa, 6),
    receiverQualifier: el(isa, 7),
    receiverId: el(isa, 8),
    interchangeControlNumber: el(isa, 13),
    usage: isUsageIndicator(usage) ? usage : undefined,
  };
  const second = segments[1];
  if (el(second, 0) === 'TA1') {
    return { ...base, functionalId: '', version: '', transactionSetId: '', type: 'TA1' };
  }
  const gs = el(second, 0) === 'GS' ? second : undefined;
  const st = el(segments[2], 0) === 'ST' ? segments[2] : undefined;
  const functionalId = el(gs, 1);
  const version = el(gs, 8);
  const transactionSetId = el(st, 1);
  const stVersion = el(st, 3);
  const info = { ...base, functionalId, version, transactionSetId };
  if (!gs || !st) return { ...info, type: 'unreadable', reason: 'no GS/ST after the ISA header' };
  return { ...info, type: classify(transactionSetId, version, stVersion) };
}

/** ST01 decides the type; a 277 is a 277CA when its guide is 005010X214 (GS08 or ST03). */
function classify(st01: string, gs08: string, st03: string): ResponseType {
  switch (st01) {
    case '999':
      return '999';
    case '835':
      return '835';
    case '277':
      return gs08.includes('X214') || st03.includes('X214') ? '277CA' : '277';
    default:
      return 'other';
  }
}
