/**
 * Positioned X12 diagnostics (GUIDE §10). Every code is the acknowledgment code of its level, so a
 * diagnostic can be written straight into a 999 (IK3/IK4/IK5/AK9) or a TA1:
 * - level `segment`: IK304 Implementation Segment Syntax Error Code (element 620);
 * - level `element`: IK403 Implementation Data Element Syntax Error Code (element 621);
 * - level `transaction`: IK502 Implementation Transaction Set Syntax Error Code (element 618);
 * - level `group`: AK905 Functional Group Syntax Error Code (element 716);
 * - level `interchange`: TA105 Interchange Note Code (element I18).
 * Code lists: ASC X12 005010X231A1 (999) and the X12 element dictionary (elements 620, 621, 618, 716, I18).
 */
import { AppError } from '../../model/errors.js';
import type { Problem } from '../../model/problem.js';

export const DIAGNOSTIC_LEVELS = ['interchange', 'group', 'transaction', 'segment', 'element'] as const;
export type DiagnosticLevel = (typeof DIAGNOSTIC_LEVELS)[number];

/** True when `v` is a diagnostic level. */
export function isDiagnosticLevel(v: unknown): v is DiagnosticLevel {
  return typeof v === 'string' && (DIAGNOSTIC_LEVELS as readonly string[]).includes(v);
}

/** IK304 (element 620): segment syntax error codes, 005010. */
export const SEGMENT_ERROR_CODES = {
  '1': 'Unrecognized segment ID',
  '2': 'Unexpected segment',
  '3': 'Required segment missing',
  '4': 'Loop occurs over maximum times',
  '5': 'Segment exceeds maximum use',
  '6': 'Segment not in defined transaction set',
  '7': 'Segment not in proper sequence',
  '8': 'Segment has data element errors',
  I4: 'Implementation "Not Used" segment present',
  I6: 'Implementation dependent segment missing',
  I7: 'Implementation loop occurs under minimum times',
  I8: 'Implementation segment below minimum use',
  I9: 'Implementation dependent "Not Used" segment present',
} as const;

/** IK403 (element 621): data element syntax error codes, 005010. */
export const ELEMENT_ERROR_CODES = {
  '1': 'Required data element missing',
  '2': 'Conditional required data element missing',
  '3': 'Too many data elements',
  '4': 'Data element too short',
  '5': 'Data element too long',
  '6': 'Invalid character in data element',
  '7': 'Invalid code value',
  '8': 'Invalid date',
  '9': 'Invalid time',
  '10': 'Exclusion condition violated',
  '12': 'Too many repetitions',
  '13': 'Too many components',
  I6: 'Code value not used in implementation',
  I9: 'Implementation dependent data element missing',
  I10: 'Implementation "Not Used" data element present',
  I11: 'Implementation too few repetitions',
  I12: 'Implementation pattern match failure',
  I13: 'Implementation dependent "Not Used" data element present',
} as const;

/** IK502–IK506 (element 618): transaction set syntax error codes, 005010. */
export const TRANSACTION_ERROR_CODES = {
  '1': 'Transaction set not supported',
  '2': 'Transaction set trailer missing',
  '3': 'Transaction set control number in header and trailer do not match',
  '4': 'Number of included segments does not match actual count',
  '5': 'One or more segments in error',
  '6': 'Missing or invalid transaction set identifier',
  '7': 'Missing or invalid transaction set control number',
  '18': 'Transaction set not in functional group',
  '19': 'Invalid transaction set implementation convention reference',
  '23': 'Transaction set control number not unique within the functional group',
  I5: 'Implementation one or more segments in error',
  I6: 'Implementation convention not supported',
} as const;

/** AK905–AK909 (element 716): functional group syntax error codes, 005010. */
export const GROUP_ERROR_CODES = {
  '1': 'Functional group not supported',
  '2': 'Functional group version not supported',
  '3': 'Functional group trailer missing',
  '4': 'Group control number in the functional group header and trailer do not agree',
  '5': 'Number of included transaction sets does not match actual count',
  '6': 'Group control number violates syntax',
  '19': 'Functional group control number not unique within interchange',
} as const;

/** TA105 (element I18): interchange note codes used for envelope problems outside any group. */
export const INTERCHANGE_ERROR_CODES = {
  '001': 'The interchange control number in the header and trailer do not match',
  '004': 'The segment terminator is invalid',
  '014': 'Invalid interchange date value',
  '015': 'Invalid interchange time value',
  '018': 'Invalid interchange control number value',
  '021': 'Invalid number of included groups value',
  '022': 'Invalid control structure',
  '023': 'Improper (premature) end-of-file (transmission)',
  '024': 'Invalid interchange content (e.g., invalid GS segment)',
  '026': 'Invalid data element separator',
  '027': 'Invalid component element separator',
} as const;

