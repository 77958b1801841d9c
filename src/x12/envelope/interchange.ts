/**
 * Outbound envelopes: ISA/IEA, GS/GE and ST/SE around transaction-set bodies, with every count
 * computed here (SE01, GE01, IEA01) so that they are always right, and control numbers taken from a
 * {@link ControlNumberSource}. ISA is fixed width (X12.5: 106 characters including the terminator), so
 * ISA02/04 are 10 characters and ISA06/08 15 characters, space-padded.
 *
 *   ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*RECEIVER       *260127*1200*^*00501*000000001*0*T*:~
 */
import type { Problem } from '../../model/problem.js';
import { AppError } from '../../model/errors.js';
import { DEFAULT_DELIMITERS, type Delimiters, type Segment } from '../syntax/segment.js';
import {
  type ControlNumberSource,
  formatInterchangeControlNumber,
  formatTransactionSetControlNumber,
  isValidControlNumber,
} from './control-numbers.js';
import { SegmentListSink, TextSink, type RenderedBody, type SegmentSink } from './segment-builder.js';

/** ISA15: T test data, P production data. */
export const USAGE_INDICATORS = ['T', 'P'] as const;
export type UsageIndicator = (typeof USAGE_INDICATORS)[number];

/**
 * ISA05/ISA07 interchange ID qualifiers (X12.5 DE I05): 01 DUNS, 14 DUNS+suffix, 20 HIN, 27 carrier ID
 * (HCFA), 28 fiscal intermediary (HCFA), 29 Medicare provider/supplier, 30 US federal tax ID, 33 NAIC,
 * ZZ mutually defined.
 */
export const INTERCHANGE_ID_QUALIFIERS = ['01', '14', '20', '27', '28', '29', '30', '33', 'ZZ'] as const;
export type InterchangeIdQualifier = (typeof INTERCHANGE_ID_QUALIFIERS)[number];

/** True when `q` is an ISA05/ISA07 qualifier we write. */
export function isInterchangeIdQualifier(q: string): q is InterchangeIdQualifier {
  return (INTERCHANGE_ID_QUALIFIERS as readonly string[]).includes(q);
}

/** One side of the interchange. */
export interface InterchangeParty {
  /** ISA05 / ISA07. */
  readonly qualifier: InterchangeIdQualifier;
  /** ISA06 / ISA08: up to 15 characters (padded with spaces on output). */
  readonly id: string;
  /** GS02 / GS03 application sender/receiver code; defaults to `id`. */
  readonly applicationCode?: string;
}

export interface InterchangeOptions {
  readonly sender: InterchangeParty;
  readonly receiver: InterchangeParty;
  /** ISA15. */
  readonly usage: UsageIndicator;
  /** When the file is made, `YYYY-MM-DD` (ISA09 YYMMDD, GS04 CCYYMMDD). */
  readonly date: string;
  /** When the file is made, `HHMM` 24-hour (ISA10, GS05). */
  readonly time: string;
  /** ISA14: ask the receiver for a TA1. Default false. */
  readonly acknowledgmentRequested?: boolean;
  /** Default `* : ^ ~`. */
  readonly delimiters?: Delimiters;
}

/**
 * The body of one transaction set: the segments between ST and SE, given as a list or as a function
 * that writes them into the sink (the fast path, no Segment objects).
 */
export type TransactionSetContent = {
  /** ST01, e.g. `837`. */
  readonly transactionSetId: string;
  /** ST03 implementation convention reference, e.g. `005010X222A1`. */
  readonly implementationReference: string;
} & (
  | { readonly segments: readonly Segment[] }
  | { readonly write: (sink: SegmentSink) => void }
  /** Pre-rendered with the interchange's delimiters and line break (text output only). */
  | { readonly rendered: RenderedBody }
);

/** One functional group: all its sets share GS01 and GS08. */
export interface FunctionalGroupContent {
  /** GS01 functional identifier: HC 837, HS 270, HR 276, FA 999. */
  readonly functionalIdentifierCode: string;
  /** GS08 version/release/industry identifier, e.g. `005010X222A1`. */
  readonly versionCode: string;
  readonly transactionSets: readonly TransactionSetContent[];
}

