/**
 * A value that contains one of the interchange's delimiters would split an element or a segment in
 * two (X12.6 §3.3: delimiters may not appear in data). The outbound writers check every text value of
 * their model before writing and report each offender as a problem instead of writing a broken file.
 */
import type { Problem } from '../../model/problem.js';
import type { Delimiters } from '../syntax/segment.js';

const cache = new Map<string, RegExp>();

/** One regular expression that finds any delimiter or line break (cached per delimiter set). */
function forbidden(d: Delimiters): RegExp {
  const key = d.element + d.component + d.repetition + d.segment;
  let re = cache.get(key);
  if (!re) {
    const chars = [d.element, d.component, d.repetition, d.segment, '\r', '\n']
      .filter((c) => c !== '')
      .map((c) => c.replace(/[\\\]^-]/g, '\\$&'));
    re = new RegExp(`[${chars.join('')}]`);
    cache.set(key, re);
  }
  return re;
}

/** True when a text contains one of the delimiters or a line break. */
export type DelimiterScan = (text: string | undefined) => boolean;

/**
 * A fast test for one delimiter set (a character loop, no regular expression), for writers that
 * check their own model field by field before falling back to {@link checkDelimitersInText} for the
 * exact problems. Undefined when a delimiter is not a single character (only the general walk
 * handles that).
 */
export function delimiterScan(d: Delimiters): DelimiterScan | undefined {
  if (
    d.element.length !== 1 ||
    d.component.length !== 1 ||
    d.repetition.length !== 1 ||
    d.segment.length !== 1
  )
    return undefined;
  // One table lookup per character (ASCII), a list for any delimiter above it.
  const ascii = new Uint8Array(128);
  const other: number[] = [];
  for (const c of [d.element, d.component, d.repetition, d.segment, '\r', '\n']) {
    const code = c.charCodeAt(0);
    if (code < 128) ascii[code] = 1;
    else other.push(code);
  }
  return (text) => {
    if (text === undefined) return false;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch < 128 ? ascii[ch] === 1 : other.includes(ch)) return true;
    }
    return false;
  };
}

/** Collects a problem for every string in `value` (walked deeply) that contains a delimiter. */
export function checkDelimitersInText(
  value: unknown,
  delimiters: Delimiters,
  path: string,
  problems: Problem[],
): void {
  // The path is kept as a stack and only joined into text when a value is reported.
  walk(value, path === '' ? [] : [path], forbidden(delimiters), problems);
}

function join(stack: readonly (string | number)[]): string {
  let out = '';
  for (const part of stack) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out;
}

function walk(value: unknown, stack: (string | number)[], re: RegExp, problems: Problem[]): void {
  if (typeof value === 'string') {
    if (re.test(value)) report(value, join(stack), re, problems);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === 'string' ? re.test(v) : typeof v === 'object' && v !== null) {
        stack.push(i);
        walk(v, stack, re, problems);
        stack.pop();
      }
    }
    return;
  }
  const record = value as Record<string, unknown>;
  for (const k in record) {
    const v = record[k];
    if (typeof v === 'string' ? re.test(v) : typeof v === 'object' && v !== null) {
      stack.push(k);
      walk(v, stack, re, problems);
      stack.pop();
    }
  }
}

function report(value: string, path: string, re: RegExp, problems: Problem[]): void {
  if (/[\r\n]/.test(value)) {
    problems.push({
      severity: 'error',
      code: 'x12.value.line-break',
      message: `The text "${value.replace(/[\r\n]+/g, ' ')}" contains a line break, which is not allowed inside an X12 element.`,
      path,
    });
    return;
  }
  const c = re.exec(value)?.[0] ?? '?';
  problems.push({
    severity: 'error',
    code: 'x12.value.delimiter',
    message: `The text "${value}" contains "${c}", which this file uses as a delimiter; it would break the segment.`,
    path,
    fix: `Remove or replace "${c}" in this value.`,
  });
}