export type SegmentErrorCode = keyof typeof SEGMENT_ERROR_CODES;
export type ElementErrorCode = keyof typeof ELEMENT_ERROR_CODES;
export type TransactionErrorCode = keyof typeof TRANSACTION_ERROR_CODES;
export type GroupErrorCode = keyof typeof GROUP_ERROR_CODES;
export type InterchangeErrorCode = keyof typeof INTERCHANGE_ERROR_CODES;

/** One positioned finding. Positions are 1-based; absent fields are unknown or not applicable. */
export interface X12Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly level: DiagnosticLevel;
  /** The acknowledgment code of `level` (IK304, IK403, IK502, AK905 or TA105 value). */
  readonly code: string;
  /** Plain-language explanation with the specifics (values found and expected). */
  readonly message: string;
  /** 1-based index of the segment in the file (all interchanges counted together). */
  readonly segmentIndex?: number;
  readonly segmentId?: string;
  /** 1-based position of the segment in its transaction set, ST = 1 (IK302). */
  readonly positionInTransaction?: number;
  /** Element position in the segment (IK401-1). */
  readonly element?: number;
  /** Component position in a composite (IK401-2). */
  readonly component?: number;
  /** Repetition number of a repeating element (IK401-3). */
  readonly repetition?: number;
  /** Data element reference number (IK402), when known. */
  readonly elementReference?: string;
  /** Loop identifier (IK303), e.g. `2100`, when known. */
  readonly loop?: string;
  /** Copy of the bad data element (IK404), when useful. */
  readonly value?: string;
}

/** The standard description of a diagnostic's code at its level. */
export function describeCode(level: DiagnosticLevel, code: string): string {
  const table: Readonly<Record<string, string>> =
    level === 'segment'
      ? SEGMENT_ERROR_CODES
      : level === 'element'
        ? ELEMENT_ERROR_CODES
        : level === 'transaction'
          ? TRANSACTION_ERROR_CODES
          : level === 'group'
            ? GROUP_ERROR_CODES
            : INTERCHANGE_ERROR_CODES;
  return table[code] ?? `code ${code}`;
}

/** Where a diagnostic points, in words: `segment 14 (CLP) element 3 component 2, loop 2100`. */
export function diagnosticPath(d: X12Diagnostic): string {
  const parts: string[] = [];
  if (d.segmentIndex !== undefined) parts.push(`segment ${d.segmentIndex}${d.segmentId ? ` (${d.segmentId})` : ''}`);
  else if (d.segmentId) parts.push(`segment ${d.segmentId}`);
  if (d.element !== undefined) parts.push(`element ${d.element}`);
  if (d.component !== undefined) parts.push(`component ${d.component}`);
  if (d.repetition !== undefined) parts.push(`repetition ${d.repetition}`);
  let path = parts.join(' ');
  if (d.loop) path += `${path ? ', ' : ''}loop ${d.loop}`;
  return path;
}

const ACK_SEGMENT: Readonly<Record<DiagnosticLevel, string>> = {
  interchange: 'TA105',
  group: 'AK905',
  transaction: 'IK502',
  segment: 'IK304',
  element: 'IK403',
};

/** The diagnostic as a Problem (GUIDE §1) for the CLI and the API: code `x12.<level>.<code>`. */
export function diagnosticToProblem(d: X12Diagnostic): Problem {
  const path = diagnosticPath(d);
  return {
    severity: d.severity,
    code: `x12.${d.level}.${d.code}`,
    message: d.message,
    ...(path ? { path } : {}),
    ruleId: `x12.${ACK_SEGMENT[d.level]}`,
    source: `ASC X12 005010X231A1 ${ACK_SEGMENT[d.level]} ${d.code}: ${describeCode(d.level, d.code)}`,
  };
}

/** True when any diagnostic is an error. */
export function hasErrorDiagnostics(diagnostics: readonly X12Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Thrown by strict mode: carries every diagnostic (as data and as Problems). */
export class X12SyntaxError extends AppError {
  readonly diagnostics: readonly X12Diagnostic[];

  constructor(diagnostics: readonly X12Diagnostic[], what = 'The X12 file') {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const first = errors[0] ?? diagnostics[0];
    const summary = first ? `${diagnosticPath(first) || 'file'}: ${first.message}` : 'unknown problem';
    super('bad_input', `${what} has ${errors.length} error(s); first: ${summary}`, diagnostics.map(diagnosticToProblem));
    this.name = 'X12SyntaxError';
    this.diagnostics = diagnostics;
  }
}

/** Strict mode: throws an X12SyntaxError when any diagnostic is an error. */
export function throwIfErrors(diagnostics: readonly X12Diagnostic[], what?: string): void {
  if (hasErrorDiagnostics(diagnostics)) throw new X12SyntaxError(diagnostics, what);
}