/** The control numbers an interchange used. */
export interface InterchangeControlNumbers {
  readonly delimiters: Delimiters;
  readonly interchangeControlNumber: number;
  readonly groupControlNumbers: readonly number[];
  /** Per group, the ST02 numbers in order. */
  readonly transactionSetControlNumbers: readonly (readonly number[])[];
}

export interface BuiltInterchange extends InterchangeControlNumbers {
  readonly segments: Segment[];
}

export interface RenderedInterchange extends InterchangeControlNumbers {
  readonly text: string;
}

/** Checks the options before anything is written; returns every problem found. */
export function checkInterchangeOptions(options: InterchangeOptions): Problem[] {
  const problems: Problem[] = [];
  const d = options.delimiters ?? DEFAULT_DELIMITERS;
  const delimiterChars = [d.element, d.component, d.repetition, d.segment];
  if (new Set(delimiterChars).size !== 4 || delimiterChars.some((c) => c.length !== 1)) {
    problems.push(
      error(
        'x12.envelope.delimiters',
        'The four delimiters must be single, different characters.',
        'delimiters',
      ),
    );
  }
  if (/[A-Za-z0-9 ]/.test(delimiterChars.join(''))) {
    problems.push(
      error(
        'x12.envelope.delimiters',
        'Delimiters may not be letters, digits or spaces (they could appear in data).',
        'delimiters',
      ),
    );
  }
  for (const side of ['sender', 'receiver'] as const) {
    const party = options[side];
    const qualifier: string = party.qualifier;
    if (!isInterchangeIdQualifier(qualifier)) {
      problems.push(
        error(
          'x12.envelope.qualifier',
          `The ${side} ID qualifier "${qualifier}" is not one of ${INTERCHANGE_ID_QUALIFIERS.join(', ')}.`,
          `${side}.qualifier`,
        ),
      );
    }
    if (party.id.trim() === '' || party.id.length > 15) {
      problems.push(
        error(
          'x12.envelope.id',
          `The ${side} ID must be 1 to 15 characters (ISA${side === 'sender' ? '06' : '08'}); got "${party.id}".`,
          `${side}.id`,
        ),
      );
    }
    const app = party.applicationCode ?? party.id;
    if (app.trim() === '' || app.length > 15) {
      problems.push(
        error(
          'x12.envelope.application-code',
          `The ${side} application code (GS${side === 'sender' ? '02' : '03'}) must be 1 to 15 characters.`,
          `${side}.applicationCode`,
        ),
      );
    }
    for (const text of [party.id, app]) {
      const bad = delimiterChars.find((c) => text.includes(c));
      if (bad !== undefined)
        problems.push(
          error(
            'x12.value.delimiter',
            `The ${side} ID "${text}" contains the delimiter "${bad}".`,
            `${side}.id`,
          ),
        );
    }
  }
  if (!(USAGE_INDICATORS as readonly string[]).includes(options.usage)) {
    problems.push(
      error(
        'x12.envelope.usage',
        `The usage indicator must be T (test) or P (production); got "${options.usage}".`,
        'usage',
      ),
    );
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.date))
    problems.push(
      error('x12.envelope.date', `The file date must be YYYY-MM-DD; got "${options.date}".`, 'date'),
    );
  if (!/^([01]\d|2[0-3])[0-5]\d$/.test(options.time))
    problems.push(
      error('x12.envelope.time', `The file time must be HHMM (24-hour); got "${options.time}".`, 'time'),
    );
  return problems;
}

/**
 * Wraps transaction-set bodies in ST/SE, GS/GE and ISA/IEA as Segment objects. Throws an AppError
 * (validation) listing every problem when the options are not usable or a control number is bad.
 */
export function buildInterchange(
  groups: readonly FunctionalGroupContent[],
  options: InterchangeOptions,
  numbers: ControlNumberSource,
): BuiltInterchange {
  const sink = new SegmentListSink();
  const used = emitInterchange(groups, options, numbers, sink);
  return { ...used, segments: sink.segments };
}

/** Like {@link buildInterchange} but writes text directly (`lineBreak` after every terminator). */
export function renderInterchange(
  groups: readonly FunctionalGroupContent[],
  options: InterchangeOptions,
  numbers: ControlNumberSource,
  lineBreak = '',
): RenderedInterchange {
  const sink = new TextSink(options.delimiters ?? DEFAULT_DELIMITERS, lineBreak);
  const used = emitInterchange(groups, options, numbers, sink);
  return { ...used, text: sink.toString() };
}

/** Writes the whole interchange into `sink`; returns the control numbers used. */
export function emitInterchange(
  groups: readonly FunctionalGroupContent[],
  options: InterchangeOptions,
  numbers: ControlNumberSource,
  sink: SegmentSink,
): InterchangeControlNumbers {
  const problems = checkInterchangeOptions(options);
  if (problems.length > 0)
    throw new AppError('validation', 'The interchange settings are not valid.', problems);
  const d = options.delimiters ?? DEFAULT_DELIMITERS;
  const isa13 = numbers.nextInterchangeControlNumber();
  checkNumber(isa13, 'ISA13');
  const yymmdd = options.date.slice(2, 4) + options.date.slice(5, 7) + options.date.slice(8, 10);
  const ccyymmdd = options.date.slice(0, 4) + options.date.slice(5, 7) + options.date.slice(8, 10);
  const isaControl = formatInterchangeControlNumber(isa13);
  // Added whole, not through add(): ISA keeps every element, fixed width, even when blank.
  sink.addSegment({
    elements: [
      'ISA',
      '00',
      ' '.repeat(10),
      '00',
      ' '.repeat(10),
      options.sender.qualifier,
      options.sender.id.padEnd(15, ' '),
      options.receiver.qualifier,
      options.receiver.id.padEnd(15, ' '),
      yymmdd,
      options.time,
      d.repetition,
      '00501',
      isaControl,
      options.acknowledgmentRequested === true ? '1' : '0',
      options.usage,
      d.component,
    ],
  });
  const groupNumbers: number[] = [];
  const setNumbers: number[][] = [];
  for (const group of groups) {
    const gs06 = numbers.nextGroupControlNumber();
    checkNumber(gs06, 'GS06');
    groupNumbers.push(gs06);
    const stNumbers: number[] = [];
    sink.add(
      'GS',
      group.functionalIdentifierCode,
      options.sender.applicationCode ?? options.sender.id,
      options.receiver.applicationCode ?? options.receiver.id,
      ccyymmdd,
      options.time,
      String(gs06),
      'X',
      group.versionCode,
    );
    for (const set of group.transactionSets) {
      const st02 = numbers.nextTransactionSetControlNumber();
      checkNumber(st02, 'ST02');
      if (stNumbers.includes(st02)) {
        throw new AppError('internal', `The control number source repeated ST02 ${st02} within one group.`);
      }
      stNumbers.push(st02);
      const control = formatTransactionSetControlNumber(st02);
      const before = sink.count;
      sink.add('ST', set.transactionSetId, control, set.implementationReference);
      if ('write' in set) set.write(sink);
      else if ('rendered' in set) {
        if (!(sink instanceof TextSink))
          throw new AppError('internal', 'A pre-rendered transaction set can only be written as text.');
        sink.addRendered(set.rendered);
      } else for (const s of set.segments) sink.addSegment(s);
      // SE01 counts every segment of the set, ST and SE included.
      sink.add('SE', String(sink.count - before + 1), control);
    }
    setNumbers.push(stNumbers);
    sink.add('GE', String(group.transactionSets.length), String(gs06));
  }
  sink.add('IEA', String(groups.length), isaControl);
  return {
    delimiters: d,
    interchangeControlNumber: isa13,
    groupControlNumbers: groupNumbers,
    transactionSetControlNumbers: setNumbers,
  };
}

function checkNumber(n: number, where: string): void {
  if (!isValidControlNumber(n)) {
    throw new AppError(
      'internal',
      `The control number source gave ${n} for ${where}; it must be 1 to 999999999.`,
    );
  }
}

function error(code: string, message: string, path: string): Problem {
  return { severity: 'error', code, message, path };
}
